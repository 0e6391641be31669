import { describe, expect, it } from "vitest";
import { loadCatalogFile } from "../../src/catalog/load.ts";
import { createSearch } from "../../src/search/create-search.ts";

/** Speaker bios are searched, at a low weight (issue 11). */
const catalog = loadCatalogFile(new URL("../../data/catalog.json", import.meta.url).pathname);
const search = createSearch(catalog);
const now = new Date("2020-03-03T09:00:00Z");

describe("speaker bios", () => {
  it("find a talk whose speaker's bio names the word: akka finds Matt Squire's talk", () => {
    const hits = search.search("akka", { now }).hits;
    const squire = hits.find((h) => h.talk.speakers.some((s) => s.name === "Matthew Squire"));
    expect(squire?.matched).toEqual(["bio"]);
  });

  it("rank below talks that are about the word", () => {
    const hits = search.search("akka", { now }).hits;
    expect(hits[0]?.talk.title).toBe("High Performance Actors");
    expect(hits[0]?.matched).not.toContain("bio");
    const bio = hits.find((h) => h.matched.includes("bio"));
    expect(bio?.score).toBeLessThan(0.5);
  });
});
