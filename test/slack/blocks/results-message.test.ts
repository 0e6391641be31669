import { describe, expect, it } from "vitest";
import { lookupOf } from "../../../src/present/talk-view.ts";
import { createSearch } from "../../../src/search/create-search.ts";
import { ActionId, decodeMore } from "../../../src/slack/action-ids.ts";
import { resultsMessage } from "../../../src/slack/blocks/results-message.ts";
import { blockKitViolations, liveSequences } from "../../e2e/block-kit-rules.ts";
import { fakeSearch, hostile, hostileCatalog, seedCatalog } from "../fixtures.ts";

const now = new Date("2020-03-03T09:00:00Z");

function answer(catalog: typeof seedCatalog, query: string, limit = 5, offset = 0) {
  const result = fakeSearch(catalog).search(query, { now, limit, offset });
  return resultsMessage(result, lookupOf(catalog));
}

const buttons = (message: ReturnType<typeof answer>) =>
  message.blocks.flatMap((b) => (b.type === "actions" ? b.elements : [])) as {
    action_id: string;
    value: string;
    text: { text: string };
  }[];

describe("resultsMessage", () => {
  it("heads the results with the count and the query, one card per talk", () => {
    const message = answer(seedCatalog, "kafka");
    expect(message.blocks[0]).toEqual({
      type: "header",
      text: { type: "plain_text", text: "1 talk for “kafka”", emoji: true },
    });
    const section = message.blocks.find((b) => b.type === "section");
    const text = section?.type === "section" ? (section.text?.text ?? "") : "";
    expect(text).toContain("*Kafka in production*");
    expect(text).toContain("Ada Lovelace (Principal Engineer, Analytical Engines)");
    expect(text).toContain("Track: Architectures You've Always Wondered About");
    expect(text).toContain("Room: Fleming");
    // Each reader's own zone, with the event's zone as the readable fallback.
    expect(text).toContain(
      "<!date^1583231700^{date_short_pretty} {time}|Tue 3 Mar 2020, 10:35–11:25 GMT> (50 min)",
    );
    expect(text).toContain(">How we run Kafka at scale.");
    expect(message.text).toBe("1 talk for “kafka”: Kafka in production");
    expect(buttons(message).map((b) => [b.text.text, b.action_id, b.value])).toEqual([
      ["Details", ActionId.details, "t1"],
      ["☆ Star", ActionId.star, "t1"],
      ["Share in channel", ActionId.share, "t1"],
    ]);
    expect(blockKitViolations(message)).toEqual([]);
  });

  it("escapes catalog text so it cannot become a ping, mention or link", () => {
    const message = answer(seedCatalog, "streaming");
    expect(JSON.stringify(message)).toContain("Streaming &amp; you");
    expect(message.text).toContain("Streaming &amp; you");
  });

  it("offers More results from the first talk not shown", () => {
    const catalog = hostileCatalog(12);
    const message = answer(catalog, "title", 5);
    const more = buttons(message).find((b) => b.action_id === ActionId.more);
    expect(more && decodeMore(more.value)).toEqual({ q: "title", o: 5 });
    const last = answer(catalog, "title", 5, 10);
    expect(buttons(last).some((b) => b.action_id === ActionId.more)).toBe(false);
  });

  it("stays within Block Kit limits and escapes everything for a hostile catalog of 60 results", () => {
    const catalog = hostileCatalog(60);
    const message = answer(catalog, `title ${hostile.channel}`.slice(0, 5), 60);
    expect(blockKitViolations(message)).toEqual([]);
    // Only the date tokens talkbot writes itself are live.
    expect(liveSequences(message).every((s) => s.startsWith("<!date^"))).toBe(true);
    const all = JSON.stringify(message);
    for (const attack of Object.values(hostile)) expect(all).not.toContain(attack);
    expect(all).toContain("&lt;!channel&gt;");
    // Fewer cards fit than were asked for: More continues right after the last one shown.
    const cards = buttons(message).filter((b) => b.action_id === ActionId.details).length;
    expect(cards).toBeGreaterThan(0);
    expect(cards).toBeLessThan(60);
    const more = buttons(message).find((b) => b.action_id === ActionId.more);
    expect(more && decodeMore(more.value)?.o).toBe(cards);
    expect(message.blocks.at(-2)).toMatchObject({
      type: "context",
      elements: [{ text: `Showing 1–${cards} of 60` }],
    });
  });

  it("escapes a hostile query in the header and the fallback text", () => {
    const message = answer(seedCatalog, `${hostile.channel} ${hostile.link}`);
    expect(liveSequences(message)).toEqual([]);
    expect(message.text).toContain("&lt;!channel&gt;");
  });

  it("answers nothing found with suggestions, never an empty message", () => {
    const message = answer(seedCatalog, "zzqxjvw");
    expect(message.text).toContain("I found no talks for “zzqxjvw”");
    expect(message.text).toContain("Did you mean Architectures, &lt;!channel&gt; Ada?");
    expect(JSON.stringify(message.blocks)).toContain("*Architectures*");
    expect(liveSequences(message)).toEqual([]);
    expect(blockKitViolations(message)).toEqual([]);
  });

  it("answers a time question that finds nothing with when the schedule runs, escaped", () => {
    const catalog = {
      ...seedCatalog,
      events: [
        {
          id: "qcon",
          name: "<!channel> Conf",
          timeZone: "Europe/London",
          sources: ["x.txt"],
          startDate: "2020-03-02",
          endDate: "2020-03-04",
        },
      ],
    };
    const later = new Date("2026-11-22T12:00:00Z");
    const message = resultsMessage(
      createSearch(catalog).search("what's next", { now: later, limit: 5 }),
      lookupOf(catalog),
    );
    const expected =
      "Nothing is on then: the schedule covers &lt;!channel&gt; Conf, Mon 2 Mar 2020 to Wed 4 Mar 2020.";
    expect(JSON.stringify(message.blocks)).toContain(expected);
    expect(message.text).toContain(expected);
    expect(liveSequences(message)).toEqual([]);
    const untimed = resultsMessage(
      createSearch(catalog).search("zzqxjvw", { now: later, limit: 5 }),
      lookupOf(catalog),
    );
    expect(JSON.stringify(untimed)).not.toContain("Nothing is on then");
  });

  it("answers an empty query with help, examples and what is up next", () => {
    const message = answer(seedCatalog, "");
    const all = JSON.stringify(message.blocks);
    expect(all).toContain("/talk kafka");
    expect(all).toContain("track architectures");
    expect(all).toContain("*Up next*");
    expect(all).toContain("*Kafka in production*");
    expect(message.text).toMatch(/^Find talks with \/talk/);
    expect(blockKitViolations(message)).toEqual([]);
  });

  it("says so when a later page is past the end", () => {
    const message = answer(seedCatalog, "kafka", 5, 5);
    expect(message.text).toContain("No more talks for “kafka”");
    expect(blockKitViolations(message)).toEqual([]);
  });
});
