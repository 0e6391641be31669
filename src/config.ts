import { readFileSync } from "node:fs";
import { z } from "zod";
import { digestSettingsOf } from "./config-file.ts";
import { channelPattern, DEFAULT_LEAD_MINUTES, MAX_LEAD_MINUTES } from "./config-limits.ts";
import type { DigestSettings } from "./digest/settings.ts";
import { TalkbotError } from "./errors.ts";
import type { LogLevelName } from "./log.ts";
import type { StoreLocation } from "./store/open-store.ts";
import { realDay } from "./time/day.ts";
import { isIanaZone } from "./time/zone.ts";

/** Socket Mode: talkbot dials out to Slack, so it needs no public URL. */
export interface SocketSlackConfig {
  mode: "socket";
  botToken: string;
  appToken: string;
  /** Web API base URL ending in "/", or undefined for https://slack.com/api/. */
  apiUrl: string | undefined;
  /** Where the calendar feed listens when TALKBOT_PUBLIC_URL is set (PORT, HOST). */
  port?: number;
  host?: string | undefined;
}

/** HTTP mode: Slack POSTs signed requests to `/slack/events` on `port`. */
export interface HttpSlackConfig {
  mode: "http";
  botToken: string;
  signingSecret: string;
  port: number;
  /** The interface to listen on (HOST); undefined means all of them. */
  host?: string | undefined;
  apiUrl: string | undefined;
}

export type SlackConfig = SocketSlackConfig | HttpSlackConfig;

/** The organizer's live export, followed instead of TALKBOT_CATALOG (TALKBOT_SCHEDULE_*). */
export interface ScheduleConfig {
  /** URLs or file paths, in the order given. */
  sources: string[];
  /** For exports that name no zone (Sessionize, older frab JSON). */
  timeZone: string | undefined;
  /** Real seconds between polls, also on a rehearsal's fast clock. */
  pollSeconds: number;
}

export interface Config {
  mode: "socket" | "http" | "local";
  /** Null in local mode (no Slack credentials). */
  slack: SlackConfig | null;
  catalogPath: string;
  /** Set when TALKBOT_SCHEDULE_URL is: then it, not catalogPath, is the catalog's source. */
  schedule: ScheduleConfig | null;
  /** TALKBOT_PUBLIC_URL without a trailing "/": where calendar feeds are served. */
  publicUrl: string | undefined;
  stateDir: string;
  /** Where durable state lives: SQLite in stateDir, or PostgreSQL when DATABASE_URL is set. */
  store: StoreLocation;
  /** Where the clock starts (TALKBOT_NOW); undefined means the real time. */
  now: Date | undefined;
  /** How much faster than real time the clock runs (TALKBOT_SPEED). */
  speed: number;
  logLevel: LogLevelName;
  digest: {
    channel: string | undefined;
    leadMinutes: number;
    configPath: string | undefined;
    /** The environment's defaults and the TALKBOT_CONFIG file, validated together. */
    settings: DigestSettings;
  };
}

/**
 * Every default and limit of talkbot's settings, written once: the CLI's
 * commands, the catalog build and the README's table follow these.
 */
export const DEFAULT_CATALOG_PATH = "data/catalog.json";
export const DEFAULT_STATE_DIR = ".talkbot-state";
export const DEFAULT_PORT = 3000;
export { DEFAULT_LEAD_MINUTES, MAX_LEAD_MINUTES };
export const DEFAULT_SCHEDULE_POLL_SECONDS = 300;
export const MAX_SCHEDULE_POLL_SECONDS = 24 * 60 * 60;
/** The log level talkbot runs at in Slack, and in the terminal, where the answers are the point. */
export const DEFAULT_LOG_LEVEL = { slack: "info", local: "warn" } as const;

/** A configuration that cannot start talkbot: every problem, each saying how to fix it. */
export class ConfigError extends TalkbotError {
  readonly problems: readonly string[];

  constructor(problems: readonly string[]) {
    const head = `talkbot cannot start: ${problems.length} configuration problem${problems.length === 1 ? "" : "s"}`;
    super(
      "config_invalid",
      [
        head,
        ...problems.map((p) => `  - ${p}`),
        "See .env.example and README.md (Configuration).",
      ].join("\n"),
    );
    this.problems = problems;
  }
}

/** An unset variable and one set to "" (a blank line in .env) mean the same. */
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess(
    (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
    schema.optional(),
  );

const maxSpeed = 100_000;

const noSpaces = (name: string) => (s: string) =>
  /\s/.test(s) ? `${name} contains whitespace: copy the value again without spaces` : null;

const envSchema = z.object({
  SLACK_BOT_TOKEN: optional(
    z
      .string()
      .refine(
        (s) => s.startsWith("xoxb-"),
        "SLACK_BOT_TOKEN must start with xoxb-: copy the Bot User OAuth Token from OAuth & Permissions",
      ),
  ),
  SLACK_APP_TOKEN: optional(
    z
      .string()
      .refine(
        (s) => s.startsWith("xapp-"),
        "SLACK_APP_TOKEN must start with xapp-: create an app-level token with the connections:write scope under Basic Information",
      ),
  ),
  SLACK_SIGNING_SECRET: optional(
    z
      .string()
      .refine(
        (s) => /^[0-9a-f]{32}$/i.test(s),
        "SLACK_SIGNING_SECRET must be the 32-character hexadecimal Signing Secret from Basic Information > App Credentials (not the Client Secret or Verification Token)",
      ),
  ),
  // Digits only: Number() would also take 0x50 and 1e3.
  PORT: optional(
    z
      .string()
      .regex(/^\d{1,5}$/, "PORT must be a whole number between 0 and 65535, e.g. 3000")
      .transform(Number)
      .refine((n) => n <= 65535, "PORT must be a whole number between 0 and 65535, e.g. 3000"),
  ),
  HOST: optional(
    z
      .string()
      .regex(
        /^[0-9A-Za-z.:-]+$/,
        "HOST must be an interface address or name to listen on, e.g. 127.0.0.1, ::1 or localhost",
      ),
  ),
  SLACK_API_URL: optional(
    z
      .string()
      .refine(
        (s) => URL.canParse(s) && /^https?:$/.test(new URL(s).protocol),
        "SLACK_API_URL must be an http(s) URL such as https://slack.com/api/",
      ),
  ),
  TALKBOT_CATALOG: optional(z.string()),
  TALKBOT_SCHEDULE_URL: optional(
    z
      .string()
      .transform((s) => s.split(",").map((part) => part.trim()))
      .refine(
        (parts) => parts.every((p) => p !== ""),
        "TALKBOT_SCHEDULE_URL has an empty entry: give URLs or file paths separated by single commas",
      )
      .superRefine((parts, ctx) => {
        for (const p of parts) {
          // A scheme other than http(s) is a typo, not a file called "ftp:…".
          const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(p)?.[1]?.toLowerCase();
          if (scheme === undefined) continue;
          if ((scheme !== "http" && scheme !== "https") || !URL.canParse(p)) {
            ctx.addIssue({
              code: "custom",
              message: `TALKBOT_SCHEDULE_URL entry "${p}" is not an http(s) URL or a file path, e.g. https://pretalx.example.org/event/schedule/export/schedule.json`,
            });
          }
        }
      }),
  ),
  TALKBOT_SCHEDULE_TIME_ZONE: optional(
    z
      .string()
      .refine(
        isIanaZone,
        "TALKBOT_SCHEDULE_TIME_ZONE must be an IANA time zone name, e.g. Europe/Brussels",
      ),
  ),
  TALKBOT_SCHEDULE_POLL_SECONDS: optional(
    z
      .string()
      .regex(/^\d+$/, "TALKBOT_SCHEDULE_POLL_SECONDS must be a whole number of seconds, e.g. 300")
      .transform(Number)
      .refine(
        (n) => n >= 1 && n <= MAX_SCHEDULE_POLL_SECONDS,
        `TALKBOT_SCHEDULE_POLL_SECONDS must be between 1 and ${MAX_SCHEDULE_POLL_SECONDS}`,
      ),
  ),
  TALKBOT_PUBLIC_URL: optional(
    z
      .string()
      .refine(
        (s) => URL.canParse(s) && /^https?:$/.test(new URL(s).protocol) && !new URL(s).search,
        "TALKBOT_PUBLIC_URL must be the http(s) address where talkbot's server is reached, without a query, e.g. https://talkbot.example.org",
      ),
  ),
  TALKBOT_STATE_DIR: optional(z.string()),
  TALKBOT_NOW: optional(
    z.string().refine(
      (s) =>
        /^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d+)?)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$/.test(
          s,
        ) &&
        // Date.parse rolls 2020-02-30 over into 1 March.
        realDay(s.slice(0, 10)) &&
        !Number.isNaN(Date.parse(s)),
      "TALKBOT_NOW must be an ISO instant with a zone on a real day, e.g. 2020-03-03T08:00:00Z or 2020-03-03T08:00:00+00:00",
    ),
  ),
  TALKBOT_SPEED: optional(
    z.coerce
      .number({ error: "TALKBOT_SPEED must be a positive number, e.g. 1 (real time) or 120" })
      .positive("TALKBOT_SPEED must be a positive number, e.g. 1 (real time) or 120")
      // Faster than this, a day of running takes the clock past the year 275760,
      // where Date ends and every time becomes NaN.
      .max(maxSpeed, `TALKBOT_SPEED must be at most ${maxSpeed}, e.g. 1 (real time) or 120`),
  ),
  LOG_LEVEL: optional(
    z
      .string()
      .transform((s) => s.toLowerCase())
      .pipe(
        z.enum(["debug", "info", "warn", "error"], {
          error: "LOG_LEVEL must be one of debug, info, warn, error",
        }),
      ),
  ),
  TALKBOT_DIGEST_CHANNEL: optional(
    z
      .string()
      .regex(
        channelPattern,
        "TALKBOT_DIGEST_CHANNEL must be one channel id (e.g. C0123456789) or name (e.g. #conf-up-next)",
      ),
  ),
  // Digits only, as PORT: Number() would also take 1e1 and 0x0a.
  TALKBOT_DIGEST_LEAD_MINUTES: optional(
    z
      .string()
      .regex(/^\d+$/, "TALKBOT_DIGEST_LEAD_MINUTES must be a whole number of minutes, e.g. 10")
      .transform(Number)
      .refine(
        (n) => n <= MAX_LEAD_MINUTES,
        `TALKBOT_DIGEST_LEAD_MINUTES must be between 0 and ${MAX_LEAD_MINUTES}`,
      ),
  ),
  TALKBOT_CONFIG: optional(z.string()),
  DATABASE_URL: optional(
    z
      .string()
      .refine(
        (s) => /^postgres(ql)?:\/\//.test(s) && URL.canParse(s),
        "DATABASE_URL must be a PostgreSQL URL, e.g. postgres://talkbot:secret@db.internal:5432/talkbot",
      ),
  ),
});

/** Every environment variable talkbot reads (.env.example documents each). */
export const configVariables: readonly string[] = Object.keys(envSchema.shape);

/**
 * Reads talkbot's settings from the environment once, at start-up. Throws a
 * ConfigError listing every problem at once, so an operator fixes them in one go.
 */
export function loadConfig(
  env: NodeJS.ProcessEnv = process.env,
  readFile: (path: string) => string = (p) => readFileSync(p, "utf8"),
): Config {
  const parsed = envSchema.safeParse(env);
  const problems: string[] = [];
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const name = String(issue.path[0] ?? "environment");
      problems.push(issue.message.startsWith(name) ? issue.message : `${name}: ${issue.message}`);
    }
  }
  const e = parsed.success ? parsed.data : undefined;
  for (const name of ["SLACK_BOT_TOKEN", "SLACK_APP_TOKEN", "SLACK_SIGNING_SECRET"] as const) {
    const value = env[name];
    const problem = value?.trim() ? noSpaces(name)(value) : null;
    if (problem && !problems.some((p) => p.startsWith(name))) problems.push(problem);
  }

  // Which mode follows from which credentials are present (even malformed ones).
  const has = (name: string) => Boolean(env[name]?.trim());
  const bot = has("SLACK_BOT_TOKEN");
  const app = has("SLACK_APP_TOKEN");
  const secret = has("SLACK_SIGNING_SECRET");
  if (!bot && (app || secret)) {
    problems.push(
      "SLACK_BOT_TOKEN is missing: copy the Bot User OAuth Token (xoxb-…) from OAuth & Permissions, or unset SLACK_APP_TOKEN and SLACK_SIGNING_SECRET to run locally",
    );
  }
  if (bot && !app && !secret) {
    problems.push(
      "SLACK_BOT_TOKEN is set but neither SLACK_APP_TOKEN (Socket Mode) nor SLACK_SIGNING_SECRET (HTTP mode) is: set one of them, or unset SLACK_BOT_TOKEN to run locally",
    );
  }
  // The config file is read now too, so its problems are listed with the
  // environment's, before anything talks to Slack.
  const digestSettings = digestSettingsOf(
    {
      channel: e?.TALKBOT_DIGEST_CHANNEL,
      leadMinutes: e?.TALKBOT_DIGEST_LEAD_MINUTES,
      configPath: e?.TALKBOT_CONFIG ?? env.TALKBOT_CONFIG,
    },
    readFile,
  );
  if ("problems" in digestSettings) problems.push(...digestSettings.problems);
  if (problems.length > 0 || !e || "problems" in digestSettings) throw new ConfigError(problems);

  const apiUrl = e.SLACK_API_URL
    ? e.SLACK_API_URL.endsWith("/")
      ? e.SLACK_API_URL
      : `${e.SLACK_API_URL}/`
    : undefined;
  let slack: SlackConfig | null = null;
  // Socket Mode wins when both are present: it needs no public URL.
  if (e.SLACK_BOT_TOKEN && e.SLACK_APP_TOKEN) {
    slack = {
      mode: "socket",
      botToken: e.SLACK_BOT_TOKEN,
      appToken: e.SLACK_APP_TOKEN,
      apiUrl,
      port: e.PORT ?? 3000,
      host: e.HOST,
    };
  } else if (e.SLACK_BOT_TOKEN && e.SLACK_SIGNING_SECRET) {
    slack = {
      mode: "http",
      botToken: e.SLACK_BOT_TOKEN,
      signingSecret: e.SLACK_SIGNING_SECRET,
      port: e.PORT ?? DEFAULT_PORT,
      host: e.HOST,
      apiUrl,
    };
  }
  return {
    mode: slack?.mode ?? "local",
    slack,
    catalogPath: e.TALKBOT_CATALOG ?? DEFAULT_CATALOG_PATH,
    schedule: e.TALKBOT_SCHEDULE_URL
      ? {
          sources: e.TALKBOT_SCHEDULE_URL,
          timeZone: e.TALKBOT_SCHEDULE_TIME_ZONE,
          pollSeconds: e.TALKBOT_SCHEDULE_POLL_SECONDS ?? DEFAULT_SCHEDULE_POLL_SECONDS,
        }
      : null,
    publicUrl: e.TALKBOT_PUBLIC_URL?.replace(/\/+$/, ""),
    stateDir: e.TALKBOT_STATE_DIR ?? DEFAULT_STATE_DIR,
    store: e.DATABASE_URL
      ? { engine: "postgres", url: e.DATABASE_URL }
      : { engine: "sqlite", stateDir: e.TALKBOT_STATE_DIR ?? DEFAULT_STATE_DIR },
    now: e.TALKBOT_NOW ? new Date(e.TALKBOT_NOW) : undefined,
    speed: e.TALKBOT_SPEED ?? 1,
    logLevel: e.LOG_LEVEL ?? DEFAULT_LOG_LEVEL[slack ? "slack" : "local"],
    digest: {
      channel: e.TALKBOT_DIGEST_CHANNEL,
      leadMinutes: e.TALKBOT_DIGEST_LEAD_MINUTES ?? DEFAULT_LEAD_MINUTES,
      configPath: e.TALKBOT_CONFIG,
      settings: digestSettings.settings,
    },
  };
}

/**
 * The catalog a command reads when `--catalog` is not given: TALKBOT_CATALOG,
 * else the default. Only that variable, so a command that needs no more of the
 * configuration does not fail on the rest of it.
 */
export function catalogPathOf(env: NodeJS.ProcessEnv = process.env): string {
  return envSchema.shape.TALKBOT_CATALOG.parse(env.TALKBOT_CATALOG) ?? DEFAULT_CATALOG_PATH;
}
