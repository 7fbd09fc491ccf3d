import { isRole, type Role } from "@creditdesk/core/identity";
import type { DatabaseHandle } from "@creditdesk/db";
import { users } from "@creditdesk/db";
import { appendAudit } from "../audit/append-audit.ts";
import { AppError } from "../shared/app-error.ts";
import { toUserView, type UserView } from "./principal.ts";
import { hashPassword, passwordProblem } from "./secrets.ts";

export interface CreateUserInput {
  login: string;
  displayName?: string | undefined;
  role: Role | string;
  team?: string | null | undefined;
  email?: string | null | undefined;
  password?: string | undefined;
  approvalLimitMinor?: number | null | undefined;
  approvalLimitCurrency?: string | null | undefined;
}

export const LOGIN_PATTERN = /^[a-z0-9][a-z0-9._-]{1,63}$/;

/** Creates a user (argon2id password hash) and records it in the audit trail, in one transaction. */
export async function createUser(options: {
  handle: DatabaseHandle;
  input: CreateUserInput;
  actor: string;
}): Promise<UserView> {
  const { input } = options;
  const errors = [];
  if (!LOGIN_PATTERN.test(input.login)) {
    errors.push({ path: "login", message: "2–64 lower-case letters, digits, '.', '_' or '-'" });
  }
  if (!isRole(input.role)) {
    errors.push({ path: "role", message: `unknown role ${input.role}` });
  }
  const weak = input.password === undefined ? null : passwordProblem(input.password);
  if (weak) {
    errors.push({ path: "password", message: weak });
  }
  if (errors.length > 0) {
    throw AppError.validation(errors);
  }
  const passwordHash = input.password === undefined ? null : await hashPassword(input.password);
  return options.handle.transaction(async (tx) => {
    const [row] = await tx.db
      .insert(users)
      .values({
        login: input.login,
        displayName: input.displayName ?? input.login,
        role: input.role,
        team: input.team ?? null,
        email: input.email ?? null,
        passwordHash,
        approvalLimitMinor: input.approvalLimitMinor ?? null,
        approvalLimitCurrency: input.approvalLimitCurrency ?? null,
      })
      .returning();
    if (!row) {
      throw new AppError("INTERNAL", "the user was not created");
    }
    const view = toUserView(row);
    await appendAudit(tx.db, {
      actor: options.actor,
      action: "user.create",
      entity: "user",
      entityId: row.login,
      after: view,
    });
    return view;
  });
}
