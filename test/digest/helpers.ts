import {
  WebAPIHTTPError,
  WebAPIPlatformError,
  WebAPIRateLimitedError,
  WebAPIRequestError,
} from "@slack/web-api";
import type { Catalog, Talk } from "../../src/catalog/schema.ts";
import { FixedClock } from "../../src/clock.ts";
import type { Sleep } from "../../src/delivery/engine.ts";
import type { DigestSettings } from "../../src/digest/settings.ts";
import type { Logger } from "../../src/log.ts";
import { ChannelDirectory } from "../../src/slack/delivery/channels.ts";
import {
  DELIVERY_EVENT_TYPE,
  type MessageClient,
  slackPort,
} from "../../src/slack/delivery/slack-port.ts";
import { renderDigest } from "../../src/slack/delivery/start-digests.ts";
import { openStore } from "../../src/store/open-store.ts";
import type { Store } from "../../src/store/store.ts";
import { toOffsetIso } from "../../src/time/zone.ts";
import { talkOf } from "../support/catalogs.ts";

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
      return talkOf(t.id, {
        trackId: `t${trackIndex}`,
        title: t.title === undefined ? `Talk ${t.id}` : t.title,
        abstract: t.abstract ?? `About ${t.id}. More words follow here.`,
        speakers: t.speakers ?? [{ name: `Speaker ${t.id}`, company: "Acme" }],
        ...(t.start
          ? { start: toOffsetIso(t.start, zone), end: toOffsetIso(end as Date, zone) }
          : {}),
        ...(t.room ? { room: t.room } : {}),
        ...(t.format ? { format: t.format } : {}),
      });
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
  ts: string;
  key: string | undefined;
}

export type Script = (channel: string, attempt: number) => unknown;

/**
 * A Slack client fake: records every successful post with the clock's time and its
 * metadata key, answers history from those posts, and fails according to
 * `script(channel, attempt)` (attempt counts per channel from 1). A script may
 * return `{ acceptThenThrow: err }`: the post lands, then the caller sees `err`
 * (Slack took it but the answer was lost).
 */
export function fakeSlack(clock: { now(): Date }, script: Script = () => null) {
  const posts: Posted[] = [];
  const attempts = new Map<string, number>();
  const historyCalls: { channel: string; oldest: string | undefined }[] = [];
  let ts = 0;
  const client: MessageClient = {
    chat: {
      async postMessage(args) {
        const n = (attempts.get(args.channel) ?? 0) + 1;
        attempts.set(args.channel, n);
        const failure = script(args.channel, n) as { acceptThenThrow?: unknown } | null;
        if (failure && !failure.acceptThenThrow) throw failure;
        ts++;
        const stamp = `${Math.floor(clock.now().getTime() / 1000)}.${String(ts).padStart(6, "0")}`;
        const meta = (args as { metadata?: { event_payload?: { key?: string } } }).metadata;
        posts.push({
          channel: args.channel,
          text: (args as { text?: string }).text ?? "",
          blocks: (args as { blocks?: unknown[] }).blocks ?? [],
          at: clock.now(),
          ts: stamp,
          key: meta?.event_payload?.key,
        });
        if (failure?.acceptThenThrow) throw failure.acceptThenThrow;
        return { ok: true, channel: args.channel, ts: stamp };
      },
    },
    conversations: {
      async history(args) {
        historyCalls.push({ channel: args.channel, oldest: args.oldest });
        const messages = posts
          .filter((p) => p.channel === args.channel)
          .map((p) => ({
            ts: p.ts,
            metadata: { event_type: DELIVERY_EVENT_TYPE, event_payload: { key: p.key } },
          }));
        return { ok: true, messages, has_more: false };
      },
    },
  };
  return Object.assign(client, { posts, attempts, historyCalls });
}

export type FakeSlackClient = ReturnType<typeof fakeSlack>;

/** The Slack delivery port over a fake client, rendering digests as the bot does. */
export function digestPort(client: MessageClient) {
  return slackPort(client, new ChannelDirectory(), renderDigest);
}

/** A fresh embedded store that lives as long as the test. */
export function memoryStore(): Promise<Store> {
  return openStore({ engine: "sqlite", memory: true });
}

export const rateLimited = (retryAfter: number) => new WebAPIRateLimitedError(retryAfter);
export const httpError = (statusCode: number) =>
  new WebAPIHTTPError(statusCode, `HTTP ${statusCode}`, {}, undefined);
export const platformError = (error: string) => new WebAPIPlatformError({ ok: false, error });
export const networkError = (message = "socket hang up") =>
  new WebAPIRequestError(new Error(message));

/** Records sleeps and returns at once, moving `clock` on by the real time slept × speed. */
export function instantSleep(clock?: FixedClock, speed = 1): Sleep & { calls: number[] } {
  const calls: number[] = [];
  const sleep = async (ms: number) => {
    calls.push(ms);
    clock?.advance(ms * speed);
  };
  return Object.assign(sleep, { calls });
}

export function quietLogger(): Logger & { lines: { level: string; text: string }[] } {
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
