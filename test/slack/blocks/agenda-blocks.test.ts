import type { KnownBlock, SectionBlock } from "@slack/types";
import { describe, expect, it } from "vitest";
import { agendaView } from "../../../src/agenda/agenda-view.ts";
import type { PlannedReminder } from "../../../src/agenda/reminders.ts";
import type { Talk } from "../../../src/catalog/schema.ts";
import { lookupOf } from "../../../src/present/talk-view.ts";
import { ActionId } from "../../../src/slack/action-ids.ts";
import { agendaMessage } from "../../../src/slack/blocks/agenda-message.ts";
import { homeView } from "../../../src/slack/blocks/home-view.ts";
import { reminderMessage } from "../../../src/slack/blocks/reminder-message.ts";
import { markStars, starButton } from "../../../src/slack/blocks/star.ts";
import { catalogOf } from "../../digest/helpers.ts";
import { allTexts, blockKitViolations, liveSequences } from "../../e2e/block-kit-rules.ts";
import { hostile } from "../fixtures.ts";

const at = (iso: string) => new Date(iso);
const catalog = catalogOf(
  "Europe/London",
  ["A", "B"],
  [
    { id: "k1", track: "A", start: at("2020-03-03T10:35:00Z"), minutes: 50, room: "Fleming" },
    {
      id: "k2",
      track: "B",
      start: at("2020-03-03T11:00:00Z"),
      minutes: 50,
      title: hostile.channel,
    },
    { id: "k3", track: "A", start: at("2020-03-04T09:00:00Z"), minutes: 50 },
    { id: "gone-soon", track: "A" },
  ],
);
const lookup = lookupOf(catalog);
const byId = new Map(catalog.talks.map((t) => [t.id, t]));
const find = (id: string) => byId.get(id);

const starLabels = (blocks: readonly KnownBlock[]) =>
  blocks.flatMap((b) =>
    b.type === "actions"
      ? b.elements.flatMap((e) =>
          e.type === "button" && e.action_id === ActionId.star ? [`${e.value}:${e.text.text}`] : [],
        )
      : [],
  );

describe("star buttons", () => {
  it("show one reader's state without touching the shared blocks", () => {
    const shared: KnownBlock[] = [
      { type: "section", text: { type: "mrkdwn", text: "x" } },
      { type: "actions", elements: [starButton("k1"), starButton("k2")].filter((b) => b !== null) },
    ];
    const mine = markStars(shared, (id) => id === "k2");
    expect(starLabels(mine)).toEqual(["k1:☆ Star", "k2:★ Starred"]);
    expect(starLabels(shared)).toEqual(["k1:☆ Star", "k2:☆ Star"]);
    expect(mine[0]).toBe(shared[0]);
  });
});

describe("agenda message", () => {
  it("lists what is still to come by day, marks the clash, and counts what ended", () => {
    const view = agendaView(
      ["k3", "k2", "k1", "gone-soon", "dropped"],
      find,
      at("2020-03-03T10:40:00Z"),
    );
    const message = agendaMessage(view, lookup, { remindMinutes: 10 });
    expect(blockKitViolations(message)).toEqual([]);
    const text = allTexts(message).join("\n");
    expect(text).toContain("*Tue 3 Mar 2020*");
    expect(text).toContain("*On now*");
    expect(text).toMatch(/overlaps with &lt;!channel&gt;/);
    expect(text).toContain("Reminder by DM 10 min before");
    expect(text).toContain("Not scheduled yet: Talk gone-soon");
    expect(text).toContain("1 starred talk is no longer in the schedule.");
    expect(starLabels(message.blocks)).toEqual(["k1:★ Starred", "k2:★ Starred", "k3:★ Starred"]);
    expect(liveSequences(message).every((s) => s.startsWith("<!date^"))).toBe(true);
  });

  it("says how to star when nothing is starred", () => {
    const message = agendaMessage(agendaView([], find, at("2020-03-03T10:40:00Z")), lookup, {
      remindMinutes: 10,
    });
    expect(message.text).toBe("Your agenda is empty");
    expect(allTexts(message).join(" ")).toContain("☆ Star");
  });
});

describe("reminder DM", () => {
  const reminder = (talk: Talk, lead: number): PlannedReminder => ({
    key: "k",
    kind: "reminder",
    channel: "U1",
    userId: "U1",
    talk,
    event: catalog.events[0],
    dueAt: new Date(Date.parse(talk.start as string) - lead * 60_000),
    deadline: new Date(talk.start as string),
    leadMinutes: lead,
  });
  it("says when in the reader's zone, where, and how long is really left", () => {
    const k1 = find("k1") as Talk;
    const message = reminderMessage(reminder(k1, 10), lookup, at("2020-03-03T10:31:30Z"));
    expect(blockKitViolations(message)).toEqual([]);
    expect(message.text).toBe("In 4 min in Fleming: Talk k1");
    // The headline's time and the card's, both in each reader's own zone.
    expect(liveSequences(message)).toEqual([
      expect.stringMatching(/^<!date\^1583231700\^\{time\}\|/),
      expect.stringMatching(/^<!date\^1583231700\^\{date_short_pretty\} \{time\}\|/),
    ]);
    const hostileTalk = find("k2") as Talk;
    const escaped = reminderMessage(reminder(hostileTalk, 5), lookup, at("2020-03-03T10:55:00Z"));
    expect(liveSequences(escaped).filter((s) => !s.startsWith("<!date^"))).toEqual([]);
  });
});

describe("App Home", () => {
  it("fits 100 blocks with many starred talks and keeps settings and how-to at the end", () => {
    const many = catalogOf(
      "Europe/London",
      ["A"],
      Array.from({ length: 80 }, (_, i) => ({
        id: `t${i}`,
        track: "A",
        start: at(
          `2020-03-03T${String(9 + Math.floor(i / 10)).padStart(2, "0")}:${String((i % 10) * 5).padStart(2, "0")}:00Z`,
        ),
      })),
    );
    const manyById = new Map(many.talks.map((t) => [t.id, t]));
    const view = homeView({
      agenda: agendaView(
        many.talks.map((t) => t.id),
        (id) => manyById.get(id),
        at("2020-03-03T08:00:00Z"),
      ),
      lookup: lookupOf(many),
      remindMinutes: 15,
      calendarUrl: "https://talkbot.example/calendar/abc.ics",
      onNow: many.talks.slice(0, 20),
      upNext: many.talks.slice(20, 40),
      isStarred: () => false,
    });
    expect(view.blocks.length).toBeLessThanOrEqual(100);
    const texts = allTexts({ text: "x", blocks: view.blocks }).join("\n");
    expect(texts).toContain("…and 72 more: `/talk agenda`");
    expect(texts).toContain("<https://talkbot.example/calendar/abc.ics|your personal feed>");
    expect(texts).toContain("How to use talkbot");
    const select = view.blocks.find(
      (b) => b.type === "section" && (b as SectionBlock).accessory?.type === "static_select",
    );
    expect(select).toMatchObject({ accessory: { initial_option: { value: "15" } } });
  });
});
