/**
 * `npm run -s cli -- tracks [--json] [--catalog <path>]`: every track with its id,
 * name, day, talk count and the digest channel the configuration gives it
 * (TALKBOT_DIGEST_CHANNEL and the TALKBOT_CONFIG file, read as `digests` reads
 * them), to write the channel config from.
 */
import { isBreak } from "../catalog/schema.ts";
import { loadConfig } from "../config.ts";
import { planForTrack } from "../digest/settings.ts";
import { catalogOptionsUsage, daysOf, listingArgs, plural, table } from "./listing.ts";

const usage = `usage: npm run -s cli -- tracks [--json] [--catalog <path>] [--time-zone <IANA zone>]
${catalogOptionsUsage}
talks are counted without breaks; the channel is where its digests go (TALKBOT_DIGEST_CHANNEL, TALKBOT_CONFIG)`;

export interface JsonTrack {
  id: string;
  eventId: string;
  name: string;
  /** The local days its talks are on (the track's own day when it has one). */
  days: string[];
  talks: number;
  /** Where its digests go, or null when excluded or no channel is configured. */
  channel: string | null;
  digest: "post" | "excluded" | "no-channel";
  leadMinutes: number | null;
}

export async function run(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  if (args.includes("--help") || args.includes("-h")) {
    console.log(usage);
    return 0;
  }
  const { json, catalog } = await listingArgs(args, usage, env);
  // The settings as the bot reads them (a ConfigError names what to fix).
  const settings = loadConfig(env).digest.settings;
  const tracks: JsonTrack[] = catalog.tracks.map((track) => {
    const talks = catalog.talks.filter((t) => t.trackId === track.id && !isBreak(t));
    const plan = planForTrack(settings, track);
    return {
      id: track.id,
      eventId: track.eventId,
      name: track.name,
      days: daysOf(talks, track.date),
      talks: talks.length,
      channel: plan.kind === "post" ? plan.channel : null,
      digest: plan.kind,
      leadMinutes: plan.kind === "post" ? plan.leadMinutes : null,
    };
  });
  if (json) {
    console.log(JSON.stringify({ tracks }, null, 2));
    return 0;
  }
  const lines: string[] = [];
  for (const event of catalog.events) {
    const mine = tracks.filter((t) => t.eventId === event.id);
    if (lines.length > 0) lines.push("");
    lines.push(
      `${event.id}${event.name ? ` · ${event.name}` : ""} (${event.timeZone ?? "no zone"}): ${plural(mine.length, "track")}`,
    );
    if (mine.length === 0) continue;
    lines.push(
      ...table(
        ["id", "name", "day", "talks", "channel"],
        mine.map((t) => [
          t.id,
          t.name,
          t.days.join(", ") || "-",
          String(t.talks),
          t.digest === "post"
            ? `${t.channel}`
            : t.digest === "excluded"
              ? "(excluded)"
              : "(no channel)",
        ]),
      ).map((l) => `  ${l}`),
    );
  }
  console.log(lines.join("\n"));
  return 0;
}
