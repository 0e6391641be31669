import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { loadCatalogFile } from "../../../src/catalog/load.ts";
import type { Catalog } from "../../../src/catalog/schema.ts";
import { lookupOf, type TalkView, talkView } from "../../../src/present/talk-view.ts";
import type { MatchField, SearchResult } from "../../../src/search/types.ts";
import { CardCache } from "../../../src/slack/blocks/card-cache.ts";
import { detailsMessage } from "../../../src/slack/blocks/details-message.ts";
import type { SlackMessage } from "../../../src/slack/blocks/limits.ts";
import { resultsMessage } from "../../../src/slack/blocks/results-message.ts";
import { sharedTalkMessage } from "../../../src/slack/blocks/shared-message.ts";
import { type Snapshot, snapshotOf } from "../../../src/snapshot.ts";
import { hostileCatalog, seedCatalog } from "../fixtures.ts";

/**
 * Byte-for-byte pins of what users see. results-golden.json was rendered by the
 * code before the results message got its per-catalog caches (commit 116d9c1):
 * the bench's query mix over data/catalog.json (search results stored as talk
 * ids, so changes to the search do not move it), every seed talk with assorted
 * match labels and pages, help with "Up next", nothing found, past the end, and
 * a hostile catalog that hits the Block Kit size budget. Regenerate it only for
 * an intended change of the messages.
 */
interface StoredResult extends Omit<SearchResult, "hits"> {
  hits: { id: string; score: number; matched: MatchField[] }[];
}
interface Golden {
  results: { catalog: string; result: StoredResult; expected: SlackMessage }[];
  talks: {
    catalog: string;
    id: string;
    view: unknown;
    details: SlackMessage;
    shared: SlackMessage;
  }[];
}

const golden = JSON.parse(
  readFileSync(new URL("./results-golden.json", import.meta.url), "utf8"),
) as Golden;

const catalogs: Record<string, Catalog> = {
  seed: loadCatalogFile(new URL("../../../data/catalog.json", import.meta.url).pathname),
  hostile: hostileCatalog(60),
  "test-seed": seedCatalog,
};

const snapshots = new Map<string, Snapshot>();

/** The catalog's one snapshot, as a running bot keeps it: its lookup and its cards. */
function snapshotNamed(name: string): Snapshot {
  let snapshot = snapshots.get(name);
  if (!snapshot) {
    snapshot = snapshotOf(catalogNamed(name));
    snapshots.set(name, snapshot);
  }
  return snapshot;
}

function catalogNamed(name: string): Catalog {
  const catalog = catalogs[name];
  if (!catalog) throw new Error(`no catalog ${name}`);
  return catalog;
}

function searchResult(catalog: Catalog, stored: StoredResult): SearchResult {
  return {
    ...stored,
    hits: stored.hits.map((h) => {
      const talk = catalog.talks.find((t) => t.id === h.id);
      if (!talk) throw new Error(`no talk ${h.id}`);
      return { talk, score: h.score, matched: h.matched };
    }),
  };
}

const plainView = (view: TalkView) => ({
  ...view,
  abstract: undefined,
  speakerDetails: undefined,
  start: view.start?.toISOString(),
  end: view.end?.toISOString(),
});

const cardCaches = new Map<string, CardCache>();
function cardsOf(name: string): CardCache {
  let cards = cardCaches.get(name);
  if (!cards) {
    cards = new CardCache(snapshotNamed(name).lookup);
    cardCaches.set(name, cards);
  }
  return cards;
}

describe("results messages, byte for byte as before the caches", () => {
  it("has cases to compare", () => {
    expect(golden.results.length).toBeGreaterThan(50);
    expect(golden.talks.length).toBeGreaterThan(30);
  });

  it("renders every stored search result as recorded, with a fresh or a cached lookup", () => {
    for (const { catalog: name, result, expected } of golden.results) {
      const catalog = catalogNamed(name);
      const want = JSON.stringify(expected);
      // A fresh lookup (no cache yet), then the snapshot's cards twice (cold, then warm).
      const { lookup } = snapshotNamed(name);
      const cards = cardsOf(name);
      for (const [l, c] of [[lookupOf(catalog)], [lookup, cards], [lookup, cards]] as const) {
        const got = resultsMessage(searchResult(catalog, result), l, c);
        expect(got, `${name}: “${result.query}”`).toEqual(expected);
        expect(JSON.stringify(got)).toBe(want);
      }
    }
  });

  it("renders every talk's view, details and shared card as recorded", () => {
    for (const { catalog: name, id, view, details, shared } of golden.talks) {
      const catalog = catalogNamed(name);
      const talk = catalog.talks.find((t) => t.id === id);
      if (!talk) throw new Error(`no talk ${id}`);
      for (const lookup of [lookupOf(catalog), snapshotNamed(name).lookup]) {
        const v = talkView(talk, lookup);
        expect(JSON.parse(JSON.stringify(plainView(v))), id).toEqual(view);
        expect(JSON.stringify(detailsMessage(v))).toBe(JSON.stringify(details));
        expect(JSON.stringify(sharedTalkMessage(v, "U0SHARER"))).toBe(JSON.stringify(shared));
      }
    }
  });
});
