#!/usr/bin/env node
// Development helper: regenerates the one pending (not yet released) migration from scratch.
// Released migrations (landed on main: someone may have applied them) are listed in RELEASED —
// add a tag there when its session lands; every later migration file is removed and drizzle-kit
// diffs the current schema against the last released snapshot into a single new migration.
// Run under a lock so parallel work never interleaves two generations.
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const RELEASED = ["0000_foundation", "0001_session2", "0002_session3", "0003_session3"];
const NAME = process.argv[2] ?? "pending";
const dir = "packages/db/migrations";
const journalPath = join(dir, "meta/_journal.json");
const journal = JSON.parse(readFileSync(journalPath, "utf8"));
journal.entries = journal.entries.filter((e) => RELEASED.includes(e.tag));
writeFileSync(journalPath, JSON.stringify(journal, null, 2));
for (const f of readdirSync(dir)) {
  if (f.endsWith(".sql") && !RELEASED.includes(f.replace(/\.sql$/, ""))) {
    rmSync(join(dir, f));
  }
}
for (const f of readdirSync(join(dir, "meta"))) {
  const idx = Number.parseInt(f, 10);
  if (f.endsWith("_snapshot.json") && idx >= RELEASED.length) {
    rmSync(join(dir, "meta", f));
  }
}
execFileSync(
  "npx",
  ["drizzle-kit", "generate", "--config", "packages/db/drizzle.config.ts", "--name", NAME],
  {
    stdio: "inherit",
  },
);
