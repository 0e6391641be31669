import { describe, expect, it } from "vitest";
import { importFiles } from "../../../src/catalog/import/import-files.ts";
import { parseCatalog } from "../../../src/catalog/load.ts";
import { c36c3, fosdemXml, sessionizeJson } from "./fixtures.ts";

describe("importing several files into one catalog", () => {
  it("puts FOSDEM, 36C3 and the Sessionize event side by side, ids distinct", async () => {
    const { catalog, files, warnings } = await importFiles(
      [fosdemXml, c36c3[3] as string, sessionizeJson],
      // Used by the two files that name no zone; FOSDEM keeps its own (and says so).
      { timeZone: "Europe/Berlin" },
    );
    expect(catalog.events.map((e) => [e.id, e.timeZone])).toEqual([
      ["fosdem-2026", "Europe/Brussels"],
      ["36c3", "Europe/Berlin"],
      ["ai-engineer-worlds-fair-2025", "Europe/Berlin"],
    ]);
    expect(files.map((f) => [f.format, f.talks])).toEqual([
      ["frab-xml", 883],
      ["frab-json", 161],
      ["sessionize", 214],
    ]);
    expect(catalog.talks).toHaveLength(883 + 161 + 214);
    expect(new Set(catalog.talks.map((t) => t.id)).size).toBe(catalog.talks.length);
    expect(warnings).toEqual([
      expect.stringContaining(
        "names its time zone Europe/Brussels; --time-zone Europe/Berlin was not used",
      ),
    ]);
    // Whatever the mix, the result is a catalog the loader accepts.
    expect(() => parseCatalog(JSON.parse(JSON.stringify(catalog)), "merged")).not.toThrow();
  });

  it("keeps two releases of one event apart and skips the talks seen twice", async () => {
    const [first, second] = [c36c3[0] as string, c36c3[1] as string];
    const { catalog, skipped, files } = await importFiles([first, second], {
      timeZone: "Europe/Berlin",
    });
    expect(catalog.events.map((e) => e.id)).toEqual(["36c3", "36c3-2"]);
    expect(
      catalog.tracks.filter((t) => t.eventId === "36c3-2").every((t) => t.id.startsWith("36c3-2:")),
    ).toBe(true);
    expect(files.map((f) => f.skipped)).toEqual([0, 160]);
    expect(skipped[0]?.reason).toBe(`same id as a talk already imported from ${first}`);
    expect(catalog.talks.every((t) => t.eventId === "36c3")).toBe(true);
  });

  it("writes the same catalog every time from the same files", async () => {
    const files = [c36c3[3] as string, sessionizeJson];
    const options = { timeZone: "Europe/Berlin" };
    const [a, b] = await Promise.all([importFiles(files, options), importFiles(files, options)]);
    expect(JSON.stringify(a.catalog)).toBe(JSON.stringify(b.catalog));
  });
});
