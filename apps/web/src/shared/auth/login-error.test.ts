import { describe, expect, it } from "vitest";
import { ApiError } from "../api/client.ts";
import { loginErrorMessage, safeNextPath } from "./login-error.ts";

const time = (iso: string) => `at ${iso}`;

describe("loginErrorMessage", () => {
  it("says wrong user name or password on 401", () => {
    expect(
      loginErrorMessage(new ApiError(401, "Authentication required", "the login or password is wrong"), time),
    ).toEqual({
      key: "auth.wrongPassword",
    });
  });

  it("says the account is locked on 423, with the time from the server's message", () => {
    const error = new ApiError(
      423,
      "Account locked",
      "too many failed sign-ins: the account is locked until 2026-11-23T12:47:00.000Z",
    );
    expect(loginErrorMessage(error, time)).toEqual({
      key: "auth.locked",
      vars: { time: "at 2026-11-23T12:47:00.000Z" },
    });
  });

  it("says locked without a time when the server gave none", () => {
    expect(loginErrorMessage(new ApiError(423, "Account locked"), time)).toEqual({
      key: "auth.lockedNoTime",
    });
  });

  it("says too many attempts on 429 with the retry-after wait", () => {
    expect(loginErrorMessage(new ApiError(429, "Too many requests", "x", { retryAfter: 840 }), time)).toEqual(
      {
        key: "auth.tooMany",
        vars: { seconds: 840 },
      },
    );
    expect(loginErrorMessage(new ApiError(429, "Too many requests"), time)).toEqual({
      key: "auth.tooManyNoTime",
    });
  });

  it("passes other failures through with their message", () => {
    expect(loginErrorMessage(new ApiError(500, "Internal Server Error"), time)).toEqual({
      key: "auth.failed",
      vars: { message: "Internal Server Error" },
    });
    expect(loginErrorMessage(new TypeError("Failed to fetch"), time)).toEqual({
      key: "auth.failed",
      vars: { message: "Failed to fetch" },
    });
  });
});

describe("safeNextPath", () => {
  it.each([
    ["/customers/C001?tab=ledger", "/customers/C001?tab=ledger"],
    ["/limits", "/limits"],
    [null, "/"],
    ["", "/"],
    ["https://evil.example/", "/"],
    ["//evil.example/x", "/"],
    ["/\\evil.example", "/"],
    ["/login", "/"],
    ["/login?next=/x", "/"],
  ])("%j → %s", (next, expected) => {
    expect(safeNextPath(next)).toBe(expected);
  });
});
