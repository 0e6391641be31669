import { describe, expect, it } from "vitest";
import { loadCatalogFile } from "../../src/catalog/load.ts";
import type { Catalog, Talk } from "../../src/catalog/schema.ts";
import { eventSpans } from "../../src/present/event-spans.ts";
import { lookupOf, scheduleText } from "../../src/present/talk-view.ts";
import { talkOf } from "../support/catalogs.ts";

const seed = loadCatalogFile(new URL("../../data/catalog.json", import.meta.url).pathname);

const talk = (id: string, eventId: string, when: Partial<Talk>): Talk =>
  talkOf(id, { eventId, title: id, sources: ["x.txt"], ...when });

describe("eventSpans", () => {
  it("gives the seed catalog's named events with their own dates, earliest first", () => {
    expect(eventSpans(seed)).toEqual([
      { name: "QCon London 2018", first: "2018-03-05", last: "2018-03-07" },
      { name: "QCon London 2020", first: "2020-03-02", last: "2020-03-04" },
    ]);
  });

  it("falls back on the talks' local days, and leaves out events with no name or no day", () => {
    const catalog: Catalog = {
      events: [
        { id: "fosdem", name: "FOSDEM 2026", timeZone: "Europe/Brussels", sources: ["x"] },
        { id: "nameless", name: null, timeZone: null, sources: ["x"] },
        { id: "undated", name: "Someday Conf", timeZone: null, sources: ["x"] },
      ],
      tracks: [],
      talks: [
        // 00:30 in Brussels is still the evening before in UTC: the local day counts.
        talk("late", "fosdem", { start: "2026-02-01T00:30:00+01:00" }),
        talk("early", "fosdem", { start: "2026-01-31T09:00:00+01:00" }),
        talk("recap", "nameless", { date: "2026-01-30" }),
        talk("floating", "undated", {}),
      ],
    };
    expect(eventSpans(catalog)).toEqual([
      { name: "FOSDEM 2026", first: "2026-01-31", last: "2026-02-01" },
    ]);
  });
});

describe("scheduleText", () => {
  it("names every event and its days, and counts the ones past the first few", () => {
    expect(scheduleText(lookupOf(seed))).toBe(
      "Nothing is on then: the schedule covers QCon London 2018, Mon 5 Mar 2018 to Wed 7 Mar 2018; QCon London 2020, Mon 2 Mar 2020 to Wed 4 Mar 2020.",
    );
    expect(scheduleText(lookupOf(seed), 1)).toBe(
      "Nothing is on then: the schedule covers QCon London 2018, Mon 5 Mar 2018 to Wed 7 Mar 2018; and 1 more.",
    );
    expect(scheduleText(lookupOf({ ...seed, events: [] }))).toBeNull();
  });
});
