import { describe, expect, it } from "vitest";
import { detectLayout, parseSource, SourceError } from "../../../src/catalog/sources/index.ts";
import { realSource } from "./real.ts";

describe("layout detection, from the content alone", () => {
  it.each([
    ["000", "abstract-list"],
    ["001", "track-page"],
    ["002", "session-page"],
    ["003", "session-page"],
    ["004", "recap"],
  ])("%s is a %s", (prefix, layout) => {
    expect(detectLayout(realSource(prefix), "renamed.txt")).toBe(layout);
    expect(parseSource(realSource(prefix), "anything-at-all.md").layout).toBe(layout);
  });

  it("survives the same variations the parsers do", () => {
    const noisy = (text: string) => `\n\n<div>\n${text.replace(/\n/g, "\n\n")}\n</div>\n`;
    for (const [prefix, layout] of [
      ["000", "abstract-list"],
      ["001", "track-page"],
      ["002", "session-page"],
      ["003", "session-page"],
      ["004", "recap"],
    ] as const) {
      expect(detectLayout(noisy(realSource(prefix)))).toBe(layout);
    }
  });

  it("refuses a document of no known layout, naming the file", () => {
    expect(() => parseSource("Just some prose.\nNothing else here.", "notes.txt")).toThrow(
      SourceError,
    );
    expect(() => parseSource("Just some prose.", "notes.txt")).toThrow(
      /^notes\.txt: cannot tell its layout/,
    );
  });
});
