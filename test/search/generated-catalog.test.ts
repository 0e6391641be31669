import { describe, expect, it } from "vitest";
import { generateCatalog } from "../../bench/generate-catalog.ts";
import { parseCatalog } from "../../src/catalog/load.ts";
import { createSearch } from "../../src/search/create-search.ts";

describe("the generated benchmark catalog", () => {
  const catalog = generateCatalog({ talks: 600, seed: 11 });

  it("is a valid catalog of the size asked for", () => {
    expect(() => parseCatalog(catalog, "generated")).not.toThrow();
    expect(catalog.talks).toHaveLength(600);
  });

  it("is the same for the same seed and differs for another", () => {
    expect(generateCatalog({ talks: 600, seed: 11 })).toEqual(catalog);
    expect(generateCatalog({ talks: 600, seed: 12 }).talks[0]?.title).not.toBe(
      catalog.talks[0]?.title,
    );
  });

  it("is searchable like a real one: topics, breaks hidden, next per track", () => {
    const search = createSearch(catalog);
    const now = new Date("2026-03-10T10:10:00Z");
    expect(search.search("kafka", { now }).total).toBeGreaterThan(0);
    expect(search.search("lunch break", { now }).total).toBe(0);
    const next = search.search("next", { now, limit: 100 }).hits;
    const tracks = new Set(next.map((h) => h.talk.trackId));
    expect(next.length).toBeGreaterThan(1);
    expect(tracks.size).toBe(next.length);
  });
});
