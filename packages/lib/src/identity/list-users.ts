import type { DatabaseHandle } from "@creditdesk/db";
import { users } from "@creditdesk/db";
import { asc, eq } from "drizzle-orm";
import { AppError } from "../shared/app-error.ts";
import { toUserView, type UserView } from "./principal.ts";

export async function listUsers(options: { handle: DatabaseHandle }): Promise<UserView[]> {
  const rows = await options.handle.db.select().from(users).orderBy(asc(users.login));
  return rows.map(toUserView);
}

export async function getUser(options: { handle: DatabaseHandle; login: string }): Promise<UserView> {
  const [row] = await options.handle.db.select().from(users).where(eq(users.login, options.login));
  if (!row) {
    throw AppError.notFound("user", options.login);
  }
  return toUserView(row);
}
