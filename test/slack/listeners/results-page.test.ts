import { describe, expect, it } from "vitest";
import { FixedClock } from "../../../src/clock.ts";
import { lookupOf } from "../../../src/present/talk-view.ts";
import { createCachedSearch } from "../../../src/search/cached-search.ts";
import { createSearch } from "../../../src/search/create-search.ts";
import type { TalkSearch } from "../../../src/search/types.ts";
import { resultsMessage } from "../../../src/slack/blocks/results-message.ts";
import { resultsPage } from "../../../src/slack/listeners/results-page.ts";
import { snapshotOf } from "../../../src/snapshot.ts";
import { memoryLogger, seedCatalog } from "../fixtures.ts";

const at = new Date("2020-03-03T09:00:00Z");

function depsWith(search: TalkSearch, clock = new FixedClock(at)) {
  const snapshot = snapshotOf(seedCatalog, { search });
  return { current: () => snapshot, clock, logger: memoryLogger() };
}

describe("resultsPage", () => {
  it("renders a repeated question once while the search cache holds its answer", () => {
    const clock = new FixedClock(at);
    const deps = depsWith(createCachedSearch(seedCatalog), clock);
    const first = resultsPage(deps, "kafka", 0);
    expect(resultsPage(deps, "kafka", 0)).toBe(first);
    expect(resultsPage(deps, "kafka", 5)).not.toBe(first);
    clock.set(new Date(at.getTime() + 60_000));
    const nextMinute = resultsPage(deps, "kafka", 0);
    expect(nextMinute).not.toBe(first);
    expect(nextMinute).toEqual(first);
  });

  it("shows the asker's own text even when the answer came from another spelling", () => {
    const deps = depsWith(createCachedSearch(seedCatalog));
    resultsPage(deps, "kafka", 0);
    expect(resultsPage(deps, "KAFKA", 0).text).toContain("“KAFKA”");
  });

  it("gives the message the uncached search would, rendered anew each time without the cache", () => {
    const plain = createSearch(seedCatalog);
    const deps = depsWith(plain);
    const first = resultsPage(deps, "kafka", 0);
    expect(resultsPage(deps, "kafka", 0)).not.toBe(first);
    expect(resultsPage(depsWith(createCachedSearch(seedCatalog)), "kafka", 0)).toEqual(
      resultsMessage(plain.search("kafka", { now: at, limit: 5 }), lookupOf(seedCatalog)),
    );
  });
});

describe("a reloaded catalog", () => {
  it("renders anew: each snapshot keeps its own messages", () => {
    const search = createCachedSearch(seedCatalog);
    const first = resultsPage(depsWith(search), "kafka", 0);
    expect(resultsPage(depsWith(search), "kafka", 0)).not.toBe(first);
    expect(resultsPage(depsWith(search), "kafka", 0)).toEqual(first);
  });
});

describe("more on its own", () => {
  it("says where paging is rather than showing help", () => {
    const message = resultsPage(depsWith(createSearch(seedCatalog)), "more", 0);
    expect(message.text).toContain("press *More results* under an answer");
    expect(resultsPage(depsWith(createSearch(seedCatalog)), " More ", 0)).toBe(message);
  });
});
