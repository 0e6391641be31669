/**
 * `npm run -s cli -- search "<query>" [--at <ISO instant>] [--limit N] [--json] [--catalog <path>]`
 */
import { parseArgs } from "node:util";
import type { Talk } from "../catalog/schema.ts";
import { systemClock } from "../clock.ts";
import { renderResults } from "../local/render-results.ts";
import { partialText } from "../present/partial-text.ts";
import { queryExamples } from "../present/query-examples.ts";
import { talkView } from "../present/talk-view.ts";
import type { SearchHit, SearchResult } from "../search/types.ts";
import { type Snapshot, snapshotOf } from "../snapshot.ts";
import { botCatalog } from "./bot-catalog.ts";
import { UsageError } from "./usage-error.ts";

/** What `--json` prints per talk: the catalog's id and title and what a script would sort or show by. */
export interface JsonHit {
  id: string;
  title: string | null;
  displayTitle: string;
  score: number;
  matched: string[];
  eventId: string;
  date: string | null;
  start: string | null;
  end: string | null;
  room: string | null;
  track: string | null;
  trackId: string | null;
  format: string | null;
  tags: string[];
  speakers: { name: string; role?: string; company?: string }[];
}

function usageError(message: string): UsageError {
  return new UsageError(
    `${message}\nusage: npm run -s cli -- search "<query>" [--at <ISO instant>] [--limit N] [--json] [--catalog <path>]`,
  );
}

export async function run(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  let values: { at?: string; limit?: string; json?: boolean; catalog?: string };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        at: { type: "string" },
        limit: { type: "string" },
        json: { type: "boolean" },
        catalog: { type: "string" },
      },
    }));
  } catch (err) {
    throw usageError((err as Error).message);
  }

  const now = values.at === undefined ? systemClock.now() : parseInstant(values.at);
  const limit = values.limit === undefined ? 10 : parseLimit(values.limit);
  const { catalog } = await botCatalog(values.catalog, env);
  // One question: nothing to keep answers for.
  const snapshot = snapshotOf(catalog, { searchCacheEntries: 0 });
  const result = snapshot.search.search(positionals.join(" "), { now, limit });

  if (values.json) {
    console.log(
      JSON.stringify(
        result.hits.map((h) => jsonHit(snapshot, h)),
        null,
        2,
      ),
    );
  } else {
    console.log(readable(snapshot, result).join("\n"));
  }
  return 0;
}

function parseInstant(text: string): Date {
  const ms = Date.parse(text);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(text) || Number.isNaN(ms)) {
    throw usageError(
      `--at expects an ISO 8601 instant such as 2020-03-03T10:00:00Z, not "${text}"`,
    );
  }
  return new Date(ms);
}

function parseLimit(text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1)
    throw usageError(`--limit expects a whole number from 1, not "${text}"`);
  return n;
}

function jsonHit(snapshot: Snapshot, hit: SearchHit): JsonHit {
  const talk: Talk = hit.talk;
  const view = talkView(talk, snapshot.lookup);
  return {
    id: talk.id,
    title: talk.title,
    displayTitle: view.title,
    score: hit.score,
    matched: hit.matched,
    eventId: talk.eventId,
    date: talk.date ?? null,
    start: talk.start ?? null,
    end: talk.end ?? null,
    room: view.room ?? null,
    track: view.track ?? null,
    trackId: talk.trackId,
    format: talk.format ?? null,
    tags: talk.tags,
    speakers: talk.speakers.map(({ name, role, company }) => ({ name, role, company })),
  };
}

function readable(snapshot: Snapshot, result: SearchResult): string[] {
  const lines: string[] = [];
  if (result.help) {
    lines.push("How to search:", ...cliExamples(), "");
  }
  // Lists and tracks that answer instead of talks read as the terminal shows them.
  if (result.list || (result.total === 0 && result.tracks?.length)) {
    return renderResults(result, snapshot).trimEnd().split("\n");
  }
  if (result.filters.length > 0) lines.push(`Filters: ${result.filters.join(", ")}`);
  for (const note of [partialText(result), result.notice]) if (note) lines.push(note);
  if (result.total === 0) {
    lines.push(result.help ? "Nothing coming up next." : "No talks match.");
    if (result.suggestions.length > 0)
      lines.push(`Did you mean: ${result.suggestions.join("; ")}?`);
    return lines;
  }
  const shown = `${result.offset + 1}-${result.offset + result.hits.length}`;
  lines.push(`${result.total} talk${result.total === 1 ? "" : "s"} (showing ${shown})`);
  result.hits.forEach((hit, i) => {
    const v = talkView(hit.talk, snapshot.lookup);
    lines.push(`${result.offset + i + 1}. ${v.title}  [${hit.talk.id}]`);
    if (v.speakers.length > 0) lines.push(`   ${v.speakers.join("; ")}`);
    const where = [v.when, v.room, v.track].filter(Boolean).join(" · ");
    if (where) lines.push(`   ${where}`);
    lines.push(`   matched: ${hit.matched.join(", ")} (score ${hit.score})`);
  });
  return lines;
}

/** The examples Slack's and the terminal's help show, as this command takes them: without /talk. */
function cliExamples(): string[] {
  const command = "/talk ";
  return queryExamples
    .filter(([example]) => example.startsWith(command))
    .map(([example, what]) => `  ${example.slice(command.length).padEnd(24)}${what}`);
}
