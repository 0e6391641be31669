/**
 * One schedule source (TALKBOT_SCHEDULE_URL names one or more): an http(s) URL
 * fetched with conditional requests, or a file compared by size and mtime. It says
 * whether there is something new to import, and keeps its own health: one log line
 * when it starts failing, one when it recovers, and a backoff in between.
 */
import { createHash } from "node:crypto";
import { readFile, stat } from "node:fs/promises";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { decodeFile } from "../catalog/import/decode-file.ts";
import { TalkbotError } from "../errors.ts";
import type { Logger } from "../log.ts";

/** What a conditional request needs from the last body seen. */
export interface Validators {
  etag?: string;
  lastModified?: string;
}

/** The last body a source is known to have served (seeded from the archive after a restart). */
export interface KnownBody extends Validators {
  /** `contentHash` of the text. */
  hash: string;
}

export type FetchOutcome =
  /** Nothing new: a 304, the same bytes again, or a file whose size and mtime did not change. */
  | { kind: "unchanged"; via: "not-modified" | "same-content" | "same-file" }
  | ({ kind: "changed"; text: string; hash: string } & Validators)
  | { kind: "failed"; error: string }
  /** Still backing off after failures: no request was made. */
  | { kind: "backing-off"; retryInMs: number };

export interface ScheduleSourceOptions {
  /** An http(s) URL, a file: URL or a file path, as configured. */
  location: string;
  logger: Logger;
  /** The poll interval: backoff starts from it and never goes below it. */
  intervalMs?: number;
  /** Longest wait between attempts while failing (default the larger of 15 min and the interval). */
  maxBackoffMs?: number;
  /** A request (headers and body) that takes longer than this fails (default 30 s). */
  timeoutMs?: number;
  fetch?: typeof globalThis.fetch;
  /** 0 ≤ x < 1, for jitter. */
  random?: () => number;
  /**
   * Real milliseconds (monotonic): backoff and the "failing for" line are real time,
   * even in a rehearsal whose talkbot clock runs fast.
   */
  realNow?: () => number;
}

export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_INTERVAL_MS = 300_000;
const MIN_MAX_BACKOFF_MS = 15 * 60_000;

/** 16 hex digits of SHA-256: a release's id, and how "the same bytes again" is told. */
export function contentHash(text: string): string {
  return createHash("sha256").update(text).digest("hex").slice(0, 16);
}

/** A location that cannot be a schedule source (a typo in TALKBOT_SCHEDULE_URL, say). */
export class ScheduleSourceError extends TalkbotError {
  constructor(message: string) {
    super("schedule_source_invalid", message);
  }
}

type Target = { kind: "http"; url: string } | { kind: "file"; path: string };

function targetOf(location: string): Target {
  const trimmed = location.trim();
  if (trimmed === "") throw new ScheduleSourceError("an empty schedule source");
  if (/^https?:\/\//i.test(trimmed)) {
    try {
      return { kind: "http", url: new URL(trimmed).href };
    } catch {
      throw new ScheduleSourceError(`"${trimmed}" is not a valid URL`);
    }
  }
  if (/^file:/i.test(trimmed)) return { kind: "file", path: fileURLToPath(trimmed) };
  if (/^[a-z][a-z0-9+.-]+:\/\//i.test(trimmed)) {
    throw new ScheduleSourceError(
      `"${trimmed}": only http(s) URLs and file paths can be schedule sources`,
    );
  }
  return { kind: "file", path: resolve(trimmed) };
}

/** "HTTP 503 Service Unavailable", "no answer within 30 s", "ENOENT: no such file …". */
function describeFailure(err: unknown, timeoutMs: number): string {
  const e = err as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e?.name === "TimeoutError") {
    const limit = timeoutMs < 1000 ? `${timeoutMs} ms` : `${Math.round(timeoutMs / 1000)} s`;
    return `no answer within ${limit}`;
  }
  const cause = e?.cause?.code ?? e?.cause?.message;
  const message = e?.message ?? String(err);
  return cause && !message.includes(cause) ? `${message} (${cause})` : message;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

function duration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 120) return plural(s, "second");
  const m = Math.round(s / 60);
  if (m < 120) return plural(m, "minute");
  return `${(m / 60).toFixed(1)} hours`;
}

export class ScheduleSource {
  /** The location as configured: the key its releases are archived under. */
  readonly key: string;
  private readonly target: Target;
  private readonly logger: Logger;
  private readonly intervalMs: number;
  private readonly maxBackoffMs: number;
  private readonly timeoutMs: number;
  private readonly fetchImpl: typeof globalThis.fetch;
  private readonly random: () => number;
  private readonly realNow: () => number;
  private known: KnownBody | null = null;
  private fileStamp: string | null = null;
  private failures = 0;
  private failingSince = 0;
  private retryAt = 0;

  constructor(options: ScheduleSourceOptions) {
    this.key = options.location.trim();
    this.target = targetOf(options.location);
    this.logger = options.logger;
    this.intervalMs = options.intervalMs ?? DEFAULT_INTERVAL_MS;
    this.maxBackoffMs = Math.max(
      this.intervalMs,
      options.maxBackoffMs ?? Math.max(MIN_MAX_BACKOFF_MS, this.intervalMs),
    );
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.fetchImpl = options.fetch ?? globalThis.fetch;
    this.random = options.random ?? Math.random;
    this.realNow = options.realNow ?? (() => performance.now());
  }

  /** The URL or absolute file path, for messages. */
  get label(): string {
    return this.target.kind === "http" ? this.target.url : this.target.path;
  }

  get isFailing(): boolean {
    return this.failures > 0;
  }

  /** What was last served (e.g. the release restored from the archive), for the next request. */
  remember(body: KnownBody): void {
    this.known = { ...body };
  }

  /** Forget the last body, so the next fetch downloads and imports it whatever it is. */
  forget(): void {
    this.known = null;
    this.fileStamp = null;
  }

  /**
   * How long until this source should be tried again: the poll interval while it is
   * healthy; while it fails, twice as long per failure (from twice the interval),
   * capped, with jitter so that replicas do not retry in step, and never less than
   * the interval.
   */
  delayMs(): number {
    if (this.failures === 0) return this.intervalMs;
    const exponent = Math.min(this.failures, 30);
    const ceiling = Math.min(this.maxBackoffMs, this.intervalMs * 2 ** exponent);
    const jittered = ceiling / 2 + this.random() * (ceiling / 2);
    return Math.round(Math.max(this.intervalMs, Math.min(ceiling, jittered)));
  }

  /** Milliseconds until the next attempt is due (0 when due now). */
  dueInMs(): number {
    return this.failures === 0 ? 0 : Math.max(0, this.retryAt - this.realNow());
  }

  /**
   * One attempt, unless still backing off (`force` attempts anyway). Never throws:
   * failures are an outcome, logged once when they start and once when they end.
   */
  async fetch(options: { force?: boolean } = {}): Promise<FetchOutcome> {
    if (!options.force) {
      const wait = this.dueInMs();
      if (wait > 0) return { kind: "backing-off", retryInMs: wait };
    }
    let outcome: FetchOutcome;
    try {
      outcome =
        this.target.kind === "http"
          ? await this.fetchHttp(this.target.url)
          : await this.readFile(this.target.path);
    } catch (err) {
      outcome = { kind: "failed", error: describeFailure(err, this.timeoutMs) };
    }
    if (outcome.kind === "failed") this.failed(outcome.error);
    else this.succeeded();
    return outcome;
  }

  private failed(error: string): void {
    this.failures++;
    if (this.failures === 1) {
      this.failingSince = this.realNow();
      this.logger.warn(
        `schedule source ${this.label} is failing: ${error}; keeping the release in force and retrying with backoff`,
      );
    }
    this.retryAt = this.realNow() + this.delayMs();
  }

  private succeeded(): void {
    if (this.failures > 0) {
      this.logger.info(
        `schedule source ${this.label} recovered after ${duration(this.realNow() - this.failingSince)} (${plural(this.failures, "failed attempt")})`,
      );
    }
    this.failures = 0;
    this.retryAt = 0;
  }

  private changedOrSame(text: string, validators: Validators): FetchOutcome {
    const hash = contentHash(text);
    const same = this.known?.hash === hash;
    this.known = { hash, ...validators };
    if (same) return { kind: "unchanged", via: "same-content" };
    return { kind: "changed", text, hash, ...validators };
  }

  private async fetchHttp(url: string): Promise<FetchOutcome> {
    const headers: Record<string, string> = {
      accept: "application/json, application/xml, text/xml;q=0.9, */*;q=0.8",
      "user-agent": "talkbot (schedule follower)",
    };
    if (this.known?.etag) headers["if-none-match"] = this.known.etag;
    if (this.known?.lastModified) headers["if-modified-since"] = this.known.lastModified;
    const signal = AbortSignal.timeout(this.timeoutMs);
    const response = await this.fetchImpl(url, { headers, signal, redirect: "follow" });
    if (response.status === 304) {
      await response.body?.cancel();
      if (this.known) return { kind: "unchanged", via: "not-modified" };
      return {
        kind: "failed",
        error: "HTTP 304 Not Modified to a request that was not conditional",
      };
    }
    if (!response.ok) {
      await response.body?.cancel();
      const text = response.statusText ? ` ${response.statusText}` : "";
      return { kind: "failed", error: `HTTP ${response.status}${text}` };
    }
    // The same signal bounds the body, so a server that stalls mid-body times out too.
    const bytes = new Uint8Array(await response.arrayBuffer());
    const etag = response.headers.get("etag") ?? undefined;
    const lastModified = response.headers.get("last-modified") ?? undefined;
    return this.changedOrSame(decodeFile(bytes), {
      ...(etag ? { etag } : {}),
      ...(lastModified ? { lastModified } : {}),
    });
  }

  private async readFile(path: string): Promise<FetchOutcome> {
    const before = await stat(path);
    if (!before.isFile()) return { kind: "failed", error: `${path} is not a file` };
    const stamp = `${before.size}:${before.mtimeMs}:${before.ino}`;
    if (this.known && stamp === this.fileStamp) return { kind: "unchanged", via: "same-file" };
    const bytes = await readFile(path);
    this.fileStamp = stamp;
    return this.changedOrSame(decodeFile(bytes), {});
  }
}
