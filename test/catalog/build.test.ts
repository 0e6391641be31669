import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  type BuiltCatalog,
  buildCatalog,
  resolveDay,
  serializeCatalog,
} from "../../src/catalog/build.ts";
import { parseCatalog } from "../../src/catalog/load.ts";
import {
  loadMetaFile,
  type Meta,
  MetaError,
  type MetaEvent,
  parseMeta,
} from "../../src/catalog/meta.ts";
import type { Talk } from "../../src/catalog/schema.ts";
import { SourceError } from "../../src/catalog/sources/index.ts";
import { buildFromDir, readSources } from "../../src/cli/build-catalog.ts";
import { sourcesDir } from "./sources/real.ts";

const root = join(import.meta.dirname, "../..");
const catalogFile = join(root, "data/catalog.json");
const meta = loadMetaFile(join(sourcesDir, "meta.json"));
const documents = readSources(sourcesDir);
const catalog = buildCatalog(meta, documents);

const F000 = "000_f2a6a34756552017.txt";
const F001 = "001_c1970f4754af1403.txt";
const F002 = "002_135c2c845b7650cd.txt";
const F003 = "003_80fde569e2c07f12.txt";
const F004 = "004_f9d9a89f4feb31f0.txt";

function talk(title: string): Talk {
  const found = catalog.talks.filter((t) => t.title === title);
  expect(found, title).toHaveLength(1);
  return found[0] as Talk;
}
const bySource = (file: string) => catalog.talks.filter((t) => t.sources.includes(file));

describe("the committed catalog", () => {
  it("is exactly what a fresh build writes (run `npm run catalog` after changing a source)", () => {
    expect(readFileSync(catalogFile, "utf8")).toBe(serializeCatalog(catalog));
  });

  it("is byte-identical when built again", () => {
    const again = buildCatalog(meta, readSources(sourcesDir));
    expect(serializeCatalog(again)).toBe(serializeCatalog(catalog));
    expect(buildFromDir(sourcesDir, "data/catalog.json").text).toBe(serializeCatalog(catalog));
  });

  it("passes the catalog loader", () => {
    expect(() =>
      parseCatalog(JSON.parse(serializeCatalog(catalog)), "data/catalog.json"),
    ).not.toThrow();
  });
});

describe("events, from the metadata", () => {
  it("has the four events, unknown facts left null", () => {
    expect(catalog.events).toEqual([
      { id: "unnamed-event-000", name: null, timeZone: null, sources: [F000] },
      {
        id: "qcon-london-2020",
        name: "QCon London 2020",
        timeZone: "Europe/London",
        startDate: "2020-03-02",
        endDate: "2020-03-04",
        sources: [F001],
      },
      { id: "qcon-edition-unknown", name: null, timeZone: null, sources: [F002, F003] },
      {
        id: "qcon-london-2018",
        name: "QCon London 2018",
        timeZone: "Europe/London",
        startDate: "2018-03-05",
        endDate: "2018-03-07",
        sources: [F004],
      },
    ]);
  });
});

describe("talks: every talk of the five documents, exactly once", () => {
  it("counts per document: 10, 6, 1, 6, 12 — 34 in all, 002's talk merged into 003's", () => {
    expect(bySource(F000)).toHaveLength(10);
    expect(bySource(F001)).toHaveLength(6);
    expect(bySource(F002)).toHaveLength(1);
    expect(bySource(F003)).toHaveLength(6);
    expect(bySource(F004)).toHaveLength(12);
    expect(catalog.talks).toHaveLength(34);
    expect(new Set(catalog.talks.map((t) => t.id)).size).toBe(34);
  });

  it("has the exact titles, and null where the source gives none", () => {
    expect(catalog.talks.map((t) => t.title)).toEqual([
      ...Array(10).fill(null),
      "Evolution of Financial Exchange Architectures",
      "Managing Systems in an Age of Dynamic Complexity",
      "Lessons From DAZN: Scaling Your Project with Micro-Frontends",
      "eBPF - Rethinking the Linux Kernel",
      "Tesla Virtual Power Plant",
      "Designing a Real-Time Global Sportsbook (From Scratch!)",
      "Reactive Systems Architecture",
      "Complex Event Flows in Distributed Systems",
      "Lessons From 300k+ Lines of Infrastructure Code",
      "What Lies Between: The Challenge of Operationalising Microservices",
      "Cultivating Production Excellence - Taming Complex Distributed Systems",
      "Microservices Open Space",
      "Drivetribe: A Social Network on Streams",
      "Next Steps in Stateful Streaming with Apache Flink",
      "Streaming SQL Foundations: Why I ❤ Streams+Tables",
      "Inside a Self-Driving Uber",
      "Logistics as a Service: Building the Ocado Smart Platform",
      "Lambda Architectures: a Snapshot, a Stream, & a Bunch of Deltas",
      "High Performance Actors",
      "Cloud-Native and Scalable Kafka Architecture",
      "Tasty Topics",
      "Cluster Consensus: When Aeron Met Raft",
      "Actors or Not: Async Event Architectures",
      "AMA: Actor-Based Architectures",
    ]);
  });

  it("untitled talks carry their speaker with role and company", () => {
    const first = bySource(F000)[0];
    expect(first?.speakers).toEqual([
      { name: "Oleksii Petrov", role: "Solution Architect", company: "Husqvarna Group" },
    ]);
    expect(first?.abstract).toMatch(/^Have you ever wondered what’s really going on/);
    const last = bySource(F000)[9];
    expect(last?.speakers).toEqual([
      { name: "Yurii Panaiotov", role: "Solutions Architect", company: "Silpo (E-commerce)" },
    ]);
    const wise = bySource(F000).find((t) => t.speakers[0]?.name === "Dmytro Hnatiuk");
    expect(wise?.abstract).toMatch(/clarity and confidence\.$/);
  });

  it("track-page talks: Tuesday 3 March 2020, GMT offsets, room and track", () => {
    expect(bySource(F001).map((t) => [t.date, t.start, t.end])).toEqual([
      ["2020-03-03", "2020-03-03T10:35:00+00:00", "2020-03-03T11:25:00+00:00"],
      ["2020-03-03", "2020-03-03T11:50:00+00:00", "2020-03-03T12:40:00+00:00"],
      ["2020-03-03", "2020-03-03T13:40:00+00:00", "2020-03-03T14:30:00+00:00"],
      ["2020-03-03", "2020-03-03T14:55:00+00:00", "2020-03-03T15:45:00+00:00"],
      ["2020-03-03", "2020-03-03T16:10:00+00:00", "2020-03-03T17:00:00+00:00"],
      ["2020-03-03", "2020-03-03T17:25:00+00:00", "2020-03-03T18:15:00+00:00"],
    ]);
    for (const t of bySource(F001)) {
      expect(t.room).toBe("Fleming, 3rd flr.");
      expect(t.trackId).toBe("qcon-london-2020/track/architectures-youve-always-wondered-about");
      expect(t.speakers.map((s) => s.name)).not.toContain("Wes Reisz");
    }
    expect(talk("Evolution of Financial Exchange Architectures").speakers).toEqual([
      { name: "Martin Thompson" },
    ]);
    expect(talk("Lessons From DAZN: Scaling Your Project with Micro-Frontends").speakers).toEqual([
      { name: "Luca Mezzalira", company: "DAZN" },
    ]);
    expect(talk("Tesla Virtual Power Plant").speakers).toEqual([]);
  });

  it("the two session pages are one talk listing both sources", () => {
    const t = talk("Reactive Systems Architecture");
    expect(t.id).toBe("qcon-edition-unknown/reactive-systems-architecture");
    expect(t.sources).toEqual([F002, F003]);
    expect(t.format).toBe("talk");
    expect(t.trackId).toBeNull();
    expect(t.speakers.map(({ bio, ...s }) => ({ ...s, bio: bio?.slice(0, 30) }))).toEqual([
      {
        name: "Jan Machacek",
        role: "Senior Principal Engineer",
        company: "Disney Streaming Services",
        bio: "I am a passionate engineer & a",
      },
      {
        name: "Matthew Squire",
        role: "Technical Team Lead",
        company: "Disney Streaming Services",
        bio: "Matt is an engineer and techni",
      },
    ]);
    // The full bios of 002, not the ones 003 cuts short.
    expect(t.speakers.every((s) => !s.bio?.endsWith("..."))).toBe(true);
    // Both pages' abstracts: 003's fuller one, then what 002 says that 003 does not.
    expect(t.abstract).toContain("avoid repeating the speakers’ mistakes.\n\n");
    expect(t.abstract).toContain("security, observability, and monitoring");
  });

  it("'From the same track' talks with format and topic labels", () => {
    expect(bySource(F003).map((t) => [t.title, t.format, t.tags])).toEqual([
      ["Reactive Systems Architecture", "talk", []],
      ["Complex Event Flows in Distributed Systems", "talk", ["Distributed Systems"]],
      ["Lessons From 300k+ Lines of Infrastructure Code", "talk", ["Infrastructure"]],
      [
        "What Lies Between: The Challenge of Operationalising Microservices",
        "talk",
        ["Microservices"],
      ],
      [
        "Cultivating Production Excellence - Taming Complex Distributed Systems",
        "talk",
        ["Microservices"],
      ],
      ["Microservices Open Space", "unconference", ["Microservices"]],
    ]);
    expect(
      talk("What Lies Between: The Challenge of Operationalising Microservices").speakers,
    ).toEqual([{ name: "Colin Breck", role: "Sr. Staff Software Engineer", company: "Tesla" }]);
    expect(talk("Microservices Open Space").speakers).toEqual([{ name: "Ian Robins" }]);
  });

  it("recap talks: day from 'Day N', track and speakers from the text", () => {
    expect(bySource(F004).map((t) => [t.date ?? null, t.trackId])).toEqual([
      ["2018-03-05", "qcon-london-2018/track/stream-processing-in-the-modern-age"],
      ["2018-03-05", "qcon-london-2018/track/stream-processing-in-the-modern-age"],
      ["2018-03-05", "qcon-london-2018/track/stream-processing-in-the-modern-age"],
      ["2018-03-06", "qcon-london-2018/track/architectures-youve-always-wondered-about"],
      ["2018-03-06", "qcon-london-2018/track/architectures-youve-always-wondered-about"],
      ["2018-03-06", "qcon-london-2018/track/architectures-youve-always-wondered-about"],
      ["2018-03-07", null],
      ["2018-03-07", null],
      ["2018-03-07", null],
      ["2018-03-07", null],
      [null, null],
      [null, null],
    ]);
    expect(bySource(F004).every((t) => t.start === undefined && t.end === undefined)).toBe(true);
    expect(talk("Logistics as a Service: Building the Ocado Smart Platform").speakers).toEqual([
      { name: "Paul Sweetman" },
      { name: "Alex Harvey" },
    ]);
    const ama = talk("AMA: Actor-Based Architectures");
    expect(ama.format).toBe("ama");
    expect(ama.speakers.map((s) => s.name)).toEqual(["Jonas Boner", "Kiki Carter"]);
    const speakers = catalog.talks.flatMap((t) => t.speakers.map((s) => s.name));
    expect(speakers).not.toContain("Dave Farley");
    expect(speakers.filter((n) => n === "Martin Thompson")).toHaveLength(2); // 2020 and 2018, not the AMA
  });

  it("abstracts have no markup remnants; typography stays", () => {
    for (const t of catalog.talks) {
      expect(`${t.title ?? ""} ${t.abstract}`).not.toMatch(
        /<\/?[a-z]|Link to this heading|&[a-z]+;/i,
      );
    }
    const all = JSON.stringify(catalog);
    for (const kept of ["✨", "❤", "“", "’", "😉", "—"]) expect(all).toContain(kept);
  });

  it("is ordered by event, day, start, then the order of the sources", () => {
    const eventOrder = catalog.events.map((e) => e.id);
    const keys = catalog.talks.map((t) => eventOrder.indexOf(t.eventId));
    expect(keys).toEqual([...keys].sort((a, b) => a - b));
  });
});

describe("tracks", () => {
  it("has the 18 tracks of QCon London 2020 by day, and the two the 2018 recap names", () => {
    const y2020 = catalog.tracks.filter((t) => t.eventId === "qcon-london-2020");
    expect(y2020).toHaveLength(18);
    expect(y2020.filter((t) => t.date === "2020-03-02")).toHaveLength(6);
    expect(y2020.filter((t) => t.date === "2020-03-03")).toHaveLength(6);
    expect(y2020.filter((t) => t.date === "2020-03-04")).toHaveLength(6);
    expect(y2020.every((t) => t.description)).toBe(true);
    expect(catalog.tracks).toHaveLength(20);
  });

  it("the track page's own track is one entry with host, room, day and description", () => {
    const t = catalog.tracks.find(
      (x) => x.id === "qcon-london-2020/track/architectures-youve-always-wondered-about",
    );
    expect(t).toMatchObject({
      eventId: "qcon-london-2020",
      name: "Architectures You've Always Wondered About",
      date: "2020-03-03",
      host: "Wes Reisz",
      room: "Fleming, 3rd flr.",
      description:
        "Hard-earned lessons from the names you know on scalability, reliability, security, and performance.",
    });
    expect((t as BuiltCatalog["tracks"][number]).hostBio).toMatch(
      /^Wesley Reisz is the VP of Technology/,
    );
  });

  it("2018 tracks carry the hosts the recap names", () => {
    expect(
      catalog.tracks
        .filter((t) => t.eventId === "qcon-london-2018")
        .map((t) => [t.name, t.date, t.host]),
    ).toEqual([
      ["Stream Processing in the Modern Age", "2018-03-05", "Tyler Akidau"],
      ["Architectures You’ve Always Wondered About", "2018-03-06", "Wesley Reisz"],
    ]);
  });
});

describe("ids are stable", () => {
  const ids = (c: BuiltCatalog) => new Map(c.talks.map((t) => [t.id, t]));

  it("derive from event and title, or speaker and abstract", () => {
    expect(talk("Tesla Virtual Power Plant").id).toBe("qcon-london-2020/tesla-virtual-power-plant");
    expect(bySource(F000)[0]?.id).toBe(
      "unnamed-event-000/oleksii-petrov-have-you-ever-wondered-whats-really",
    );
  });

  it("do not change when talks are added or reordered", () => {
    const changed = documents.map((d) => {
      if (d.file === F000) {
        // Reverse the records and add one at the front.
        const parts = d.text.split(/\),/);
        return {
          ...d,
          text: `A brand new abstract about queues.\nNew Person\n(CTO, NewCo),${parts.reverse().join("),")}`,
        };
      }
      if (d.file === F001) {
        return {
          ...d,
          text: d.text.replace(
            "10:35am - 11:25am",
            "9:00am - 9:50am\nAn Early Talk\nSomething early.\n10:35am - 11:25am",
          ),
        };
      }
      return d;
    });
    const before = ids(catalog);
    const after = ids(buildCatalog(meta, changed));
    for (const [id, t] of before) {
      if (t.sources.includes(F000) || t.sources.includes(F001))
        expect(after.has(id), id).toBe(true);
    }
    expect(after.size).toBe(before.size + 2);
  });
});

describe("problems are refused with a message saying where", () => {
  const withMeta = (change: (m: Meta) => void) => {
    const copy = structuredClone(meta);
    change(copy);
    return copy;
  };

  it("a source file no event lists", () => {
    expect(() => buildCatalog(meta, [...documents, { file: "005_new.txt", text: "x" }])).toThrow(
      MetaError,
    );
    expect(() => buildCatalog(meta, [...documents, { file: "005_new.txt", text: "x" }])).toThrow(
      /"005_new\.txt"/,
    );
  });

  it("a listed source that is missing", () => {
    expect(() =>
      buildCatalog(
        meta,
        documents.filter((d) => d.file !== F004),
      ),
    ).toThrow(/not found.*004_/);
  });

  it("times without a time zone, a weekday the event does not have", () => {
    const noZone = withMeta((m) => {
      const e = m.events.find((x) => x.id === "qcon-london-2020");
      if (e) e.timeZone = null;
    });
    expect(() => buildCatalog(noZone, documents)).toThrow(SourceError);
    expect(() => buildCatalog(noZone, documents)).toThrow(
      /^001_c1970f4754af1403\.txt: .*no timeZone/,
    );
    const wrongDays = withMeta((m) => {
      const e = m.events.find((x) => x.id === "qcon-london-2020");
      if (e) {
        e.startDate = "2020-03-04";
        e.endDate = "2020-03-06";
      }
    });
    expect(() => buildCatalog(wrongDays, documents)).toThrow(
      /"Tuesday" is not one of the days of qcon-london-2020/,
    );
  });

  it("a day of the month that does not exist, in a source or in the metadata", () => {
    const event = meta.events.find((x) => x.id === "qcon-london-2020") as MetaEvent;
    const around = { ...event, startDate: "2020-02-28", endDate: "2020-03-02" };
    const feb30 = { kind: "dayOfMonth", day: 30, month: 2, text: "30 February" } as const;
    expect(() => resolveDay(around, feb30, "x.txt")).toThrow(/"30 February" is not a real date/);
    expect(() =>
      parseMeta(
        withMeta((m) => {
          const e = m.events.find((x) => x.id === "qcon-london-2020");
          if (e) e.startDate = "2020-02-30";
        }),
        "meta.json",
      ),
    ).toThrow(/not a real day/);
  });

  it("a day whose weekday contradicts the event's dates", () => {
    const shifted = withMeta((m) => {
      const e = m.events.find((x) => x.id === "qcon-london-2020");
      if (e) {
        e.startDate = "2021-03-01";
        e.endDate = "2021-03-03";
      }
    });
    expect(() => buildCatalog(shifted, documents)).toThrow(SourceError);
  });
});

describe("npm run catalog (build-cli)", { timeout: 90_000 }, () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });
  const tmp = () => {
    const d = mkdtempSync(join(tmpdir(), "talkbot-catalog-"));
    dirs.push(d);
    return d;
  };
  const run = (...args: string[]) =>
    spawnSync(
      process.execPath,
      ["--import", "tsx", join(root, "src/cli/build-catalog.ts"), ...args],
      {
        cwd: root,
        encoding: "utf8",
        timeout: 30_000,
      },
    );

  it("writes the catalog, then leaves it byte-identical; --check agrees", () => {
    const dir = tmp();
    const out = join(dir, "catalog.json");
    const first = run("--sources", sourcesDir, "--out", out);
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/wrote .*catalog\.json \(4 events, 20 tracks, 34 talks\)/);
    const bytes = readFileSync(out, "utf8");
    expect(bytes).toBe(readFileSync(catalogFile, "utf8"));
    const second = run("--sources", sourcesDir, "--out", out);
    expect(second.status).toBe(0);
    expect(second.stdout).toMatch(/unchanged/);
    expect(readFileSync(out, "utf8")).toBe(bytes);
    expect(run("--sources", sourcesDir, "--out", out, "--check").status).toBe(0);
    writeFileSync(out, "{}\n");
    const stale = run("--sources", sourcesDir, "--out", out, "--check");
    expect(stale.status).toBe(1);
    expect(stale.stderr).toMatch(/out of date: run npm run catalog/);
  });

  it("a bad metadata file: exit 1, the problem and where, no stack trace", () => {
    const dir = tmp();
    cpSync(sourcesDir, dir, { recursive: true });
    const bad = JSON.parse(readFileSync(join(dir, "meta.json"), "utf8"));
    bad.events[1].timeZone = "Europe/Atlantis";
    writeFileSync(join(dir, "meta.json"), JSON.stringify(bad));
    const r = run("--sources", dir, "--out", join(dir, "catalog.json"));
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/meta\.json: metadata refused/);
    expect(r.stderr).toMatch(/events\.1\.timeZone: not an IANA time zone/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it("a source of no known layout: exit 1, naming the file, no stack trace", () => {
    const dir = tmp();
    cpSync(sourcesDir, dir, { recursive: true });
    writeFileSync(join(dir, F002), "Nothing to see here.\n");
    const r = run("--sources", dir, "--out", join(dir, "catalog.json"));
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^002_135c2c845b7650cd\.txt: cannot tell its layout/m);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it("a catalog the loader refuses is not written: exit 1 with the loader's message", () => {
    const dir = tmp();
    cpSync(sourcesDir, dir, { recursive: true });
    // A track-page slot that ends before it starts gives a talk the loader refuses.
    const page = readFileSync(join(dir, F001), "utf8").replace(
      "10:35am - 11:25am",
      "10:35am - 10:05am",
    );
    writeFileSync(join(dir, F001), page);
    const out = join(dir, "catalog.json");
    const r = run("--sources", dir, "--out", out);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/catalog refused/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
