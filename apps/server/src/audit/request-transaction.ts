import { AsyncLocalStorage } from "node:async_hooks";
import type { DatabaseHandle, TxSession } from "@creditdesk/db";
import { sql } from "drizzle-orm";

const current = new AsyncLocalStorage<{ tx: TxSession; savepoints: number }>();

/**
 * The handle capabilities receive: outside a request transaction it is the database; inside one
 * (a mutating API call, see `audited-handler.ts`) every query goes to that transaction and a
 * use case's own `transaction()` becomes a savepoint in it — so the change and its audit entry
 * commit together or not at all, without the use cases knowing.
 */
export function requestScopedHandle(base: DatabaseHandle): DatabaseHandle {
  return {
    kind: base.kind,
    get db() {
      return current.getStore()?.tx.db ?? base.db;
    },
    async transaction(fn) {
      const store = current.getStore();
      if (!store) {
        return base.transaction(fn);
      }
      store.savepoints += 1;
      const name = sql.identifier(`cd_sp_${store.savepoints}`);
      await store.tx.db.execute(sql`savepoint ${name}`);
      try {
        const result = await fn(store.tx);
        await store.tx.db.execute(sql`release savepoint ${name}`);
        return result;
      } catch (error) {
        await store.tx.db.execute(sql`rollback to savepoint ${name}`);
        throw error;
      }
    },
    close: () => base.close(),
  };
}

/** Runs `fn` in one transaction of `base` that `requestScopedHandle` handles join. */
export function inRequestTransaction<T>(base: DatabaseHandle, fn: (tx: TxSession) => Promise<T>): Promise<T> {
  return base.transaction((tx) => current.run({ tx, savepoints: 0 }, () => fn(tx)));
}
