import { describe, expect, it } from "vitest";
import { lookupOf, talkView } from "../../../src/present/talk-view.ts";
import { ActionId } from "../../../src/slack/action-ids.ts";
import { detailsMessage } from "../../../src/slack/blocks/details-message.ts";
import { sharedTalkMessage } from "../../../src/slack/blocks/shared-message.ts";
import { blockKitViolations, liveSequences } from "../../e2e/block-kit-rules.ts";
import { catalogOf, hostile, hostileCatalog, seedCatalog, talk } from "../fixtures.ts";

const viewOf = (catalog: typeof seedCatalog, i = 0) => {
  const t = catalog.talks[i];
  if (!t) throw new Error("no talk");
  return talkView(t, lookupOf(catalog));
};

describe("detailsMessage", () => {
  it("shows the full abstract and each speaker's role, company and bio", () => {
    const abstract = `${"A long paragraph about partitions. ".repeat(100)}The very end.`;
    const catalog = catalogOf([talk("t1", { abstract })]);
    const message = detailsMessage(viewOf(catalog));
    const all = JSON.stringify(message.blocks);
    expect(all).toContain("The very end.");
    expect(all).toContain("*Ada Lovelace* — Principal Engineer, Analytical Engines");
    expect(all).toContain("Ada writes programs.");
    expect(message.blocks[0]).toMatchObject({
      type: "header",
      text: { text: "Kafka in production t1" },
    });
    expect(blockKitViolations(message)).toEqual([]);
  });

  it("fits a 5,000-character abstract and thirty long bios of hostile text", () => {
    const message = detailsMessage(viewOf(hostileCatalog(1)));
    expect(blockKitViolations(message)).toEqual([]);
    expect(liveSequences(message).every((s) => s.startsWith("<!date^"))).toBe(true);
    const all = JSON.stringify(message);
    for (const attack of Object.values(hostile)) expect(all).not.toContain(attack);
    // The whole abstract, then as many bios as fit, saying how many did not.
    expect(all).toContain('word word word"}}');
    expect(all).toContain("*&lt;@U123&gt; Speaker 0*");
    expect(all).toMatch(/\d+ more speakers without room for a bio here/);
  });

  it("cuts an abstract longer than a message, saying so, and keeps the bios", () => {
    const abstract = "partition ".repeat(2000);
    const message = detailsMessage(viewOf(catalogOf([talk("t1", { abstract })])));
    expect(blockKitViolations(message)).toEqual([]);
    const all = JSON.stringify(message);
    expect(all).toContain("The abstract is longer than one Slack message.");
    expect(all).toContain("Ada writes programs.");
  });
});

describe("sharedTalkMessage", () => {
  it("names who shared it and offers Details and ☆ Star, not Share again", () => {
    const message = sharedTalkMessage(viewOf(seedCatalog), "U0ALICE");
    expect(message.text).toBe("<@U0ALICE> shared a talk: Kafka in production");
    expect(message.blocks[0]).toMatchObject({
      type: "context",
      elements: [{ text: "<@U0ALICE> shared a talk" }],
    });
    const ids = message.blocks.flatMap((b) =>
      b.type === "actions" ? b.elements.map((e) => ("action_id" in e ? e.action_id : "")) : [],
    );
    expect(ids).toEqual([ActionId.details, ActionId.star]);
    expect(blockKitViolations(message)).toEqual([]);
  });

  it("never turns something that is not a user id into a mention", () => {
    const message = sharedTalkMessage(viewOf(hostileCatalog(1)), "<!channel>");
    expect(liveSequences(message).every((s) => s.startsWith("<!date^"))).toBe(true);
    expect(message.text.startsWith("Someone shared a talk")).toBe(true);
    expect(blockKitViolations(message)).toEqual([]);
  });
});
