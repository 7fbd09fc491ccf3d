import { describe, expect, it } from "vitest";
import { serverSettingsWarnings } from "./server-settings.ts";

describe("serverSettingsWarnings", () => {
  it("says nothing about a PostgreSQL server with autovacuum and track_counts on", () => {
    expect(serverSettingsWarnings("postgres", { autovacuum: true, trackCounts: true })).toEqual([]);
  });

  it("names each setting that is off on PostgreSQL", () => {
    const [autovacuum] = serverSettingsWarnings("postgres", { autovacuum: false, trackCounts: true });
    expect(autovacuum).toMatch(/^PostgreSQL has autovacuum off: .*ANALYZE/);
    const [both] = serverSettingsWarnings("postgres", { autovacuum: false, trackCounts: false });
    expect(both).toMatch(/^PostgreSQL has autovacuum and track_counts off/);
    const [counts] = serverSettingsWarnings("postgres", { autovacuum: true, trackCounts: false });
    expect(counts).toMatch(/^PostgreSQL has track_counts off/);
  });

  it("says nothing for the embedded PGlite, which has no autovacuum", () => {
    expect(serverSettingsWarnings("pglite", { autovacuum: false, trackCounts: false })).toEqual([]);
  });
});
