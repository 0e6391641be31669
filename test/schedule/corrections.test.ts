import { describe, expect, it } from "vitest";
import { diff } from "../../src/catalog/diff.ts";
import { type PlannedDigest, planDigests, trackOf } from "../../src/digest/plan.ts";
import {
  type Correction,
  type CorrectionInput,
  correctedDigestKey,
  correctionPayload,
  correctionsFor,
} from "../../src/schedule/corrections.ts";
import { parseDigestPayload } from "../../src/schedule/digest-payload.ts";
import { catalogOf, settingsOf } from "../digest/helpers.ts";
import {
  berlinTime,
  CHANNEL_ID,
  madeCorrection,
  oneChannel,
  postedDigest,
  release36c3,
} from "./posted.ts";

const noIdentities = new Map<string, string>();

/** The digests of release `i` whose slot starts at `local` (Berlin), as posted. */
function postedAt(i: number, local: string) {
  const at = berlinTime(local).getTime();
  return planDigests(release36c3(i), oneChannel).filter((d) => d.slotStart.getTime() === at);
}

function input(
  i: number,
  records: CorrectionInput["records"],
  now: Date,
  extra: Partial<CorrectionInput> = {},
): CorrectionInput {
  return {
    releaseId: `r${i}`,
    catalog: release36c3(i),
    settings: oneChannel,
    identities: noIdentities,
    records,
    now,
    ...extra,
  };
}

const trackName = (d: PlannedDigest) => trackOf(d)?.name;

describe("corrections of posted digests", () => {
  it("corrects the digests a release changed (a swap of slots, new speakers), and only those", () => {
    // Day 4, 11:25: the 11:30 digests are out. Release 2 swaps two Hardware & Making talks
    // and changes the speakers of "Art against Facebook".
    const posted = postedAt(0, "2019-12-30T11:30");
    expect(posted.map(trackName)).toHaveLength(5);
    const records = posted.map((d) => postedDigest(d));
    const now = berlinTime("2019-12-30T11:25");
    const out = correctionsFor(input(1, records, now));
    expect(out.map((c) => trackName(c.digest))).toEqual(["Art & Culture", "Hardware & Making"]);

    const [art, hardware] = out;
    expect(hardware).toMatchObject({
      key: `correction:r1:digest:36c3:36c3:hardware-making:2019-12-30T10:30:00.000Z:#up-next`,
      kind: "correction",
      channel: CHANNEL_ID,
      ts: records.find((r) => r.key.includes("hardware-making"))?.ts,
      digestKey: "digest:36c3:36c3:hardware-making:2019-12-30T10:30:00.000Z:#up-next",
      notes: [
        {
          kind: "moved",
          title: "Understanding millions of gates",
          start: "2019-12-30T12:50:00+01:00",
          room: "Adams",
        },
        { kind: "new", title: "HAL - The Open-Source Hardware Analyzer" },
      ],
      context:
        "Updated 11:25: Understanding millions of gates moved to 12:50, Adams; HAL - The Open-Source Hardware Analyzer new in this slot",
    });
    expect(hardware?.digest.talks.map((t) => t.title)).toEqual([
      "HAL - The Open-Source Hardware Analyzer",
    ]);
    // Its slot ends when the last talk it showed or shows ends.
    expect(hardware?.deadline.toISOString()).toBe("2019-12-30T11:30:00.000Z");
    expect(art?.context).toBe("Updated 11:25: Art against Facebook: now with el, Rosa Rave");
    expect(correctedDigestKey(hardware?.key ?? "")).toBe(hardware?.digestKey);
  });

  it("leaves digests of slots that have ended alone, and corrects any day's slot still to come", () => {
    const day1 = postedAt(0, "2019-12-27T11:30").map((d) => postedDigest(d));
    // 11:35 on day 1, the slot running: "The Interface, Deconstructed" was retitled.
    const running = correctionsFor(input(1, day1, berlinTime("2019-12-27T11:35")));
    expect(running.map((c) => c.context)).toEqual([
      "Updated 11:35: The Interface, Deconstructed retitled: Environmental impact of Surveillance, Adtech and Legacy Code",
    ]);
    // Over by the evening.
    expect(correctionsFor(input(1, day1, berlinTime("2019-12-27T19:00")))).toEqual([]);

    // A day's lead: tomorrow's 11:30 digest is out, and release 4 moves its talk to tonight.
    const tomorrow = postedAt(2, "2019-12-30T11:30").map((d) => postedDigest(d));
    const out = correctionsFor(input(3, tomorrow, berlinTime("2019-12-29T12:00")));
    const art = out.find((c) => trackName(c.digest) === "Art & Culture");
    expect(art?.context).toBe(
      "Updated 12:00: Art against Facebook moved to Sun 29 Dec 21:50, Eliza",
    );
    expect(art?.digest.talks).toEqual([]);
  });

  it("says so when a slot is left empty, and tells the track a talk arrived in", () => {
    // Release 4 cancels Art & Culture's only 11:30 talk on day 1 and adds one to CCC then.
    const records = postedAt(2, "2019-12-27T11:30").map((d) => postedDigest(d));
    const out = correctionsFor(input(3, records, berlinTime("2019-12-27T11:25")));
    const byTrack = new Map(out.map((c) => [trackName(c.digest), c]));
    const art = byTrack.get("Art & Culture");
    expect(art?.digest.talks).toEqual([]);
    expect(art?.digest.key).toBe(art?.digestKey);
    expect(art?.context).toBe(
      "Updated 11:25: Environmental impact of Surveillance, Adtech and Legacy Code cancelled",
    );
    expect(byTrack.get("CCC")?.context).toBe(
      "Updated 11:25: Technical aspects of the surveillance in and around the Ecuadorian embassy in London new in this slot",
    );
  });

  it("corrects nothing twice: not for the same release again, nor after a correction failed", () => {
    const records = postedAt(0, "2019-12-30T11:30").map((d) => postedDigest(d));
    const now = berlinTime("2019-12-30T11:25");
    const first = correctionsFor(input(1, records, now));
    expect(first).toHaveLength(2);
    const made = first.map((c) => madeCorrection(c, now));
    expect(correctionsFor(input(1, [...records, ...made], now))).toEqual([]);
    const failed = first.map((c) => madeCorrection(c, now, "failed"));
    expect(correctionsFor(input(1, [...records, ...failed], now))).toEqual([]);
    // Found made by the history check after a lost answer (recorded without a payload).
    const found = made.map((r) => ({ ...r, payload: null }));
    expect(correctionsFor(input(1, [...records, ...found], now))).toEqual([]);
    // One still claimed (in flight, or its holder died): the same key, for the engine to settle.
    const claimed = { ...made[0], status: "claimed" as const } as (typeof made)[number];
    expect(correctionsFor(input(1, [...records, claimed], now)).map((c) => c.key)).toEqual(
      first.map((c) => c.key),
    );
  });

  it("compares a later release with what the message shows now: the last correction", () => {
    const records = postedAt(0, "2019-12-30T11:30").map((d) => postedDigest(d));
    const now = berlinTime("2019-12-30T11:25");
    const made = correctionsFor(input(1, records, now)).map((c) => madeCorrection(c, now));
    const payload = parseDigestPayload(made[1]?.payload);
    expect(payload?.digest).toBe(made[1] && correctedDigestKey(made[1].key));
    expect(payload?.release).toBe("r1");

    // Release 3 renames the room Adams to Ada: the corrected message named Adams.
    const later = berlinTime("2019-12-30T11:28");
    const changes = diff(release36c3(1), release36c3(2));
    const out = correctionsFor(input(2, [...records, ...made], later, { changes }));
    expect(out.map((c) => [trackName(c.digest), c.context])).toEqual([
      ["Hardware & Making", "Updated 11:28: room Adams is now called Ada"],
    ]);
    // Without the diff it is still right, only said per talk.
    expect(correctionsFor(input(2, [...records, ...made], later))[0]?.context).toBe(
      "Updated 11:28: HAL - The Open-Source Hardware Analyzer moved to Ada",
    );
  });

  it("corrects again when the schedule goes back to a release it already corrected for", () => {
    const records = postedAt(0, "2019-12-30T11:30").map((d) => postedDigest(d));
    const t = (m: number) => new Date(berlinTime("2019-12-30T11:20").getTime() + m * 60_000);
    const a = { ...input(1, records, t(1)), releaseId: "A" };
    const toA = correctionsFor(a).map((c) => madeCorrection(c, t(1)));
    const toB = correctionsFor({
      ...input(0, [...records, ...toA], t(2)),
      releaseId: "B",
    }).map((c) => madeCorrection(c, t(2)));
    expect(toB).toHaveLength(2);
    const again = correctionsFor({ ...a, records: [...records, ...toA, ...toB], now: t(3) });
    expect(again.map((c) => c.key)).toEqual(toA.map((r) => r.key.replace(":A:", ":A~2:")));
    // …and once made, that is what the messages show: nothing more.
    const made = again.map((c) => madeCorrection(c, t(3)));
    expect(
      correctionsFor({ ...a, records: [...records, ...toA, ...toB, ...made], now: t(4) }),
    ).toEqual([]);
  });

  it("reads digests posted before payloads kept each talk through the release's diff", () => {
    const full = postedAt(0, "2019-12-30T11:30").map((d) => postedDigest(d));
    const records = full.map((r) => {
      const { shown: _, ...idsOnly } = JSON.parse(r.payload as string);
      return { ...r, payload: JSON.stringify(idsOnly) };
    });
    const now = berlinTime("2019-12-30T11:25");
    const changes = diff(release36c3(0), release36c3(1));
    const fromIds = correctionsFor(input(1, records, now, { changes }));
    const fromShown = correctionsFor(input(1, full, now));
    expect(fromIds.map((c) => c.context)).toEqual(fromShown.map((c) => c.context));
    expect(fromIds).toHaveLength(2);
    // A digest without any payload (from the old file ledger) is left alone.
    const bare = records.map((r) => ({ ...r, payload: null }));
    expect(correctionsFor(input(1, bare, now, { changes }))).toEqual([]);
  });

  it("does not blank a digest whose track is no longer posted there: that is the configuration", () => {
    const records = postedAt(2, "2019-12-27T11:30").map((d) => postedDigest(d));
    const settings = {
      ...oneChannel,
      rules: [{ track: "Art & Culture", exclude: true }],
    };
    const out = correctionsFor(input(3, records, berlinTime("2019-12-27T11:25"), { settings }));
    expect(out.map((c) => trackName(c.digest))).toEqual(["CCC"]);
  });

  it("lists at most five changes in the line, then how many more", () => {
    const records = postedAt(0, "2019-12-27T11:30").map((d) => postedDigest(d));
    const security = records.find((r) => r.key.includes(":36c3:security:"));
    const catalog = structuredClone(release36c3(0));
    // Six talks of day 2 moved into day 1's 11:30 Security slot.
    const slot = catalog.talks.find(
      (t) => t.trackId === "36c3:security" && t.start?.startsWith("2019-12-27T11:30"),
    );
    const movers = catalog.talks.filter((t) => t.start?.startsWith("2019-12-28")).slice(0, 6);
    for (const t of movers) {
      t.trackId = "36c3:security";
      t.start = slot?.start;
      t.end = slot?.end;
    }
    const out = correctionsFor({
      ...input(0, security ? [security] : [], berlinTime("2019-12-27T11:25")),
      catalog,
    });
    expect(out).toHaveLength(1);
    expect(out[0]?.notes).toHaveLength(6);
    expect(out[0]?.context).toMatch(/^Updated 11:25: (.+ new in this slot; ){5}and 1 more change$/);
  });
});

describe("corrections of room and combined digests", () => {
  const slot = new Date("2026-01-31T09:20:00Z");
  const later = new Date("2026-01-31T10:00:00Z");
  const release = (moved: boolean) =>
    catalogOf(
      "Europe/Brussels",
      ["Rust", "Go"],
      [
        {
          id: "r1",
          track: "Rust",
          start: slot,
          room: moved ? "H.1302" : "K.1.105",
          title: "Rust in the kernel",
        },
        { id: "g1", track: "Go", start: slot, room: "K.1.105", title: "Go generics" },
        // Cancelled in the second release: the H.1302 digest at 10:00 is left empty.
        ...(moved
          ? []
          : [{ id: "g2", track: "Go", start: later, room: "H.1302", title: "Go tools" }]),
      ],
    );
  const settings = settingsOf({
    defaultChannel: undefined,
    rooms: [
      { room: "K.1.105", channel: "#k1105" },
      { room: "H.1302", channel: "#h1302" },
    ],
    combined: { channel: "#fosdem" },
  });
  const posted = planDigests(release(false), settings).map((d) => postedDigest(d));

  it("corrects a room's digest when a talk moves out of its room, and the combined one in place", () => {
    expect(posted.map((r) => r.key)).toEqual([
      "digest-all:ev:2026-01-31T09:20:00.000Z:#fosdem",
      "digest-room:ev:k-1-105:2026-01-31T09:20:00.000Z:#k1105",
      "digest-all:ev:2026-01-31T10:00:00.000Z:#fosdem",
      "digest-room:ev:h-1302:2026-01-31T10:00:00.000Z:#h1302",
    ]);
    const records = posted;
    const now = new Date("2026-01-31T09:12:00Z");
    const out = correctionsFor({
      releaseId: "r2",
      catalog: release(true),
      settings,
      identities: noIdentities,
      records,
      now,
    });
    const byKey = new Map(out.map((c) => [c.digestKey, c]));
    expect([...byKey.keys()].sort()).toEqual([
      "digest-all:ev:2026-01-31T09:20:00.000Z:#fosdem",
      "digest-all:ev:2026-01-31T10:00:00.000Z:#fosdem",
      "digest-room:ev:h-1302:2026-01-31T10:00:00.000Z:#h1302",
      "digest-room:ev:k-1-105:2026-01-31T09:20:00.000Z:#k1105",
    ]);

    const k1105 = byKey.get("digest-room:ev:k-1-105:2026-01-31T09:20:00.000Z:#k1105");
    expect(k1105?.digest.talks.map((t) => t.id)).toEqual(["g1"]);
    expect(k1105?.notes).toEqual([
      expect.objectContaining({ kind: "moved", talkId: "r1", room: "H.1302" }),
    ]);
    // A room's digest does not say the talk "left for another track".
    expect(k1105?.notes[0]).not.toHaveProperty("track");
    expect(k1105?.context).toMatch(/Rust in the kernel moved to .*H\.1302/);

    // Still in the combined digest's slot: only its room changed.
    const all = byKey.get("digest-all:ev:2026-01-31T09:20:00.000Z:#fosdem");
    expect(all?.digest.talks.map((t) => t.id)).toEqual(["g1", "r1"]);
    expect(all?.notes).toEqual([expect.objectContaining({ kind: "room", room: "H.1302" })]);

    // Left empty: both kinds keep what they announce, and say the slot is empty now.
    for (const key of [
      "digest-room:ev:h-1302:2026-01-31T10:00:00.000Z:#h1302",
      "digest-all:ev:2026-01-31T10:00:00.000Z:#fosdem",
    ]) {
      const empty = byKey.get(key);
      expect(empty?.digest.talks).toEqual([]);
      expect(empty?.notes).toEqual([expect.objectContaining({ kind: "cancelled", talkId: "g2" })]);
      expect(parseDigestPayload(correctionPayload(empty as Correction))).toMatchObject({
        scope: key.startsWith("digest-room") ? "room" : "all",
        digest: key,
      });
    }
    const emptyRoom = byKey.get("digest-room:ev:h-1302:2026-01-31T10:00:00.000Z:#h1302");
    expect(emptyRoom?.digest.scope).toEqual({ kind: "room", room: "H.1302", tracks: [] });
  });

  it("keeps room and combined payloads apart from track payloads, old records still read", () => {
    const [all, room] = posted;
    expect(parseDigestPayload(all?.payload)).toMatchObject({ scope: "all" });
    expect(parseDigestPayload(all?.payload)).not.toHaveProperty("track");
    expect(parseDigestPayload(room?.payload)).toMatchObject({ scope: "room", room: "K.1.105" });
    const old = { event: "ev", track: "t0", slot: slot.toISOString(), talks: ["r1"] };
    expect(parseDigestPayload(JSON.stringify(old))).toEqual(old);
    expect(parseDigestPayload(JSON.stringify({ ...old, track: undefined, scope: "room" }))).toBe(
      null,
    );
  });

  it("leaves a room's digest alone once the room has no digests configured: that is the configuration", () => {
    const out = correctionsFor({
      releaseId: "r2",
      catalog: release(true),
      settings: { ...settings, rooms: [{ room: "K.1.105", channel: "#k1105" }] },
      identities: noIdentities,
      records: posted,
      now: new Date("2026-01-31T09:12:00Z"),
    });
    expect(out.map((c) => c.digestKey)).not.toContain(
      "digest-room:ev:h-1302:2026-01-31T10:00:00.000Z:#h1302",
    );
  });
});
