import { describe, expect, it } from "vitest";
import { importTexts } from "../../../src/catalog/import/import-files.ts";

/** A current pretalx `schedule.json`: zone named, persons with `name` and `code`. */
function pretalx(events: object[]) {
  return JSON.stringify({
    $schema: "https://c3voc.de/schedule/schema.json",
    generator: { name: "pretalx", version: "2025.1.0" },
    schedule: {
      version: "0.3",
      base_url: "https://pretalx.example.org/springconf/schedule/",
      conference: {
        acronym: "springconf",
        title: "Spring Conf",
        start: "2026-03-28",
        end: "2026-03-29",
        time_zone_name: "Europe/Berlin",
        tracks: [
          { name: "Infra", color: "#000" },
          { name: "Unused", color: "#fff" },
        ],
        rooms: [{ name: "Saal 1", guid: "r1" }],
        days: [
          {
            index: 1,
            date: "2026-03-29",
            day_start: "2026-03-29T00:00:00+01:00",
            day_end: "2026-03-29T23:59:00+02:00",
            rooms: { "Saal 1": events },
          },
        ],
      },
    },
  });
}

const base = {
  guid: "0f1e2d3c-0000-4000-8000-000000000001",
  code: "ABCD",
  id: 1,
  room: "Saal 1",
  title: "Night shift",
  track: "Infra",
  type: "Talk",
  language: "de",
  abstract: "**Markdown** stays as written.",
  description: "",
  persons: [{ code: "XY12", name: "Kim Lee", public_name: "Kim Lee", biography: "SRE." }],
  links: [],
  feedback_url: "https://x",
};

describe("frab/pretalx JSON variants", () => {
  it("runs an event across the spring-forward night with the right offsets", () => {
    const text = pretalx([{ ...base, date: "2026-03-29T01:30:00+01:00", duration: "02:00" }]);
    const { catalog, warnings } = importTexts([{ file: "schedule.json", text }]);
    expect(warnings).toEqual([]);
    expect(catalog.events[0]).toMatchObject({
      id: "springconf",
      timeZone: "Europe/Berlin",
      url: "https://pretalx.example.org/springconf/schedule/",
    });
    expect(catalog.tracks.map((t) => t.name)).toEqual(["Infra"]);
    expect(catalog.talks[0]).toMatchObject({
      id: base.guid,
      start: "2026-03-29T01:30:00+01:00",
      // Two hours later by the clock on the wall is 04:30 summer time.
      end: "2026-03-29T04:30:00+02:00",
      format: "talk",
      language: "de",
      abstract: "**Markdown** stays as written.",
      speakers: [{ name: "Kim Lee", bio: "SRE." }],
    });
  });

  it("reads a date without an offset as local time in the event's zone", () => {
    const text = pretalx([{ ...base, date: "2026-03-29T10:00:00", duration: "0:45" }]);
    const { catalog } = importTexts([{ file: "schedule.json", text }]);
    expect(catalog.talks[0]).toMatchObject({
      start: "2026-03-29T10:00:00+02:00",
      end: "2026-03-29T10:45:00+02:00",
    });
  });

  it("skips an event without a title or with a bad duration, by guid", () => {
    const text = pretalx([
      { ...base, date: "2026-03-29T10:00:00+02:00", duration: "00:30" },
      { ...base, guid: "g-2", title: null, date: "2026-03-29T11:00:00+02:00", duration: "00:30" },
      { ...base, guid: "g-3", date: "2026-03-29T12:00:00+02:00", duration: 30 },
    ]);
    const { catalog, skipped } = importTexts([{ file: "schedule.json", text }]);
    expect(catalog.talks.map((t) => t.id)).toEqual([base.guid]);
    expect(skipped.map((s) => [s.id, s.reason])).toEqual([
      ["g-2", "missing title"],
      ["g-3", 'unparsable duration "30" (expected hours:minutes, e.g. 00:30)'],
    ]);
  });

  it("refuses a schedule.json without days", () => {
    expect(() =>
      importTexts([{ file: "schedule.json", text: '{"schedule": {"conference": {}}}' }]),
    ).toThrow(/schedule\.conference\.days is missing/);
  });
});
