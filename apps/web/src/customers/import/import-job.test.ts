import { describe, expect, it } from "vitest";
import { jobPercent } from "./import-api.ts";

describe("import job progress bar", () => {
  it.each([
    [{ status: "running", phase: "starting", bytesRead: 0, totalBytes: 1000 }, 0],
    [{ status: "running", phase: "reading", bytesRead: 250, totalBytes: 1000 }, 25],
    [{ status: "running", phase: "reading", bytesRead: 999, totalBytes: 1000 }, 99],
    // The whole file read, but checks and writes not yet done: not 100 % yet.
    [{ status: "running", phase: "reading", bytesRead: 1000, totalBytes: 1000 }, 99],
    [{ status: "running", phase: "checking", bytesRead: 1000, totalBytes: 1000 }, 99],
    [{ status: "running", phase: "merging", bytesRead: 1000, totalBytes: 1000 }, 99],
    [{ status: "running", phase: "reading", bytesRead: 0, totalBytes: 0 }, 0],
    [{ status: "done", phase: "done", bytesRead: 1000, totalBytes: 1000 }, 100],
    [{ status: "failed", phase: "reading", bytesRead: 10, totalBytes: 1000 }, 100],
  ] as const)("%j → %i %", (job, percent) => {
    expect(jobPercent(job)).toBe(percent);
  });
});
