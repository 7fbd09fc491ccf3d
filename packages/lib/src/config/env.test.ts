import { describe, expect, it } from "vitest";
import { loadConfig } from "./env.ts";

describe("configuration from the environment", () => {
  it("defaults to the embedded database on port 3000 with demo data", () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ port: 3000, databaseUrl: undefined, demo: true, baseCurrency: "CNY" });
    expect(c.dataDir.endsWith("/data")).toBe(true);
  });

  it("switches to PostgreSQL with DATABASE_URL", () => {
    expect(loadConfig({ DATABASE_URL: "postgres://u@h/db" }).databaseUrl).toBe("postgres://u@h/db");
  });

  it("names every bad variable in one error", () => {
    expect(() => loadConfig({ PORT: "x", DATABASE_URL: "mysql://x" })).toThrow(
      /PORT: .*DATABASE_URL: must start/,
    );
  });
});
