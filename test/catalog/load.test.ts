import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { CatalogError } from "../../src/catalog/catalog-error.ts";
import { loadCatalogFile, parseCatalog } from "../../src/catalog/load.ts";

const FILE = "data/catalog.json";

function valid() {
  return {
    events: [
      {
        id: "qcon-london-2020",
        name: "QCon London 2020",
        timeZone: "Europe/London",
        sources: ["001.txt"],
      },
      { id: "unnamed", name: null, timeZone: null, sources: ["000.txt"] },
    ],
    tracks: [
      {
        id: "qcon-london-2020/track/architectures",
        eventId: "qcon-london-2020",
        name: "Architectures You've Always Wondered About",
        date: "2020-03-03",
        host: "Wes Reisz",
      },
    ],
    talks: [
      {
        id: "qcon-london-2020/tesla-virtual-power-plant",
        eventId: "qcon-london-2020",
        trackId: "qcon-london-2020/track/architectures",
        title: "Tesla Virtual Power Plant",
        abstract: "A Virtual Power Plant …",
        speakers: [],
        date: "2020-03-03",
        start: "2020-03-03T16:10:00+00:00",
        end: "2020-03-03T17:00:00+00:00",
        room: "Fleming, 3rd flr.",
        tags: [],
        sources: ["001.txt"],
      },
      {
        id: "unnamed/oleksii-petrov",
        eventId: "unnamed",
        trackId: null,
        title: null,
        abstract: "Have you ever wondered …",
        speakers: [
          { name: "Oleksii Petrov", role: "Solution Architect", company: "Husqvarna Group" },
        ],
        tags: [],
        sources: ["000.txt"],
      },
    ],
  };
}
type Data = ReturnType<typeof valid>;

function refusal(change: (c: Data) => void): CatalogError {
  const data = valid();
  change(data);
  try {
    parseCatalog(data, FILE);
  } catch (err) {
    expect(err).toBeInstanceOf(CatalogError);
    return err as CatalogError;
  }
  throw new Error("the catalog was accepted");
}

describe("parseCatalog accepts a good catalog", () => {
  it("returns it", () => {
    expect(parseCatalog(valid(), FILE).talks).toHaveLength(2);
  });
});

describe("parseCatalog refuses a bad catalog, naming the file, the record and the field", () => {
  it("a missing field", () => {
    const err = refusal((c) => {
      delete (c.talks[0] as Partial<Data["talks"][number]>).title;
    });
    expect(err.file).toBe(FILE);
    expect(err.message).toMatch(/^data\/catalog\.json: catalog refused \(1 problem\)/);
    expect(err.problems).toHaveLength(1);
    expect(err.problems[0]).toMatch(
      /^talk "qcon-london-2020\/tesla-virtual-power-plant" \(talks\[0\]\) field title: /,
    );
  });

  it("a missing id: the record is named by its index", () => {
    const err = refusal((c) => {
      delete (c.talks[1] as Partial<Data["talks"][number]>).id;
    });
    expect(err.problems[0]).toMatch(/^talk \(talks\[1\]\) field id: /);
  });

  it("a missing speaker name, deep in the record", () => {
    const err = refusal((c) => {
      (c.talks[1]?.speakers[0] as { name?: string }).name = undefined;
    });
    expect(err.problems[0]).toMatch(
      /^talk "unnamed\/oleksii-petrov" \(talks\[1\]\) field speakers\.0\.name: /,
    );
  });

  it("a malformed time: no offset, or not a time at all", () => {
    const noOffset = refusal((c) => {
      if (c.talks[0]) c.talks[0].start = "2020-03-03T16:10:00";
    });
    expect(noOffset.problems[0]).toMatch(
      /^talk "qcon-london-2020\/tesla-virtual-power-plant" \(talks\[0\]\) field start: expected ISO 8601 with a UTC offset/,
    );
    const zulu = refusal((c) => {
      if (c.talks[0]) c.talks[0].end = "2020-03-03T17:00:00Z";
    });
    expect(zulu.problems[0]).toMatch(/field end: expected ISO 8601 with a UTC offset/);
    const nonsense = refusal((c) => {
      if (c.talks[0]) c.talks[0].start = "2020-13-45T99:10:00+00:00";
    });
    expect(nonsense.problems[0]).toMatch(/\(talks\[0\]\) field start: not a real date and time/);
    const day = refusal((c) => {
      if (c.talks[0]) c.talks[0].date = "3 March 2020";
    });
    expect(day.problems[0]).toMatch(/\(talks\[0\]\) field date: expected a day as YYYY-MM-DD/);
    // Date.parse rolls these over into March; the loader must not.
    const feb30 = refusal((c) => {
      if (c.talks[0]) c.talks[0].date = "2020-02-30";
    });
    expect(feb30.problems[0]).toMatch(/\(talks\[0\]\) field date: not a real day/);
    const feb30At = refusal((c) => {
      if (c.talks[0]) c.talks[0].start = "2020-02-30T10:00:00+00:00";
    });
    expect(feb30At.problems[0]).toMatch(/\(talks\[0\]\) field start: not a real date and time/);
  });

  it("an offset that is not the event zone's at that time", () => {
    const err = refusal((c) => {
      if (c.talks[0]) c.talks[0].start = "2020-03-03T16:10:00+01:00";
    });
    expect(err.problems[0]).toMatch(
      /^talk "qcon-london-2020\/tesla-virtual-power-plant" \(talks\[0\]\) field start: offset of .* does not match Europe\/London/,
    );
  });

  it("an end before the start", () => {
    const err = refusal((c) => {
      if (c.talks[0]) c.talks[0].end = "2020-03-03T16:00:00+00:00";
    });
    expect(err.problems[0]).toMatch(/\(talks\[0\]\) field end: .* is before start/);
  });

  it("a duplicate id", () => {
    const err = refusal((c) => {
      if (c.talks[1] && c.talks[0]) c.talks[1].id = c.talks[0].id;
    });
    expect(err.problems).toEqual([
      'talk "qcon-london-2020/tesla-virtual-power-plant" (talks[1]) field id: duplicate of talks[0]',
    ]);
    const events = refusal((c) => {
      if (c.events[1]) c.events[1].id = "qcon-london-2020";
    });
    expect(events.problems[0]).toMatch(
      /^event "qcon-london-2020" \(events\[1\]\) field id: duplicate of events\[0\]/,
    );
  });

  it("a talk pointing at an unknown track", () => {
    const err = refusal((c) => {
      if (c.talks[0]) c.talks[0].trackId = "qcon-london-2020/track/nope";
    });
    expect(err.problems).toEqual([
      'talk "qcon-london-2020/tesla-virtual-power-plant" (talks[0]) field trackId: unknown track "qcon-london-2020/track/nope"',
    ]);
  });

  it("a talk pointing at an unknown event, and a track of another event", () => {
    const err = refusal((c) => {
      if (c.talks[1]) c.talks[1].eventId = "qcon-sf-2019";
    });
    expect(err.problems).toEqual([
      'talk "unnamed/oleksii-petrov" (talks[1]) field eventId: unknown event "qcon-sf-2019"',
    ]);
    const other = refusal((c) => {
      if (c.talks[1]) c.talks[1].trackId = "qcon-london-2020/track/architectures";
    });
    expect(other.problems[0]).toMatch(
      /\(talks\[1\]\) field trackId: track .* belongs to another event/,
    );
  });

  it("a track pointing at an unknown event", () => {
    const err = refusal((c) => {
      if (c.tracks[0]) c.tracks[0].eventId = "nope";
    });
    expect(err.problems[0]).toBe(
      'track "qcon-london-2020/track/architectures" (tracks[0]) field eventId: unknown event "nope"',
    );
  });

  it("an unknown time zone", () => {
    const err = refusal((c) => {
      if (c.events[0]) c.events[0].timeZone = "Europe/Atlantis";
    });
    expect(err.problems[0]).toMatch(
      /^event "qcon-london-2020" \(events\[0\]\) field timeZone: not an IANA time zone/,
    );
  });

  it("lists every problem, not just the first", () => {
    const err = refusal((c) => {
      if (c.talks[0]) c.talks[0].trackId = "x";
      if (c.talks[1]) c.talks[1].eventId = "y";
    });
    expect(err.problems).toHaveLength(2);
    expect(err.message).toMatch(/\(2 problems\)/);
  });

  it("not a catalog at all", () => {
    expect(() => parseCatalog([], FILE)).toThrow(/^data\/catalog\.json: catalog refused/);
    expect(() => parseCatalog({ events: [] }, FILE)).toThrow(/tracks: /);
  });
});

describe("loadCatalogFile", () => {
  const dir = mkdtempSync(join(tmpdir(), "talkbot-load-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("reads and validates a file", () => {
    const file = join(dir, "good.json");
    writeFileSync(file, JSON.stringify(valid()));
    expect(loadCatalogFile(file).events).toHaveLength(2);
  });

  it("reads a file an editor saved with a byte-order mark", () => {
    const file = join(dir, "bom.json");
    writeFileSync(file, `\ufeff${JSON.stringify(valid(), null, 2)}`);
    expect(loadCatalogFile(file).events).toHaveLength(2);
  });

  it("names the file and the problem for a bad one", () => {
    const file = join(dir, "bad.json");
    const data = valid();
    if (data.talks[0]) data.talks[0].trackId = "nope";
    writeFileSync(file, JSON.stringify(data));
    expect(() => loadCatalogFile(file)).toThrow(CatalogError);
    expect(() => loadCatalogFile(file)).toThrow(
      `${file}: catalog refused (1 problem)\n  - talk "qcon-london-2020/tesla-virtual-power-plant" (talks[0]) field trackId: unknown track "nope"`,
    );
  });

  it("says where JSON is broken, and when the file is missing", () => {
    const file = join(dir, "broken.json");
    writeFileSync(file, '{\n  "events": [],\n}\n');
    expect(() => loadCatalogFile(file)).toThrow(
      /broken\.json: catalog refused[\s\S]*not valid JSON: line 3, column 1/,
    );
    writeFileSync(file, '{\n  "events": [\n    oops\n  ]\n}\n');
    // Node 20's own message has no position for an unexpected token: ours does.
    expect(() => loadCatalogFile(file)).toThrow(
      /broken\.json: catalog refused[\s\S]*not valid JSON: line 3, column 5/,
    );
    expect(() => loadCatalogFile(join(dir, "missing.json"))).toThrow(
      /missing\.json: catalog refused[\s\S]*cannot read the file/,
    );
  });

  it("accepts the committed catalog", () => {
    const catalog = loadCatalogFile(join(import.meta.dirname, "../../data/catalog.json"));
    expect(catalog.talks).toHaveLength(34);
  });
});
