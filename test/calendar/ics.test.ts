import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { agendaCalendar, talkCalendar, talkUid } from "../../src/calendar/ics.ts";
import { importFiles } from "../../src/catalog/import/import-files.ts";
import { loadCatalogFile } from "../../src/catalog/load.ts";
import type { Catalog, Talk } from "../../src/catalog/schema.ts";
import { snapshotOf } from "../../src/snapshot.ts";
import { fosdemXml } from "../catalog/import/fixtures.ts";
import { catalogOf, talk } from "../slack/fixtures.ts";
import { parseIcs, startZone } from "./parse-ics.ts";

const seed = loadCatalogFile(new URL("../../data/catalog.json", import.meta.url).pathname);
const exchange = "qcon-london-2020/evolution-of-financial-exchange-architectures";
const controlPlanes = "qcon-london-2020/managing-systems-in-an-age-of-dynamic-complexity";
const now = new Date("2020-03-01T12:00:00Z");

// ical-generator writes a plain Date in a TZID with the process's own local
// getters; running these tests in a zone that is neither London nor Brussels
// makes that mistake show (the server's zone must never matter).
const zoneBefore = process.env.TZ;
beforeAll(() => {
  process.env.TZ = "America/New_York";
});
afterAll(() => {
  if (zoneBefore === undefined) delete process.env.TZ;
  else process.env.TZ = zoneBefore;
});

function withTalks(catalog: Catalog, change: (t: Talk) => Talk): Catalog {
  return { ...catalog, talks: catalog.talks.map(change) };
}

describe("agendaCalendar on the seed catalog (QCon London 2020, Europe/London)", () => {
  const text = agendaCalendar(snapshotOf(seed), [exchange, controlPlanes], { now });
  const parsed = parseIcs(text);
  const event = parsed.byUid(talkUid({ id: exchange, eventId: "qcon-london-2020" }));

  it("holds the starred talk at the right UTC instant, in the event's zone", () => {
    expect(event.startDate.toJSDate().toISOString()).toBe("2020-03-03T10:35:00.000Z");
    expect(event.endDate.toJSDate().toISOString()).toBe("2020-03-03T11:25:00.000Z");
    expect(startZone(event)).toBe("Europe/London");
    expect(text).toContain("DTSTART;TZID=Europe/London:20200303T103500");
  });

  it("carries a VTIMEZONE for the zone, and ical.js reads the time through it", () => {
    expect(parsed.zones).toEqual(["Europe/London"]);
    // The zone comes from the file itself, not from a zone database of the parser.
    expect(event.startDate.zone.tzid).toBe("Europe/London");
    expect(event.startDate.zone.component).toBeDefined();
  });

  it("has one VEVENT per starred talk, with summary, room and description", () => {
    expect(parsed.events).toHaveLength(2);
    expect(event.summary).toBe("Evolution of Financial Exchange Architectures");
    expect(event.location).toBe("Fleming, 3rd flr.");
    expect(event.description).toContain("Speaker: Martin Thompson");
    expect(event.description).toContain("Track: Architectures You've Always Wondered About");
    expect(event.description).toContain("The Disruptor was announced 10 years ago.");
    expect(event.description.length).toBeLessThan(400);
  });

  it("names the calendar after the event, stamps it with the clock, in UTC", () => {
    expect(parsed.name).toBe("talkbot: My agenda (QCon London 2020)");
    expect(text).toContain("NAME:talkbot: My agenda (QCon London 2020)\r\n");
    expect(text).toContain("DTSTAMP:20200301T120000Z\r\n");
    expect(text).toContain("METHOD:PUBLISH\r\n");
  });

  it("is the same text for the same stars and clock (stable order, deduplicated)", () => {
    expect(agendaCalendar(snapshotOf(seed), [controlPlanes, exchange, exchange], { now })).toBe(
      text,
    );
  });
});

describe("UIDs", () => {
  it("stay the same when a new schedule release moves or renames the talk", () => {
    const moved = withTalks(seed, (t) =>
      t.id === exchange
        ? {
            ...t,
            title: "Financial Exchange Architectures, revisited",
            start: "2020-03-04T16:10:00+00:00",
            end: "2020-03-04T17:00:00+00:00",
          }
        : t,
    );
    const before = parseIcs(agendaCalendar(snapshotOf(seed), [exchange], { now })).events[0];
    const after = parseIcs(agendaCalendar(snapshotOf(moved), [exchange], { now })).events[0];
    expect(after?.uid).toBe(before?.uid);
    expect(after?.uid).toBe(`${exchange}@qcon-london-2020.talkbot`);
    expect(after?.startDate.toJSDate().toISOString()).toBe("2020-03-04T16:10:00.000Z");
    expect(after?.summary).toBe("Financial Exchange Architectures, revisited");
  });

  it("differ between talks and escape what a UID should not carry", () => {
    const uids = seed.talks.map(talkUid);
    expect(new Set(uids).size).toBe(uids.length);
    expect(talkUid({ id: "a b,c;d@e", eventId: "x y" })).toBe("a%20b%2Cc%3Bd%40e@x%20y.talkbot");
  });
});

describe("a talk in a zone ahead of UTC (FOSDEM 2026, Europe/Brussels, +01:00)", async () => {
  const fosdem = (await importFiles([fosdemXml])).catalog;
  const welcome = fosdem.talks.find((t) => t.title === "Welcome to FOSDEM 2026") as Talk;
  const parsed = parseIcs(agendaCalendar(snapshotOf(fosdem), [welcome.id], { now }));
  const event = parsed.byUid(talkUid(welcome));

  it("is at the right instant: 09:30 in Brussels is 08:30 UTC", () => {
    expect(welcome.start).toBe("2026-01-31T09:30:00+01:00");
    expect(event.startDate.toJSDate().toISOString()).toBe("2026-01-31T08:30:00.000Z");
    expect(event.endDate.toJSDate().toISOString()).toBe("2026-01-31T08:50:00.000Z");
    expect(event.startDate.hour).toBe(9);
    expect(startZone(event)).toBe("Europe/Brussels");
    expect(parsed.zones).toEqual(["Europe/Brussels"]);
  });

  it("links the talk's page", () => {
    expect(event.component.getFirstPropertyValue("url")).toBe(welcome.url);
    expect(event.location).toBe("Janson");
    expect(parsed.name).toBe("talkbot: My agenda (FOSDEM 2026)");
  });

  it("holds a whole day's worth of talks at their instants", () => {
    const day = fosdem.talks.filter((t) => t.start?.startsWith("2026-02-01")).slice(0, 200);
    const all = parseIcs(
      agendaCalendar(
        snapshotOf(fosdem),
        day.map((t) => t.id),
        { now },
      ),
    );
    expect(all.events).toHaveLength(day.length);
    for (const t of day) {
      const e = all.byUid(talkUid(t));
      expect(e.startDate.toJSDate().getTime()).toBe(Date.parse(t.start as string));
    }
  });
});

describe("text that needs escaping", () => {
  const nasty = talk("nasty", {
    title: 'Rock, paper; scissors: Über-naïve 🎉 caches \\ and "quotes"',
    room: "Hall A, level 2; by the café",
    speakers: [
      { name: "Zoë Ångström", role: "Staff Engineer, Platform", company: "Ünïcode; Ltd." },
      { name: "李小龍" },
    ],
    abstract: `First line, with commas; and semicolons.\n\nSecond paragraph: ${"ünïcödé 字 ".repeat(20)}`,
    url: "https://example.org/talks/a,b;c?x=1,2",
  });
  const catalog = catalogOf([nasty]);
  const text = agendaCalendar(snapshotOf(catalog), ["nasty"], {
    now,
    name: "Mine, all; mine\nreally",
  });
  const event = parseIcs(text).byUid(talkUid(nasty));

  it("survives a round trip through another library", () => {
    expect(event.summary).toBe(nasty.title);
    expect(event.location).toBe(nasty.room);
    expect(event.description).toContain(
      "Speakers: Zoë Ångström (Staff Engineer, Platform, Ünïcode; Ltd.); 李小龍",
    );
    expect(event.description).toContain("First line, with commas; and semicolons.");
    expect(event.description).toContain("ünïcödé 字");
    expect(parseIcs(text).name).toBe("Mine, all; mine\nreally");
  });

  it("keeps a URL a URL (no text escapes inside it)", () => {
    expect(event.component.getFirstPropertyValue("url")).toBe(
      "https://example.org/talks/a%2Cb%3Bc?x=1%2C2",
    );
  });

  it("folds long lines at 75 octets without splitting a character", () => {
    const lines = text.split("\r\n");
    for (const line of lines) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    expect(text).not.toContain("\uFFFD");
  });
});

describe("talks without an end, a start or a zone", () => {
  it("gives a talk with no end half an hour, and says so", () => {
    const open = talk("open", { end: undefined });
    const event = parseIcs(agendaCalendar(snapshotOf(catalogOf([open])), ["open"], { now }))
      .events[0];
    expect(event?.endDate.toJSDate().toISOString()).toBe("2020-03-03T11:05:00.000Z");
    expect(event?.description).toContain("The schedule gives no end time; shown as 30 minutes.");
  });

  it("leaves out talks without a start and ids the catalog no longer has", () => {
    const unscheduled = talk("unscheduled", { start: undefined, end: undefined });
    const catalog = catalogOf([unscheduled, talk("t1")]);
    const parsed = parseIcs(
      agendaCalendar(snapshotOf(catalog), ["unscheduled", "gone", "t1"], { now }),
    );
    expect(parsed.events.map((e) => e.uid)).toEqual(["t1@qcon.talkbot"]);
    expect(talkCalendar(snapshotOf(catalog), "unscheduled", { now })).toBeNull();
    expect(talkCalendar(snapshotOf(catalog), "gone", { now })).toBeNull();
  });

  it("writes an empty agenda as a calendar with no events", () => {
    const parsed = parseIcs(agendaCalendar(snapshotOf(seed), [], { now }));
    expect(parsed.events).toEqual([]);
    expect(parsed.name).toBe("talkbot: My agenda");
  });

  it("writes UTC when the event has no known zone", () => {
    const catalog = catalogOf([talk("t1")]);
    catalog.events = catalog.events.map((e) => ({ ...e, timeZone: null }));
    const text = agendaCalendar(snapshotOf(catalog), ["t1"], { now });
    expect(text).toContain("DTSTART:20200303T103500Z");
    expect(parseIcs(text).zones).toEqual([]);
  });

  it("writes UTC where the packaged VTIMEZONE is out of date (Mexico City, no summer time since 2022)", () => {
    const catalog = catalogOf([
      talk("mx", { start: "2026-07-01T10:00:00-06:00", end: "2026-07-01T10:45:00-06:00" }),
    ]);
    catalog.events = catalog.events.map((e) => ({ ...e, timeZone: "America/Mexico_City" }));
    const text = agendaCalendar(snapshotOf(catalog), ["mx"], { now });
    const parsed = parseIcs(text);
    expect(parsed.zones).toEqual([]);
    expect(startZone(parsed.events[0] as ICALEvent)).toBeUndefined();
    expect(parsed.events[0]?.startDate.toJSDate().toISOString()).toBe("2026-07-01T16:00:00.000Z");
  });
});

type ICALEvent = ReturnType<typeof parseIcs>["events"][number];

describe("talkCalendar", () => {
  it("is one talk, named after it", () => {
    const parsed = parseIcs(talkCalendar(snapshotOf(seed), exchange, { now }) as string);
    expect(parsed.events.map((e) => e.summary)).toEqual([
      "Evolution of Financial Exchange Architectures",
    ]);
    expect(parsed.zones).toEqual(["Europe/London"]);
    expect(parsed.name).toBe("talkbot: Evolution of Financial Exchange Architectures");
  });
});
