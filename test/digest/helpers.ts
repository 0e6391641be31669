import type { Catalog, Talk } from "../../src/catalog/schema.ts";
import { FixedClock } from "../../src/clock.ts";
import type { ChatClient, DigestLogger, Sleep } from "../../src/digest/sender.ts";
import type { DigestSettings } from "../../src/digest/settings.ts";
import { toOffsetIso } from "../../src/time/zone.ts";

export interface TalkSpec {
  id: string;
  track: string;
  /** An instant; written into the catalog with the event zone's offset. */
  start?: Date;
  minutes?: number;
  title?: string | null;
  format?: string;
  room?: string;
  abstract?: string;
  speakers?: Talk["speakers"];
}

/** A one-event catalog with the given tracks and talks, valid for loadCatalog. */
export function catalogOf(zone: string, tracks: string[], talks: TalkSpec[]): Catalog {
  return {
    events: [{ id: "ev", name: "Test Conf", timeZone: zone, sources: ["test"] }],
    tracks: tracks.map((name, i) => ({ id: `t${i}`, eventId: "ev", name })),
    talks: talks.map((t) => {
      const trackIndex = tracks.indexOf(t.track);
      if (trackIndex < 0) throw new Error(`unknown track ${t.track}`);
      const end = t.start ? new Date(t.start.getTime() + (t.minutes ?? 30) * 60_000) : undefined;
      return {
        id: t.id,
        eventId: "ev",
        trackId: `t${trackIndex}`,
        title: t.title === undefined ? `Talk ${t.id}` : t.title,
        abstract: t.abstract ?? `About ${t.id}. More words follow here.`,
        speakers: t.speakers ?? [{ name: `Speaker ${t.id}`, company: "Acme" }],
        ...(t.start
          ? { start: toOffsetIso(t.start, zone), end: toOffsetIso(end as Date, zone) }
          : {}),
        ...(t.room ? { room: t.room } : {}),
        ...(t.format ? { format: t.format } : {}),
        tags: [],
        sources: ["test"],
      };
    }),
  };
}

export function settingsOf(overrides: Partial<DigestSettings> = {}): DigestSettings {
  return {
    enabled: true,
    defaultChannel: "#up-next",
    defaultLeadMinutes: 10,
    rules: [],
    ...overrides,
  };
}

export interface Posted {
  channel: string;
  text: string;
  blocks: unknown[];
  at: Date;
}

/**
 * A Slack client fake: records every successful post with the clock's time, and
 * fails according to `script(channel, attempt)` (attempt counts per channel from 1).
 */
export function fakeSlack(
  clock: { now(): Date },
  script: (channel: string, attempt: number) => unknown = () => null,
): ChatClient & { posts: Posted[]; attempts: Map<string, number> } {
  const posts: Posted[] = [];
  const attempts = new Map<string, number>();
  let ts = 0;
  return {
    posts,
    attempts,
    chat: {
      async postMessage(args) {
        const n = (attempts.get(args.channel) ?? 0) + 1;
        attempts.set(args.channel, n);
        const failure = script(args.channel, n);
        if (failure) throw failure;
        posts.push({
          channel: args.channel,
          text: args.text,
          blocks: args.blocks,
          at: clock.now(),
        });
        ts++;
        return { ok: true, ts: `1700000000.${String(ts).padStart(6, "0")}` };
      },
    },
  };
}

export const rateLimited = (retryAfter: number) =>
  Object.assign(new Error("rate limited"), {
    code: "slack_webapi_rate_limited_error",
    retryAfter,
  });
export const httpError = (statusCode: number) =>
  Object.assign(new Error(`HTTP ${statusCode}`), { code: "slack_webapi_http_error", statusCode });
export const platformError = (error: string) =>
  Object.assign(new Error(error), {
    code: "slack_webapi_platform_error",
    data: { ok: false, error },
  });

/** Records sleeps and returns at once, moving `clock` on by the real time slept × speed. */
export function instantSleep(clock?: FixedClock, speed = 1): Sleep & { calls: number[] } {
  const calls: number[] = [];
  const sleep = async (ms: number) => {
    calls.push(ms);
    clock?.advance(ms * speed);
  };
  return Object.assign(sleep, { calls });
}

export function quietLogger(): DigestLogger & { lines: { level: string; text: string }[] } {
  const lines: { level: string; text: string }[] = [];
  const at =
    (level: string) =>
    (...msg: unknown[]) => {
      lines.push({
        level,
        text: msg.map((m) => (m instanceof Error ? m.message : String(m))).join(" "),
      });
    };
  return { lines, info: at("info"), warn: at("warn"), error: at("error"), debug: at("debug") };
}

export { FixedClock };
