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

export type TrackPlan =
  | { kind: "post"; channel: string; leadMinutes: number }
  | { kind: "excluded" }
  | { kind: "no-channel" };

function normalName(name: string): string {
  return name.normalize("NFC").replace(/\s+/g, " ").trim().toLowerCase();
}

function matches(rule: TrackRule, track: Track): boolean {
  return rule.track === track.id || normalName(rule.track) === normalName(track.name);
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

/** Rules that name no track in the catalog: almost always a typo worth a warning. */
export function unmatchedRules(settings: DigestSettings, catalog: Catalog): TrackRule[] {
  return settings.rules.filter((r) => !catalog.tracks.some((t) => matches(r, t)));
}

/** The shortest lead any track can have: the heartbeat must be finer than this. */
export function shortestLeadMinutes(settings: DigestSettings): number {
  return Math.min(
    settings.defaultLeadMinutes,
    ...settings.rules.flatMap((r) => (r.leadMinutes === undefined ? [] : [r.leadMinutes])),
  );
}

/** One line for the start-up log. */
export function describeSettings(settings: DigestSettings): string {
  if (!settings.enabled) {
    return "digests are off: no channel configured (set TALKBOT_DIGEST_CHANNEL, or per-track channels in the TALKBOT_CONFIG file)";
  }
  const parts = [
    settings.defaultChannel
      ? `default channel ${settings.defaultChannel}`
      : "no default channel (only tracks with their own channel)",
    `lead ${settings.defaultLeadMinutes} min`,
  ];
  const overrides = settings.rules.filter((r) => !r.exclude).length;
  const excluded = settings.rules.filter((r) => r.exclude).length;
  if (overrides > 0) parts.push(`${overrides} track override${overrides === 1 ? "" : "s"}`);
  if (excluded > 0) parts.push(`${excluded} track${excluded === 1 ? "" : "s"} left out`);
  if (settings.configFile) parts.push(`config ${settings.configFile}`);
  return `digests are on: ${parts.join(", ")}`;
}
