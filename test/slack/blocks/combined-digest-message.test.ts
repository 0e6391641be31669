import type { KnownBlock, SectionBlock } from "@slack/types";
import { beforeAll, describe, expect, it } from "vitest";
import { importFiles } from "../../../src/catalog/import/import-files.ts";
import type { Catalog } from "../../../src/catalog/schema.ts";
import { type PlannedDigest, planDigests } from "../../../src/digest/plan.ts";
import type { DigestSettings } from "../../../src/digest/settings.ts";
import { digestText } from "../../../src/digest/text.ts";
import { digestMessage } from "../../../src/slack/blocks/digest-message.ts";
import { fosdemXml } from "../../catalog/import/fixtures.ts";
import { catalogOf } from "../../digest/helpers.ts";
import { blockKitViolations } from "../../e2e/block-kit-rules.ts";

// Every track of FOSDEM's Saturday into one shared channel.
const shared: DigestSettings = {
  enabled: true,
  defaultChannel: "#fosdem",
  defaultLeadMinutes: 10,
  rules: [],
  combined: { channel: "#fosdem" },
};
const saturday = "2026-01-31";
const at1030 = new Date("2026-01-31T10:30:00+01:00");

let fosdem: Catalog;
beforeAll(async () => {
  ({ catalog: fosdem } = await importFiles([fosdemXml]));
});

const sections = (blocks: KnownBlock[]) =>
  blocks.filter((b): b is SectionBlock => b.type === "section").map((b) => b.text?.text ?? "");
const contexts = (blocks: KnownBlock[]) =>
  JSON.stringify(blocks.filter((b) => b.type === "context"));

function combinedAt(catalog: Catalog, slot: Date): PlannedDigest {
  const d = planDigests(catalog, shared).find(
    (p) => p.scope.kind === "all" && p.slotStart.getTime() === slot.getTime(),
  );
  if (!d) throw new Error(`no combined digest at ${slot.toISOString()}`);
  return d;
}

describe("the combined digest with FOSDEM 2026", () => {
  it("posts one message per slot into the shared channel instead of one per track", () => {
    const plan = planDigests(fosdem, shared).filter((d) => d.day === saturday);
    const perTrack = planDigests(fosdem, { ...shared, combined: undefined }).filter(
      (d) => d.day === saturday,
    );
    expect(perTrack.length).toBeGreaterThan(400);
    expect(plan.every((d) => d.scope.kind === "all" && d.channel === "#fosdem")).toBe(true);
    expect(plan.length).toBe(new Set(perTrack.map((d) => d.slotStart.getTime())).size);
    expect(plan.flatMap((d) => d.talks).length).toBe(perTrack.flatMap((d) => d.talks).length);
  });

  it("lists every track's talks of Saturday 10:30 grouped by track, within Block Kit's limits", () => {
    const d = combinedAt(fosdem, at1030);
    const tracks = new Set(d.talks.map((t) => t.trackId));
    expect(d.talks.length).toBeGreaterThan(20);
    expect(tracks.size).toBeGreaterThan(10);
    const m = digestMessage(d);
    expect(blockKitViolations(m)).toEqual([]);
    expect(m.blocks[0]).toMatchObject({ type: "header", text: { text: "Up next at FOSDEM 2026" } });
    expect(contexts(m.blocks)).toContain(`${d.talks.length} talks in ${tracks.size} tracks`);
    expect(contexts(m.blocks)).toContain(`<!date^${at1030.getTime() / 1000}^`);
    // One section per track, each headed by its name, every talk of the slot in one of them.
    const texts = sections(m.blocks);
    expect(texts).toHaveLength(tracks.size);
    const names = texts.map((t) => t.split("\n")[0] ?? "");
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
    expect(texts.join("\n").split("\n• ").length - 1).toBe(d.talks.length);
    expect(JSON.stringify(m.blocks)).not.toContain("more talk");
  });

  it("ends with how many talks did not fit when a slot holds more than one message can", () => {
    // All of Saturday's talks at 10:30: more than 50 blocks' worth of tracks.
    const iso = "2026-01-31T10:30:00+01:00";
    const busy: Catalog = {
      ...fosdem,
      talks: fosdem.talks
        .filter((t) => t.start?.startsWith(saturday))
        .map((t) => ({ ...t, start: iso, end: "2026-01-31T11:00:00+01:00" })),
    };
    const d = combinedAt(busy, at1030);
    const m = digestMessage(d);
    expect(blockKitViolations(m)).toEqual([]);
    const shown = sections(m.blocks).join("\n").split("\n• ").length - 1;
    expect(shown).toBeGreaterThan(20);
    expect(shown).toBeLessThan(d.talks.length);
    const last = JSON.stringify(m.blocks.at(-1));
    expect(last).toContain(`… and ${d.talks.length - shown} more talks: \`/talk next\``);
  });

  it("escapes every catalog string, the fallback text included", () => {
    const evil = "<!channel> & <@U0BOSS> <https://evil.example|click>";
    const slot = new Date("2026-02-01T09:00:00Z");
    const catalog = catalogOf(
      "Europe/Brussels",
      [evil, "Go"],
      [
        { id: "e1", track: evil, start: slot, title: evil, room: evil, speakers: [{ name: evil }] },
        { id: "g1", track: "Go", start: slot, title: "Go <3", room: "K.1.105" },
      ],
    );
    const d = planDigests(catalog, shared)[0] as PlannedDigest;
    const m = digestMessage(d);
    const all = JSON.stringify(m);
    for (const raw of ["<!channel>", "<@U0BOSS>", "<https://", "Go <3"]) {
      expect(all).not.toContain(raw);
    }
    expect(m.text).toContain("&lt;!channel&gt; &amp;");
    expect(blockKitViolations(m)).toEqual([]);
    // The terminal shows the same digest, grouped by track.
    expect(digestText(d)).toMatch(/^Up next at Test Conf .*\n {2}<!channel>.*\n {4}• /);
  });
});

describe("a room's digest", () => {
  it("is headed by the room and names each talk's track", () => {
    const slot = new Date("2026-01-31T09:20:00Z");
    const catalog = catalogOf(
      "Europe/Brussels",
      ["Rust", "Go"],
      [
        { id: "r1", track: "Rust", start: slot, room: "K.1.105", title: "Rust in the kernel" },
        { id: "g1", track: "Go", start: slot, room: "K.1.105", title: "Go generics" },
      ],
    );
    const [d] = planDigests(catalog, {
      ...shared,
      defaultChannel: undefined,
      combined: undefined,
      rooms: [{ room: "K.1.105", channel: "#k1105" }],
    });
    const m = digestMessage(d as PlannedDigest);
    expect(m.blocks[0]).toMatchObject({ text: { text: "Up next in K.1.105" } });
    expect(sections(m.blocks)).toEqual([
      expect.stringMatching(/^\*Go generics\*\n.*\nTrack: Go\n/),
      expect.stringMatching(/^\*Rust in the kernel\*\n.*\nTrack: Rust\n/),
    ]);
    expect(m.text).toMatch(/^Up next in K\.1\.105, Sat 31 Jan 2026, 10:20 CET: Go generics; Rust/);
    expect(blockKitViolations(m)).toEqual([]);
  });
});
