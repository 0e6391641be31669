import { describe, expect, it } from "vitest";
import { parseCatalog } from "../../src/catalog/load.ts";
import type { Catalog } from "../../src/catalog/schema.ts";
import {
  dueAmong,
  dueDigests,
  type PlannedDigest,
  planDay,
  planDigests,
  trackOf,
} from "../../src/digest/plan.ts";
import type { DigestSettings } from "../../src/digest/settings.ts";
import { addDays, localDate, toOffsetIso, zonedInstant } from "../../src/time/zone.ts";
import { catalogOf, settingsOf } from "./helpers.ts";

const at = (iso: string) => new Date(iso);
const MIN = 60_000;

/**
 * Steps a clock from `from` to `to`, posting whatever dueAmong says is due and
 * remembering it, as the scheduler does. Returns when each key was posted.
 */
function sweep(
  catalog: Catalog,
  settings: DigestSettings,
  from: Date,
  to: Date,
  stepMs = MIN,
): { posted: Map<string, Date[]>; missed: string[] } {
  const plan = planDigests(catalog, settings);
  const posted = new Map<string, Date[]>();
  const missed: string[] = [];
  const ledger = { has: (k: string) => posted.has(k) || missed.includes(k) };
  for (let t = from.getTime(); t <= to.getTime(); t += stepMs) {
    const now = new Date(t);
    const result = dueAmong(plan, now, ledger);
    for (const d of result.due) posted.set(d.key, [...(posted.get(d.key) ?? []), now]);
    missed.push(...result.missed.map((d) => d.key));
  }
  return { posted, missed };
}

function expectEachOnceOnTime(plan: PlannedDigest[], posted: Map<string, Date[]>): void {
  for (const d of plan) {
    const times = posted.get(d.key);
    expect(times, d.key).toHaveLength(1);
    const t = (times as Date[])[0] as Date;
    expect(t.getTime()).toBeGreaterThanOrEqual(d.dueAt.getTime());
    expect(t.getTime()).toBeLessThan(d.slotStart.getTime());
  }
  expect(posted.size).toBe(plan.length);
}

describe("planDigests", () => {
  const catalog = catalogOf(
    "Europe/London",
    ["Architecture", "Culture", "Sponsored"],
    [
      { id: "a1", track: "Architecture", start: at("2020-03-03T10:35:00Z"), room: "Fleming" },
      { id: "a2", track: "Architecture", start: at("2020-03-03T10:35:00Z"), room: "Abbey" },
      { id: "a3", track: "Architecture", start: at("2020-03-03T11:50:00Z") },
      { id: "c1", track: "Culture", start: at("2020-03-03T10:35:00Z") },
      { id: "c-lunch", track: "Culture", start: at("2020-03-03T12:30:00Z"), format: "break" },
      { id: "c-untimed", track: "Culture" },
      { id: "s1", track: "Sponsored", start: at("2020-03-03T10:35:00Z") },
    ],
  );

  it("makes one digest per track and slot, talks starting together sharing one", () => {
    const plan = planDigests(catalog, settingsOf());
    expect(
      plan.map((d) => [trackOf(d)?.name, d.slotStart.toISOString(), d.talks.map((t) => t.id)]),
    ).toEqual([
      ["Architecture", "2020-03-03T10:35:00.000Z", ["a2", "a1"]],
      ["Culture", "2020-03-03T10:35:00.000Z", ["c1"]],
      ["Sponsored", "2020-03-03T10:35:00.000Z", ["s1"]],
      ["Architecture", "2020-03-03T11:50:00.000Z", ["a3"]],
    ]);
    expect(plan[0]?.key).toBe("digest:ev:t0:2020-03-03T10:35:00.000Z:#up-next");
    expect(plan[0]?.dueAt.toISOString()).toBe("2020-03-03T10:25:00.000Z");
    expect(plan[0]?.day).toBe("2020-03-03");
  });

  it("never announces untimed talks or breaks", () => {
    const ids = planDigests(catalog, settingsOf()).flatMap((d) => d.talks.map((t) => t.id));
    expect(ids).not.toContain("c-untimed");
    expect(ids).not.toContain("c-lunch");
  });

  it("follows per-track channels and leads, matched by id or by name, and leaves excluded tracks out", () => {
    const plan = planDigests(
      catalog,
      settingsOf({
        rules: [
          { track: "  architecture ", channel: "#arch", leadMinutes: 15, exclude: false },
          { track: "t1", leadMinutes: 5, exclude: false },
          { track: "Sponsored", exclude: true },
        ],
      }),
    );
    expect(plan.map((d) => [trackOf(d)?.name, d.channel, d.dueAt.toISOString()])).toEqual([
      ["Architecture", "#arch", "2020-03-03T10:20:00.000Z"],
      ["Culture", "#up-next", "2020-03-03T10:30:00.000Z"],
      ["Architecture", "#arch", "2020-03-03T11:35:00.000Z"],
    ]);
  });

  it("skips tracks with no channel when there is no default", () => {
    const plan = planDigests(
      catalog,
      settingsOf({
        defaultChannel: undefined,
        rules: [{ track: "Culture", channel: "C0CULTURE", exclude: false }],
      }),
    );
    expect(new Set(plan.map((d) => trackOf(d)?.name))).toEqual(new Set(["Culture"]));
  });
});

describe("dueDigests", () => {
  const catalog = catalogOf(
    "Europe/London",
    ["Architecture"],
    [{ id: "a1", track: "Architecture", start: at("2020-03-03T10:35:00Z") }],
  );
  const none = { has: () => false };
  const settings = settingsOf();

  it("is due from lead minutes before the slot until it starts, then missed", () => {
    const keys = (iso: string) => {
      const r = dueDigests(at(iso), catalog, none, settings);
      return { due: r.due.length, missed: r.missed.length };
    };
    expect(keys("2020-03-03T10:24:59Z")).toEqual({ due: 0, missed: 0 });
    expect(keys("2020-03-03T10:25:00Z")).toEqual({ due: 1, missed: 0 });
    expect(keys("2020-03-03T10:34:59Z")).toEqual({ due: 1, missed: 0 });
    expect(keys("2020-03-03T10:35:00Z")).toEqual({ due: 0, missed: 1 });
    // Long past: history, not a missed digest worth reporting.
    expect(keys("2020-03-04T10:35:00Z")).toEqual({ due: 0, missed: 0 });
  });

  it("says nothing of a digest the ledger has settled", () => {
    const key = planDigests(catalog, settings)[0]?.key;
    const r = dueDigests(at("2020-03-03T10:30:00Z"), catalog, { has: (k) => k === key }, settings);
    expect(r).toEqual({ due: [], missed: [] });
  });

  it("with a zero lead, posts as the slot starts and up to a minute after", () => {
    const zero = settingsOf({ defaultLeadMinutes: 0 });
    expect(dueDigests(at("2020-03-03T10:34:59Z"), catalog, none, zero).due).toHaveLength(0);
    expect(dueDigests(at("2020-03-03T10:35:00Z"), catalog, none, zero).due).toHaveLength(1);
    expect(dueDigests(at("2020-03-03T10:35:59Z"), catalog, none, zero).due).toHaveLength(1);
    expect(dueDigests(at("2020-03-03T10:36:00Z"), catalog, none, zero).missed).toHaveLength(1);
  });
});

/** Talks every `everyMin` minutes of real time across one local day, two tracks. */
function dayOfSlots(zone: string, day: string, everyMin: number): Catalog {
  const from = zonedInstant(day, "00:00", zone).getTime();
  const to = zonedInstant(addDays(day, 1), "00:00", zone).getTime();
  const talks = [];
  for (let t = from, i = 0; t < to; t += everyMin * MIN, i++) {
    talks.push({ id: `a${i}`, track: "A", start: new Date(t), minutes: everyMin });
    talks.push({ id: `b${i}`, track: "B", start: new Date(t), minutes: everyMin });
  }
  // Valid as a catalog: offsets match the zone at every instant.
  return parseCatalog(catalogOf(zone, ["A", "B"], talks), "dst-test");
}

describe("days when the clocks change", () => {
  const cases = [
    { zone: "Europe/London", day: "2026-03-29", hours: 23, repeated: null },
    { zone: "Europe/London", day: "2026-10-25", hours: 25, repeated: "01:30" },
    { zone: "America/Los_Angeles", day: "2026-03-08", hours: 23, repeated: null },
    { zone: "America/Los_Angeles", day: "2026-11-01", hours: 25, repeated: "01:30" },
  ];
  for (const { zone, day, hours, repeated } of cases) {
    it(`${zone} on ${day} (${hours} hours): every slot announced once, on time`, () => {
      const catalog = dayOfSlots(zone, day, 30);
      const settings = settingsOf();
      const plan = planDay(catalog, settings, day);
      expect(plan).toHaveLength(hours * 2 * 2);
      expect(new Set(plan.map((d) => d.key)).size).toBe(plan.length);
      expect(plan.every((d) => localDate(d.slotStart, zone) === day)).toBe(true);

      const from = new Date(zonedInstant(day, "00:00", zone).getTime() - 60 * MIN);
      const to = new Date(from.getTime() + (hours + 2) * 60 * MIN);
      const { posted, missed } = sweep(catalog, settings, from, to);
      expect(missed).toEqual([]);
      expectEachOnceOnTime(planDigests(catalog, settings), posted);

      if (repeated) {
        // The local time that happens twice is two slots, each announced once.
        const twice = plan.filter((d) => toOffsetIso(d.slotStart, zone).slice(11, 16) === repeated);
        expect(twice.filter((d) => trackOf(d)?.name === "A")).toHaveLength(2);
      }
    });
  }

  it("announces a 01:30 slot on London's fall-back day with the right offsets", () => {
    const catalog = dayOfSlots("Europe/London", "2026-10-25", 30);
    const starts = planDay(catalog, settingsOf(), "2026-10-25")
      .filter((d) => trackOf(d)?.name === "A")
      .map((d) => d.talks[0]?.start);
    expect(starts).toContain("2026-10-25T01:30:00+01:00");
    expect(starts).toContain("2026-10-25T01:30:00+00:00");
    expect(starts).not.toContain("2026-03-29T01:30:00+00:00");
  });
});

describe("a sweep with a coarse heartbeat", () => {
  it("still posts every digest once when ticks are four minutes apart and leads are ten", () => {
    const catalog = dayOfSlots("Europe/London", "2020-03-03", 25);
    const settings = settingsOf();
    const from = at("2020-03-02T23:00:00Z");
    const { posted, missed } = sweep(catalog, settings, from, at("2020-03-04T01:00:00Z"), 4 * MIN);
    expect(missed).toEqual([]);
    expectEachOnceOnTime(planDigests(catalog, settings), posted);
  });
});

describe("room and combined digests", () => {
  const catalog = catalogOf(
    "Europe/Brussels",
    ["Rust", "Go", "Sponsored"],
    [
      { id: "r1", track: "Rust", start: at("2026-01-31T09:20:00Z"), room: "K.1.105" },
      { id: "r2", track: "Rust", start: at("2026-01-31T09:20:00Z"), room: "H.1302" },
      { id: "g1", track: "Go", start: at("2026-01-31T09:20:00Z"), room: "K.1.105" },
      { id: "g2", track: "Go", start: at("2026-01-31T10:00:00Z"), room: "K.1.105" },
      { id: "s1", track: "Sponsored", start: at("2026-01-31T09:20:00Z"), room: "K.1.105" },
    ],
  );
  const exclude = [{ track: "Sponsored", exclude: true }];
  const summary = (plan: PlannedDigest[]) =>
    plan.map((d) => [d.key, d.dueAt.toISOString(), d.talks.map((t) => t.id)]);

  it("posts one digest per room and slot besides the tracks', keys naming the room", () => {
    const plain = planDigests(catalog, settingsOf({ rules: exclude }));
    const withRooms = planDigests(
      catalog,
      settingsOf({
        rules: exclude,
        rooms: [{ room: "k.1.105", channel: "#k1105", leadMinutes: 5 }],
      }),
    );
    const rooms = withRooms.filter((d) => d.scope.kind === "room");
    expect(summary(rooms)).toEqual([
      // Both tracks' talks in the room, the excluded track's left out.
      [
        "digest-room:ev:k-1-105:2026-01-31T09:20:00.000Z:#k1105",
        "2026-01-31T09:15:00.000Z",
        ["g1", "r1"],
      ],
      [
        "digest-room:ev:k-1-105:2026-01-31T10:00:00.000Z:#k1105",
        "2026-01-31T09:55:00.000Z",
        ["g2"],
      ],
    ]);
    // The track digests, and their keys, are what they were.
    expect(withRooms.filter((d) => d.scope.kind === "track").map((d) => d.key)).toEqual(
      plain.map((d) => d.key),
    );
    expect(plain.map((d) => d.key)).toContain("digest:ev:t0:2026-01-31T09:20:00.000Z:#up-next");
  });

  it("posts one combined digest per slot, grouped by track, without excluded tracks", () => {
    const plan = planDigests(
      catalog,
      settingsOf({ rules: exclude, combined: { channel: "#fosdem", leadMinutes: 15 } }),
    );
    const combined = plan.filter((d) => d.scope.kind === "all");
    expect(summary(combined)).toEqual([
      [
        "digest-all:ev:2026-01-31T09:20:00.000Z:#fosdem",
        "2026-01-31T09:05:00.000Z",
        ["g1", "r2", "r1"],
      ],
      ["digest-all:ev:2026-01-31T10:00:00.000Z:#fosdem", "2026-01-31T09:45:00.000Z", ["g2"]],
    ]);
    expect(combined[0]?.scope).toMatchObject({ tracks: [{ name: "Go" }, { name: "Rust" }] });
    // The tracks' own digests still go to their own channel.
    expect(plan.filter((d) => d.scope.kind === "track")).toHaveLength(3);
  });

  it("does not post a track's digest where the combined digest already shows its talks", () => {
    const plan = planDigests(
      catalog,
      settingsOf({
        defaultChannel: "#fosdem",
        rules: [...exclude, { track: "Go", channel: "#go", exclude: false }],
        combined: { channel: "#fosdem", tracks: ["Rust", "Go"] },
      }),
    );
    expect(plan.map((d) => [d.channel, trackOf(d)?.name ?? d.scope.kind])).toEqual([
      ["#fosdem", "all"],
      ["#go", "Go"],
      ["#fosdem", "all"],
      ["#go", "Go"],
    ]);
    // Not in the combined digest's tracks: it keeps its own digest in the shared channel.
    const only = planDigests(
      catalog,
      settingsOf({ defaultChannel: "#fosdem", combined: { channel: "#fosdem", tracks: ["Rust"] } }),
    );
    expect(only.filter((d) => trackOf(d)).map((d) => trackOf(d)?.name)).toEqual([
      "Go",
      "Sponsored",
      "Go",
    ]);
  });
});
