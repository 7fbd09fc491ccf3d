import { describe, expect, it } from "vitest";
import { detectBreak } from "./anomaly.ts";

/** Deterministic pseudo-noise in [−1, 1] (no Math.random in tests). */
const noise = (i: number) => Math.sin(i * 12.9898) * 0.5 + Math.sin(i * 78.233) * 0.5;

describe("detectBreak", () => {
  it("fires on a clear drop in an otherwise stable series", () => {
    const series = Array.from({ length: 24 }, (_, i) => (i < 21 ? 100 + 8 * noise(i) : 40 + 5 * noise(i)));
    const r = detectBreak(series);
    expect(r.status).toBe("ok");
    if (r.status === "ok") {
      expect(r.z).toBeLessThan(-3.5);
    }
  });

  it("fires upwards on lengthening payment days", () => {
    const series = Array.from({ length: 24 }, (_, i) => (i < 21 ? 35 + 3 * noise(i) : 70 + 3 * noise(i)));
    const r = detectBreak(series);
    expect(r.status === "ok" && r.z > 3.5).toBe(true);
  });

  it("stays quiet on a stable noisy series", () => {
    const series = Array.from({ length: 24 }, (_, i) => 100 + 15 * noise(i));
    const r = detectBreak(series);
    expect(r.status === "ok" && Math.abs(r.z) < 3.5).toBe(true);
  });

  it("stays quiet on a seasonal series (peak season in the recent months)", () => {
    // ±40 % yearly cycle; the last three months are the trough — a level-only score would fire.
    const series = Array.from(
      { length: 24 },
      (_, i) => 100 + 40 * Math.cos((2 * Math.PI * (i - 9)) / 12) + 3 * noise(i),
    );
    const r = detectBreak(series);
    expect(r.status).toBe("ok");
    if (r.status === "ok") {
      expect(Math.abs(r.z)).toBeLessThan(3.5);
    }
  });

  it("is not computable without enough history, and ignores months without observations", () => {
    expect(detectBreak([1, 2, 3, 4, 5]).status).toBe("not_computable");
    expect(detectBreak([...Array(12).fill(10), null, null, null]).status).toBe("not_computable");
  });

  it("keeps z finite on a perfectly flat history", () => {
    const r = detectBreak([...Array(21).fill(50), 50, 50, 51]);
    expect(r.status === "ok" && Number.isFinite(r.z) && Math.abs(r.z) < 1).toBe(true);
  });
});
