/**
 * `npm run -s cli -- schedule check <url or file>... [--time-zone <IANA>] [--catalog <path>]`:
 * fetches the sources, builds and validates the release, diffs it against the
 * catalog in force and decides, exactly as the bot following TALKBOT_SCHEDULE_URL
 * would, without applying or posting anything. Prints the decision and what would
 * be announced, track by track. Exits 0 when the release would be applied, 1 when not.
 */
import { existsSync } from "node:fs";
import { parseArgs } from "node:util";
import type { ScheduleDiff } from "../catalog/diff.ts";
import { loadCatalogOrExport } from "../catalog/import/load-catalog-or-export.ts";
import type { Catalog } from "../catalog/schema.ts";
import { silentLogger } from "../log.ts";
import { changeItemLine } from "../present/change-text.ts";
import { changesByTrack } from "../schedule/changes-by-track.ts";
import { checkRelease, releaseIdOf } from "../schedule/release.ts";
import { ScheduleSource, ScheduleSourceError } from "../schedule/source.ts";
import { isIanaZone } from "../time/zone.ts";
import { appliedRelease } from "./bot-catalog.ts";
import { UsageError } from "./usage-error.ts";

const DEFAULT_CATALOG = "data/catalog.json";

const usage = `usage: npm run -s cli -- schedule check [<url or file>...] [--time-zone <IANA zone>] [--catalog <path>]
  <url or file>  the schedule exports to check, in order (default TALKBOT_SCHEDULE_URL)
  --time-zone    zone for exports that do not name one (default TALKBOT_SCHEDULE_TIME_ZONE)
  --catalog      the catalog in force to compare with (a catalog or an export; default: with
                 TALKBOT_SCHEDULE_URL set, the release the bot serves, from its store; else
                 TALKBOT_CATALOG, then ${DEFAULT_CATALOG}; none there: a first release)
exits 0 when the release would be applied, 1 when it would be refused`;

export async function run(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === "--help" || sub === "-h" || args.includes("--help")) {
    console.log(usage);
    return 0;
  }
  if (sub !== "check") {
    throw new UsageError(
      `${sub ? `unknown subcommand "${sub}"` : "expected a subcommand"}\n\n${usage}`,
    );
  }
  let parsed: { values: { "time-zone"?: string; catalog?: string }; positionals: string[] };
  try {
    parsed = parseArgs({
      args: rest,
      allowPositionals: true,
      options: { "time-zone": { type: "string" }, catalog: { type: "string" } },
    });
  } catch (err) {
    throw new UsageError(`${(err as Error).message}\n\n${usage}`);
  }
  const { values } = parsed;
  // Without arguments, what the bot itself follows.
  const locations =
    parsed.positionals.length > 0
      ? parsed.positionals
      : (env.TALKBOT_SCHEDULE_URL?.split(",")
          .map((s) => s.trim())
          .filter(Boolean) ?? []);
  const timeZone = values["time-zone"] ?? (env.TALKBOT_SCHEDULE_TIME_ZONE?.trim() || undefined);
  if (timeZone !== undefined && !isIanaZone(timeZone)) {
    throw new UsageError(
      `--time-zone "${timeZone}" is not an IANA time zone name (e.g. Europe/Berlin, America/Los_Angeles)`,
    );
  }
  if (locations.length === 0) throw new UsageError(`no schedule source given\n\n${usage}`);
  const options = timeZone ? { timeZone } : {};

  // The sources, fetched once each, as the bot would.
  const bodies: { source: string; text: string; hash: string }[] = [];
  const keys = new Set<string>();
  for (const location of locations) {
    let source: ScheduleSource;
    try {
      source = new ScheduleSource({ location, logger: silentLogger });
    } catch (err) {
      if (err instanceof ScheduleSourceError) throw new UsageError(err.message);
      throw err;
    }
    if (keys.has(source.label)) throw new UsageError(`${location} is given twice`);
    keys.add(source.label);
    const outcome = await source.fetch({ force: true });
    if (outcome.kind === "failed") {
      console.log(`Would not apply: ${source.label} cannot be fetched: ${outcome.error}`);
      return 1;
    }
    if (outcome.kind !== "changed") throw new Error(`unexpected ${outcome.kind} on a first fetch`);
    bodies.push({ source: source.label, text: outcome.text, hash: outcome.hash });
  }
  const releaseId = releaseIdOf(bodies.map((b) => b.hash));

  const envCatalog = env.TALKBOT_CATALOG?.trim() || undefined;
  let catalogPath = values.catalog ?? envCatalog ?? DEFAULT_CATALOG;
  const explicit = values.catalog !== undefined || envCatalog !== undefined;
  let previous: Catalog | null = null;
  if (values.catalog === undefined && env.TALKBOT_SCHEDULE_URL?.trim()) {
    // The bot follows a schedule: compare with the release it serves (none yet: a first).
    const applied = await appliedRelease(env);
    previous = applied?.catalog ?? null;
    catalogPath = applied?.from ?? "the store (no release of TALKBOT_SCHEDULE_URL applied yet)";
  } else if (explicit || existsSync(catalogPath)) {
    previous = await loadCatalogOrExport(catalogPath, options);
  }

  const decision = checkRelease(previous, bodies, options);
  if (!decision.apply) {
    console.log(`Would not apply release ${releaseId}: ${decision.refusal.message}`);
    return 1;
  }
  for (const w of decision.warnings) console.error(`warning: ${w}`);
  if (decision.skipped.length > 0) {
    console.error(`skipped ${plural(decision.skipped.length, "entry", "entries")}:`);
    for (const s of decision.skipped) {
      console.error(`  ${s.file}: ${s.id}${s.title ? ` "${s.title}"` : ""}: ${s.reason}`);
    }
  }
  const lines = [`Would apply release ${releaseId}: ${holds(decision.catalog)}`];
  if (decision.first) {
    lines.push(
      `First release: no catalog in force at ${catalogPath}, so it is applied without announcements.`,
    );
  } else {
    lines.push(
      `Against ${catalogPath} (${plural(previous?.talks.length ?? 0, "talk")}): ${counts(decision.changes)}`,
      ...announcements(decision.changes, decision.catalog),
    );
  }
  console.log(lines.join("\n"));
  return 0;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** "36c3 (Europe/Berlin): 8 tracks, 160 talks" for each event. */
function holds(catalog: Catalog): string {
  return catalog.events
    .map((e) => {
      const tracks = catalog.tracks.filter((t) => t.eventId === e.id).length;
      const talks = catalog.talks.filter((t) => t.eventId === e.id).length;
      return `${e.id} (${e.timeZone ?? "no zone"}): ${plural(tracks, "track")}, ${plural(talks, "talk")}`;
    })
    .join("; ");
}

function counts(d: ScheduleDiff): string {
  return [
    `${d.added.length} new`,
    `${d.removed.length} cancelled`,
    `${d.moved.length} moved`,
    `${d.retitled.length} retitled`,
    `${plural(d.speakersChanged.length, "talk")} with changed speakers`,
    `${d.retracked.length} in another track`,
  ]
    .join(", ")
    .concat(` (${d.unchanged} unchanged)`);
}

function announcements(d: ScheduleDiff, catalog: Catalog): string[] {
  if (d.changes.length === 0) return ["", "Nothing to announce."];
  const lines: string[] = [];
  const events = new Set(catalog.events.map((e) => e.id));
  const zoneOf = (e: Catalog["events"][number]) => e.timeZone ?? "the export's offsets";
  const zones =
    catalog.events.length === 1
      ? zoneOf(catalog.events[0] as Catalog["events"][number])
      : `each event's zone: ${catalog.events.map((e) => `${e.id} ${zoneOf(e)}`).join(", ")}`;
  lines.push("", `What would be announced, by track (times in ${zones}):`);
  if (d.roomRenames.length > 0) {
    lines.push("", "Rooms renamed");
    for (const r of d.roomRenames) {
      lines.push(`  ${r.from} → ${r.to} (${r.eventId}, ${plural(r.talkIds.length, "talk")})`);
    }
  }
  for (const group of changesByTrack(d)) {
    const name = group.trackName ?? group.trackId ?? "No track";
    lines.push("", events.size > 1 ? `${name} (${group.eventId})` : name);
    for (const item of group.items) {
      lines.push(`  ${changeItemLine(item)}`);
    }
  }
  return lines;
}
