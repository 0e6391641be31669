/**
 * `npm run -s cli -- digests [--date YYYY-MM-DD] [--json] [--catalog <path>]`: which
 * digest goes to which channel when, with which talks, from the same planner and
 * settings (TALKBOT_DIGEST_CHANNEL, TALKBOT_DIGEST_LEAD_MINUTES, TALKBOT_CONFIG)
 * the running bot uses. With `--preview --at <instant> [--track <name>]`, the exact
 * Block Kit JSON of the digests due at that instant, to paste into Block Kit Builder.
 */
import { parseArgs } from "node:util";
import type { Catalog } from "../catalog/schema.ts";
import { loadConfig } from "../config.ts";
import {
  dueAmong,
  type PlannedDigest,
  planDigests,
  scopeName,
  trackOf,
  tracksOf,
} from "../digest/plan.ts";
import {
  type DigestSettings,
  inCombined,
  planForTrack,
  unmatchedNames,
} from "../digest/settings.ts";
import { trackIdentities } from "../digest/track-identity.ts";
import { digestView } from "../digest/view.ts";
import { renderDigest } from "../slack/delivery/start-digests.ts";
import { openStore } from "../store/open-store.ts";
import type { DeliveryRecord } from "../store/store.ts";
import { toOffsetIso, zonedInstant } from "../time/zone.ts";
import { botCatalog } from "./bot-catalog.ts";
import { UsageError } from "./usage-error.ts";

const NO_CHANNEL = "(no channel)";

const USAGE = `usage: npm run -s cli -- digests [--date YYYY-MM-DD] [--json] [--catalog <path>]
       npm run -s cli -- digests --preview --at <instant> [--track <id or name>] [--json] [--catalog <path>]
  --preview   print the Block Kit JSON of the digests due at --at ({"blocks": …} per digest,
              for Block Kit Builder; what each one is goes to stderr); --json: one array with
              channel, times and the whole message
  --at        an ISO instant (2026-01-31T10:20:00+01:00), or a local time in the event's zone`;

function usageError(message: string): UsageError {
  return new UsageError(`${message}\n${USAGE}`);
}

export interface JsonDigest {
  key: string;
  /** What the store says: posted, missed, failed, being posted (claimed), or not yet (pending). */
  status: DeliveryRecord["status"] | "pending";
  channel: string | null;
  /** When it is posted and when the slot starts, with the event's UTC offset. */
  dueAt: string;
  slotStart: string;
  day: string;
  leadMinutes: number;
  eventId: string;
  event: string | null;
  /** A track's digest, a room's (`room`), or the combined digest of every track ("all"). */
  scope: "track" | "room" | "all";
  /** The track a track digest announces; null for room and combined digests. */
  trackId: string | null;
  track: string | null;
  room?: string;
  talks: { id: string; title: string; speakers: string[]; room: string | null }[];
}

export async function run(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  if (args.includes("--help") || args.includes("-h")) {
    console.log(USAGE);
    return 0;
  }
  let values: {
    date?: string;
    json?: boolean;
    catalog?: string;
    preview?: boolean;
    at?: string;
    track?: string;
  };
  try {
    ({ values } = parseArgs({
      args,
      options: {
        date: { type: "string" },
        json: { type: "boolean" },
        catalog: { type: "string" },
        preview: { type: "boolean" },
        at: { type: "string" },
        track: { type: "string" },
      },
    }));
  } catch (err) {
    throw usageError((err as Error).message);
  }
  if (values.date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values.date)) {
    throw usageError(`--date expects a day as YYYY-MM-DD, not "${values.date}"`);
  }
  if (values.preview && values.at === undefined) throw usageError("--preview needs --at <instant>");
  if (!values.preview && (values.at !== undefined || values.track !== undefined)) {
    throw usageError("--at and --track go with --preview");
  }

  // Validated as the bot validates it: what this shows is what the bot would do.
  const config = loadConfig(env);
  const settings = config.digest.settings;
  const { catalog } = await botCatalog(values.catalog, env);
  if (values.preview) {
    return preview(catalog, settings, values.at as string, values.track, values.json ?? false);
  }

  // Read only: the bot may be running beside it.
  const store = await openStore(config.store);
  let ledger: Map<string, DeliveryRecord>;
  let planned: PlannedDigest[];
  try {
    const identities = await trackIdentities(store, catalog, { save: false });
    // With digests off, still show the timings so an organizer can check them.
    planned = planDigests(
      catalog,
      settings.enabled ? settings : { ...settings, defaultChannel: NO_CHANNEL },
      identities,
    ).filter((d) => values.date === undefined || d.day === values.date);
    ledger = new Map((await store.deliveries("digest")).map((r) => [r.key, r]));
  } finally {
    await store.close();
  }
  for (const note of notes(catalog, settings)) console.error(note);
  if (values.json) {
    const digests = planned.map((d) => jsonDigest(d, ledger.get(d.key)));
    console.log(JSON.stringify({ enabled: settings.enabled, digests }, null, 2));
  } else {
    console.log(readable(planned, values.date, ledger).join("\n"));
  }
  return 0;
}

function notes(catalog: Catalog, settings: DigestSettings): string[] {
  const out: string[] = [];
  if (!settings.enabled) {
    out.push(
      "digests are off: no channel configured (set TALKBOT_DIGEST_CHANNEL or per-track channels in TALKBOT_CONFIG); showing the timings only",
    );
  }
  for (const problem of unmatchedNames(settings, catalog)) out.push(`warning: config: ${problem}`);
  if (settings.enabled) {
    const left = catalog.tracks
      .map((t) => ({ t, p: planForTrack(settings, t) }))
      // A track without a channel of its own is still announced in the combined digest.
      .filter(
        ({ t, p }) =>
          p.kind === "excluded" || (p.kind === "no-channel" && !inCombined(settings, t)),
      );
    for (const { t, p } of left) {
      if (catalog.talks.some((talk) => talk.trackId === t.id && talk.start)) {
        out.push(`not announced: ${t.name} (${p.kind === "excluded" ? "excluded" : "no channel"})`);
      }
    }
  }
  return out;
}

function zoneOf(d: PlannedDigest): string {
  return d.event.timeZone ?? "UTC";
}

function jsonDigest(d: PlannedDigest, settled?: DeliveryRecord): JsonDigest {
  const view = digestView(d);
  return {
    key: d.key,
    status: settled?.status ?? "pending",
    channel: d.channel === NO_CHANNEL ? null : d.channel,
    dueAt: toOffsetIso(d.dueAt, zoneOf(d)),
    slotStart: toOffsetIso(d.slotStart, zoneOf(d)),
    day: d.day,
    leadMinutes: d.leadMinutes,
    eventId: d.event.id,
    event: d.event.name,
    ...scopeJson(d),
    talks: view.talks.map((t) => ({
      id: t.id,
      title: t.title,
      speakers: t.speakers,
      room: t.room ?? null,
    })),
  };
}

function scopeJson(d: PlannedDigest): Pick<JsonDigest, "scope" | "trackId" | "track" | "room"> {
  const track = trackOf(d);
  return {
    scope: d.scope.kind,
    trackId: track?.id ?? null,
    track: track?.name ?? null,
    ...(d.scope.kind === "room" ? { room: d.scope.room } : {}),
  };
}

const clockFormats = new Map<string, Intl.DateTimeFormat>();
/** "10:25 GMT": the zone's abbreviation tells apart the two 01:30s of a fall-back night. */
function clockText(instant: Date, zone: string): string {
  let f = clockFormats.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-GB", {
      timeZone: zone,
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
      timeZoneName: "short",
    });
    clockFormats.set(zone, f);
  }
  return f.format(instant);
}

function readable(
  plan: PlannedDigest[],
  date: string | undefined,
  ledger: Map<string, DeliveryRecord>,
): string[] {
  if (plan.length === 0) return [date ? `No digests on ${date}.` : "No digests: no timed talks."];
  const lines = [`${plan.length} digest${plan.length === 1 ? "" : "s"}`];
  let heading = "";
  for (const d of plan) {
    const head = `${d.day} · ${d.event.name ?? d.event.id} (${zoneOf(d)})`;
    if (head !== heading) {
      heading = head;
      lines.push("", head);
    }
    const n = d.talks.length;
    const status = ledger.get(d.key)?.status;
    lines.push(
      `  ${clockText(d.dueAt, zoneOf(d))} → ${d.channel}  ${scopeName(d)}, slot ${clockText(d.slotStart, zoneOf(d))} (${n} talk${n === 1 ? "" : "s"})${status ? ` [${status}]` : ""}`,
    );
    for (const t of digestView(d).talks) {
      const about = [t.speakers.join("; "), t.room].filter(Boolean).join(" · ");
      lines.push(`      • ${t.title}${about ? ` (${about})` : ""}`);
    }
  }
  return lines;
}

/** "2026-01-31T10:20:00+01:00" / "…Z", or a local "2026-01-31T10:20" read in the event's zone. */
function instantOf(text: string, catalog: Catalog): Date {
  const trimmed = text.trim();
  const local = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2})?)$/.exec(trimmed);
  if (local) {
    const zones = [...new Set(catalog.events.map((e) => e.timeZone ?? "UTC"))];
    if (zones.length !== 1) {
      throw usageError(
        `--at "${text}" has no UTC offset, and the catalog's events run in ${zones.join(", ")}: add one (e.g. ${trimmed}+01:00)`,
      );
    }
    return zonedInstant(local[1] as string, local[2] as string, zones[0] as string);
  }
  const at = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/i.test(trimmed)
    ? new Date(trimmed)
    : new Date(Number.NaN);
  if (Number.isNaN(at.getTime())) {
    throw usageError(
      `--at expects an ISO instant such as 2026-01-31T10:20:00+01:00 (or a local 2026-01-31T10:20), not "${text}"`,
    );
  }
  return at;
}

function sameName(a: string, b: string): boolean {
  const norm = (s: string) => s.normalize("NFC").replace(/\s+/g, " ").trim().toLowerCase();
  return norm(a) === norm(b);
}

/** A digest of that track, or a room's or the combined digest showing one of its talks. */
function aboutTrack(d: PlannedDigest, track: string): boolean {
  return tracksOf(d).some((t) => t.id === track || sameName(t.name, track));
}

/** The digests due at `at` (posted then if not posted yet), rendered as the bot posts them. */
function preview(
  catalog: Catalog,
  settings: DigestSettings,
  atText: string,
  track: string | undefined,
  json: boolean,
): number {
  const at = instantOf(atText, catalog);
  if (
    track !== undefined &&
    !catalog.tracks.some((t) => t.id === track || sameName(t.name, track))
  ) {
    throw usageError(
      `--track "${track}" matches no track id or name (npm run -s cli -- tracks lists them)`,
    );
  }
  const plan = planDigests(
    catalog,
    settings.enabled ? settings : { ...settings, defaultChannel: NO_CHANNEL },
  ).filter((d) => track === undefined || aboutTrack(d, track));
  const { due } = dueAmong(plan, at, { has: () => false });
  // Echoed in the event's zone when there is one, as the organizer thinks of it.
  const zones = [...new Set(catalog.events.map((e) => e.timeZone ?? "UTC"))];
  const shownAt = zones.length === 1 ? toOffsetIso(at, zones[0] as string) : at.toISOString();
  if (!settings.enabled) console.error(notes(catalog, settings)[0]);
  if (json) {
    const digests = due.map((d) => {
      const { payload: _, ...message } = renderDigest(d);
      return {
        channel: d.channel === NO_CHANNEL ? null : d.channel,
        ...scopeJson(d),
        dueAt: toOffsetIso(d.dueAt, zoneOf(d)),
        slotStart: toOffsetIso(d.slotStart, zoneOf(d)),
        message,
      };
    });
    console.log(JSON.stringify({ at: at.toISOString(), digests }, null, 2));
    return 0;
  }
  if (due.length === 0) {
    console.error(`No digests due at ${shownAt}${track ? ` for ${track}` : ""}.`);
    return 0;
  }
  console.error(`${due.length} digest${due.length === 1 ? "" : "s"} due at ${shownAt}`);
  for (const d of due) {
    const n = d.talks.length;
    console.error(
      `\n${d.day} ${clockText(d.dueAt, zoneOf(d))} → ${d.channel}  ${scopeName(d)}, slot ${clockText(d.slotStart, zoneOf(d))} (${n} talk${n === 1 ? "" : "s"}):`,
    );
    console.log(JSON.stringify({ blocks: renderDigest(d).blocks }, null, 2));
  }
  return 0;
}
