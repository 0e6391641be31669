import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { diff } from "../../src/catalog/diff.ts";
import { importFiles } from "../../src/catalog/import/import-files.ts";
import type { Catalog, Talk } from "../../src/catalog/schema.ts";
import { catalogFrom, talkOf } from "../support/catalogs.ts";
import { c36c3 } from "./import/fixtures.ts";

interface RawEvent {
  guid: string;
  title: string;
  date: string;
  duration: string;
  room: string;
  track: string;
  persons: { public_name: string }[];
}

/** guid → event of a raw 36C3 release, read without the importer. */
function rawRelease(path: string): Map<string, RawEvent> {
  const json = JSON.parse(readFileSync(path, "utf8"));
  const out = new Map<string, RawEvent>();
  for (const day of json.schedule.conference.days) {
    for (const events of Object.values(day.rooms) as RawEvent[][]) {
      for (const e of events) out.set(e.guid, e);
    }
  }
  return out;
}

function endMs(e: RawEvent): number {
  const [h = "0", m = "0"] = e.duration.split(":");
  return Date.parse(e.date) + (Number(h) * 60 + Number(m)) * 60_000;
}

function names(e: RawEvent): string {
  return [...new Set(e.persons.map((p) => p.public_name.trim()))].sort().join("|");
}

/** The expected change lists, computed straight from two raw releases. */
function expectedChanges(a: Map<string, RawEvent>, b: Map<string, RawEvent>) {
  const both = [...a.keys()].filter((g) => b.has(g));
  const pick = (test: (x: RawEvent, y: RawEvent) => boolean) =>
    both.filter((g) => test(a.get(g) as RawEvent, b.get(g) as RawEvent)).sort();
  return {
    added: [...b.keys()].filter((g) => !a.has(g)).sort(),
    removed: [...a.keys()].filter((g) => !b.has(g)).sort(),
    moved: pick(
      (x, y) =>
        Date.parse(x.date) !== Date.parse(y.date) || endMs(x) !== endMs(y) || x.room !== y.room,
    ),
    retitled: pick((x, y) => x.title.trim() !== y.title.trim()),
    speakersChanged: pick((x, y) => names(x) !== names(y)),
    retracked: pick((x, y) => x.track !== y.track),
  };
}

describe("diff between consecutive 36C3 releases", () => {
  const pairs = [0, 1, 2].map((i) => [c36c3[i] as string, c36c3[i + 1] as string] as const);

  for (const [oldPath, newPath] of pairs) {
    const label = `${oldPath.split("/").at(-1)} → ${newPath.split("/").at(-1)}`;
    it(`agrees with a computation over the raw files: ${label}`, async () => {
      const options = { timeZone: "Europe/Berlin" };
      const [before, after] = await Promise.all([
        importFiles([oldPath], options),
        importFiles([newPath], options),
      ]);
      const d = diff(before.catalog, after.catalog);
      const a = rawRelease(oldPath);
      const b = rawRelease(newPath);
      const expected = expectedChanges(a, b);
      const ids = (list: { talkId: string }[]) => list.map((c) => c.talkId).sort();
      expect({
        added: ids(d.added),
        removed: ids(d.removed),
        moved: ids(d.moved),
        retitled: ids(d.retitled),
        speakersChanged: ids(d.speakersChanged),
        retracked: ids(d.retracked),
      }).toEqual(expected);

      const changed = new Set(d.changes.map((c) => c.talkId));
      expect(d.unchanged).toBe([...a.keys()].filter((g) => b.has(g) && !changed.has(g)).length);
      // Each move carries the old and new slot, as the raw files have them.
      for (const c of d.moved) {
        const x = a.get(c.talkId) as RawEvent;
        const y = b.get(c.talkId) as RawEvent;
        expect(Date.parse(c.before?.start ?? "")).toBe(Date.parse(x.date));
        expect(Date.parse(c.after?.start ?? "")).toBe(Date.parse(y.date));
        expect([c.before?.room, c.after?.room]).toEqual([x.room, y.room]);
        expect(c.after?.eventId).toBe("36c3");
      }
      for (const c of d.removed) expect(c.before?.title).toBe(a.get(c.talkId)?.title.trim());
      for (const c of d.added) expect(c.after?.title).toBe(b.get(c.talkId)?.title.trim());
    });
  }

  it("reports the Adams → Ada rename once, with every talk it touched", async () => {
    const options = { timeZone: "Europe/Berlin" };
    const [before, after] = await Promise.all([
      importFiles([c36c3[1] as string], options),
      importFiles([c36c3[2] as string], options),
    ]);
    const d = diff(before.catalog, after.catalog);
    const a = rawRelease(c36c3[1] as string);
    const b = rawRelease(c36c3[2] as string);
    const inAdams = [...a.values()].filter((e) => e.room === "Adams" && b.has(e.guid));
    expect(inAdams.every((e) => b.get(e.guid)?.room === "Ada")).toBe(true);
    expect(d.roomRenames).toEqual([
      {
        eventId: "36c3",
        from: "Adams",
        to: "Ada",
        talkIds: expect.arrayContaining(inAdams.map((e) => e.guid)),
      },
    ]);
    expect(d.roomRenames[0]?.talkIds).toHaveLength(inAdams.length);
    expect(d.moved.filter((c) => c.roomRenamed)).toHaveLength(inAdams.length);
  });

  it("sees no rename when a single talk changes room (3-dd → 4-hexdump)", async () => {
    const options = { timeZone: "Europe/Berlin" };
    const [before, after] = await Promise.all([
      importFiles([c36c3[2] as string], options),
      importFiles([c36c3[3] as string], options),
    ]);
    const d = diff(before.catalog, after.catalog);
    expect(d.roomRenames).toEqual([]);
    const art = d.moved.find((c) => c.after?.title === "Art against Facebook");
    expect(art).toMatchObject({
      kinds: ["moved"],
      moved: ["start", "end", "room"],
      roomRenamed: false,
      before: { date: "2019-12-30", start: "2019-12-30T11:30:00+01:00", room: "Dijkstra" },
      after: { date: "2019-12-29", start: "2019-12-29T21:50:00+01:00", room: "Eliza" },
    });
  });
});

function talk(id: string, fields: Partial<Talk> = {}): Talk {
  return talkOf(id, {
    eventId: "conf",
    trackId: "conf:main",
    title: `Talk ${id}`,
    speakers: [{ name: "Ada Lovelace" }],
    date: "2026-03-02",
    start: "2026-03-02T10:00:00+01:00",
    end: "2026-03-02T10:30:00+01:00",
    room: "A",
    sources: ["x.xml"],
    ...fields,
  });
}

function catalog(talks: Talk[]): Catalog {
  return catalogFrom({
    events: [{ id: "conf", name: "Conf", timeZone: "Europe/Paris", sources: ["x.xml"] }],
    tracks: [
      { id: "conf:main", eventId: "conf", name: "Main" },
      { id: "conf:web", eventId: "conf", name: "Web" },
    ],
    talks,
  });
}

describe("diff on hand-made catalogs", () => {
  it("finds nothing between a catalog and itself, or the same instants written differently", () => {
    const old = catalog([talk("1"), talk("2", { speakers: [{ name: "A" }, { name: "B" }] })]);
    expect(diff(old, old).changes).toEqual([]);
    const rewritten = catalog([
      talk("1", { start: "2026-03-02T09:00:00+00:00", end: "2026-03-02T09:30:00Z" }),
      talk("2", { speakers: [{ name: "B " }, { name: "A" }] }),
    ]);
    expect(diff(old, rewritten)).toMatchObject({ changes: [], unchanged: 2 });
  });

  it("lists every way one talk changed in a single entry", () => {
    const before = catalog([talk("1")]);
    const after = catalog([
      talk("1", {
        title: "New title",
        start: "2026-03-02T11:00:00+01:00",
        end: "2026-03-02T11:30:00+01:00",
        speakers: [{ name: "Ada Lovelace" }, { name: "Grace Hopper" }],
      }),
    ]);
    const d = diff(before, after);
    expect(d.changes).toEqual([
      {
        talkId: "1",
        kinds: ["moved", "retitled", "speakers"],
        before: expect.objectContaining({ title: "Talk 1", start: "2026-03-02T10:00:00+01:00" }),
        after: expect.objectContaining({ title: "New title", start: "2026-03-02T11:00:00+01:00" }),
        moved: ["start", "end"],
        roomRenamed: false,
        speakersAdded: ["Grace Hopper"],
        speakersRemoved: [],
      },
    ]);
    expect(d.moved).toEqual(d.changes);
    expect(d.retitled).toEqual(d.changes);
    expect(d.speakersChanged).toEqual(d.changes);
  });

  it("names the digests to correct: old and new day and track of each change", () => {
    const before = catalog([
      talk("1"),
      talk("2"),
      talk("3", {
        date: "2026-03-03",
        start: "2026-03-03T10:00:00+01:00",
        end: "2026-03-03T11:00:00+01:00",
      }),
    ]);
    const after = catalog([
      talk("1", {
        trackId: "conf:web",
        date: "2026-03-04",
        start: "2026-03-04T10:00:00+01:00",
        end: "2026-03-04T10:30:00+01:00",
      }),
      talk("2"),
      talk("4", {
        trackId: null,
        date: "2026-03-05",
        start: "2026-03-05T09:00:00+01:00",
        end: "2026-03-05T09:30:00+01:00",
      }),
    ]);
    const d = diff(before, after);
    expect(d.added.map((c) => [c.talkId, c.before, c.after?.start])).toEqual([
      ["4", null, "2026-03-05T09:00:00+01:00"],
    ]);
    expect(d.removed.map((c) => [c.talkId, c.before?.start, c.after])).toEqual([
      ["3", "2026-03-03T10:00:00+01:00", null],
    ]);
    expect(d.affected).toEqual([
      { eventId: "conf", trackId: "conf:main", date: "2026-03-02" },
      { eventId: "conf", trackId: "conf:main", date: "2026-03-03" },
      { eventId: "conf", trackId: "conf:web", date: "2026-03-04" },
      { eventId: "conf", trackId: null, date: "2026-03-05" },
    ]);
    // Programme order: by the new start, or the old one for a cancelled talk.
    expect(d.changes.map((c) => c.talkId)).toEqual(["3", "1", "4"]);
    expect(d.unchanged).toBe(1);
  });

  it("treats a talk getting a time or a room for the first time as moved", () => {
    const { start: _s, end: _e, date: _d, room: _r, ...unscheduled } = talk("1");
    const d = diff(catalog([unscheduled]), catalog([talk("1")]));
    expect(d.moved.map((c) => c.moved)).toEqual([["start", "end", "room"]]);
  });
});
