import { describe, expect, it } from "vitest";
import { importFiles } from "../../../src/catalog/import/import-files.ts";
import { loadCatalogFile } from "../../../src/catalog/load.ts";
import type { Catalog } from "../../../src/catalog/schema.ts";
import { lookupOf } from "../../../src/present/talk-view.ts";
import { createSearch } from "../../../src/search/create-search.ts";
import { resultsMessage } from "../../../src/slack/blocks/results-message.ts";
import { fosdemXml } from "../../catalog/import/fixtures.ts";
import { blockKitViolations, liveSequences } from "../../e2e/block-kit-rules.ts";
import { hostile, hostileCatalog } from "../fixtures.ts";

/** Track answers, lists, notices and slot groups stay within Block Kit and escape what they show. */
const evil = `${hostile.channel} ${hostile.mention} ${hostile.link} & friends`;
const base = hostileCatalog(8);
const catalog: Catalog = {
  ...base,
  tracks: [
    ...base.tracks,
    { id: "empty", eventId: "qcon", name: `Empty ${evil}`, host: evil, description: evil },
  ],
};
const search = createSearch(catalog);
const now = new Date("2020-03-03T09:00:00Z");
const message = (query: string, over = catalog, engine = search) =>
  resultsMessage(engine.search(query, { now, limit: 5 }), lookupOf(over));

describe("new answers in Slack", () => {
  it("escapes a track with no sessions, the lists and a host's track, and stays within limits", () => {
    for (const query of ["track empty", "tracks", "rooms", "friends"]) {
      const m = message(query);
      expect(blockKitViolations(m), query).toEqual([]);
      expect(
        liveSequences(m).filter((s) => !s.startsWith("<!date^")),
        query,
      ).toEqual([]);
    }
    expect(JSON.stringify(message("track empty").blocks)).toContain("_No sessions listed yet._");
  });

  it("fits FOSDEM's long time answers and its 62 tracks", async () => {
    const { catalog: fosdem } = await importFiles([fosdemXml]);
    const engine = createSearch(fosdem);
    const at = new Date("2026-01-31T10:50:00+01:00");
    for (const query of ["tomorrow", "now", "tracks", "rooms", "wastrel today"]) {
      const m = resultsMessage(engine.search(query, { now: at, limit: 5 }), lookupOf(fosdem));
      expect(blockKitViolations(m), query).toEqual([]);
    }
  });

  it("shows the 'next at' notice on the bundled catalog", () => {
    const seed = loadCatalogFile(new URL("../../../data/catalog.json", import.meta.url).pathname);
    const engine = createSearch(seed);
    const m = resultsMessage(
      engine.search("now", { now: new Date("2020-03-03T10:00:00Z"), limit: 5 }),
      lookupOf(seed),
    );
    expect(JSON.stringify(m.blocks)).toContain("Nothing in progress right now; next at 10:35.");
    expect(blockKitViolations(m)).toEqual([]);
  });
});
