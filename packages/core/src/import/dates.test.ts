import { describe, expect, it } from "vitest";
import {
  DETECT_DATES,
  detectDateOrder,
  excelSerialToIso,
  parseDateCell,
  parseDateFormatOption,
} from "./dates.ts";

describe("date cells", () => {
  it.each([
    ["2025-01-31", "2025-01-31"],
    ["2025/1/31", "2025-01-31"],
    ["2025年1月31日", "2025-01-31"],
    ["2025.01.31", "2025-01-31"],
    ["20250131", "2025-01-31"],
    ["2025-01-31 00:00:00", "2025-01-31"],
    ["31.01.2025", "2025-01-31"],
    ["01/31/2025", "2025-01-31"],
    ["５/５/２０２５", "2025-05-05"],
  ])("reads self-evident %s without a stated format", (text, iso) => {
    expect(parseDateCell(text, DETECT_DATES, null)).toEqual({ ok: true, value: iso });
  });

  it("refuses to guess 03/04/2025 and tells the user to pass --date-format", () => {
    const r = parseDateCell("03/04/2025", DETECT_DATES, null);
    expect(r).toEqual({ ok: false, reason: expect.stringContaining("--date-format") });
  });

  it.each([
    ["DD.MM.YYYY", "2025-04-03"],
    ["MM/DD/YYYY", "2025-03-04"],
  ])("reads 03/04/2025 under the stated format %s", (option, iso) => {
    const f = parseDateFormatOption(option);
    if (!f.ok) {
      throw new Error(f.reason);
    }
    expect(parseDateCell("03/04/2025", f.format, null)).toEqual({ ok: true, value: iso });
  });

  it("uses the detected order and reports a value that contradicts it", () => {
    expect(parseDateCell("03/04/2025", DETECT_DATES, "DMY")).toEqual({ ok: true, value: "2025-04-03" });
    expect(parseDateCell("01/31/2025", DETECT_DATES, "DMY")).toEqual({
      ok: false,
      reason: expect.stringContaining("detected"),
    });
  });

  it.each(["2025-02-29", "2024-13-01", "31/04/2025"])("rejects the impossible date %s", (text) => {
    expect(parseDateCell(text, DETECT_DATES, null).ok).toBe(false);
  });

  it("reads 5-digit numbers in text only when excel serials are stated", () => {
    expect(parseDateCell("45688", DETECT_DATES, null).ok).toBe(false);
    expect(parseDateCell("45688", { order: null, excelSerials: true }, null)).toEqual({
      ok: true,
      value: "2025-01-31",
    });
  });

  it.each([
    [1, "1900-01-01"],
    [59, "1900-02-28"],
    [61, "1900-03-01"],
    [45688, "2025-01-31"],
    [45688.75, "2025-01-31"],
  ])("converts Excel serial %d (1900 system, Lotus leap-year bug) to %s", (serial, iso) => {
    expect(excelSerialToIso(serial)).toBe(iso);
  });

  it("reads numeric XLSX cells as serials and Date cells by their UTC calendar day", () => {
    expect(parseDateCell(45688, DETECT_DATES, null)).toEqual({ ok: true, value: "2025-01-31" });
    expect(parseDateCell(new Date(Date.UTC(2025, 0, 31)), DETECT_DATES, null)).toEqual({
      ok: true,
      value: "2025-01-31",
    });
  });
});

describe("day/month order detection", () => {
  it.each([
    [["01/02/2025", "25/02/2025"], { status: "resolved", order: "DMY", evidence: "25/02/2025" }],
    [["01/02/2025", "02/25/2025"], { status: "resolved", order: "MDY", evidence: "02/25/2025" }],
    [["01/02/2025", "12/11/2025"], { status: "ambiguous", example: "01/02/2025" }],
    [["2025-01-02", "05/05/2025"], { status: "not_needed" }],
    [
      ["25/02/2025", "02/25/2025"],
      { status: "conflict", dmyExample: "25/02/2025", mdyExample: "02/25/2025" },
    ],
  ])("%j → %j", (values, expected) => {
    expect(detectDateOrder(values)).toEqual(expected);
  });
});

describe("--date-format", () => {
  it.each([
    ["YYYY-MM-DD", "YMD"],
    ["dd.mm.yyyy", "DMY"],
    ["MM/DD/YYYY", "MDY"],
  ])("%s is order %s", (option, order) => {
    expect(parseDateFormatOption(option)).toEqual({ ok: true, format: { order, excelSerials: false } });
  });

  it("rejects a pattern without day, month and year", () => {
    expect(parseDateFormatOption("MM/YYYY").ok).toBe(false);
  });
});
