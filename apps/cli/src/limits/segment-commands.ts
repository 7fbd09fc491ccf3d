import { readFileSync } from "node:fs";
import type { DatabaseHandle } from "@creditdesk/db";
import { listCreditSegments, saveCreditSegment } from "@creditdesk/lib/limits";
import { CliError } from "../shared/fail.ts";
import { openAppDatabase } from "../shared/open-database.ts";

const print = (value: unknown) => process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);

async function withDatabase(fn: (handle: DatabaseHandle) => Promise<void>): Promise<void> {
  const handle = await openAppDatabase();
  try {
    await fn(handle);
  } finally {
    await handle.close();
  }
}

/** `creditdesk limits segments`: every credit segment with its check steps (JSON). */
export async function listSegmentsCommand(): Promise<void> {
  await withDatabase(async (handle) => {
    print(await listCreditSegments({ handle }));
  });
}

/** `creditdesk limits segment-set <code> <config.json> --name …`: create or replace a segment. */
export async function setSegmentCommand(o: {
  code: string;
  file: string;
  name: string;
  as: string;
}): Promise<void> {
  let config: unknown;
  try {
    config = JSON.parse(readFileSync(o.file, "utf8"));
  } catch (error) {
    throw new CliError(`${o.file}: ${(error as Error).message}`);
  }
  await withDatabase(async (handle) => {
    const { segment, created } = await saveCreditSegment({
      handle,
      code: o.code,
      // Validated by the use case (field paths name what is wrong).
      input: { name: o.name, config } as Parameters<typeof saveCreditSegment>[0]["input"],
      actor: `cli:${o.as}`,
    });
    print({ created, segment });
  });
}
