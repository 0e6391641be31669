import { describe, expect, it } from "vitest";
import { CatalogError } from "../../../src/catalog/catalog-error.ts";
import { importTexts } from "../../../src/catalog/import/import-files.ts";

/** A small frab XML schedule; `events` is spliced into the one room of the one day. */
function frabXml(events: string, conference = "<time_zone_name>Europe/Brussels</time_zone_name>") {
  return `<?xml version="1.0" encoding="UTF-8"?>
<schedule>
  <conference><acronym>minicon</acronym><title>MiniCon</title>${conference}</conference>
  <day index="1" date="2026-01-31" start="2026-01-31T09:00:00+01:00" end="2026-02-01T08:59:00+01:00">
    <room name="H.1308">
${events}
    </room>
  </day>
</schedule>`;
}

function event(guid: string, fields: Record<string, string>): string {
  const body = Object.entries(fields)
    .map(([k, v]) => `<${k}>${v}</${k}>`)
    .join("");
  return `<event guid="${guid}" id="1">${body}</event>`;
}

const good = {
  date: "2026-01-31T10:00:00+01:00",
  duration: "00:30",
  room: "H.1308",
  title: "A good talk",
  track: "Go",
  type: "devroom",
};

function refusal(run: () => unknown): CatalogError {
  try {
    run();
  } catch (err) {
    if (err instanceof CatalogError) return err;
    throw err;
  }
  throw new Error("expected a CatalogError");
}

describe("bad input", () => {
  it("says where malformed XML breaks", () => {
    const xml = frabXml(
      `${event("g1", good)}\n      <event guid="g2" id="2"><title>Unclosed</event>`,
    );
    const err = refusal(() => importTexts([{ file: "broken.xml", text: xml }]));
    expect(err.message).toMatch(/^broken\.xml: /);
    expect(err.message).toMatch(
      /not well-formed XML: line 7, column 46: closing tag <\/event> does not match <title> opened at line 7, column 31/,
    );
  });

  it("says where malformed JSON breaks, with line and column", () => {
    const text =
      '{\n  "schedule": {\n    "conference": {\n      "title": "X",\n      "days": [,]\n';
    const err = refusal(() => importTexts([{ file: "schedule.json", text }]));
    expect(err.message).toContain("schedule.json");
    expect(err.message).toContain("not valid JSON: line 5, column 16: expected a value");

    const cut = refusal(() => importTexts([{ file: "cut.json", text: '{"sessions": [{"id": "1' }]));
    expect(cut.message).toContain("line 1, column 24: the file ends inside a string");
  });

  it("refuses a file it cannot recognise, listing what it reads", () => {
    const err = refusal(() => importTexts([{ file: "x.json", text: '{"talks": 1}' }]));
    expect(err.message).toMatch(/unknown shape: expected frab\/pentabarf XML, frab\/pretalx/);
    const csv = refusal(() => importTexts([{ file: "x.csv", text: "title,start\n" }]));
    expect(csv.message).toContain("not XML or JSON");
  });

  it("skips one broken event by id, says why, and imports the rest", () => {
    const xml = frabXml(
      [
        event("g-ok", good),
        event("g-bad-date", { ...good, date: "31/01/2026 10:00" }),
        event("g-bad-duration", { ...good, duration: "half an hour" }),
        event("g-no-title", { ...good, title: "" }),
        event("g-impossible-day", { ...good, date: "2026-02-30T10:00:00+01:00" }),
        event("g-ok", { ...good, title: "Same guid again" }),
      ].join("\n"),
    );
    const { catalog, skipped } = importTexts([{ file: "mini.xml", text: xml }]);
    expect(catalog.talks.map((t) => t.id)).toEqual(["g-ok"]);
    expect(skipped).toEqual([
      {
        file: "mini.xml",
        id: "g-bad-date",
        title: "A good talk",
        reason: 'unparsable date "31/01/2026 10:00" (expected e.g. 2019-12-27T11:00:00+01:00)',
      },
      {
        file: "mini.xml",
        id: "g-bad-duration",
        title: "A good talk",
        reason: 'unparsable duration "half an hour" (expected hours:minutes, e.g. 00:30)',
      },
      { file: "mini.xml", id: "g-no-title", reason: "missing title" },
      {
        file: "mini.xml",
        id: "g-impossible-day",
        title: "A good talk",
        reason: 'unparsable date "2026-02-30T10:00:00+01:00" (not a real date and time)',
      },
      {
        file: "mini.xml",
        id: "g-ok",
        title: "Same guid again",
        reason: "a second event with the same guid in this file",
      },
    ]);
  });

  it("ignores fields it does not know", () => {
    const xml = frabXml(
      event("g1", { ...good, feedback_url: "https://x", video: "<b>nested</b>", rating: "5" }),
    );
    const { catalog, skipped } = importTexts([{ file: "extra.xml", text: xml }]);
    expect(skipped).toEqual([]);
    expect(catalog.talks[0]).toMatchObject({ id: "g1", title: "A good talk", room: "H.1308" });
  });

  it("reads durations past 24 hours and decodes entities in titles", () => {
    const xml = frabXml(
      event("g1", {
        ...good,
        title: "Rock &amp; Roll &#8211; &quot;live&quot;",
        duration: "26:30",
      }),
    );
    const { catalog } = importTexts([{ file: "long.xml", text: xml }]);
    expect(catalog.talks[0]).toMatchObject({
      title: 'Rock & Roll – "live"',
      start: "2026-01-31T10:00:00+01:00",
      end: "2026-02-01T12:30:00+01:00",
    });
  });

  it("falls back to the day's date and the event's start when there is no full date", () => {
    const { date: _date, ...noDate } = good;
    const xml = frabXml(
      [
        event("early", { ...noDate, start: "10:15" }),
        // Before the day's 09:00 start: the small hours of the next calendar day.
        event("late", { ...noDate, start: "01:30", title: "Night session" }),
      ].join("\n"),
    );
    const { catalog } = importTexts([{ file: "old.xml", text: xml }]);
    const start = Object.fromEntries(catalog.talks.map((t) => [t.id, t.start]));
    expect(start).toEqual({
      early: "2026-01-31T10:15:00+01:00",
      late: "2026-02-01T01:30:00+01:00",
    });
  });

  it("refuses a time_zone_name that is not an IANA zone, and a bad --time-zone", () => {
    const xml = frabXml(event("g1", good), "<time_zone_name>CET</time_zone_name>");
    expect(refusal(() => importTexts([{ file: "cet.xml", text: xml }])).message).toContain(
      'time_zone_name "CET" is not an IANA time zone',
    );
    expect(() =>
      importTexts([{ file: "a.xml", text: frabXml(event("g1", good)) }], {
        timeZone: "Mars/Olympus",
      }),
    ).toThrow(/--time-zone "Mars\/Olympus" is not an IANA time zone/);
  });

  it("skips Sessionize sessions with bad times or no title, keeping unscheduled ones", () => {
    const text = JSON.stringify({
      sessions: [
        { id: "1", title: "Fine", startsAt: "2025-06-03T09:00:00", endsAt: "2025-06-03T09:30:00" },
        { id: "2", title: "Bad", startsAt: "tomorrow", endsAt: "2025-06-03T09:30:00" },
        {
          id: "3",
          title: "Backwards",
          startsAt: "2025-06-03T10:00:00",
          endsAt: "2025-06-03T09:00:00",
        },
        { id: "4", title: " ", startsAt: "2025-06-03T09:00:00", endsAt: "2025-06-03T09:30:00" },
        { id: "5", title: "Not placed yet", startsAt: null, endsAt: null, speakers: ["ghost"] },
      ],
      speakers: [],
      rooms: [],
    });
    const { catalog, skipped, warnings } = importTexts([{ file: "s.json", text }], {
      timeZone: "America/Los_Angeles",
    });
    expect(catalog.talks.map((t) => [t.id, t.start ?? null])).toEqual([
      ["sessionize-1", "2025-06-03T09:00:00-07:00"],
      ["sessionize-5", null],
    ]);
    expect(skipped.map((s) => [s.id, s.reason])).toEqual([
      ["2", 'unparsable startsAt "tomorrow"'],
      ["3", "endsAt 2025-06-03T09:00:00 is before startsAt 2025-06-03T10:00:00"],
      ["4", "missing title"],
    ]);
    expect(warnings.join("\n")).toContain("1 session(s) have no time yet");
    expect(warnings.join("\n")).toContain('not in "speakers" (e.g. ghost)');
  });

  it("points at Sessionize's other export when given the “Sessions” one", () => {
    const text = JSON.stringify([{ groupId: null, groupName: "All", sessions: [] }]);
    expect(refusal(() => importTexts([{ file: "sessions.json", text }])).message).toContain(
      'export "All"',
    );
  });
});
