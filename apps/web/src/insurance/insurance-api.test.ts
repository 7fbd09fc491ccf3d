import { describe, expect, it } from "vitest";
import { claimMoves, stateColor } from "./insurance-api.ts";

describe("insurance page helpers", () => {
  it("colours lost cover red and the warning window orange", () => {
    expect(stateColor("missed")).toBe("red");
    expect(stateColor("notified_late")).toBe("red");
    expect(stateColor("warning")).toBe("orange");
    expect(stateColor("notified")).toBe("green");
    expect(stateColor("pending")).toBe("default");
  });

  it("offers only the claim moves the server allows", () => {
    expect(claimMoves("filed")).toEqual(["under_review", "rejected"]);
    expect(claimMoves("under_review")).toEqual(["paid", "rejected"]);
    expect(claimMoves("paid")).toEqual([]);
    expect(claimMoves("rejected")).toEqual([]);
  });
});
