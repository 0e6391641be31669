/**
 * The TALKBOT_CONFIG file: per-track channels and lead times, tracks left out,
 * room digests and the combined digest, read and checked with the environment's
 * digest defaults (config.ts calls it at start-up, so its problems are listed
 * with the environment's).
 */
import { z } from "zod";
import { channelPattern, DEFAULT_LEAD_MINUTES, MAX_LEAD_MINUTES } from "./config-limits.ts";
import { type DigestSettings, normalName, type TrackRule } from "./digest/settings.ts";

// The TALKBOT_CONFIG file: per-track channels and lead times, tracks left out,
// room digests and the combined digest.
const channelHint = "a channel id (C0123ABCD) or name (#talks)";
const channel = z
  .string({ error: (i) => (i.input === undefined ? "required: " : "expected ") + channelHint })
  .trim()
  .regex(channelPattern, `expected ${channelHint}`);
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

const roomDigest = z.object({ channel, leadMinutes: lead.optional() }).strict();

const combinedDigest = z
  .object({
    channel,
    leadMinutes: lead.optional(),
    tracks: z
      .array(z.string().trim().min(1, "expected a track id or name"))
      .min(1, "list at least one track, or leave `tracks` out for every track")
      .optional(),
  })
  .strict();

const fileSchema = z
  .object({
    digests: z
      .object({
        tracks: z.record(z.string().min(1), trackOverride).optional(),
        exclude: z.array(z.string().min(1)).optional(),
        rooms: z.record(z.string().trim().min(1, "expected a room name"), roomDigest).optional(),
        combined: combinedDigest.optional(),
      })
      .strict()
      .optional(),
  })
  // Other features may keep their own sections in the same file.
  .loose();

type ReadFile = (path: string) => string;
type FileDigests = z.infer<typeof fileSchema>["digests"] & {};

/**
 * Defaults come from the environment (TALKBOT_DIGEST_CHANNEL,
 * TALKBOT_DIGEST_LEAD_MINUTES); the file named by TALKBOT_CONFIG gives per-track
 * channels, per-track lead times and tracks to leave out, which win over the defaults.
 */
export function digestSettingsOf(
  input: { channel?: string; leadMinutes?: number; configPath?: string },
  readFile: ReadFile,
): { settings: DigestSettings } | { problems: string[] } {
  const configFile = nonEmpty(input.configPath);
  const file = configFile ? readConfigFile(configFile, readFile) : {};
  if ("problems" in file) return file;
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

  // Two entries for one room (say "K.1.105" and "k.1.105") would post each slot twice.
  const rooms = Object.entries(file.rooms ?? {}).map(([room, o]) => ({ room, ...o }));
  const problems: string[] = [];
  const seen = new Map<string, string>();
  for (const { room } of rooms) {
    const first = seen.get(normalName(room));
    if (first === undefined) seen.set(normalName(room), room);
    else {
      problems.push(
        `${configFile} (TALKBOT_CONFIG): digests.rooms.${room}: names the same room as "${first}" (case and spaces do not matter): keep one`,
      );
    }
  }
  if (problems.length > 0) return { problems };

  const defaultChannel = nonEmpty(input.channel);
  const enabled =
    defaultChannel !== undefined ||
    rules.some((r) => !r.exclude && r.channel !== undefined) ||
    rooms.length > 0 ||
    file.combined !== undefined;
  const settings: DigestSettings = {
    enabled,
    defaultChannel,
    defaultLeadMinutes: input.leadMinutes ?? DEFAULT_LEAD_MINUTES,
    rules,
    ...(rooms.length > 0 ? { rooms } : {}),
    ...(file.combined ? { combined: file.combined } : {}),
    configFile,
  };
  return { settings };
}

function readConfigFile(path: string, readFile: ReadFile): FileDigests | { problems: string[] } {
  const where = `${path} (TALKBOT_CONFIG)`;
  let text: string;
  try {
    text = readFile(path);
  } catch (err) {
    return { problems: [`${where}: cannot read the file: ${(err as Error).message}`] };
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    return { problems: [`${where}: not valid JSON: ${(err as Error).message}`] };
  }
  if (looksLikeCatalog(data)) {
    return {
      problems: [
        `${where} is a talk catalog, not talkbot's config file: set TALKBOT_CATALOG=${path} for the catalog, and point TALKBOT_CONFIG at a JSON file with a "digests" section (README: Digests)`,
      ],
    };
  }
  const parsed = fileSchema.safeParse(data);
  if (!parsed.success) {
    return {
      problems: parsed.error.issues.map((i) => {
        const field = i.path.length > 0 ? i.path.map(String).join(".") : "top level";
        return `${where}: ${field}: ${i.message}`;
      }),
    };
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
