import { describe, expect, it } from "vitest";
import { loadCatalogFile } from "../../src/catalog/load.ts";
import { createSearch } from "../../src/search/create-search.ts";
import { MAX_QUERY_CHARS } from "../../src/search/query-limit.ts";
import { queryFromSlackText } from "../../src/slack/query-text.ts";
import { currentOf } from "../support/snapshots.ts";
import { terminalSession } from "../support/terminal.ts";

/** A 200,000-character word once blocked the terminal for minutes (issue 11). */
const catalog = loadCatalogFile(new URL("../../data/catalog.json", import.meta.url).pathname);
const search = createSearch(catalog);

const session = (lines: string) => terminalSession(currentOf(catalog, { search }), lines);

describe("one query-length cap for every surface", () => {
  it("cuts a 200,000-character word to the same length in the search (terminal, CLI) and in Slack", async () => {
    const word = "a".repeat(200_000);
    const result = search.search(word, { now: new Date() });
    expect(result.query).toHaveLength(MAX_QUERY_CHARS);
    expect(result.total).toBe(0);
    expect(queryFromSlackText(word)).toHaveLength(MAX_QUERY_CHARS);
    expect(await session(`${word}\n`)).toContain(
      `No talks found for "${"a".repeat(MAX_QUERY_CHARS)}".`,
    );
  });
});
