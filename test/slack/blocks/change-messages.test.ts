import type { SectionBlock } from "@slack/types";
import { describe, expect, it } from "vitest";
import { diff } from "../../../src/catalog/diff.ts";
import type { Catalog } from "../../../src/catalog/schema.ts";
import { planDigests, trackOf } from "../../../src/digest/plan.ts";
import { affectedPeople } from "../../../src/schedule/affected-people.ts";
import { correctionsFor } from "../../../src/schedule/corrections.ts";
import { noticesFor } from "../../../src/schedule/notices.ts";
import { zonesOf } from "../../../src/schedule/relevance.ts";
import { changeDmMessage } from "../../../src/slack/blocks/change-dm-message.ts";
import { changeNoticeMessage } from "../../../src/slack/blocks/change-notice-message.ts";
import { correctionMessage, emptySlotText } from "../../../src/slack/blocks/correction-message.ts";
import { catalogOf, settingsOf, type TalkSpec } from "../../digest/helpers.ts";
import { blockKitViolations, liveSequences } from "../../e2e/block-kit-rules.ts";
import { berlinTime, oneChannel, postedDigest, release36c3 } from "../../schedule/posted.ts";

const noIdentities = new Map<string, string>();
/** Only `<!date^…>` may be live: no ping, mention or link from catalog text. */
const onlyDates = (m: { text?: unknown; blocks?: unknown }) =>
  liveSequences(m).filter((s) => !/^<!date\^\d+\^[^|>]+\|[^<>]*>$/.test(s));

function fixtureCorrections(from: number, to: number, local: string, slot: string) {
  const at = berlinTime(slot).getTime();
  const records = planDigests(release36c3(from), oneChannel)
    .filter((d) => d.slotStart.getTime() === at)
    .map((d) => postedDigest(d));
  return correctionsFor({
    releaseId: `r${to}`,
    catalog: release36c3(to),
    settings: oneChannel,
    identities: noIdentities,
    records,
    now: berlinTime(local),
    changes: diff(release36c3(from), release36c3(to)),
  });
}

const sectionTexts = (blocks: unknown[]) =>
  (blocks as SectionBlock[]).filter((b) => b.type === "section").map((b) => b.text?.text ?? "");

describe("the correction of a posted digest", () => {
  it("is the digest as it now is, with the Updated line under its time", () => {
    const [, hardware] = fixtureCorrections(0, 1, "2019-12-30T11:25", "2019-12-30T11:30");
    if (!hardware) throw new Error("no correction");
    const m = correctionMessage(hardware);
    expect(blockKitViolations(m)).toEqual([]);
    expect(onlyDates(m)).toEqual([]);
    expect(m.blocks[0]).toMatchObject({
      type: "header",
      text: { text: "Up next: Hardware &amp; Making" },
    });
    expect(JSON.stringify(m.blocks[2])).toContain(
      "Updated 11:25: Understanding millions of gates moved to 12:50, Adams; HAL - The Open-Source Hardware Analyzer new in this slot",
    );
    expect(sectionTexts(m.blocks)[0]).toMatch(/^\*HAL - The Open-Source Hardware Analyzer\*/);
    expect(m.text).toMatch(/^Updated: up next in Hardware &amp; Making, /);
  });

  it("says so when the slot was left empty", () => {
    const out = fixtureCorrections(2, 3, "2019-12-27T11:25", "2019-12-27T11:30");
    const art = out.find((c) => trackOf(c.digest)?.name === "Art & Culture");
    if (!art) throw new Error("no correction");
    const m = correctionMessage(art);
    expect(blockKitViolations(m)).toEqual([]);
    expect(sectionTexts(m.blocks)).toEqual([emptySlotText]);
    expect(JSON.stringify(m.blocks)).toContain("0 talks");
    expect(JSON.stringify(m.blocks)).toContain("Legacy Code cancelled");
  });
});

// A conference whose every string is hostile, and a release that changes everything.
const evil = "<!channel> & <@U0BOSS> <https://evil.example|click>";
const start = new Date("2026-02-01T09:00:00Z");
function hostile(n: number, version: 0 | 1): Catalog {
  const talks: TalkSpec[] = Array.from({ length: n }, (_, i) => ({
    id: `t${i}`,
    track: evil,
    start: new Date(start.getTime() + (version === 1 && i % 2 ? 3_600_000 : 0)),
    title: `${evil} ${i}${version ? " (new)" : ""} ${"long ".repeat(60)}`,
    room: `${evil} room ${version}`,
    speakers: [{ name: `${evil} ${version}` }],
  }));
  return catalogOf("Europe/Brussels", [evil], talks);
}

describe("change messages with hostile strings and too many changes", () => {
  const before = hostile(120, 0);
  const after = hostile(120, 1);
  const changes = diff(before, after);
  const now = new Date(start.getTime() - 10 * 60_000);

  it("a correction stays within limits and escapes everything, its note included", () => {
    const settings = settingsOf();
    const records = planDigests(before, settings).map((d) => postedDigest(d));
    const out = correctionsFor({
      releaseId: "r",
      catalog: after,
      settings,
      identities: noIdentities,
      records,
      now,
      changes,
    });
    expect(out).toHaveLength(1);
    const m = correctionMessage(out[0] as (typeof out)[number]);
    expect(blockKitViolations(m)).toEqual([]);
    expect(onlyDates(m)).toEqual([]);
    expect(JSON.stringify(m.blocks[2])).toContain("Updated 09:50: &lt;!channel&gt; &amp;");
    expect(JSON.stringify(m.blocks.at(-1))).toMatch(/…and \d+ more talks in this slot/);
  });

  it("a notice stays within limits, and counts what did not fit", () => {
    const [notice] = noticesFor({
      changeId: "r",
      changes,
      catalog: after,
      previous: before,
      settings: settingsOf(),
      now,
    });
    if (!notice) throw new Error("no notice");
    const m = changeNoticeMessage(notice);
    expect(blockKitViolations(m)).toEqual([]);
    expect(onlyDates(m)).toEqual([]);
    expect(m.text).toContain("&lt;!channel&gt;");
    expect(JSON.stringify(m.blocks.at(-1))).toMatch(/…and \d+ more changes/);
    const listed = sectionTexts(m.blocks)
      .join("\n")
      .split("\n")
      .filter((l) => l.startsWith(":") && !l.startsWith(":door:"));
    const more = Number(/…and (\d+) more/.exec(JSON.stringify(m.blocks.at(-1)))?.[1]);
    const total = notice.tracks.reduce((n, t) => n + t.items.length, 0);
    expect(listed.length + more).toBe(total);
  });

  it("a DM stays within limits and escapes everything", () => {
    const [dm] = affectedPeople({
      changeId: "r",
      changes,
      starrersOf: () => new Set(["U1"]),
      zoneOf: zonesOf(after),
      now,
    });
    if (!dm) throw new Error("no DM");
    expect(dm.changes).toHaveLength(120);
    const m = changeDmMessage(dm);
    expect(blockKitViolations(m)).toEqual([]);
    expect(onlyDates(m)).toEqual([]);
    expect(JSON.stringify(m.blocks)).toMatch(/…and \d+ more of your talks changed/);
    expect(JSON.stringify(m.blocks.at(-1))).toContain("Your reminders follow the new times");
  });
});

describe("notice and DM from the 36C3 releases", () => {
  it("a notice lists each change with old and new times for every reader's zone", () => {
    const out = noticesFor({
      changeId: "r3",
      changes: diff(release36c3(2), release36c3(3)),
      catalog: release36c3(3),
      settings: oneChannel,
      now: berlinTime("2019-12-29T18:00"),
    });
    const m = changeNoticeMessage(out[0] as (typeof out)[number]);
    expect(blockKitViolations(m)).toEqual([]);
    const text = sectionTexts(m.blocks).join("\n");
    const at = (local: string) => berlinTime(local).getTime() / 1000;
    expect(text).toContain(
      `:arrow_right: Moved: *Art against Facebook* · <!date^${at("2019-12-30T11:30")}^{date_short_pretty} {time}|Mon 30 Dec 2019, 11:30–12:10 CET>, Dijkstra → <!date^${at("2019-12-29T21:50")}^{date_short_pretty} {time}|Sun 29 Dec 2019, 21:50–22:30 CET>, Eliza`,
    );
    expect(text).toMatch(/^\*Art &amp; Culture\*$/m);
    expect(m.text).toMatch(/^Schedule changes: \d+ in Art &amp; Culture/);
  });

  it("a talk whose end alone moved shows both end times, not the same start twice", () => {
    const out = noticesFor({
      changeId: "r1",
      changes: diff(release36c3(0), release36c3(1)),
      catalog: release36c3(1),
      settings: oneChannel,
      now: berlinTime("2019-12-27T09:00"),
    });
    const text = out.map((n) => sectionTexts(changeNoticeMessage(n).blocks).join("\n")).join("\n");
    const line = text.split("\n").find((l) => l.includes("Lightning Talks Day 2"));
    // `{time}` of the end on both sides of the arrow, and they differ.
    const ends = [...(line ?? "").matchAll(/–<!date\^(\d+)\^\{time\}\|[^>]*>/g)].map((m) => m[1]);
    expect(ends).toHaveLength(2);
    expect(ends[0]).not.toBe(ends[1]);
  });

  it("a DM tells each of their talks what changed, and the new time", () => {
    const [dm] = affectedPeople({
      changeId: "r3",
      changes: diff(release36c3(2), release36c3(3)),
      starrersOf: (id) =>
        new Set(
          ["9af057bd-eb94-41f6-8005-f322ecf66662", "0d0cb392-278b-4b74-abfc-58a87a38a074"].includes(
            id,
          )
            ? ["U1"]
            : [],
        ),
      zoneOf: zonesOf(release36c3(3)),
      now: berlinTime("2019-12-27T09:00"),
    });
    if (!dm) throw new Error("no DM");
    const m = changeDmMessage(dm);
    expect(blockKitViolations(m)).toEqual([]);
    const [cancelled, moved] = sectionTexts(m.blocks);
    expect(cancelled).toMatch(/^\*Environmental impact .*\*\n:x: Cancelled\. It was <!date\^/);
    expect(moved).toMatch(
      /^\*Art against Facebook\*\n:arrow_right: Now <!date\^\d+\^\{date_short_pretty\} \{time\}\|Sun 29 Dec 2019, 21:50–22:30 CET>, Eliza \(was /,
    );
    expect(m.blocks[0]).toMatchObject({ text: { text: "Talks you starred changed" } });
    // Only talks still in the schedule get a Details button.
    const withButton = (m.blocks as SectionBlock[]).filter((b) => b.accessory);
    expect(withButton).toHaveLength(1);
    expect(m.text).toBe(
      "Changes to talks you starred: Environmental impact of Surveillance, Adtech and Legacy Code (cancelled); Art against Facebook (moved)",
    );
  });
});
