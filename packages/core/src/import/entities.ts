import {
  currencyField,
  customerCodeField,
  type FieldSpec,
  type FieldValue,
  invoiceRefField,
  SEVERITY_VALUES,
} from "./fields.ts";

/** The importable entities, by the word used on the command line. */
export const IMPORT_ENTITIES = [
  "customers",
  "contacts",
  "statements",
  "orders",
  "invoices",
  "payments",
  "credit-notes",
  "disputes",
  "complaints",
  "ratings",
  "events",
  "fx-rates",
  "defaults",
] as const;
export type ImportEntity = (typeof IMPORT_ENTITIES)[number];

export function isImportEntity(word: string): word is ImportEntity {
  return (IMPORT_ENTITIES as readonly string[]).includes(word);
}

/** A check across fields of one row (due date after issue date …). */
export interface RowCheck {
  readonly field: string;
  readonly check: (values: Readonly<Record<string, FieldValue>>) => string | null;
}

export interface EntitySpec {
  readonly entity: ImportEntity;
  /** Table the rows end up in (for messages and the import_runs record). */
  readonly table: string;
  readonly fields: readonly FieldSpec[];
  /**
   * Fields that identify a row for idempotent re-import. For payments the key of a file row is
   * (payment_reference, invoice_number): one payment may be split over several invoices.
   */
  readonly naturalKey: readonly string[];
  readonly checks?: readonly RowCheck[];
}

const text = (name: string, synonyms: string[], required = false): FieldSpec => ({
  name,
  kind: "text",
  required,
  synonyms: [name, name.replace(/_/g, " "), ...synonyms],
});
const date = (name: string, synonyms: string[], required = false): FieldSpec => ({
  name,
  kind: "date",
  required,
  synonyms: [name, name.replace(/_/g, " "), ...synonyms],
});
const amount = (
  name: string,
  synonyms: string[],
  options: { required?: boolean; sign?: "positive" | "non_negative"; currencyField?: string } = {},
): FieldSpec => ({
  name,
  kind: "amount",
  required: options.required ?? false,
  currencyField: options.currencyField ?? "currency",
  ...(options.sign ? { sign: options.sign } : {}),
  synonyms: [name, name.replace(/_/g, " "), ...synonyms],
});

/** ISO date strings compare correctly as strings. */
const notBefore =
  (later: string, earlier: string, label: string) =>
  (v: Readonly<Record<string, FieldValue>>): string | null => {
    const a = v[later];
    const b = v[earlier];
    return typeof a === "string" && typeof b === "string" && a < b ? `${label} (${a} < ${b})` : null;
  };

const customers: EntitySpec = {
  entity: "customers",
  table: "customers",
  naturalKey: ["code"],
  fields: [
    {
      name: "code",
      kind: "text",
      required: true,
      synonyms: ["code", "编码", ...customerCodeField.synonyms],
    },
    text(
      "legal_name",
      [
        "name",
        "company name",
        "customer name",
        "company",
        "客户名称",
        "公司名称",
        "企业名称",
        "客户全称",
        "单位名称",
      ],
      true,
    ),
    {
      name: "other_names",
      kind: "list",
      synonyms: [
        "other names",
        "aliases",
        "former names",
        "short name",
        "曾用名",
        "别名",
        "简称",
        "客户简称",
      ],
    },
    text("industry", ["sector", "行业", "所属行业", "行业分类"]),
    text("region", ["area", "province", "地区", "区域", "所属区域", "省份", "所在地区"]),
    {
      name: "country_code",
      kind: "text",
      default: "CN",
      synonyms: ["country_code", "country", "国家", "国家代码", "国别"],
    },
    date("founded_on", [
      "founded",
      "established",
      "date of incorporation",
      "成立日期",
      "注册日期",
      "成立时间",
    ]),
    amount("registered_capital", ["注册资本", "注册资金"], {
      sign: "non_negative",
      currencyField: "registered_capital_currency",
    }),
    {
      name: "registered_capital_currency",
      kind: "currency",
      synonyms: ["registered_capital_currency", "registered capital currency", "注册资本币种"],
    },
    {
      name: "employees",
      kind: "integer",
      min: 0,
      synonyms: ["employees", "headcount", "员工人数", "人数", "员工数", "职工人数"],
    },
    text("business_scope", ["经营范围"]),
    text("registered_address", ["address", "registered address", "注册地址", "注册地", "公司地址", "地址"]),
    text("phone", ["telephone", "tel", "联系电话", "电话", "公司电话"]),
    text("email", ["e-mail", "mail", "邮箱", "电子邮箱", "电子邮件"]),
    text("bank_name", ["bank", "bank name", "开户行", "开户银行"]),
    {
      name: "bank_accounts",
      kind: "list",
      synonyms: ["bank account", "bank accounts", "bank account number", "银行账号", "银行账户", "对公账号"],
    },
    {
      name: "tier",
      kind: "enum",
      default: "general",
      values: {
        core: ["core", "核心", "核心客户", "重点", "重点客户"],
        general: ["general", "一般", "普通", "一般客户"],
      },
      synonyms: ["tier", "customer tier", "客户分级", "客户级别", "客户层级"],
    },
    {
      name: "company_type",
      kind: "enum",
      default: "private_manufacturer",
      values: {
        public_manufacturer: ["public_manufacturer", "上市制造业", "上市制造企业"],
        private_manufacturer: ["private_manufacturer", "非上市制造业", "制造业", "制造企业"],
        non_manufacturer: ["non_manufacturer", "非制造业", "非制造企业", "服务业"],
      },
      synonyms: ["company_type", "company type", "企业类型", "公司类型"],
    },
    text("sales_owner", [
      "salesperson",
      "sales rep",
      "account manager",
      "销售负责人",
      "业务员",
      "销售员",
      "客户经理",
      "负责人",
    ]),
    text("parent_code", [
      "parent",
      "parent customer code",
      "group code",
      "上级客户编码",
      "母公司编码",
      "集团编码",
      "上级单位编码",
    ]),
    {
      name: "default_currency",
      kind: "currency",
      default: "CNY",
      synonyms: ["default_currency", "default currency", "默认币种", "结算币种"],
    },
    {
      name: "payment_terms_days",
      kind: "integer",
      default: 30,
      min: 0,
      max: 720,
      synonyms: [
        "payment_terms_days",
        "payment terms",
        "terms",
        "credit days",
        "账期",
        "账期天数",
        "信用期",
        "付款期限",
        "信用天数",
      ],
    },
    {
      name: "status",
      kind: "enum",
      default: "active",
      values: {
        prospect: ["prospect", "潜在", "潜在客户"],
        active: ["active", "正常", "活跃", "有效", "启用"],
        inactive: ["inactive", "停用", "不活跃", "冻结"],
        closed: ["closed", "注销", "关闭", "已注销"],
      },
      synonyms: ["status", "customer status", "状态", "客户状态"],
    },
    {
      name: "uscc",
      kind: "identifier",
      identifierType: "uscc",
      synonyms: [
        "uscc",
        "unified social credit code",
        "social credit code",
        "统一社会信用代码",
        "社会信用代码",
        "信用代码",
      ],
    },
    {
      name: "duns",
      kind: "identifier",
      identifierType: "duns",
      synonyms: ["duns", "duns number", "邓白氏编码", "邓白氏码"],
    },
    { name: "lei", kind: "identifier", identifierType: "lei", synonyms: ["lei", "legal entity identifier"] },
    {
      name: "vat",
      kind: "identifier",
      identifierType: "vat",
      synonyms: ["vat", "vat number", "vat id", "增值税号"],
    },
  ],
};

const contacts: EntitySpec = {
  entity: "contacts",
  table: "contacts",
  naturalKey: ["customer_code", "name"],
  fields: [
    customerCodeField,
    text("name", ["contact", "contact name", "联系人", "姓名", "联系人姓名"], true),
    text("title", ["position", "job title", "职务", "职位"]),
    text("phone", ["telephone", "mobile", "电话", "手机", "联系电话", "手机号"]),
    text("email", ["e-mail", "mail", "邮箱", "电子邮件", "电子邮箱"]),
    {
      name: "is_primary",
      kind: "boolean",
      default: false,
      synonyms: ["is_primary", "primary", "主要联系人", "是否主要联系人", "首要联系人"],
    },
  ],
};

const statementLine = (name: string, synonyms: string[]): FieldSpec => amount(name, synonyms);

const statements: EntitySpec = {
  entity: "statements",
  table: "financial_statements",
  naturalKey: ["customer_code", "period_end", "period_months"],
  fields: [
    customerCodeField,
    date("period_end", ["period", "report date", "报告期", "期末日期", "报表日期", "会计期间"], true),
    {
      name: "period_months",
      kind: "integer",
      default: 12,
      min: 1,
      max: 12,
      synonyms: ["period_months", "months", "period months", "期间月数", "月数"],
    },
    {
      name: "audited",
      kind: "boolean",
      default: false,
      synonyms: ["audited", "是否审计", "已审计", "经审计"],
    },
    { ...currencyField(), required: true },
    statementLine("cash", ["cash and equivalents", "货币资金", "现金及现金等价物"]),
    statementLine("receivables", ["accounts receivable", "应收账款"]),
    statementLine("inventory", ["inventories", "存货"]),
    statementLine("current_assets", ["total current assets", "流动资产合计", "流动资产"]),
    statementLine("total_assets", ["assets", "资产总计", "总资产", "资产合计"]),
    statementLine("intangible_assets", ["intangibles", "无形资产"]),
    statementLine("current_liabilities", ["total current liabilities", "流动负债合计", "流动负债"]),
    statementLine("total_liabilities", ["liabilities", "负债合计", "总负债"]),
    statementLine("equity", ["total equity", "所有者权益合计", "股东权益合计", "净资产", "所有者权益"]),
    statementLine("retained_earnings", ["未分配利润", "留存收益"]),
    statementLine("revenue", ["sales", "turnover", "营业收入", "营业总收入", "销售收入"]),
    statementLine("cost_of_sales", ["cost of goods sold", "cogs", "营业成本", "销售成本"]),
    statementLine("ebit", ["operating profit", "息税前利润"]),
    statementLine("interest_expense", ["interest", "利息费用", "利息支出"]),
    statementLine("net_income", ["net profit", "净利润"]),
    statementLine("operating_cash_flow", [
      "经营活动产生的现金流量净额",
      "经营现金流",
      "经营活动现金流量净额",
    ]),
    statementLine("market_value_equity", ["market capitalisation", "market cap", "市值", "股票市值"]),
    text("source", ["来源", "数据来源"]),
  ],
};

const orders: EntitySpec = {
  entity: "orders",
  table: "sales_orders",
  naturalKey: ["order_number"],
  fields: [
    text(
      "order_number",
      ["order no", "order", "sales order", "订单号", "订单编号", "销售订单号", "合同号"],
      true,
    ),
    customerCodeField,
    date("ordered_on", ["order date", "下单日期", "订单日期"], true),
    date("delivery_due", ["delivery date", "due delivery", "交货日期", "交期", "计划交货日期"]),
    currencyField(),
    amount("ordered_amount", ["amount", "order amount", "订单金额", "金额"], {
      required: true,
      sign: "non_negative",
    }),
    {
      ...amount("delivered_amount", ["delivered", "已发货金额", "发货金额"], { sign: "non_negative" }),
      default: 0,
    },
    { ...amount("invoiced_amount", ["invoiced", "已开票金额"], { sign: "non_negative" }), default: 0 },
    {
      name: "status",
      kind: "enum",
      default: "open",
      values: {
        open: ["open", "未发货", "待发货", "开立"],
        partially_delivered: ["partially_delivered", "部分发货"],
        delivered: ["delivered", "已发货"],
        invoiced: ["invoiced", "已开票"],
        closed: ["closed", "已关闭", "关闭", "完成"],
        cancelled: ["cancelled", "canceled", "已取消", "取消", "作废"],
      },
      synonyms: ["status", "order status", "状态", "订单状态"],
    },
  ],
};

const invoices: EntitySpec = {
  entity: "invoices",
  table: "invoices",
  naturalKey: ["invoice_number"],
  fields: [
    invoiceRefField(true),
    customerCodeField,
    text("order_number", ["order no", "订单号", "订单编号", "销售订单号"]),
    date("issued_on", ["invoice date", "issue date", "date", "开票日期", "发票日期"], true),
    date("due_on", ["due date", "due", "到期日", "到期日期", "应收日期", "应收款到期日"], true),
    currencyField(),
    amount(
      "amount",
      ["invoice amount", "total", "gross amount", "金额", "发票金额", "价税合计", "含税金额"],
      {
        required: true,
      },
    ),
    {
      name: "status",
      kind: "enum",
      default: "open",
      values: {
        open: ["open", "未收", "未结清", "未付"],
        paid: ["paid", "已收", "已结清", "已付"],
        written_off: ["written_off", "written off", "核销", "已核销"],
        cancelled: ["cancelled", "canceled", "作废", "已作废", "红冲"],
      },
      synonyms: ["status", "invoice status", "状态", "发票状态"],
    },
  ],
  checks: [{ field: "due_on", check: notBefore("due_on", "issued_on", "due date is before the issue date") }],
};

const payments: EntitySpec = {
  entity: "payments",
  table: "payments",
  naturalKey: ["payment_reference", "invoice_number"],
  fields: [
    text(
      "payment_reference",
      [
        "reference",
        "payment no",
        "payment id",
        "receipt no",
        "回款单号",
        "收款单号",
        "付款编号",
        "回款编号",
        "流水号",
        "银行流水号",
      ],
      true,
    ),
    customerCodeField,
    date(
      "received_on",
      ["payment date", "receipt date", "value date", "回款日期", "收款日期", "到账日期", "付款日期"],
      true,
    ),
    currencyField(),
    amount("amount", ["payment amount", "回款金额", "收款金额", "金额", "核销金额"], {
      required: true,
      sign: "positive",
    }),
    text("method", ["payment method", "付款方式", "收款方式", "结算方式"]),
    invoiceRefField(false),
  ],
};

const creditNotes: EntitySpec = {
  entity: "credit-notes",
  table: "credit_notes",
  naturalKey: ["note_number"],
  fields: [
    text(
      "note_number",
      ["credit note", "credit note no", "credit note number", "红字发票号", "贷项通知单号", "红冲发票号"],
      true,
    ),
    customerCodeField,
    invoiceRefField(false),
    date("issued_on", ["date", "issue date", "开具日期", "开票日期", "日期"], true),
    currencyField(),
    amount("amount", ["金额", "红冲金额"], { required: true, sign: "positive" }),
    text("reason", ["原因", "红冲原因", "备注"]),
  ],
};

const disputes: EntitySpec = {
  entity: "disputes",
  table: "disputes",
  naturalKey: ["reference"],
  fields: [
    text("reference", ["dispute no", "dispute id", "争议编号", "争议单号"], true),
    customerCodeField,
    invoiceRefField(false),
    date("opened_on", ["date", "open date", "发起日期", "争议日期", "日期"], true),
    date("resolved_on", ["resolution date", "解决日期", "关闭日期"]),
    currencyField(),
    amount("amount", ["disputed amount", "争议金额", "金额"], { required: true, sign: "non_negative" }),
    text("reason", ["原因", "争议原因"]),
    {
      name: "status",
      kind: "enum",
      default: "open",
      values: {
        open: ["open", "处理中", "未解决", "待处理"],
        resolved: ["resolved", "已解决"],
        rejected: ["rejected", "已驳回", "驳回"],
      },
      synonyms: ["status", "状态"],
    },
  ],
  checks: [
    { field: "resolved_on", check: notBefore("resolved_on", "opened_on", "resolved before it was opened") },
  ],
};

const complaints: EntitySpec = {
  entity: "complaints",
  table: "complaints",
  naturalKey: ["reference"],
  fields: [
    text("reference", ["complaint no", "complaint id", "投诉编号", "投诉单号"], true),
    customerCodeField,
    date("received_on", ["date", "投诉日期", "受理日期", "日期"], true),
    text("category", ["type", "类别", "投诉类别", "类型"]),
    {
      name: "severity",
      kind: "enum",
      default: "medium",
      values: SEVERITY_VALUES,
      synonyms: ["severity", "严重程度", "等级"],
    },
    text("description", ["details", "描述", "投诉内容", "内容"]),
    date("resolved_on", ["resolution date", "解决日期", "处理完成日期"]),
  ],
};

const ratings: EntitySpec = {
  entity: "ratings",
  table: "external_ratings",
  naturalKey: ["customer_code", "agency", "rated_on"],
  fields: [
    customerCodeField,
    text("agency", ["rating agency", "评级机构"], true),
    text("rating", ["grade", "评级", "信用等级", "评级结果"], true),
    text("outlook", ["展望", "评级展望"]),
    date("rated_on", ["rating date", "date", "评级日期", "日期"], true),
  ],
};

const events: EntitySpec = {
  entity: "events",
  table: "external_events",
  naturalKey: ["source", "reference"],
  fields: [
    customerCodeField,
    text("source", ["来源", "数据来源"], true),
    text("reference", ["case number", "case no", "bulletin id", "案号", "编号", "公告编号"], true),
    {
      name: "type",
      kind: "enum",
      required: true,
      values: {
        lawsuit: ["lawsuit", "诉讼", "涉诉", "法律诉讼"],
        enforcement: ["enforcement", "被执行", "被执行人", "强制执行", "失信被执行人"],
        management_change: ["management_change", "高管变更", "管理层变更"],
        legal_rep_change: ["legal_rep_change", "法定代表人变更", "法人变更"],
        address_change: ["address_change", "地址变更"],
        rating_change: ["rating_change", "评级变动", "评级调整"],
        bankruptcy: ["bankruptcy", "破产", "破产重整"],
        tax_violation: ["tax_violation", "税收违法", "欠税"],
        other: ["other", "其他"],
      },
      synonyms: ["type", "event type", "事件类型", "类型"],
    },
    date("occurred_on", ["date", "event date", "发生日期", "日期"], true),
    {
      name: "severity",
      kind: "enum",
      default: "medium",
      values: SEVERITY_VALUES,
      synonyms: ["severity", "严重程度", "等级"],
    },
    text("description", ["details", "描述", "事件描述", "内容"]),
    amount("amount", ["涉案金额", "金额"], { sign: "non_negative" }),
    currencyField(),
  ],
};

const fxRates: EntitySpec = {
  entity: "fx-rates",
  table: "fx_rates",
  naturalKey: ["rate_date", "from_currency", "to_currency"],
  fields: [
    date("rate_date", ["date", "汇率日期", "日期"], true),
    {
      name: "from_currency",
      kind: "currency",
      required: true,
      synonyms: ["from_currency", "from", "base currency", "源币种", "原币", "原币种"],
    },
    {
      name: "to_currency",
      kind: "currency",
      required: true,
      synonyms: ["to_currency", "to", "quote currency", "目标币种", "本位币", "折算币种"],
    },
    { name: "rate", kind: "decimal", required: true, synonyms: ["rate", "exchange rate", "汇率"] },
    text("source", ["来源"]),
  ],
};

const defaults: EntitySpec = {
  entity: "defaults",
  table: "customer_defaults",
  naturalKey: ["customer_code", "defaulted_on"],
  fields: [
    customerCodeField,
    date("defaulted_on", ["default date", "date", "违约日期", "日期"], true),
    {
      name: "kind",
      kind: "enum",
      required: true,
      values: {
        past_due_90: ["past_due_90", "逾期90天", "逾期90天以上"],
        write_off: ["write_off", "核销", "坏账核销"],
        insolvency: ["insolvency", "破产", "资不抵债"],
      },
      synonyms: ["kind", "type", "default type", "违约类型", "类型"],
    },
    { name: "source", kind: "text", default: "recorded", synonyms: ["source", "来源"] },
    text("note", ["notes", "remark", "备注", "说明"]),
  ],
};

const SPECS: Readonly<Record<ImportEntity, EntitySpec>> = {
  customers,
  contacts,
  statements,
  orders,
  invoices,
  payments,
  "credit-notes": creditNotes,
  disputes,
  complaints,
  ratings,
  events,
  "fx-rates": fxRates,
  defaults,
};

/** The field specification of an entity. */
export function entitySpec(entity: ImportEntity): EntitySpec {
  return SPECS[entity];
}
