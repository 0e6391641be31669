import { readFileSync } from "node:fs";
import { z } from "zod";
import type { Catalog, Track } from "../catalog/schema.ts";
import { TalkbotError } from "../errors.ts";

/**
 * Where and when each track's digests go. Built once at start-up from the
 * environment and the optional config file; every later decision reads this.
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

export const DEFAULT_LEAD_MINUTES = 10;
const MAX_LEAD_MINUTES = 24 * 60;

/** A configuration the operator must fix, naming the file (or variable) and the field. */
export class DigestConfigError extends TalkbotError {
  /** One line per problem, for a list of every configuration problem at once. */
  readonly problems: readonly string[];

  constructor(message: string, options: { cause?: unknown; problems?: readonly string[] } = {}) {
    super("digest_config_invalid", message, "cause" in options ? { cause: options.cause } : {});
    this.problems = options.problems ?? [message];
  }
}

// Channel ids (C0123…) or names (#talks); what chat.postMessage accepts.
const channel = z
  .string()
  .trim()
  .regex(/^#?[^\s#<>&]{1,80}$/, "expected a channel id (C0123ABCD) or name (#talks)");
const lead = z
  .number()
  .int("expected a whole number of minutes")
  .min(0, "must be 0 or more minutes")
  .max(MAX_LEAD_MINUTES, `must be at most ${MAX_LEAD_MINUTES} minutes`);

const trackOverride = z
  .object({
    channel: channel.optional(),
    leadMinutes: lead.optional(),
    exclude: z.boolean().optional(),
  })
  .strict();

const fileSchema = z
  .object({
    digests: z
      .object({
        tracks: z.record(z.string().min(1), trackOverride).optional(),
        exclude: z.array(z.string().min(1)).optional(),
      })
      .strict()
      .optional(),
  })
  // Other features may keep their own sections in the same file.
  .loose();

type Env = Record<string, string | undefined>;
type ReadFile = (path: string) => string;

/** The digest part of talkbot's configuration, as src/config.ts validates it. */
export interface DigestConfigInput {
  channel?: string | undefined;
  leadMinutes?: number | undefined;
  configPath?: string | undefined;
}

/**
 * Defaults come from the environment (TALKBOT_DIGEST_CHANNEL,
 * TALKBOT_DIGEST_LEAD_MINUTES); the file named by TALKBOT_CONFIG gives per-track
 * channels, per-track lead times and tracks to leave out, which win over the defaults.
 */
export function buildDigestSettings(
  input: DigestConfigInput,
  readFile: ReadFile = (p) => readFileSync(p, "utf8"),
): DigestSettings {
  const configFile = nonEmpty(input.configPath);
  const file = configFile ? readConfigFile(configFile, readFile) : {};
  const rules: TrackRule[] = [];
  for (const [track, o] of Object.entries(file.tracks ?? {})) {
    rules.push({
      track,
      channel: o.channel,
      leadMinutes: o.leadMinutes,
      exclude: o.exclude ?? false,
    });
  }
  for (const track of file.exclude ?? []) rules.push({ track, exclude: true });

  const defaultChannel = nonEmpty(input.channel);
  const enabled =
    defaultChannel !== undefined || rules.some((r) => !r.exclude && r.channel !== undefined);
  return {
    enabled,
    defaultChannel,
    defaultLeadMinutes: input.leadMinutes ?? DEFAULT_LEAD_MINUTES,
    rules,
    configFile,
  };
}

/** The same, reading the raw environment (for the CLI, which has no Slack config). */
export function loadDigestSettings(
  env: Env = process.env,
  readFile: ReadFile = (p) => readFileSync(p, "utf8"),
): DigestSettings {
  const problems: string[] = [];
  const envChannel = nonEmpty(env.TALKBOT_DIGEST_CHANNEL);
  if (envChannel !== undefined && !channel.safeParse(envChannel).success) {
    problems.push(
      `TALKBOT_DIGEST_CHANNEL: "${envChannel}" is not a channel id (C0123ABCD) or name (#talks)`,
    );
  }
  let envLead: number | undefined;
  const rawLead = nonEmpty(env.TALKBOT_DIGEST_LEAD_MINUTES);
  if (rawLead !== undefined) {
    const n = /^\d+$/.test(rawLead) ? Number(rawLead) : Number.NaN;
    if (!lead.safeParse(n).success) {
      problems.push(
        `TALKBOT_DIGEST_LEAD_MINUTES: "${rawLead}" must be a whole number of minutes from 0 to ${MAX_LEAD_MINUTES}`,
      );
    } else envLead = n;
  }
  if (problems.length > 0) throw new DigestConfigError(problems.join("\n"));
  return buildDigestSettings(
    { channel: envChannel, leadMinutes: envLead, configPath: env.TALKBOT_CONFIG },
    readFile,
  );
}

function readConfigFile(
  path: string,
  readFile: ReadFile,
): z.infer<typeof fileSchema>["digests"] & {} {
  let text: string;
  try {
    text = readFile(path);
  } catch (err) {
    throw new DigestConfigError(
      `${path} (TALKBOT_CONFIG): cannot read the file: ${(err as Error).message}`,
      { cause: err },
    );
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new DigestConfigError(`${path}: not valid JSON: ${(err as Error).message}`, {
      cause: err,
    });
  }
  if (looksLikeCatalog(data)) {
    throw new DigestConfigError(
      `${path} (TALKBOT_CONFIG) is a talk catalog, not talkbot's config file: set TALKBOT_CATALOG=${path} for the catalog, and point TALKBOT_CONFIG at a JSON file with a "digests" section (README: Digests)`,
    );
  }
  const parsed = fileSchema.safeParse(data);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((i) => {
      const field = i.path.length > 0 ? i.path.map(String).join(".") : "top level";
      return `${field}: ${i.message}`;
    });
    throw new DigestConfigError(
      [`${path}: digest configuration refused`, ...fields.map((f) => `  - ${f}`)].join("\n"),
      { problems: fields.map((f) => `${path} (TALKBOT_CONFIG): ${f}`) },
    );
  }
  return parsed.data.digests ?? {};
}

/** A catalog's top level: the events and talks a config file never has. */
function looksLikeCatalog(data: unknown): boolean {
  if (typeof data !== "object" || data === null) return false;
  const r = data as Record<string, unknown>;
  return Array.isArray(r.talks) && Array.isArray(r.events);
}

function nonEmpty(value: string | undefined): string | undefined {
  const v = value?.trim();
  return v ? v : undefined;
}

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
