import { describe, expect, it } from "vitest";
import { loadCatalogFile } from "../../src/catalog/load.ts";
import { renderResults } from "../../src/local/render-results.ts";
import { lookupOf } from "../../src/present/talk-view.ts";
import { createSearch } from "../../src/search/create-search.ts";
import { resultsMessage } from "../../src/slack/blocks/results-message.ts";
import { snapshotOf } from "../../src/snapshot.ts";

const catalog = loadCatalogFile(new URL("../../data/catalog.json", import.meta.url).pathname);
const search = createSearch(catalog);
const snapshot = snapshotOf(catalog, { search });
const now = new Date("2020-03-03T09:00:00Z");

describe("an answer that matches only some of the words", () => {
  const result = search.search("terraform <infrastructure> code", { now, limit: 5 });
  const note = "No talk matches “terraform”; these match only “infrastructure”, “code”.";

  it("says so in the terminal", () => {
    expect(renderResults(result, snapshot)).toContain(note);
  });

  it("says so in Slack, escaped", () => {
    const blocks = resultsMessage(result, lookupOf(catalog)).blocks;
    expect(JSON.stringify(blocks)).toContain(note);
    const header = JSON.stringify(blocks[0]);
    expect(header).toContain("terraform &lt;infrastructure&gt; code");
  });

  it("says nothing when every word matched", () => {
    const full = search.search("infrastructure code", { now, limit: 5 });
    expect(renderResults(full, snapshot)).not.toContain("No talk matches");
  });
});
