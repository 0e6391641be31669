import { describe, expect, it } from "vitest";
import { loadLabelledQueries } from "../../bench/relevance.ts";
import { loadCatalogFile } from "../../src/catalog/load.ts";
import type { Catalog } from "../../src/catalog/schema.ts";
import {
  cachedSearch,
  createCachedSearch,
  normalizeQuery,
} from "../../src/search/cached-search.ts";
import { createSearch } from "../../src/search/create-search.ts";
import type { SearchHit, SearchOptions } from "../../src/search/types.ts";
import { smallCatalog } from "./small-catalog.ts";

const seed = loadCatalogFile(new URL("../../data/catalog.json", import.meta.url).pathname);
const labelled = loadLabelledQueries();
/** Any fixed instant for queries without their own, as the relevance scorer uses. */
const DEFAULT_NOW = new Date("2020-03-03T09:00:00Z");

const at = (iso: string, plusMs = 0) => new Date(Date.parse(iso) + plusMs);

describe("cached search", () => {
  it("gives the uncached answers to the labelled queries, asked once and again, in any case and spacing", () => {
    const plain = createSearch(seed);
    const cached = createCachedSearch(seed);
    for (const q of labelled) {
      const now = q.at ? new Date(q.at) : DEFAULT_NOW;
      for (const options of [
        { now, limit: 5 },
        { now, limit: 5, offset: 5 },
      ] satisfies SearchOptions[]) {
        const variants = [
          q.query,
          q.query,
          ` ${q.query.toUpperCase()}  `,
          q.query.replace(/ /g, "   "),
        ];
        for (const query of variants) {
          expect(cached.search(query, options), query).toEqual(plain.search(query, options));
        }
      }
    }
    const stats = cached.stats();
    expect(stats.minuteGranular).toBe(true);
    expect(stats.hits).toBeGreaterThan(stats.misses);
  });

  it("answers time words as of the exact instant, anywhere within a minute and around every talk's start and end", () => {
    const catalog = smallCatalog();
    const plain = createSearch(catalog);
    const cached = createCachedSearch(catalog);
    const edges = catalog.talks.flatMap((t) => [t.start, t.end].flatMap((s) => (s ? [s] : [])));
    // Later instants of a minute first, so the earlier ones are answered from the cache.
    const offsets = [59_999, 30_000, 1, 0, -1, -30_000, -60_000, -60_001];
    for (const edge of edges) {
      for (const query of ["now", "next", "today", "tomorrow", "kafka now", "next track java"]) {
        for (const plus of offsets) {
          const options = { now: at(edge, plus), limit: 5 };
          expect(cached.search(query, options), `${query} at ${edge} ${plus}`).toEqual(
            plain.search(query, options),
          );
        }
      }
    }
    expect(cached.stats().hits).toBeGreaterThan(0);
  });

  it("gives a fresh answer in a new minute", () => {
    const cached = createCachedSearch(smallCatalog());
    const notice = (now: Date) => cached.search("now", { now, limit: 5 }).notice;
    expect(notice(at("2020-03-03T10:34:10Z"))).toBe(
      "Nothing in progress right now; next at 10:35.",
    );
    expect(notice(at("2020-03-03T10:34:50Z"))).toBe(
      "Nothing in progress right now; next at 10:35.",
    );
    expect(notice(at("2020-03-03T10:35:10Z"))).toBeUndefined();
    expect(cached.stats()).toMatchObject({ hits: 1, misses: 2 });
  });

  it("gives a fresh answer for a new catalog: each search instance has its own cache", () => {
    const now = at("2020-03-03T10:00:00Z");
    const before = createCachedSearch(smallCatalog());
    expect(before.search("loom", { now, limit: 5 }).hits[0]?.talk.title).toBe(
      "Project Loom: Virtual Threads",
    );
    const changed: Catalog = smallCatalog();
    changed.talks = changed.talks.map((t) =>
      t.id === "loom" ? { ...t, title: "Project Loom: Structured Concurrency" } : t,
    );
    const after = createCachedSearch(changed);
    expect(after.stats()).toMatchObject({ hits: 0, misses: 0, size: 0 });
    expect(after.search("loom", { now, limit: 5 }).hits[0]?.talk.title).toBe(
      "Project Loom: Structured Concurrency",
    );
  });

  it("keeps at most its number of answers, dropping the least recently used", () => {
    const cached = createCachedSearch(smallCatalog(), 3);
    const now = at("2020-03-03T10:00:00Z");
    const ask = (q: string) => cached.search(q, { now, limit: 5 });
    ask("kafka");
    for (const q of ["flink", "loom", "react", "kafka", "terraform", "postgres", "kafka"]) ask(q);
    expect(cached.stats().size).toBe(3);
    const misses = cached.stats().misses;
    ask("kafka"); // used last, so still held
    expect(cached.stats().misses).toBe(misses);
    ask("flink"); // dropped long ago
    expect(cached.stats().misses).toBe(misses + 1);
    expect(cached.stats().size).toBe(3);
  });

  it("returns the caller's query text, and answers nobody can change", () => {
    const cached = createCachedSearch(smallCatalog());
    const now = at("2020-03-03T10:00:00Z");
    const first = cached.search("kafka", { now, limit: 5 });
    expect(() => {
      (first.hits as SearchHit[]).length = 0;
    }).toThrow(TypeError);
    const hit = first.hits[0] as SearchHit;
    expect(() => {
      hit.score = 99;
    }).toThrow(TypeError);
    expect(() => hit.matched.push("time")).toThrow(TypeError);
    expect(() => first.filters.push("today")).toThrow(TypeError);
    expect(() => first.suggestions.push("Java")).toThrow(TypeError);
    const second = cached.search("  KAFKA ", { now, limit: 5 });
    expect(second.query).toBe("  KAFKA ");
    expect(second.hits.map((h) => h.talk.id)).toEqual(["kafka-streams", "untimed", "flink"]);
    expect(cached.stats()).toMatchObject({ hits: 1, misses: 1 });
  });

  it("hands out the same answer object for the same text, page and minute, and no other", () => {
    const cached = createCachedSearch(smallCatalog());
    const now = at("2020-03-03T10:00:00Z");
    const first = cached.search("kafka", { now, limit: 5 });
    expect(cached.search("kafka", { now: at("2020-03-03T10:00:59Z"), limit: 5 })).toBe(first);
    expect(cached.search("Kafka", { now, limit: 5 })).not.toBe(first);
    expect(cached.search("kafka", { now, limit: 5, offset: 1 })).not.toBe(first);
    expect(cached.search("kafka", { now: at("2020-03-03T10:01:00Z"), limit: 5 })).not.toBe(first);
  });

  it("counts now to the millisecond when a talk time has seconds", () => {
    const catalog = smallCatalog();
    catalog.talks = catalog.talks.map((t) =>
      t.id === "loom" ? { ...t, start: "2020-03-04T10:00:30+00:00" } : t,
    );
    const plain = createSearch(catalog);
    const cached = cachedSearch(plain, catalog);
    expect(cached.stats().minuteGranular).toBe(false);
    for (const iso of ["2020-03-04T10:00:40Z", "2020-03-04T10:00:20Z", "2020-03-04T10:00:30Z"]) {
      for (const query of ["now", "next"]) {
        const options = { now: new Date(iso), limit: 5 };
        expect(cached.search(query, options), `${query} at ${iso}`).toEqual(
          plain.search(query, options),
        );
      }
    }
    expect(cached.stats().hits).toBe(0);
  });

  it("reads a query the way the parser does", () => {
    expect(normalizeQuery("  Track  Java\tNEXT ")).toBe("track java next");
  });
});

describe("cached answers with the new parts", () => {
  it("freezes slots, tracks and the partial note too", () => {
    const cached = createCachedSearch(smallCatalog());
    const now = at("2020-03-03T09:00:00Z");
    const list = cached.search("tracks", { now });
    expect(Object.isFrozen(list.tracks)).toBe(true);
    expect(Object.isFrozen(list.tracks?.[0])).toBe(true);
  });
});
