import { describe, expect, it } from "vitest";
import { CatalogError } from "../../../src/catalog/catalog-error.ts";
import { importFiles } from "../../../src/catalog/import/import-files.ts";
import { addMinutesKeepingOffset, c36c3, raw } from "./fixtures.ts";

interface RawEvent {
  guid: string;
  date: string;
  duration: string;
  room: string;
  title: string;
  track: string;
  type: string;
  language: string;
  persons: { public_name: string }[];
}

/** The events of a raw 36C3 release, by a traversal of our own. */
function rawEvents(path: string): RawEvent[] {
  const days = JSON.parse(raw(path)).schedule.conference.days as {
    rooms: Record<string, RawEvent[]>;
  }[];
  const out: RawEvent[] = [];
  for (const day of days) for (const events of Object.values(day.rooms)) out.push(...events);
  return out;
}

describe("importing 36C3 (frab/pretalx schedule.json)", () => {
  it("refuses a file without a time zone, naming the flag to add", async () => {
    const err = await importFiles([c36c3[0] as string]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CatalogError);
    expect((err as Error).message).toContain("36c3-1-awk.json");
    expect((err as Error).message).toContain("--time-zone");
    // A hint, not a guess: zones that had the file's offset at its first event.
    expect((err as Error).message).toContain(
      "(its times carry the offset +01:00, e.g. 2019-12-27T11:00:00+01:00): add --time-zone <IANA zone>, e.g. --time-zone Europe/Berlin or",
    );
  });

  for (const path of c36c3) {
    it(`imports every event of ${path.split("/").at(-1)} with its own fields`, async () => {
      const expected = rawEvents(path);
      const { catalog, skipped } = await importFiles([path], { timeZone: "Europe/Berlin" });
      expect(skipped).toEqual([]);
      expect(catalog.talks).toHaveLength(expected.length);
      expect(catalog.tracks).toHaveLength(new Set(expected.map((e) => e.track)).size);
      expect(catalog.events[0]).toMatchObject({
        id: "36c3",
        name: "36th Chaos Communication Congress",
        timeZone: "Europe/Berlin",
        startDate: "2019-12-27",
        endDate: "2019-12-30",
      });

      const talks = new Map(catalog.talks.map((t) => [t.id, t]));
      const trackName = new Map(catalog.tracks.map((t) => [t.id, t.name]));
      for (const e of expected) {
        const talk = talks.get(e.guid);
        expect(talk, e.guid).toBeDefined();
        if (!talk) continue;
        const [h = "0", m = "0"] = e.duration.split(":");
        expect(talk.start).toBe(e.date); // Berlin is +01:00 in late December
        expect(talk.end).toBe(addMinutesKeepingOffset(e.date, Number(h) * 60 + Number(m)));
        expect(talk.room).toBe(e.room);
        expect(talk.title).toBe(e.title.trim());
        expect(trackName.get(talk.trackId ?? "")).toBe(e.track);
        expect(talk.speakers.map((s) => s.name)).toEqual(
          e.persons.map((p) => p.public_name.trim()),
        );
        expect(talk.format).toBe({ lecture: "talk", podium: "panel" }[e.type] ?? e.type);
        expect(talk.language).toBe(e.language || undefined);
      }
    });
  }

  it("puts an after-midnight talk on the calendar day it really happens", async () => {
    const { catalog } = await importFiles([c36c3[0] as string], { timeZone: "Europe/Berlin" });
    const jeopardy = catalog.talks.find((t) => t.title === "Hacker Jeopardy");
    expect(jeopardy).toMatchObject({
      date: "2019-12-28",
      start: "2019-12-28T00:30:00+01:00",
      end: "2019-12-28T02:30:00+01:00",
    });
  });

  it("warns when the zone given does not match the offsets in the file", async () => {
    const { catalog, warnings } = await importFiles([c36c3[0] as string], {
      timeZone: "America/New_York",
    });
    // Instants are kept; they are shown in the zone asked for, and the operator is told.
    expect(catalog.talks.find((t) => t.title === "Hacker Jeopardy")?.start).toBe(
      "2019-12-27T18:30:00-05:00",
    );
    expect(warnings.join("\n")).toMatch(/160 event\(s\) carry a UTC offset that America\/New_York/);
  });

  it("keeps HTML out of abstracts but leaves text that only looks like a tag alone", async () => {
    const { catalog } = await importFiles([c36c3[0] as string], { timeZone: "Europe/Berlin" });
    const withTags = catalog.talks.filter((t) =>
      /<\/?(p|li|ul|a|b|strong|br)\b[^>]*>/.test(t.abstract),
    );
    expect(withTags.map((t) => t.title)).toEqual([]);
    const abstractOf = (title: string) => catalog.talks.find((t) => t.title === title)?.abstract;
    expect(abstractOf("Nutzung öffentlicher Klimadaten")).toContain(
      "oder man schaut halt nach. <insert old man jells at cloud meme>",
    );
    expect(abstractOf("Aufbau eines Sensornetzes für die Messung von Stickstoffdioxid")).toContain(
      "preisgünstige (<50 Euro) Alternative",
    );
    // A link whose "a href=" got lost in the source still reads as a link.
    expect(abstractOf("Open Source is Insufficient to Solve Trust Problems in Hardware")).toContain(
      "the Betrusted (https://betrusted.io) project brings together",
    );
  });
});
