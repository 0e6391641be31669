import { describe, expect, it } from "vitest";
import { importFiles } from "../../src/catalog/import/import-files.ts";
import { loadCatalogFile } from "../../src/catalog/load.ts";
import { renderResults } from "../../src/local/render-results.ts";
import { lookupOf } from "../../src/present/talk-view.ts";
import { createSearch } from "../../src/search/create-search.ts";
import { resultsMessage } from "../../src/slack/blocks/results-message.ts";
import { snapshotOf } from "../../src/snapshot.ts";
import { fosdemXml } from "../catalog/import/fixtures.ts";

/** Everyday time questions (issue 11), on the bundled catalog and FOSDEM 2026. */
const catalog = loadCatalogFile(new URL("../../data/catalog.json", import.meta.url).pathname);
const seed = createSearch(catalog);
const { catalog: fosdemCatalog } = await importFiles([fosdemXml]);
const fosdem = createSearch(fosdemCatalog);
const ask = (query: string, at: string, search = seed, limit = 10) =>
  search.search(query, { now: new Date(at), limit });
const titles = (query: string, at: string, search = seed) =>
  ask(query, at, search).hits.map((h) => h.talk.title);

describe("now, between talks", () => {
  it("says nothing is in progress and shows the next slot", () => {
    for (const at of ["2020-03-03T10:00:00Z", "2020-03-03T10:05:00Z"]) {
      const result = ask("now", at);
      expect(result.notice).toBe("Nothing in progress right now; next at 10:35.");
      expect(result.hits.map((h) => h.talk.title)).toEqual([
        "Evolution of Financial Exchange Architectures",
      ]);
    }
    expect(ask("now", "2020-03-03T13:30:00Z").notice).toBe(
      "Nothing in progress right now; next at 13:40.",
    );
  });
});

describe("a topic now, between its talks", () => {
  it("shows the next talks on it and says none is in progress", () => {
    const result = ask("kernel now", "2020-03-03T10:00:00Z");
    expect(result.notice).toBe("No “kernel” talk in progress right now; next at 14:55.");
    expect(result.hits.map((h) => h.talk.title)).toEqual(["eBPF - Rethinking the Linux Kernel"]);
  });
});

describe("a topic on another day of the event", () => {
  it("answers with the days it is on instead of 'nothing is on then'", () => {
    const result = ask("what's on about wastrel today?", "2026-01-31T10:50:00+01:00", fosdem);
    expect(result.notice).toBe("No “wastrel” talks today (Sat 31 Jan 2026); 1 on Sun 1 Feb 2026:");
    expect(result.hits.map((h) => h.talk.title)).toEqual([
      "Wastrel: WebAssembly Without the Runtime",
    ]);
  });
});

describe("a speaker not on the day asked", () => {
  it("answers with the event's day they speak on, and says so", () => {
    const result = ask("by luca tomorrow", "2020-03-03T09:00:00Z");
    expect(result.notice).toBe(
      "No talks (speaker: Luca Mezzalira) tomorrow (Wed 4 Mar 2020); 1 on Tue 3 Mar 2020:",
    );
    expect(result.hits.map((h) => h.talk.title)).toEqual([
      "Lessons From DAZN: Scaling Your Project with Micro-Frontends",
    ]);
  });
});

describe("next stays within the running event", () => {
  it("at QCon London 2018, whose talks have days but no times, never jumps to 2020", () => {
    const result = ask("next", "2018-03-06T09:00:00Z");
    expect(result.hits.every((h) => h.talk.eventId === "qcon-london-2018")).toBe(true);
    expect(result.hits.length).toBeGreaterThan(0);
    expect(result.notice).toBe(
      "Nothing timed at QCon London 2018: its talks are listed by day only. Today's:",
    );
  });
});

describe("parts of the day, clock times, yesterday", () => {
  const tuesday = "2020-03-03T09:00:00Z";
  it("reads this morning, this afternoon, tonight and after lunch", () => {
    expect(titles("this morning", tuesday)).toEqual([
      "Evolution of Financial Exchange Architectures",
      "Managing Systems in an Age of Dynamic Complexity",
    ]);
    expect(titles("this afternoon", tuesday)).toEqual([
      "Lessons From DAZN: Scaling Your Project with Micro-Frontends",
      "eBPF - Rethinking the Linux Kernel",
      "Tesla Virtual Power Plant",
    ]);
    expect(titles("tonight", tuesday)).toEqual([
      "Designing a Real-Time Global Sportsbook (From Scratch!)",
    ]);
    expect(titles("today after lunch", tuesday)).toHaveLength(4);
  });

  it("reads at 2pm and 14:55 as what is on then", () => {
    expect(titles("at 2pm", tuesday)).toEqual([
      "Lessons From DAZN: Scaling Your Project with Micro-Frontends",
    ]);
    expect(titles("14:55", tuesday)).toEqual(["eBPF - Rethinking the Linux Kernel"]);
    expect(titles("2 pm", tuesday)).toEqual(titles("at 2pm", tuesday));
  });

  it("reads yesterday in the event's zone", () => {
    const sunday = "2026-02-01T10:00:00+01:00";
    const yesterday = ask("yesterday", sunday, fosdem, 500).hits;
    expect(yesterday.length).toBeGreaterThan(100);
    expect(yesterday.every((h) => h.talk.start?.startsWith("2026-01-31"))).toBe(true);
  });

  it("reads a weekday during the event as that day of the event", () => {
    // On the Wednesday of QCon London 2020, "tuesday" is the day before, not next week.
    expect(titles("tuesday", "2020-03-04T10:00:00Z")).toEqual(titles("today", tuesday));
    // On FOSDEM's Sunday, "saturday" is the day before, not six days on.
    const saturday = ask("saturday", "2026-02-01T10:00:00+01:00", fosdem, 5);
    expect(saturday.total).toBeGreaterThan(100);
    expect(saturday.hits.every((h) => h.talk.start?.startsWith("2026-01-31"))).toBe(true);
  });
});

describe("a long time answer", () => {
  const result = ask("tomorrow", "2026-01-31T10:50:00+01:00", fosdem, 5);

  it("is grouped by start", () => {
    expect(result.slots?.[0]).toEqual({ start: "2026-02-01T09:00:00+01:00", count: 25 });
    expect(result.slots?.reduce((n, s) => n + s.count, 0)).toBe(result.total);
  });

  it("shows slot heads and the slots to come in the terminal", () => {
    const text = renderResults(result, snapshotOf(fosdemCatalog, { search: fosdem }));
    expect(text).toContain("── Sun 1 Feb 2026, 09:00 · 25 talks");
    expect(text).toMatch(/Later: 09:05 \(\d+\), 09:10 \(\d+\)/);
  });

  it("is collapsed in Slack to the first slot with its count, the slots to come, then More", () => {
    const json = JSON.stringify(resultsMessage(result, lookupOf(fosdemCatalog)).blocks);
    expect(json).toContain("*Sun 1 Feb 2026, 09:00 · 25 talks*");
    expect(json).toMatch(/Later: 09:05 \(\d+\)/);
    expect(json).toContain("More results");
  });
});

describe("help's up next", () => {
  it("stays within the running event too", () => {
    const result = ask("", "2018-03-06T09:00:00Z");
    expect(result.help).toBe(true);
    expect(result.hits.filter((h) => h.talk.eventId !== "qcon-london-2018")).toEqual([]);
  });
});
