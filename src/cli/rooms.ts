/**
 * `npm run -s cli -- rooms [--json] [--catalog <path>]`: every room talks are held
 * in, with an id, its name, the days it is used and its talk count.
 */
import { slugify } from "../catalog/ids.ts";
import { isBreak, type Talk } from "../catalog/schema.ts";
import { catalogOptionsUsage, daysOf, listingArgs, plural, table } from "./listing.ts";

const usage = `usage: npm run -s cli -- rooms [--json] [--catalog <path>] [--time-zone <IANA zone>]
${catalogOptionsUsage}
talks are counted without breaks; the id is <event>:room:<slug of the name>`;

export interface JsonRoom {
  id: string;
  eventId: string;
  name: string;
  days: string[];
  talks: number;
}

export async function run(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  if (args.includes("--help") || args.includes("-h")) {
    console.log(usage);
    return 0;
  }
  const { json, catalog } = await listingArgs(args, usage, env);
  const byRoom = new Map<string, { eventId: string; name: string; talks: Talk[] }>();
  for (const talk of catalog.talks) {
    if (!talk.room || isBreak(talk)) continue;
    const key = `${talk.eventId}\u0000${talk.room}`;
    const entry = byRoom.get(key) ?? { eventId: talk.eventId, name: talk.room, talks: [] };
    entry.talks.push(talk);
    byRoom.set(key, entry);
  }
  const rooms: JsonRoom[] = [...byRoom.values()]
    .map((r) => ({
      id: `${r.eventId}:room:${slugify(r.name) || "unnamed"}`,
      eventId: r.eventId,
      name: r.name,
      days: daysOf(r.talks),
      talks: r.talks.length,
    }))
    .sort(
      (a, b) =>
        catalog.events.findIndex((e) => e.id === a.eventId) -
          catalog.events.findIndex((e) => e.id === b.eventId) ||
        a.name.localeCompare(b.name, "en", { numeric: true }),
    );
  if (json) {
    console.log(JSON.stringify({ rooms }, null, 2));
    return 0;
  }
  const lines: string[] = [];
  for (const event of catalog.events) {
    const mine = rooms.filter((r) => r.eventId === event.id);
    if (lines.length > 0) lines.push("");
    lines.push(
      `${event.id}${event.name ? ` · ${event.name}` : ""}: ${plural(mine.length, "room")}`,
    );
    if (mine.length === 0) continue;
    lines.push(
      ...table(
        ["id", "name", "day", "talks"],
        mine.map((r) => [r.id, r.name, r.days.join(", ") || "-", String(r.talks)]),
      ).map((l) => `  ${l}`),
    );
  }
  console.log(lines.join("\n"));
  return 0;
}
