/**
 * Shapes of the early-warning alerts (apps/server/src/monitoring, see `/openapi.json`) and the
 * rules of which action an alert in a given state offers.
 */

export const ALERT_SEVERITIES = ["critical", "warning", "info"] as const;
export type AlertSeverity = (typeof ALERT_SEVERITIES)[number];
export const ALERT_STATES = ["open", "acknowledged", "resolved", "dismissed"] as const;
export type AlertState = (typeof ALERT_STATES)[number];

/** One alert (`GET /alerts`). */
export interface AlertItem {
  id: number;
  customerId: number;
  customer: { id: number; code: string; name: string };
  ruleCode: string;
  severity: AlertSeverity;
  department: string;
  state: AlertState;
  title: string;
  measuredValue: number;
  threshold: number;
  recommendedAction: string;
  asOf: string;
  assignee: string | null;
  conditionActive: boolean;
  createdAt: string;
}

export type AlertAction = "acknowledge" | "resolve";

/**
 * What can still be done with an alert: an open one can be acknowledged or resolved, an
 * acknowledged one resolved; resolved and dismissed alerts are closed.
 */
export function alertActions(state: AlertState): AlertAction[] {
  switch (state) {
    case "open":
      return ["acknowledge", "resolve"];
    case "acknowledged":
      return ["resolve"];
    case "resolved":
    case "dismissed":
      return [];
  }
}

/** Colour of a severity tag: critical red, warning orange, info blue. */
export function severityColour(severity: AlertSeverity): string {
  switch (severity) {
    case "critical":
      return "red";
    case "warning":
      return "orange";
    case "info":
      return "blue";
  }
}

/** The `state` query of the list: the chosen states comma-separated, or "open,acknowledged" (the live ones) by default. */
export function stateQuery(states: readonly AlertState[]): string {
  return (states.length > 0 ? states : (["open", "acknowledged"] as const)).join(",");
}
