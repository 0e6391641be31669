import type { Catalog, Track } from "../catalog/schema.ts";

/**
 * Where and when each track's digests go. Built once at start-up from the
 * environment and the optional config file (src/config.ts reads and validates
 * both); every later decision reads this.
 */
export interface DigestSettings {
  /** False when no channel is configured anywhere: nothing will be posted. */
  enabled: boolean;
  defaultChannel?: string;
  defaultLeadMinutes: number;
  rules: TrackRule[];
  /** Digests per room, besides the tracks' (config file `digests.rooms`). */
  rooms?: RoomRule[];
  /** One message per slot for every track, or the listed ones (`digests.combined`). */
  combined?: CombinedRule;
  /** The config file these settings came from, for log lines. */
  configFile?: string;
}

/** A per-track override; `track` is a track id or a track name. */
export interface TrackRule {
  track: string;
  channel?: string;
  leadMinutes?: number;
  exclude: boolean;
}

/** A room's own digests; `room` is a room name as the catalog writes it. */
export interface RoomRule {
  room: string;
  channel: string;
  leadMinutes?: number;
}

/**
 * The combined digest: each slot's talks of every track (or of `tracks`, ids or
 * names) in one message. A track whose own digests would go to the same channel
 * is not posted separately: the combined message already shows its talks.
 */
export interface CombinedRule {
  channel: string;
  leadMinutes?: number;
  tracks?: string[];
}

export type TrackPlan =
  | { kind: "post"; channel: string; leadMinutes: number }
  | { kind: "excluded" }
  | { kind: "no-channel" };

/** How names from the config file meet the catalog's: case and extra spaces do not matter. */
export function normalName(name: string): string {
  return name.normalize("NFC").replace(/\s+/g, " ").trim().toLowerCase();
}

function names(idOrName: string, track: Track): boolean {
  return idOrName === track.id || normalName(idOrName) === normalName(track.name);
}

function matches(rule: TrackRule, track: Track): boolean {
  return names(rule.track, track);
}

/**
 * What to do with one track. A rule naming the track by id beats one naming it by
 * name; exclusion beats everything.
 */
export function planForTrack(settings: DigestSettings, track: Track): TrackPlan {
  const hits = settings.rules.filter((r) => matches(r, track));
  if (hits.some((r) => r.exclude)) return { kind: "excluded" };
  const byId = hits.filter((r) => r.track === track.id);
  const ordered = [...hits.filter((r) => r.track !== track.id), ...byId];
  let channelName = settings.defaultChannel;
  let leadMinutes = settings.defaultLeadMinutes;
  for (const r of ordered) {
    channelName = r.channel ?? channelName;
    leadMinutes = r.leadMinutes ?? leadMinutes;
  }
  if (channelName === undefined) return { kind: "no-channel" };
  return { kind: "post", channel: channelName, leadMinutes };
}

/** The room digests a talk in `room` belongs to. */
export function roomRulesFor(settings: DigestSettings, room: string): RoomRule[] {
  const name = normalName(room);
  return (settings.rooms ?? []).filter((r) => normalName(r.room) === name);
}

/** Whether the combined digest lists this track's talks (an excluded track is never listed). */
export function inCombined(settings: DigestSettings, track: Track): boolean {
  const c = settings.combined;
  if (!c || planForTrack(settings, track).kind === "excluded") return false;
  return c.tracks === undefined || c.tracks.some((name) => names(name, track));
}

/** A track digest to `channel` that the combined digest already makes: not posted twice. */
export function coveredByCombined(
  settings: DigestSettings,
  track: Track,
  channel: string,
): boolean {
  return settings.combined?.channel === channel && inCombined(settings, track);
}

/** Rules that name no track in the catalog: almost always a typo worth a warning. */
export function unmatchedRules(settings: DigestSettings, catalog: Catalog): TrackRule[] {
  return settings.rules.filter((r) => !catalog.tracks.some((t) => matches(r, t)));
}

/** Every name in the config file that matches nothing in the catalog, said for a log line. */
export function unmatchedNames(settings: DigestSettings, catalog: Catalog): string[] {
  const rooms = new Set(catalog.talks.flatMap((t) => (t.room ? [normalName(t.room)] : [])));
  return [
    ...unmatchedRules(settings, catalog).map(
      (r) => `track "${r.track}" matches no track id or name in the catalog`,
    ),
    ...(settings.rooms ?? [])
      .filter((r) => !rooms.has(normalName(r.room)))
      .map((r) => `room "${r.room}" matches no room in the catalog`),
    ...(settings.combined?.tracks ?? [])
      .filter((name) => !catalog.tracks.some((t) => names(name, t)))
      .map((name) => `combined digest track "${name}" matches no track id or name in the catalog`),
  ];
}

/** The shortest lead any digest can have: the heartbeat must be finer than this. */
export function shortestLeadMinutes(settings: DigestSettings): number {
  const leads = [
    ...settings.rules,
    ...(settings.rooms ?? []),
    ...(settings.combined ? [settings.combined] : []),
  ];
  return Math.min(
    settings.defaultLeadMinutes,
    ...leads.flatMap((r) => (r.leadMinutes === undefined ? [] : [r.leadMinutes])),
  );
}

/** One line for the start-up log. */
export function describeSettings(settings: DigestSettings): string {
  if (!settings.enabled) {
    return "digests are off: no channel configured (set TALKBOT_DIGEST_CHANNEL, or per-track, per-room or combined channels in the TALKBOT_CONFIG file)";
  }
  const parts = [
    settings.defaultChannel
      ? `default channel ${settings.defaultChannel}`
      : settings.rules.some((r) => !r.exclude && r.channel !== undefined)
        ? "no default channel (only tracks with their own channel)"
        : "no default channel (no track digests)",
    `lead ${settings.defaultLeadMinutes} min`,
  ];
  const overrides = settings.rules.filter((r) => !r.exclude).length;
  const excluded = settings.rules.filter((r) => r.exclude).length;
  if (overrides > 0) parts.push(`${overrides} track override${overrides === 1 ? "" : "s"}`);
  if (excluded > 0) parts.push(`${excluded} track${excluded === 1 ? "" : "s"} left out`);
  const rooms = settings.rooms?.length ?? 0;
  if (rooms > 0) parts.push(`${rooms} room${rooms === 1 ? "" : "s"} with digests`);
  if (settings.combined) parts.push(`combined digest to ${settings.combined.channel}`);
  if (settings.configFile) parts.push(`config ${settings.configFile}`);
  return `digests are on: ${parts.join(", ")}`;
}
