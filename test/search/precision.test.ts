import { describe, expect, it } from "vitest";
import { importFiles } from "../../src/catalog/import/import-files.ts";
import { loadCatalogFile } from "../../src/catalog/load.ts";
import { createSearch } from "../../src/search/create-search.ts";
import { c36c3, fosdemXml } from "../catalog/import/fixtures.ts";

/** "Nothing is better than junk" (issue 11), on the bundled catalog and real schedules. */
const seed = createSearch(
  loadCatalogFile(new URL("../../data/catalog.json", import.meta.url).pathname),
);
const now = new Date("2020-03-03T09:00:00Z");
const titles = (query: string, search = seed, limit = 10) =>
  search.search(query, { now, limit }).hits.map((h) => h.talk.title);

describe("typos and split words are a fallback", () => {
  it("does not correct a four-letter word to a word of prose: rust is not must", () => {
    expect(titles("rust")).toEqual([]);
    expect(titles("anything on rust?")).toEqual([]);
    // café folds to cafe, which is not "case" or "safe".
    expect(titles("café")).toEqual([]);
  });

  it("still corrects a four-letter word to a name", () => {
    expect(titles("dazm")).toEqual(titles("dazn"));
    expect(titles("dazn").length).toBeGreaterThan(0);
  });

  it("counts a split only where the parts stand together: keynote is not key … note", async () => {
    const { catalog } = await importFiles([fosdemXml]);
    const fosdem = createSearch(catalog);
    // The schedule never calls a talk a keynote; a few speakers' bios do, and only those match.
    const hits = fosdem.search("keynote", { now, limit: 50 }).hits;
    for (const { talk } of hits) {
      expect(JSON.stringify(talk).toLowerCase()).toMatch(/key-?note/);
    }
    expect(titles("microfrontends")).toEqual([
      "Lessons From DAZN: Scaling Your Project with Micro-Frontends",
    ]);
  });

  it("never searches a lone character: ' OR 1=1 -- finds nothing", () => {
    expect(titles("' OR 1=1 --")).toEqual([]);
  });
});

describe("multi-word questions", () => {
  it("drops talks that match only a side word: machine learning is not learning", () => {
    expect(titles("machine learning")).not.toContain("Actors or Not: Async Event Architectures");
  });

  it("says which words the talks found lack", () => {
    const result = seed.search("terraform infrastructure code", { now });
    expect(result.partial).toEqual({ matched: ["infrastructure", "code"], missing: ["terraform"] });
    expect(seed.search("kafka", { now }).partial).toBeUndefined();
  });

  it("does not search question filler", () => {
    const plain = titles("event sourcing");
    expect(titles("who is talking about event sourcing")).toEqual(plain);
    expect(titles("please show me kafka")).toEqual(titles("kafka"));
    expect(titles("is there a talk on kafka")).toEqual(titles("kafka"));
    expect(titles("anything on kafka")).toEqual(titles("kafka"));
  });
});

describe("spelling", () => {
  it("folds ü/ue both ways, on 36C3's German abstracts", async () => {
    const { catalog } = await importFiles([c36c3[3] as string], { timeZone: "Europe/Berlin" });
    const congress = createSearch(catalog);
    const umlaut = titles("überwachung", congress, 50);
    expect(umlaut.length).toBeGreaterThan(0);
    expect(titles("ueberwachung", congress, 50)).toEqual(umlaut);
    expect(titles("Massenueberwachung", congress, 50)).toEqual(
      titles("massenüberwachung", congress, 50),
    );
  });

  it("searches an emoji, rather than showing help", () => {
    const result = seed.search("❤", { now });
    expect(result.help).toBe(false);
    expect(result.hits.map((h) => h.talk.title)).toEqual([
      "Streaming SQL Foundations: Why I ❤ Streams+Tables",
    ]);
    expect(titles("❤️")).toEqual(titles("❤"));
  });
});
