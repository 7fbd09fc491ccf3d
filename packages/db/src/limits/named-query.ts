import type { SQL } from "drizzle-orm";
import type { PgDialect } from "drizzle-orm/pg-core";
import type { Db } from "../client.ts";

/** The parts of Drizzle's PgDatabase that `db.execute` uses, reached to pass a statement name. */
interface DrizzleInternals {
  dialect: PgDialect;
  session: {
    prepareQuery(
      query: { sql: string; params: unknown[] },
      fields: undefined,
      name: string | undefined,
      isResponseInArrayMode: boolean,
    ): { execute(): Promise<unknown> };
  };
}

/**
 * `queryRows` as a NAMED prepared statement: node-postgres parses it once per connection and
 * PostgreSQL keeps its plan (a generic plan after five executions), instead of planning it on
 * every call — for the hot path of the credit check, where planning the exposure query cost as much
 * as running it. The statement text must not vary between calls (values go in as parameters).
 * PGlite has no statement names; there it is an ordinary query.
 */
export async function queryRowsNamed<T>(db: Db, name: string, query: SQL): Promise<T[]> {
  const internals = db as unknown as DrizzleInternals;
  const built = internals.dialect.sqlToQuery(query);
  const prepared = internals.session.prepareQuery(built, undefined, name, false);
  const result = (await prepared.execute()) as { rows: T[] };
  return result.rows;
}
