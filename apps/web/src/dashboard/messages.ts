/** Messages of the dashboard's work queues and DSO trend. */
export const zhCN = {
  "dashboard.openAlerts": "未处理预警",
  "dashboard.atLeast": "至少 {n} 条",
  "dashboard.toAlerts": "处理预警",
  "dashboard.reviewsDue": "待复核",
  "dashboard.dueSoon": "{n} 天内到期",
  "dashboard.overdueReviews": "已逾期",
  "dashboard.toReviews": "打开复核",
  "dashboard.blockedOrders": "被拦截订单",
  "dashboard.waiting": "等待放行或拒绝",
  "dashboard.toApprovals": "打开额度审批",
  "dashboard.dsoTrend": "DSO 走势（应收账款周转天数）",
  "dashboard.dsoEmpty": "暂无 DSO 走势：近 12 个月没有发票和回款。导入发票与回款后，这里会按月显示。",
  "dashboard.days": "天",
} as const;

export const en: { readonly [K in keyof typeof zhCN]: string } = {
  "dashboard.openAlerts": "Open alerts",
  "dashboard.atLeast": "At least {n}",
  "dashboard.toAlerts": "Work the alerts",
  "dashboard.reviewsDue": "Reviews due",
  "dashboard.dueSoon": "Due within {n} days",
  "dashboard.overdueReviews": "Overdue",
  "dashboard.toReviews": "Open reviews",
  "dashboard.blockedOrders": "Blocked orders",
  "dashboard.waiting": "Waiting for release or rejection",
  "dashboard.toApprovals": "Open approvals",
  "dashboard.dsoTrend": "DSO trend (days sales outstanding)",
  "dashboard.dsoEmpty":
    "No DSO trend yet: it needs the portfolio trend API (/portfolio/trend) and at least a month of invoices and payments.",
  "dashboard.days": "days",
};
