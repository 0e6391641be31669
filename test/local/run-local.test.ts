import { describe, expect, it } from "vitest";
import type { Catalog, Talk } from "../../src/catalog/schema.ts";
import type { SearchOptions, SearchResult, TalkSearch } from "../../src/search/types.ts";
import { talkOf } from "../support/catalogs.ts";
import { currentOf } from "../support/snapshots.ts";
import { terminalSession } from "../support/terminal.ts";

const talk = (id: string, title: string, start: string): Talk =>
  talkOf(id, {
    trackId: "tr",
    title,
    abstract: `All about ${title}. More detail follows here.`,
    speakers: [{ name: "Ada Lovelace", role: "Engineer", company: "Analytical Engines" }],
    start,
    end: start.replace("T10:", "T11:"),
    room: "Fleming",
    sources: ["x.txt"],
  });

const catalog: Catalog = {
  events: [{ id: "ev", name: "QCon", timeZone: "Europe/London", sources: ["x.txt"] }],
  tracks: [{ id: "tr", eventId: "ev", name: "Architectures" }],
  talks: Array.from({ length: 7 }, (_, i) =>
    talk(`t${i}`, `Kafka part ${i + 1}`, "2020-03-03T10:00:00+00:00"),
  ),
};

/** Answers every query with all talks, paged; records what it was asked. */
class RecordingSearch implements TalkSearch {
  calls: Array<{ query: string; options: SearchOptions }> = [];
  search(query: string, options: SearchOptions): SearchResult {
    this.calls.push({ query, options });
    const limit = options.limit ?? 5;
    const offset = options.offset ?? 0;
    const hits = query.includes("zzz") ? [] : catalog.talks;
    return {
      query,
      help: query === "",
      hits: hits
        .slice(offset, offset + limit)
        .map((t) => ({ talk: t, score: 1, matched: ["title"] })),
      total: hits.length,
      offset,
      limit,
      suggestions: query.includes("zzz") ? ["Architectures"] : [],
      filters: [],
    };
  }
}

async function session(lines: string) {
  const search = new RecordingSearch();
  const text = await terminalSession(currentOf(catalog, { search }), lines);
  return { text, search };
}

describe("runLocal", () => {
  it("answers a piped /talk with titles, speakers, room and the time in the event's zone", async () => {
    const { text, search } = await session("/talk kafka\n");
    expect(search.calls[0]?.query).toBe("kafka");
    expect(search.calls[0]?.options.now.toISOString()).toBe("2020-03-03T09:00:00.000Z");
    expect(text).toContain("1. Kafka part 1");
    expect(text).toContain("Ada Lovelace (Engineer, Analytical Engines)");
    expect(text).toContain("Room: Fleming");
    expect(text).toContain("Tue 3 Mar 2020, 10:00–11:00 GMT");
    expect(text).toContain('Type "more" for the next 2.');
  });

  it("pages on with 'more' and strips mentions", async () => {
    const { text, search } = await session("@talkbot kafka\nmore\n");
    expect(search.calls.map((c) => [c.query, c.options.offset])).toEqual([
      ["kafka", 0],
      ["kafka", 5],
    ]);
    expect(text).toContain("6. Kafka part 6");
  });

  it("says so, with suggestions, when nothing matches", async () => {
    const { text } = await session("/talk zzz\n");
    expect(text).toContain('No talks found for "zzz".');
    expect(text).toContain("Did you mean: Architectures?");
  });

  it("answers a time question that finds nothing with the schedule's days and how to rehearse them", async () => {
    const dated: Catalog = {
      ...catalog,
      events: [{ ...(catalog.events[0] as Catalog["events"][number]), name: "QCon London 2020" }],
    };
    const text = await terminalSession(currentOf(dated), "@talkbot what's next?\n", {
      at: "2026-11-22T12:00:00Z",
    });
    expect(text).toContain('No talks found for "what\'s next?".');
    expect(text).toContain(
      "Nothing is on then: the schedule covers QCon London 2020, Tue 3 Mar 2020.",
    );
    expect(text).toContain("TALKBOT_NOW=2020-03-03T09:30:00Z npm start");
  });

  it("stops at end of input and stops what runs in the background", async () => {
    let stopped = false;
    const text = await terminalSession(currentOf(catalog, { search: new RecordingSearch() }), "", {
      session: {
        startBackground: (print) => {
          print("digest printed");
          return {
            stop: () => {
              stopped = true;
            },
          };
        },
      },
    });
    expect(stopped).toBe(true);
    expect(text).toContain("digest printed");
  });
});
