import { describe, expect, it } from "vitest";
import { apiUrl, readCookie, requestHeaders } from "./client.ts";

describe("readCookie", () => {
  it.each([
    ["cd_csrf=abc", "cd_csrf", "abc"],
    ["a=1; cd_csrf=x-y_z; b=2", "cd_csrf", "x-y_z"],
    ["xcd_csrf=no; cd_csrf=yes", "cd_csrf", "yes"],
    ["cd_csrf=a%2Bb", "cd_csrf", "a+b"],
    ["a=1", "cd_csrf", undefined],
    ["", "cd_csrf", undefined],
  ])("reads %j → %s", (cookies, name, expected) => {
    expect(readCookie(cookies, name)).toBe(expected);
  });
});

describe("requestHeaders", () => {
  it.each(["POST", "PUT", "PATCH", "DELETE", "post"])("echoes the CSRF cookie on %s", (method) => {
    expect(requestHeaders(method, "cd_csrf=tok123", true)).toEqual({
      accept: "application/json",
      "content-type": "application/json",
      "x-csrf-token": "tok123",
    });
  });

  it.each(["GET", "HEAD"])("sends no CSRF header on the safe method %s", (method) => {
    expect(requestHeaders(method, "cd_csrf=tok123", false)).toEqual({ accept: "application/json" });
  });

  it("sends no CSRF header when there is no CSRF cookie (signed out)", () => {
    expect(requestHeaders("POST", "other=1", true)).toEqual({
      accept: "application/json",
      "content-type": "application/json",
    });
  });
});

describe("apiUrl", () => {
  it("leaves out empty values", () => {
    expect(apiUrl("/alerts", { state: "open", severity: "", department: undefined, limit: 20 })).toBe(
      "/alerts?state=open&limit=20",
    );
  });
});
