import { bigint, char, timestamp } from "drizzle-orm/pg-core";

/** Integer minor units (fen, cents). JS safe integers; never a float. */
export const money = (name?: string) =>
  name ? bigint(name, { mode: "number" }) : bigint({ mode: "number" });

/** ISO 4217 code. */
export const currency = (name?: string) => (name ? char(name, { length: 3 }) : char({ length: 3 }));

/** Surrogate key: bigint identity, BY DEFAULT so that bulk loads (COPY) may assign ids and then move the sequence. */
export const id = () => bigint({ mode: "number" }).primaryKey().generatedByDefaultAsIdentity();

export const timestamps = {
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
};
