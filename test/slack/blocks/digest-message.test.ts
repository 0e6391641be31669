import type { KnownBlock, SectionBlock } from "@slack/types";
import { describe, expect, it } from "vitest";
import { planDigests } from "../../../src/digest/plan.ts";
import { digestText } from "../../../src/digest/text.ts";
import { digestMessage } from "../../../src/slack/blocks/digest-message.ts";
import { catalogOf, settingsOf } from "../../digest/helpers.ts";

const at = (iso: string) => new Date(iso);
const slot = at("2020-03-03T10:35:00Z");

function digestOf(
  talks: Parameters<typeof catalogOf>[2],
  track = "Architectures You've Always Wondered About",
) {
  const d = planDigests(catalogOf("Europe/London", [track], talks), settingsOf())[0];
  if (!d) throw new Error("no digest planned");
  return d;
}

const sections = (blocks: KnownBlock[]) =>
  blocks.filter((b): b is SectionBlock => b.type === "section");

describe("digestMessage", () => {
  const digest = digestOf([
    {
      id: "qcon-2020-kafka",
      track: "Architectures You've Always Wondered About",
      start: slot,
      title: "Kafka at scale",
      room: "Fleming",
      abstract: "How we run Kafka for 2,000 teams. Then a second sentence nobody needs here.",
      speakers: [
        { name: "Ada Lovelace", role: "Principal Engineer", company: "Analytical Engines" },
      ],
    },
  ]);

  it("names the track, the slot time for each reader with a London fallback, and each talk", () => {
    const { blocks, text } = digestMessage(digest);
    expect(blocks[0]).toMatchObject({
      type: "header",
      text: { text: "Up next: Architectures You've Always Wondered About" },
    });
    const context = JSON.stringify(blocks[1]);
    expect(context).toContain(
      `<!date^${slot.getTime() / 1000}^{date_short_pretty} at {time}|Tue 3 Mar 2020, 10:35 GMT>`,
    );
    const [talk] = sections(blocks);
    expect(talk?.text?.text).toBe(
      [
        "*Kafka at scale*",
        "Ada Lovelace (Principal Engineer, Analytical Engines)",
        "Room: Fleming",
        "How we run Kafka for 2,000 teams.",
      ].join("\n"),
    );
    // Details and ☆ Star under each talk: a click on Star answers the clicker alone.
    const row = blocks[blocks.indexOf(talk as never) + 1];
    expect(row).toMatchObject({
      type: "actions",
      elements: [
        {
          type: "button",
          action_id: "talk_details",
          value: "qcon-2020-kafka",
          text: { text: "Details" },
        },
        {
          type: "button",
          action_id: "talk_star",
          value: "qcon-2020-kafka",
          text: { text: "☆ Star" },
        },
      ],
    });
    expect(text).toBe(
      "Up next in Architectures You've Always Wondered About, Tue 3 Mar 2020, 10:35 GMT: Kafka at scale",
    );
  });

  it("prints the same content in the terminal", () => {
    expect(digestText(digest)).toBe(
      [
        "Up next: Architectures You've Always Wondered About (Tue 3 Mar 2020, 10:35 GMT) · Test Conf",
        "  • Kafka at scale",
        "    Ada Lovelace (Principal Engineer, Analytical Engines)",
        "    Room: Fleming",
        "    How we run Kafka for 2,000 teams.",
      ].join("\n"),
    );
  });

  it("escapes every catalog string, the fallback text included", () => {
    const evil = digestOf(
      [
        {
          id: "x",
          track: "<!channel> & friends",
          start: slot,
          title: "<!here> <https://evil.example|Keynote>",
          room: "<@U123>",
          abstract: "Click <https://evil.example|here> now & win.",
          speakers: [{ name: "<!everyone>", company: "A&B" }],
        },
      ],
      "<!channel> & friends",
    );
    const { blocks, text } = digestMessage(evil);
    const all = JSON.stringify(blocks) + text;
    expect(all).not.toMatch(/<!(channel|here|everyone)>|<@U123>|<https:/);
    expect(text).toContain("&lt;!channel&gt; &amp; friends");
    expect(sections(blocks)[0]?.text?.text).toContain("&lt;!everyone&gt; (A&amp;B)");
  });

  it("stays within Block Kit limits for a slot of 200 talks with enormous strings", () => {
    const huge = "Word ".repeat(2000);
    const talks = Array.from({ length: 200 }, (_, i) => ({
      id: `t${i}`,
      track: "T".repeat(400),
      start: slot,
      title: `${i} ${huge}`,
      room: huge,
      abstract: huge,
      speakers: Array.from({ length: 30 }, () => ({
        name: huge.slice(0, 300),
        company: "&<>".repeat(200),
      })),
    }));
    const { blocks, text } = digestMessage(digestOf(talks, "T".repeat(400)));
    expect(blocks.length).toBeLessThanOrEqual(50);
    expect(JSON.stringify(blocks).length).toBeLessThanOrEqual(12_000);
    expect(text.length).toBeLessThanOrEqual(1000);
    const header = blocks[0] as { text: { text: string } };
    expect(header.text.text.length).toBeLessThanOrEqual(150);
    for (const s of sections(blocks)) expect(s.text?.text.length).toBeLessThanOrEqual(3000);
    const last = JSON.stringify(blocks.at(-1));
    expect(last).toMatch(/…and \d+ more talks in this slot/);
    const shown = sections(blocks).length;
    expect(last).toContain(`${200 - shown} more`);
  });

  it("shows an untitled talk by speaker and first sentence, without repeating it", () => {
    const d = digestOf([
      {
        id: "u",
        track: "Architectures You've Always Wondered About",
        start: slot,
        title: null,
        abstract: "We rebuilt the ledger twice. It hurt.",
        speakers: [{ name: "Grace Hopper" }],
      },
    ]);
    const text = sections(digestMessage(d).blocks)[0]?.text?.text;
    expect(text).toBe("*Grace Hopper: We rebuilt the ledger twice.*\nGrace Hopper");
  });
});
