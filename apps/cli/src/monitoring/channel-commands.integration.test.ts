import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { createTestDatabase, type TestDatabase } from "@creditdesk/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const bin = resolve(import.meta.dirname, "../../bin/creditdesk.js");
const dir = mkdtempSync(join(tmpdir(), "creditdesk-channels-"));
let t: TestDatabase;

/** Runs the CLI against this file's database (PostgreSQL) or a PGlite folder of its own. */
function run(args: string[]) {
  const env: NodeJS.ProcessEnv = { ...process.env, CREDITDESK_DATA_DIR: join(dir, "data") };
  if (t.url) {
    env.DATABASE_URL = t.url;
  } else {
    delete env.DATABASE_URL;
  }
  const result = spawnSync(process.execPath, [bin, "monitor", "channels", ...args], {
    cwd: dir,
    env,
    encoding: "utf8",
    timeout: 90_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("creditdesk monitor channels add|list|update|disable|deliveries", () => {
  it("adds channels, shows a generated webhook secret once, and refuses an invalid one naming the field", () => {
    const email = run([
      "add",
      "email",
      "--to",
      "credit@example.com, risk@example.com",
      "--department",
      "credit",
      "--json",
    ]);
    expect(email.code, email.stderr).toBe(0);
    expect(JSON.parse(email.stdout)).toMatchObject({
      kind: "email",
      recipients: ["credit@example.com", "risk@example.com"],
      severities: { info: "off", warning: "digest", critical: "immediate" },
    });
    const hook = run(["add", "webhook", "--url", "http://127.0.0.1:9/hook", "--warning", "immediate"]);
    expect(hook.code, hook.stderr).toBe(0);
    expect(hook.stdout).toMatch(/webhook secret \(shown once[^:]*\): [0-9a-f]{64}/);
    const bad = run(["add", "email", "--to", "not-an-address", "--info", "sometimes"]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("recipients.0: not an e-mail address");
    expect(bad.stderr).toContain("severities.info");
    const list = JSON.parse(run(["list", "--json"]).stdout) as { id: number; secretSet: boolean }[];
    expect(list).toHaveLength(2);
    expect(JSON.stringify(list)).not.toMatch(/[0-9a-f]{64}/);
  }, 120_000);

  it("changes, tests and disables a channel, and prints its delivery log", () => {
    const [email, hook] = JSON.parse(run(["list", "--json"]).stdout) as { id: number }[];
    const changed = run(["update", String(email!.id), "--info", "digest", "--name", "credit desk", "--json"]);
    expect(JSON.parse(changed.stdout)).toMatchObject({ name: "credit desk", severities: { info: "digest" } });
    expect(run(["update", String(email!.id), "--url", "http://example.com"]).stderr).toContain(
      "url: not a field of a email channel",
    );
    // Nothing listens on port 9: the test fails, and the log says so.
    const tested = run(["test", String(hook!.id)]);
    expect(tested.code).toBe(1);
    expect(tested.stderr).toMatch(/failed after 3 attempt\(s\)/);
    const log = JSON.parse(run(["deliveries", String(hook!.id), "--json"]).stdout) as { status: string }[];
    expect(log.map((d) => d.status)).toEqual(["failed"]);
    expect(run(["disable", String(email!.id)]).stdout).toContain("disabled");
  }, 120_000);
});
