import { createHash } from "node:crypto";
import type { AuditInput } from "@creditdesk/lib/audit";

/** What the generic wrapper knows about a successful mutating call. */
export interface ChangeContext {
  method: string;
  url: string;
  params: Record<string, unknown>;
  body: unknown;
  result: unknown;
  before: unknown;
  actor: string;
  status: number;
}

const pick = (value: unknown, keys: readonly string[]): Record<string, unknown> => {
  const out: Record<string, unknown> = {};
  if (value && typeof value === "object") {
    for (const k of keys) {
      const v = (value as Record<string, unknown>)[k];
      if (v !== undefined) {
        out[k] = v;
      }
    }
  }
  return out;
};

const field = (value: unknown, key: string): unknown =>
  value && typeof value === "object" ? (value as Record<string, unknown>)[key] : undefined;

const bodyHash = (body: unknown) =>
  body === undefined ? null : createHash("sha256").update(JSON.stringify(body)).digest("hex");

/**
 * The audit entry of a change: specific for the decisions the brief names (customer before/after,
 * scorecard save/activate, assessment runs and single assessments), generic (route, actor, body
 * hash) for every other successful mutating call.
 */
export function describeChange(c: ChangeContext): AuditInput {
  const key = `${c.method} ${c.url}`;
  const id = field(c.result, "id") ?? field(c.params, "idOrCode") ?? field(c.params, "id");
  switch (key) {
    case "POST /customers":
      return {
        actor: c.actor,
        action: "customer.create",
        entity: "customer",
        entityId: field(c.result, "code") as string,
        after: c.result,
      };
    case "PATCH /customers/:idOrCode":
      return {
        actor: c.actor,
        action: "customer.update",
        entity: "customer",
        entityId: (field(c.result, "code") ?? field(c.params, "idOrCode")) as string,
        before: c.before,
        after: c.result,
      };
    case "POST /scorecards":
      return {
        actor: c.actor,
        action: "scorecard.save",
        entity: "scorecard",
        entityId: field(c.result, "version") as string,
        after: c.result,
      };
    case "POST /scorecards/:version/activate":
      return {
        actor: c.actor,
        action: "scorecard.activate",
        entity: "scorecard",
        entityId: field(c.params, "version") as string,
        after: pick(c.result, ["version", "status", "activatedAt"]),
      };
    case "POST /assessment-runs":
      return {
        actor: c.actor,
        action: "assessment.run",
        entity: "assessment_run",
        entityId: field(c.result, "runId") as number,
        after: pick(c.result, [
          "runId",
          "asOf",
          "scorecardVersion",
          "customers",
          "assessed",
          "byGrade",
          "changedGrades",
          "trigger",
        ]),
      };
    case "POST /customers/:idOrCode/assessments":
      return {
        actor: c.actor,
        action: "assessment.single",
        entity: "customer",
        entityId: field(c.params, "idOrCode") as string,
        after: {
          customer: field(c.params, "idOrCode"),
          ...pick(c.result, ["id", "runId", "asOf", "scorecardVersion", "score", "points", "pd", "grade"]),
        },
      };
    default:
      return {
        actor: c.actor,
        action: `api.${c.method.toLowerCase()}`,
        entity: c.url,
        entityId: typeof id === "string" || typeof id === "number" ? String(id) : null,
        after: { route: key, params: c.params, status: c.status, bodySha256: bodyHash(c.body) },
      };
  }
}

/** Routes whose "before" state the wrapper loads (inside the transaction) before the change. */
export const NEEDS_BEFORE = new Set(["PATCH /customers/:idOrCode"]);
