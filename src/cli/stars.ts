/**
 * `npm run -s cli -- stars [--top N] [--json] [--catalog <path>]`: talks by how
 * many people starred them, for sizing rooms. Counts only: who starred what is
 * each person's own business, so no user id is ever printed.
 */
import { parseArgs } from "node:util";
import { displayTitle } from "../catalog/titles.ts";
import { loadConfig } from "../config.ts";
import { openStore } from "../store/open-store.ts";
import { botCatalog } from "./bot-catalog.ts";
import { UsageError } from "./usage-error.ts";

const USAGE = "usage: npm run -s cli -- stars [--top N] [--json] [--catalog <path>]";

export interface JsonStar {
  talkId: string;
  count: number;
  title: string | null;
  track: string | null;
  room: string | null;
  start: string | null;
}

export async function run(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  let values: { top?: string; json?: boolean; catalog?: string };
  try {
    ({ values } = parseArgs({
      args,
      options: { top: { type: "string" }, json: { type: "boolean" }, catalog: { type: "string" } },
    }));
  } catch (err) {
    throw new UsageError(`${(err as Error).message}\n${USAGE}`);
  }
  const top = values.top === undefined ? 20 : Number(values.top);
  if (!Number.isInteger(top) || top < 1) {
    throw new UsageError(
      `--top: expected a whole number of at least 1, got "${values.top}"\n${USAGE}`,
    );
  }
  const config = loadConfig(env);
  const { catalog } = await botCatalog(values.catalog, env);
  const talks = new Map(catalog.talks.map((t) => [t.id, t]));
  const tracks = new Map(catalog.tracks.map((t) => [t.id, t]));
  const store = await openStore(config.store);
  let counts: { talkId: string; count: number }[];
  try {
    counts = await store.starCounts();
  } finally {
    await store.close();
  }
  const rows: JsonStar[] = counts.slice(0, top).map(({ talkId, count }) => {
    const talk = talks.get(talkId);
    const track = talk?.trackId ? tracks.get(talk.trackId) : undefined;
    return {
      talkId,
      count,
      title: talk ? displayTitle(talk) : null,
      track: track?.name ?? null,
      room: talk?.room ?? track?.room ?? null,
      start: talk?.start ?? null,
    };
  });
  if (values.json) {
    console.log(JSON.stringify(rows, null, 2));
    return 0;
  }
  if (rows.length === 0) {
    console.log("Nobody has starred a talk yet.");
    return 0;
  }
  const people = counts.reduce((n, c) => n + c.count, 0);
  console.log(`${people} stars on ${counts.length} talks; the ${rows.length} most starred:`);
  const width = String(rows[0]?.count ?? 0).length;
  for (const r of rows) {
    const where = [r.track, r.room, r.start].filter(Boolean).join(", ");
    const name = r.title ?? `${r.talkId} (no longer in the catalog)`;
    console.log(`${String(r.count).padStart(width)}  ${name}${where ? `  (${where})` : ""}`);
  }
  return 0;
}
