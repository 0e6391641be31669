import { beforeAll, describe, expect, it } from "vitest";
import { type ImportResult, importFiles } from "../../../src/catalog/import/import-files.ts";
import { addMinutesKeepingOffset, fosdemXml, raw, xmlUnescape } from "./fixtures.ts";

/** FOSDEM's events read straight off the raw XML with regexes: no XML parser involved. */
interface RawEvent {
  guid: string;
  date: string;
  duration: string;
  room: string;
  title: string;
  trackSlug: string;
  track: string;
  type: string;
  persons: string[];
}

function rawEvents(xml: string): RawEvent[] {
  const field = (block: string, tag: string) =>
    xmlUnescape(new RegExp(`<${tag}>([^<]*)</${tag}>`).exec(block)?.[1] ?? "");
  return [...xml.matchAll(/<event guid="([^"]+)" id="\d+">([\s\S]*?)<\/event>/g)].map((m) => {
    const block = m[2] ?? "";
    const track = /<track slug="([^"]*)">([^<]*)<\/track>/.exec(block);
    const persons = /<persons>([\s\S]*?)<\/persons>/.exec(block)?.[1] ?? "";
    return {
      guid: m[1] ?? "",
      date: field(block, "date"),
      duration: field(block, "duration"),
      room: field(block, "room"),
      title: field(block, "title"),
      trackSlug: track?.[1] ?? "",
      track: xmlUnescape(track?.[2] ?? ""),
      type: field(block, "type"),
      persons: [...persons.matchAll(/<person id="\d+">([^<]*)<\/person>/g)].map((p) =>
        xmlUnescape(p[1] ?? "").trim(),
      ),
    };
  });
}

describe("importing FOSDEM 2026 (frab XML)", () => {
  const xml = raw(fosdemXml);
  const expected = rawEvents(xml);
  let result: ImportResult;

  beforeAll(async () => {
    result = await importFiles([fosdemXml]);
  });

  it("finds as many events, tracks and rooms as the raw file has", () => {
    // Independent counts: the opening tags, the distinct track slugs and room names.
    expect(expected).toHaveLength((xml.match(/<event /g) ?? []).length);
    const slugs = new Set(expected.map((e) => e.trackSlug));
    const rooms = new Set(expected.map((e) => e.room));
    expect(expected).toHaveLength(883);
    expect(slugs.size).toBe(62);
    expect(rooms.size).toBe(30);

    const { catalog, skipped } = result;
    expect(skipped).toEqual([]);
    expect(catalog.events).toHaveLength(1);
    expect(catalog.talks).toHaveLength(expected.length);
    expect(catalog.tracks).toHaveLength(slugs.size);
    expect(new Set(catalog.talks.map((t) => t.room)).size).toBe(rooms.size);
  });

  it("names the event and its zone from the conference block", () => {
    expect(result.catalog.events[0]).toMatchObject({
      id: "fosdem-2026",
      name: "FOSDEM 2026",
      timeZone: "Europe/Brussels",
      startDate: "2026-01-31",
      endDate: "2026-02-01",
      sources: ["fosdem-2026.xml"],
    });
  });

  it("keeps every event's guid, start, end, room, track, title and speakers", () => {
    const talks = new Map(result.catalog.talks.map((t) => [t.id, t]));
    const tracks = new Map(result.catalog.tracks.map((t) => [t.id, t.name]));
    for (const e of expected) {
      const talk = talks.get(e.guid);
      expect(talk, e.guid).toBeDefined();
      if (!talk) continue;
      const [h = "0", m = "0"] = e.duration.split(":");
      // Brussels is on +01:00 all through FOSDEM, so the raw date is already the answer.
      expect(talk.start).toBe(e.date);
      expect(talk.end).toBe(addMinutesKeepingOffset(e.date, Number(h) * 60 + Number(m)));
      expect(talk.date).toBe(e.date.slice(0, 10));
      expect(talk.room).toBe(e.room);
      expect(talk.title).toBe(e.title.trim());
      expect(tracks.get(talk.trackId ?? "")).toBe(e.track);
      expect(talk.speakers.map((s) => s.name)).toEqual(e.persons);
      expect(talk.format).toBe(e.type === "workshop" ? "workshop" : "talk");
      expect(talk.language).toBe("en");
    }
  });

  it("turns HTML abstracts and biographies into readable text", () => {
    const talk = result.catalog.talks.find((t) => t.id === "8ce3ffa3-2053-5f4d-8fc4-f223e5859a53");
    expect(talk?.title).toBe("FOSS in times of war, scarcity and (adversarial) AI");
    expect(talk?.abstract).toMatch(/^We need to talk about war\. /);
    expect(talk?.abstract).toContain("Open Source software?\n\nThe immense corpus");
    expect(talk?.abstract).not.toMatch(/<\/?p>|&lt;|<hr/);

    const graber = result.catalog.talks
      .flatMap((t) => t.speakers)
      .find((s) => s.name === "Stephane Graber");
    expect(graber?.bio).toMatch(
      /^Stéphane Graber is the project leader for Linux Containers \(https:\/\/linuxcontainers\.org\) and/,
    );
    expect(graber?.bio).toContain("\n\nIn his spare time");

    const withParagraphTags = result.catalog.talks.filter((t) =>
      /<\/?(p|li|ul|strong)>/.test(t.abstract),
    );
    expect(withParagraphTags.map((t) => t.id)).toEqual([]);
  });

  it("gives a single-day devroom its day and room", () => {
    const rust = result.catalog.tracks.find((t) => t.name === "Rust");
    const rustEvents = expected.filter((e) => e.track === "Rust");
    const days = new Set(rustEvents.map((e) => e.date.slice(0, 10)));
    const rooms = new Set(rustEvents.map((e) => e.room));
    expect(days.size).toBe(1);
    expect(rust).toMatchObject({ id: "fosdem-2026:rust", date: [...days][0], room: [...rooms][0] });
    const main = result.catalog.tracks.find((t) => t.name === "Main Track");
    expect(main?.date).toBeUndefined();
  });
});
