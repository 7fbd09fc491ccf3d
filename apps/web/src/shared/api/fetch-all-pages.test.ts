import { describe, expect, it } from "vitest";
import { fetchAllPages } from "./fetch-all-pages.ts";
import type { Page } from "./types.ts";

/** A list of `total` numbered rows served `size` at a time, the cursor being the next offset. */
function list(total: number, size: number) {
  const asked: (string | undefined)[] = [];
  const fetchPage = async (cursor: string | undefined): Promise<Page<number>> => {
    asked.push(cursor);
    const from = cursor === undefined ? 0 : Number(cursor);
    const items = Array.from({ length: Math.max(0, Math.min(size, total - from)) }, (_, i) => from + i);
    return { items, nextCursor: from + size < total ? String(from + size) : null };
  };
  return { fetchPage, asked };
}

describe("fetchAllPages", () => {
  it("follows nextCursor to the last page and reports progress per page", async () => {
    const { fetchPage, asked } = list(1_234, 500);
    const progress: number[] = [];
    const all = await fetchAllPages({ fetchPage, onProgress: (n) => progress.push(n) });
    expect(all.capped).toBe(false);
    expect(all.items).toHaveLength(1_234);
    expect(all.items[1_233]).toBe(1_233);
    expect(asked).toEqual([undefined, "500", "1000"]);
    expect(progress).toEqual([500, 1_000, 1_234]);
  });

  it("stops at the cap and says that more rows exist", async () => {
    const { fetchPage, asked } = list(2_000, 500);
    const all = await fetchAllPages({ fetchPage, max: 700 });
    expect(all).toMatchObject({ capped: true });
    expect(all.items).toHaveLength(700);
    expect(asked).toHaveLength(2);
  });

  it("is not capped when the list ends exactly at the cap", async () => {
    const all = await fetchAllPages({ fetchPage: list(1_000, 500).fetchPage, max: 1_000 });
    expect(all.capped).toBe(false);
    expect(all.items).toHaveLength(1_000);
  });

  it("answers an empty list with no rows", async () => {
    expect(await fetchAllPages({ fetchPage: list(0, 500).fetchPage })).toEqual({ items: [], capped: false });
  });

  it("refuses a cursor that repeats instead of looping", async () => {
    const fetchPage = async (): Promise<Page<number>> => ({ items: [1], nextCursor: "same" });
    await expect(fetchAllPages({ fetchPage })).rejects.toThrow(/repeated its cursor/);
  });

  it("stops between pages once aborted", async () => {
    const controller = new AbortController();
    const { fetchPage, asked } = list(5_000, 500);
    await expect(
      fetchAllPages({ fetchPage, signal: controller.signal, onProgress: () => controller.abort() }),
    ).rejects.toThrow();
    expect(asked).toHaveLength(1);
  });
});
