import { describe, expect, it } from "vitest";
import type { Catalog, Talk } from "../../../src/catalog/schema.ts";
import { lookupOf, talkView } from "../../../src/present/talk-view.ts";
import type { MatchField } from "../../../src/search/types.ts";
import { CardCache, cardsPerCatalog } from "../../../src/slack/blocks/card-cache.ts";
import { groupSize } from "../../../src/slack/blocks/limits.ts";
import { talkCard } from "../../../src/slack/blocks/talk-card.ts";
import { catalogOf, hostileCatalog, seedCatalog, talk } from "../fixtures.ts";

function firstTalk(catalog: Catalog): Talk {
  const t = catalog.talks[0];
  if (!t) throw new Error("empty catalog");
  return t;
}

const matches: MatchField[][] = [[], ["title"], ["speaker", "company", "speaker"], ["time", "tag"]];

describe("CardCache", () => {
  it("is talkCard's card for a search hit, with its size counted as BlockBudget counts it", () => {
    for (const catalog of [seedCatalog, hostileCatalog(3)]) {
      const lookup = lookupOf(catalog);
      const cards = new CardCache(lookup);
      for (const t of catalog.talks) {
        for (const matched of matches) {
          for (let round = 0; round < 2; round++) {
            const card = cards.card(t, matched);
            expect(card.blocks).toEqual(talkCard(talkView(t, lookup), { share: true, matched }));
            expect(card.size).toBe(groupSize(card.blocks));
          }
        }
      }
    }
  });

  it("counts text that JSON escapes (quotes, newlines, controls, lone surrogates)", () => {
    const odd = 'say "hi"\\ \u0001 \ud800 tab\t end';
    const catalog = catalogOf([
      talk("q1", { title: odd, abstract: `${odd} ${odd}`, room: odd, tags: [odd] }),
    ]);
    const card = new CardCache(lookupOf(catalog)).card(firstTalk(catalog), ["title"]);
    expect(card.size).toBe(groupSize(card.blocks));
  });

  it("hands out fresh blocks, so changing one message leaves the next alone", () => {
    const cards = new CardCache(lookupOf(seedCatalog));
    const t = firstTalk(seedCatalog);
    const first = cards.card(t);
    const before = JSON.stringify(first.blocks);
    (first.blocks[1] as { elements: { value: string; text: { text: string } }[] }).elements.forEach(
      (e) => {
        e.text.text = "changed";
      },
    );
    first.blocks.pop();
    expect(JSON.stringify(cards.card(t).blocks)).toBe(before);
  });

  it("keeps a bounded number of cards per catalog, and renders evicted ones again alike", () => {
    const catalog = catalogOf(
      Array.from({ length: cardsPerCatalog + 50 }, (_, i) => talk(`t${i}`)),
    );
    const cards = new CardCache(lookupOf(catalog));
    const card = cards.card(firstTalk(catalog), ["title"]);
    const first = JSON.stringify(card.blocks);
    expect(cards.card(firstTalk(catalog)).view).toBe(card.view);
    for (const t of catalog.talks) cards.card(t);
    const again = cards.card(firstTalk(catalog), ["title"]);
    // Pushed out by the others, so worked out anew (a new view), and the same card.
    expect(again.view).not.toBe(card.view);
    expect(JSON.stringify(again.blocks)).toBe(first);
  });
});
