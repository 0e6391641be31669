import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { FOSDEM_QUERIES, loadLabelledQueries, scoreRelevance } from "../../bench/relevance.ts";
import { importFiles } from "../../src/catalog/import/import-files.ts";
import { loadCatalogFile } from "../../src/catalog/load.ts";
import { createSearch } from "../../src/search/create-search.ts";

/** Floors under the scores measured when the set was written (all 1.00); a drop fails. */
const HIT_AT_1_FLOOR = 0.95;
const RECALL_AT_5_FLOOR = 0.95;
/** Over queries whose whole answer is labelled: how many of the first five are right. */
const PRECISION_AT_5_FLOOR = 0.95;
/** Queries whose right answer is nothing, and talks that must not appear: no slack. */
const EMPTY_FLOOR = 1;
const NEGATIVES_FLOOR = 1;

const set = loadLabelledQueries();
const catalog = loadCatalogFile(new URL("../../data/catalog.json", import.meta.url).pathname);
const search = createSearch(catalog);
const score = scoreRelevance(set, (query, now) =>
  search.search(query, { now, limit: 5 }).hits.map((h) => h.talk.id),
);

describe("labelled query set over the seed catalog", () => {
  it("covers every kind of query the issue names, with at least 40 queries", () => {
    expect(set.length).toBeGreaterThanOrEqual(40);
    const kinds = new Set(set.map((q) => q.kind));
    for (const kind of [
      "title",
      "speaker",
      "company",
      "topic",
      "typo",
      "multi-word",
      "time",
      "nonsense",
    ]) {
      expect(kinds).toContain(kind);
    }
  });

  it("only names talks that exist", () => {
    const ids = new Set(catalog.talks.map((t) => t.id));
    const unknown = set
      .flatMap((q) => [
        ...q.expected,
        ...(q.top ?? []),
        ...(q.acceptable ?? []),
        ...(q.mustNot ?? []),
      ])
      .filter((id) => !ids.has(id));
    expect(unknown).toEqual([]);
  });

  it(`keeps hit@1 at or above ${HIT_AT_1_FLOOR}`, () => {
    const misses = score.perQuery
      .filter((q) => !q.hit)
      .map((q) => `${q.query} → ${q.got[0] ?? "nothing"}`);
    expect({ hitAt1: score.hitAt1 >= HIT_AT_1_FLOOR, misses }).toMatchObject({ hitAt1: true });
  });

  it(`keeps recall@5 at or above ${RECALL_AT_5_FLOOR}`, () => {
    const partial = score.perQuery
      .filter((q) => q.recall < 1)
      .map((q) => `${q.query} (${q.recall})`);
    expect({ recallAt5: score.recallAt5 >= RECALL_AT_5_FLOOR, partial }).toMatchObject({
      recallAt5: true,
    });
  });

  it("has negative labels: must-be-empty queries and talks that must not appear", () => {
    expect(set.filter((q) => q.kind === "must-be-empty").length).toBeGreaterThanOrEqual(4);
    expect(set.filter((q) => q.mustNot).length).toBeGreaterThanOrEqual(3);
    expect(set.filter((q) => q.complete).length).toBeGreaterThanOrEqual(10);
  });

  it(`keeps precision@5 at or above ${PRECISION_AT_5_FLOOR}`, () => {
    const loose = score.perQuery
      .filter((q) => q.precision !== undefined && q.precision < 1)
      .map((q) => `${q.query} (${q.precision}): ${q.got.join(", ")}`);
    expect({ precision: score.precisionAt5 >= PRECISION_AT_5_FLOOR, loose }).toMatchObject({
      precision: true,
    });
  });

  it("answers every must-be-empty query with nothing and never shows a must-not talk", () => {
    const wrong = score.perQuery
      .filter((q) => q.empty === false || q.clean === false)
      .map((q) => `${q.query} → ${q.got.join(", ")}`);
    expect({
      empty: score.emptyShare >= EMPTY_FLOOR,
      clean: score.negativesClean >= NEGATIVES_FLOOR,
      wrong,
    }).toEqual({ empty: true, clean: true, wrong: [] });
  });

  it("answers nonsense with nothing", () => {
    for (const q of set.filter((q) => q.kind === "nonsense")) {
      expect(search.search(q.query, { now: new Date() }).hits).toEqual([]);
    }
  });
});

const FOSDEM = new URL("../../../shared/fixtures/frab/fosdem-2026.xml", import.meta.url).pathname;

describe.skipIf(!existsSync(FOSDEM))("labelled query set over FOSDEM 2026", () => {
  it("keeps hit@1, recall@5, precision@5 and the negatives at their floors on a real 883-talk schedule", async () => {
    const { catalog: fosdem } = await importFiles([FOSDEM]);
    const engine = createSearch(fosdem);
    const result = scoreRelevance(loadLabelledQueries(FOSDEM_QUERIES), (query, now) =>
      engine.search(query, { now, limit: 5 }).hits.map((h) => h.talk.id),
    );
    const misses = result.perQuery.filter((q) => !q.hit || q.recall < 1).map((q) => q.query);
    const wrong = result.perQuery
      .filter((q) => q.empty === false || q.clean === false)
      .map((q) => q.query);
    expect({
      hitAt1: result.hitAt1 >= 0.9,
      recallAt5: result.recallAt5 >= 0.9,
      precisionAt5: result.precisionAt5 >= 0.9,
      empty: result.emptyShare >= EMPTY_FLOOR,
      clean: result.negativesClean >= NEGATIVES_FLOOR,
      misses,
      wrong,
    }).toMatchObject({
      hitAt1: true,
      recallAt5: true,
      precisionAt5: true,
      empty: true,
      clean: true,
      wrong: [],
    });
  });
});
