import { setTimeout as delay } from "node:timers/promises";
import type { KnownBlock } from "@slack/types";
import type { Clock } from "../clock.ts";
import type { SlackMessage } from "../slack/blocks/limits.ts";
import { digestMessage } from "./blocks.ts";
import type { PlannedDigest } from "./plan.ts";

/** The one Web API method digests need; a WebClient fits, and so does a test fake. */
export interface ChatClient {
  chat: {
    postMessage(args: {
      channel: string;
      text: string;
      blocks: KnownBlock[];
      unfurl_links: boolean;
      unfurl_media: boolean;
    }): Promise<{ ok?: boolean; ts?: string; error?: string }>;
  };
}

/** Bolt's logger and `console` both fit. */
export interface DigestLogger {
  info(...msg: unknown[]): void;
  warn(...msg: unknown[]): void;
  error(...msg: unknown[]): void;
  debug(...msg: unknown[]): void;
}

/** Waits `ms` real milliseconds, or less if `signal` aborts (then it resolves, not rejects). */
export type Sleep = (ms: number, signal: AbortSignal) => Promise<void>;

const realSleep: Sleep = (ms, signal) => delay(ms, undefined, { signal }).catch(() => undefined);

/** Slack allows about one message a second per channel; a little slower is safer. */
export const DEFAULT_PACING_MS = 1100;

export interface SenderHooks {
  /** Slack confirmed the message: make it durable. */
  posted(digest: PlannedDigest, ts: string | undefined): Promise<void>;
  /** The slot began before the message could go out. */
  missed(digest: PlannedDigest, why: string): Promise<void>;
  /** Slack refused it for good (e.g. channel_not_found): not retried by this process. */
  failed(digest: PlannedDigest, error: unknown): void;
  /**
   * The digest as the running catalog has it now (titles or rooms may have been
   * edited), or null when a reload dropped it. Asked before every attempt.
   */
  current?(digest: PlannedDigest): PlannedDigest | null;
}

export interface SenderOptions {
  client: ChatClient;
  clock: Clock;
  logger: DigestLogger;
  hooks: SenderHooks;
  sleep?: Sleep;
  render?: (digest: PlannedDigest) => SlackMessage;
  /** Real milliseconds between two posts to the same channel (Slack allows about 1/s). */
  pacingMs?: number;
  /** First retry delay after a 5xx or network error; doubles up to `maxBackoffMs`. */
  initialBackoffMs?: number;
  maxBackoffMs?: number;
  random?: () => number;
}

export interface DigestSender {
  /** Queues a digest for its channel; false if it is already queued or being sent. */
  enqueue(digest: PlannedDigest): boolean;
  /** True while the digest is queued or being sent. */
  has(key: string): boolean;
  /** Resolves when every channel's queue is empty. */
  idle(): Promise<void>;
  /** Stops retrying and waiting; a post already on the wire is still recorded. */
  stop(): Promise<void>;
}

type Failure =
  | { kind: "rate-limited"; waitMs: number; what: string }
  | { kind: "transient"; what: string }
  | { kind: "permanent"; what: string };

const TRANSIENT_PLATFORM_ERRORS = new Set([
  "internal_error",
  "fatal_error",
  "service_unavailable",
  "request_timeout",
  "ratelimited",
]);

/** Sorts an error from @slack/web-api (matched by its stable `code`) or a fake. */
function classifyFailure(err: unknown): Failure {
  const e = (err ?? {}) as {
    code?: unknown;
    retryAfter?: unknown;
    statusCode?: unknown;
    data?: { error?: unknown };
    message?: unknown;
  };
  const message = typeof e.message === "string" ? e.message : String(err);
  switch (e.code) {
    case "slack_webapi_rate_limited_error": {
      const seconds = typeof e.retryAfter === "number" && e.retryAfter >= 0 ? e.retryAfter : 1;
      return { kind: "rate-limited", waitMs: seconds * 1000, what: `429, retry after ${seconds}s` };
    }
    case "slack_webapi_http_error": {
      const status = typeof e.statusCode === "number" ? e.statusCode : 0;
      const what = `HTTP ${status}`;
      return status >= 500 || status === 408
        ? { kind: "transient", what }
        : { kind: "permanent", what };
    }
    case "slack_webapi_platform_error": {
      const code = typeof e.data?.error === "string" ? e.data.error : "unknown_error";
      return TRANSIENT_PLATFORM_ERRORS.has(code)
        ? { kind: "transient", what: code }
        : { kind: "permanent", what: code };
    }
    default:
      // Network trouble (slack_webapi_request_error) and anything unforeseen: retry
      // until the slot starts, which bounds the cost of being wrong.
      return { kind: "transient", what: message };
  }
}

/**
 * Posts digests with one queue per channel, so a channel that is rate limited or
 * failing never holds up another. Within a channel, digests go out earliest slot
 * first and at most one per `pacingMs`.
 */
export function createSender(options: SenderOptions): DigestSender {
  const {
    client,
    clock,
    logger,
    hooks,
    sleep = realSleep,
    render = digestMessage,
    pacingMs = DEFAULT_PACING_MS,
    initialBackoffMs = 1000,
    maxBackoffMs = 60_000,
    random = Math.random,
  } = options;
  const stopping = new AbortController();
  const queues = new Map<string, PlannedDigest[]>();
  const workers = new Map<string, Promise<void>>();
  const active = new Set<string>();

  function enqueue(digest: PlannedDigest): boolean {
    if (stopping.signal.aborted || active.has(digest.key)) return false;
    active.add(digest.key);
    let queue = queues.get(digest.channel);
    if (!queue) {
      queue = [];
      queues.set(digest.channel, queue);
    }
    queue.push(digest);
    queue.sort((a, b) => a.deadline.getTime() - b.deadline.getTime());
    if (!workers.has(digest.channel)) workers.set(digest.channel, drain(digest.channel, queue));
    return true;
  }

  async function drain(channel: string, queue: PlannedDigest[]): Promise<void> {
    // Let the rest of a tick's digests join the queue so the earliest slot goes first.
    await Promise.resolve();
    try {
      for (let next = queue.shift(); next; next = queue.shift()) {
        if (stopping.signal.aborted) {
          active.delete(next.key);
          continue;
        }
        let posted = false;
        try {
          posted = await deliver(next);
        } catch (err) {
          logger.error(`digest ${next.key}: unexpected error`, err);
        } finally {
          active.delete(next.key);
        }
        // Pace even when the queue is empty now: a digest may arrive a moment later.
        if (posted) await sleep(pacingMs, stopping.signal);
      }
    } finally {
      // Reached with no await since the queue was found empty: nothing slips in unseen.
      for (const left of queue) active.delete(left.key);
      queues.delete(channel);
      workers.delete(channel);
    }
  }

  /** Tries until Slack confirms, the slot begins, or Slack refuses for good. */
  async function deliver(queued: PlannedDigest): Promise<boolean> {
    let failures = 0;
    let lastProblem = "";
    while (!stopping.signal.aborted) {
      const digest = hooks.current ? hooks.current(queued) : queued;
      if (!digest) {
        logger.info(`digest ${queued.key}: no longer in the catalog, not posted`);
        return false;
      }
      if (clock.now().getTime() >= digest.deadline.getTime()) {
        const why = lastProblem
          ? `its slot began while Slack kept failing (${lastProblem})`
          : "its slot began before it could be sent";
        await hooks.missed(digest, why);
        return false;
      }
      let ts: string | undefined;
      try {
        const res = await client.chat.postMessage({
          channel: digest.channel,
          ...render(digest),
          unfurl_links: false,
          unfurl_media: false,
        });
        if (res.ok === false) {
          throw Object.assign(new Error(res.error ?? "not ok"), {
            code: "slack_webapi_platform_error",
            data: { error: res.error },
          });
        }
        ts = res.ts;
      } catch (err) {
        const failure = classifyFailure(err);
        lastProblem = failure.what;
        if (failure.kind === "permanent") {
          hooks.failed(digest, err);
          return false;
        }
        const waitMs =
          failure.kind === "rate-limited"
            ? failure.waitMs
            : Math.min(maxBackoffMs, initialBackoffMs * 2 ** failures) * (0.5 + random() / 2);
        failures++;
        logger.warn(
          `digest ${digest.key} to ${digest.channel}: ${failure.what}; retrying in ${Math.round(waitMs)} ms`,
        );
        await sleep(waitMs, stopping.signal);
        continue;
      }
      await hooks.posted(digest, ts);
      return true;
    }
    return false;
  }

  return {
    enqueue,
    has: (key) => active.has(key),
    async idle() {
      while (workers.size > 0) await Promise.all([...workers.values()]);
    },
    async stop() {
      stopping.abort();
      await Promise.all([...workers.values()]);
    },
  };
}
