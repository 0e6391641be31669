import { describe, expect, it } from "vitest";
import { loadCatalogFile } from "../../src/catalog/load.ts";
import { lookupOf, talkView } from "../../src/present/talk-view.ts";
import { createSearch } from "../../src/search/create-search.ts";
import { detailsMessage } from "../../src/slack/blocks/details-message.ts";

/**
 * "Reactive Systems Architecture" is described by a session page and by an
 * abstract list; only the session page names Kafka's neighbours (OpenShift,
 * security, observability). The merged talk keeps both texts (issue 11).
 */
const catalog = loadCatalogFile(new URL("../../data/catalog.json", import.meta.url).pathname);
const id = "qcon-edition-unknown/reactive-systems-architecture";
const talk = catalog.talks.find((t) => t.id === id);

describe("a talk described by two sources", () => {
  it("keeps both abstracts", () => {
    expect(talk?.abstract).toContain("4 things that make the biggest impact");
    expect(talk?.abstract).toContain("observability");
    expect(talk?.sources.length).toBeGreaterThan(1);
  });

  it("is found by words only the second source has", () => {
    const search = createSearch(catalog);
    const now = new Date("2020-03-03T09:00:00Z");
    for (const word of ["kafka", "kubernetes", "security", "observability"]) {
      const ids = search.search(word, { now }).hits.map((h) => h.talk.id);
      expect(ids, word).toContain(id);
    }
  });

  it("shows both in Details", () => {
    if (!talk) throw new Error("talk missing");
    const json = JSON.stringify(detailsMessage(talkView(talk, lookupOf(catalog))).blocks);
    expect(json).toContain("observability");
    expect(json).toContain("4 things that make the biggest impact");
  });
});
