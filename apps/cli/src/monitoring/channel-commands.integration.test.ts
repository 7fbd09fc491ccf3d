import { describe, expect, it } from "vitest";
import { useCliHarness } from "../shared/cli-test-support.ts";

const cli = useCliHarness("channels", { prefix: ["monitor", "channels"] });
const { run } = cli;

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
