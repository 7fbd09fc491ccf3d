import { describe, expect, it } from "vitest";
import { alertActions, severityColour, stateQuery } from "./alerts-api.ts";

describe("alert rules", () => {
  it.each([
    ["open", ["acknowledge", "resolve"]],
    ["acknowledged", ["resolve"]],
    ["resolved", []],
    ["dismissed", []],
  ] as const)("an alert in state %s offers %j", (state, expected) => {
    expect(alertActions(state)).toEqual(expected);
  });

  it.each([
    ["critical", "red"],
    ["warning", "orange"],
    ["info", "blue"],
  ] as const)("shows %s in %s", (severity, colour) => {
    expect(severityColour(severity)).toBe(colour);
  });

  it("asks for the live alerts unless states are chosen", () => {
    expect(stateQuery([])).toBe("open,acknowledged");
    expect(stateQuery(["resolved", "dismissed"])).toBe("resolved,dismissed");
  });
});
