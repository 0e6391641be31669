import { describe, expect, it } from "vitest";
import { parsePersonalCommand } from "../../src/agenda/personal-command.ts";

describe("personal commands", () => {
  it.each([
    ["agenda", { kind: "agenda" }],
    ["My agenda?", { kind: "agenda" }],
    ["starred", { kind: "agenda" }],
    ["remind 15", { kind: "remind", minutes: 15 }],
    ["remind me 5 min before", { kind: "remind", minutes: 5 }],
    ["remind off", { kind: "remind", minutes: 0 }],
    ["remind 7", { kind: "remind-help", given: "7" }],
    ["remind", { kind: "remind-help", given: "" }],
    ["calendar", { kind: "calendar", reset: false }],
    ["calendar reset", { kind: "calendar", reset: true }],
  ])("%s", (text, want) => {
    expect(parsePersonalCommand(text)).toEqual(want);
  });

  it("leaves searches alone", () => {
    for (const q of ["agenda driven design", "kafka", "calendar apis", "reminders in kotlin", ""]) {
      expect(parsePersonalCommand(q), q).toBeNull();
    }
  });
});
