import { describe, expect, it } from "vitest";
import { loadCatalogFile } from "../../src/catalog/load.ts";
import { parseLocalInput } from "../../src/local/parse-input.ts";
import { createSearch } from "../../src/search/create-search.ts";
import { currentOf } from "../support/snapshots.ts";
import { terminalSession } from "../support/terminal.ts";

/** Paging, details and long input in the terminal, on the bundled catalog (issue 11). */
const catalog = loadCatalogFile(new URL("../../data/catalog.json", import.meta.url).pathname);
const search = createSearch(catalog);

const current = currentOf(catalog, { search });
const session = (lines: string, at?: string) => terminalSession(current, lines, at ? { at } : {});

describe("more", () => {
  it("stops at the end with 'That's all N' instead of 'showing 11–10'", async () => {
    const text = await session("today\nmore\nmore\nmore\n");
    expect(text).toContain('6 talks for "today" (today), showing 1–5:');
    expect(text).toContain("showing 6–6:");
    expect(text).not.toMatch(/showing (\d+)–(?!\1)\d+:[\s\S]*showing 11–10/);
    expect(text).not.toContain("11–10");
    expect(text.match(/That's all 6 talks for "today"\./g)).toHaveLength(2);
  });

  it("after a search that found nothing, says so instead of repeating it", async () => {
    const text = await session("zzqxjvw\nmore\n");
    expect(text.match(/No talks found/g)).toHaveLength(1);
    expect(text).toContain('Nothing more: "zzqxjvw" found no talks.');
  });

  it("with nothing before it, says to search first", async () => {
    expect(await session("more\n")).toContain("Nothing to page through yet");
  });
});

describe("details N", () => {
  it("shows talk N of the last answer in full: abstract, every speaker's role, company and bio", async () => {
    const text = await session("Machacek\ndetails 1\n");
    expect(parseLocalInput("details 2")).toEqual({ kind: "details", n: 2 });
    expect(text).toContain("Jan Machacek — Senior Principal Engineer, Disney Streaming Services");
    expect(text).toContain("Matthew Squire — Technical Team Lead, Disney Streaming Services");
    const talk = catalog.talks.find((t) => t.speakers.some((s) => s.name === "Jan Machacek"));
    const abstractEnd = talk?.abstract.trim().slice(-60) ?? "none";
    expect(text).toContain(abstractEnd);
    for (const speaker of talk?.speakers ?? []) {
      expect(text).toContain(speaker.bio?.split("\n")[0]?.slice(0, 50) ?? "none");
    }
  });

  it("says which numbers the page has", async () => {
    expect(await session("kafka\ndetails 9\n")).toContain("No talk 9 on this page: pick 1–5.");
  });
});
