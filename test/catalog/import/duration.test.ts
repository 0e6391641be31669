import { describe, expect, it } from "vitest";
import { parseDuration } from "../../../src/catalog/import/duration.ts";

describe("parseDuration", () => {
  it("reads frab's H+:MM, hours past 24 included, and pentabarf's H:MM:SS", () => {
    expect(parseDuration("00:30")).toBe(30);
    expect(parseDuration("1:05")).toBe(65);
    expect(parseDuration("26:30")).toBe(26 * 60 + 30);
    expect(parseDuration("100:00")).toBe(6000);
    expect(parseDuration("00:30:30")).toBe(30.5);
  });

  it("refuses anything else", () => {
    for (const bad of ["", "30", "0:60", "half an hour", "-1:00", "1:5", "PT30M"]) {
      expect(parseDuration(bad), bad).toBeNull();
    }
  });
});
