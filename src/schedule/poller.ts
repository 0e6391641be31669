/**
 * Follows the organizer's export: polls every source, and when one serves
 * something new, builds the release (every source's latest text), decides on it
 * (release.ts) and hands an applied release to `onRelease`. The last applied
 * release is archived, so a restart serves it while the sources are down.
 */
import { setTimeout as sleepFor } from "node:timers/promises";
import { diff, type ScheduleDiff } from "../catalog/diff.ts";
import type { Catalog } from "../catalog/schema.ts";
import type { ScheduleConfig } from "../config.ts";
import { TalkbotError } from "../errors.ts";
import type { Logger } from "../log.ts";
import { isIanaZone } from "../time/zone.ts";
import { type ArchivedRelease, type ReleaseArchive, sourceSetKey } from "./archive.ts";
import { type Refusal, type ReleaseBody, releaseIdOf } from "./release.ts";
import { inThisThread, type ReleaseChecker } from "./release-checker.ts";
import { contentHash, DEFAULT_INTERVAL_MS, ScheduleSource, type Validators } from "./source.ts";

export interface ScheduleRelease {
  /** The catalog to serve from now on: valid, merged from every source. */
  catalog: Catalog;
  /** What changed against the catalog in force before it (empty when `first` or `restored`). */
  changes: ScheduleDiff;
  /** The first release ever applied from these sources: serve it, announce nothing. */
  first: boolean;
  /** A content hash of the release: the same texts give the same id, after restarts too. */
  releaseId: string;
  /** Served again from the archive at start-up: it was announced when first applied. */
  restored: boolean;
}

/** What TALKBOT_SCHEDULE_* say, as the poller takes it. */
export function pollerSettings(
  schedule: ScheduleConfig,
): Pick<SchedulePollerOptions, "sources" | "timeZone" | "intervalSeconds"> {
  return {
    sources: schedule.sources,
    ...(schedule.timeZone ? { timeZone: schedule.timeZone } : {}),
    intervalSeconds: schedule.pollSeconds,
  };
}

export type PollResult =
  /** Nothing new: 304s, the same bytes again, or every source that might have changed failing. */
  | { kind: "unchanged" }
  /** Something changed, but a source has never served anything yet: no release without it. */
  | { kind: "waiting"; sources: string[] }
  | { kind: "applied"; release: ScheduleRelease }
  /** `logged` is false when the same release was refused (and logged) before. */
  | { kind: "refused"; releaseId: string; refusal: Refusal; logged: boolean }
  /** `onRelease` threw: nothing was applied, and the next poll downloads the release again. */
  | { kind: "not-applied"; releaseId: string; error: string };

/** Waits `ms` real milliseconds, or rejects when `signal` aborts. */
export type Sleep = (ms: number, signal: AbortSignal) => Promise<void>;

export interface SchedulePollerOptions {
  /** URLs or file paths, in order (TALKBOT_SCHEDULE_URL, split on commas). */
  sources: readonly string[];
  archive: ReleaseArchive;
  /** Called with each applied release; the archive is written once it resolves. */
  onRelease: (release: ScheduleRelease) => void | Promise<void>;
  logger: Logger;
  /** Zone for exports that do not name one (TALKBOT_SCHEDULE_TIME_ZONE). */
  timeZone?: string;
  /** Real seconds between polls (TALKBOT_SCHEDULE_POLL_SECONDS, default 300). */
  intervalSeconds?: number;
  maxRemovedShare?: number;
  timeoutMs?: number;
  maxBackoffMs?: number;
  fetch?: typeof globalThis.fetch;
  random?: () => number;
  realNow?: () => number;
  sleep?: Sleep;
  /** Where releases are imported and diffed (default this thread; the bot: a worker). */
  checker?: ReleaseChecker;
  /**
   * The release the store says was applied last from these sources, by any
   * replica. Asked before each poll: one another replica applied meanwhile is
   * adopted from the archive (its announcements are that replica's), so this one
   * never diffs a new release against a catalog two releases old.
   */
  appliedElsewhere?: () => Promise<string | null>;
}

interface SourceState {
  source: ScheduleSource;
  /** The last text the source served (applied or not), with its validators. */
  latest: ({ text: string; hash: string } & Validators) | null;
}

const REFUSALS_REMEMBERED = 64;

const realSleep: Sleep = async (ms, signal) => {
  // Unreferenced: a pending poll never keeps the process alive on its own.
  await sleepFor(ms, undefined, { signal, ref: false });
};

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

function summary(changes: ScheduleDiff): string {
  const parts = [
    `${changes.added.length} added`,
    `${changes.removed.length} cancelled`,
    `${changes.moved.length} moved`,
    `${changes.retitled.length} retitled`,
    `${changes.speakersChanged.length} with changed speakers`,
    `${changes.retracked.length} in another track`,
  ];
  return changes.changes.length === 0 ? "no changes a reader would see" : parts.join(", ");
}

export class SchedulePoller {
  private readonly states: SourceState[];
  private readonly options: SchedulePollerOptions;
  private readonly intervalMs: number;
  private readonly sleep: Sleep;
  private readonly checker: ReleaseChecker;
  private readonly refused = new Set<string>();
  private catalog: Catalog | null = null;
  private appliedId: string | null = null;
  private busy: Promise<unknown> = Promise.resolve();
  private stopping: AbortController | null = null;
  private loop: Promise<void> | null = null;

  constructor(options: SchedulePollerOptions) {
    if (options.sources.length === 0) {
      throw new TalkbotError("schedule_source_invalid", "no schedule source given");
    }
    if (options.timeZone !== undefined && !isIanaZone(options.timeZone)) {
      throw new TalkbotError(
        "schedule_time_zone_invalid",
        `TALKBOT_SCHEDULE_TIME_ZONE "${options.timeZone}" is not an IANA time zone name (e.g. Europe/Berlin)`,
      );
    }
    this.options = options;
    this.intervalMs =
      options.intervalSeconds === undefined ? DEFAULT_INTERVAL_MS : options.intervalSeconds * 1000;
    this.sleep = options.sleep ?? realSleep;
    this.checker = options.checker ?? inThisThread;
    const keys = new Set<string>();
    this.states = options.sources.map((location) => {
      const source = new ScheduleSource({
        location,
        logger: options.logger,
        intervalMs: this.intervalMs,
        ...(options.maxBackoffMs === undefined ? {} : { maxBackoffMs: options.maxBackoffMs }),
        ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
        ...(options.fetch ? { fetch: options.fetch } : {}),
        ...(options.random ? { random: options.random } : {}),
        ...(options.realNow ? { realNow: options.realNow } : {}),
      });
      if (keys.has(source.key)) {
        throw new TalkbotError(
          "schedule_source_invalid",
          `schedule source ${source.key} is given twice`,
        );
      }
      keys.add(source.key);
      return { source, latest: null };
    });
  }

  /** The catalog of the release in force, or null before the first one. */
  current(): Catalog | null {
    return this.catalog;
  }

  /** The id of the release in force, or null before the first one. */
  get appliedReleaseId(): string | null {
    return this.appliedId;
  }

  /**
   * The catalog of the release applied before the archived one, when that was
   * `releaseId` and every source still has its text (the archive keeps one back).
   */
  async archivedRelease(releaseId: string): Promise<Catalog | null> {
    const { archive } = this.options;
    const previous = await Promise.all(
      this.states.map((s) => archive.previousRelease(s.source.key)),
    );
    if (previous.some((p) => p?.releaseId !== releaseId)) return null;
    const candidate = await this.checker.build(this.bodiesOf(previous), this.importOptions());
    return candidate.ok ? candidate.catalog : null;
  }

  /** The key of these sources together, for the record of the release applied from them. */
  get sourceSet(): string {
    return sourceSetKey(this.states.map((s) => s.source.key));
  }

  /** The sources, in order (for tests and status lines). */
  get sources(): readonly ScheduleSource[] {
    return this.states.map((s) => s.source);
  }

  /**
   * Reads the archive: every source's last applied text becomes the release in
   * force again (handed to `onRelease` as `restored`, announcing nothing), and the
   * next requests are conditional on it. Null when some source has no archived
   * release (its first release then starts over, without announcements).
   */
  async restore(): Promise<ScheduleRelease | null> {
    return this.exclusive(async () => {
      const { logger } = this.options;
      const records = await this.archivedRecords();
      this.takeArchived(records);
      if (records.some((r) => r === null)) return null;
      const candidate = await this.checker.build(this.bodiesOf(records), this.importOptions());
      if (!candidate.ok) {
        // Possible after an upgrade whose importer is stricter: start over, quietly.
        logger.warn(
          `the archived schedule release cannot be read any more (${candidate.refusal.message}); waiting for the sources' next release, which will announce nothing`,
        );
        for (const s of this.states) {
          s.latest = null;
          s.source.forget();
        }
        return null;
      }
      const releaseId = releaseIdOf(this.states.map((s) => s.latest?.hash ?? ""));
      const release = await this.serveArchived(candidate.catalog, releaseId);
      logger.info(
        `schedule release ${releaseId} restored from the archive: ${plural(candidate.catalog.talks.length, "talk")}`,
      );
      return release;
    });
  }

  /**
   * Makes `releaseId`, applied by another replica, the release in force here, when
   * the archive already holds it for every source (that replica archives it just
   * after recording it applied: until then, this poll goes on as if it had not).
   */
  private async adopt(releaseId: string): Promise<boolean> {
    const records = await this.archivedRecords();
    if (records.some((r) => r?.releaseId !== releaseId)) return false;
    const candidate = await this.checker.build(this.bodiesOf(records), this.importOptions());
    if (!candidate.ok) return false;
    await this.serveArchived(candidate.catalog, releaseId);
    // Only once it is in force: until then, the next poll asks for it again.
    this.takeArchived(records);
    this.options.logger.info(
      `schedule release ${releaseId} was applied by another replica; serving it here too (${plural(candidate.catalog.talks.length, "talk")})`,
    );
    return true;
  }

  private archivedRecords(): Promise<(ArchivedRelease | null)[]> {
    return Promise.all(this.states.map((s) => this.options.archive.lastRelease(s.source.key)));
  }

  /** Each source's text from archived records, in source order. */
  private bodiesOf(records: readonly ({ body: string } | null)[]): ReleaseBody[] {
    return this.states.map((s, i) => ({ source: s.source.label, text: records[i]?.body ?? "" }));
  }

  /** An archived release, told already (by this process before, or another replica), in force. */
  private async serveArchived(catalog: Catalog, releaseId: string): Promise<ScheduleRelease> {
    const release: ScheduleRelease = {
      catalog,
      changes: diff(catalog, catalog),
      first: false,
      releaseId,
      restored: true,
    };
    await this.options.onRelease(release);
    this.catalog = catalog;
    this.appliedId = releaseId;
    return release;
  }

  /** Each source's archived text becomes its latest, and the next requests are conditional on it. */
  private takeArchived(records: readonly (ArchivedRelease | null)[]): void {
    records.forEach((rec, i) => {
      const state = this.states[i] as SourceState;
      if (!rec) return;
      const hash = contentHash(rec.body);
      const validators: Validators = {
        ...(rec.etag ? { etag: rec.etag } : {}),
        ...(rec.lastModified ? { lastModified: rec.lastModified } : {}),
      };
      state.latest = { text: rec.body, hash, ...validators };
      state.source.remember({ hash, ...validators });
    });
  }

  /** Polls every source that is due once, and applies or refuses what is new. */
  async pollOnce(): Promise<PollResult> {
    return this.exclusive(() => this.poll());
  }

  /**
   * Restores from the archive, then polls now and every interval (backing off
   * while sources fail) until `stop`. Resolves with the restored release, if any.
   */
  async start(options: { waitFirst?: boolean } = {}): Promise<ScheduleRelease | null> {
    if (this.loop) throw new Error("the schedule poller is already running");
    // Restored (or first polled) already: the caller says whether to ask again now.
    const restored = this.catalog ? null : await this.restore();
    const stopping = new AbortController();
    this.stopping = stopping;
    this.loop = this.run(stopping.signal, options.waitFirst === true);
    return restored;
  }

  async stop(): Promise<void> {
    this.stopping?.abort();
    await this.loop;
    this.loop = null;
    this.stopping = null;
    this.checker.close();
  }

  /** How long to wait before the next poll: the interval, or longer while every source fails. */
  nextDelayMs(): number {
    const waits = this.states.map((s) =>
      s.source.isFailing ? s.source.dueInMs() : this.intervalMs,
    );
    return Math.max(Math.min(this.intervalMs, 1_000), Math.min(...waits));
  }

  private async run(signal: AbortSignal, waitFirst: boolean): Promise<void> {
    let wait = waitFirst;
    while (!signal.aborted) {
      if (wait) {
        try {
          await this.sleep(this.nextDelayMs(), signal);
        } catch (err) {
          if (signal.aborted) break;
          throw err;
        }
      }
      wait = true;
      try {
        await this.pollOnce();
      } catch (err) {
        this.options.logger.error("schedule poll failed:", err);
      }
    }
  }

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const next = this.busy.then(work, work);
    this.busy = next.catch(() => undefined);
    return next;
  }

  private importOptions() {
    return this.options.timeZone ? { timeZone: this.options.timeZone } : {};
  }

  private bodies() {
    return this.states.map((s) => ({ source: s.source.label, text: s.latest?.text ?? "" }));
  }

  private async poll(): Promise<PollResult> {
    const { logger } = this.options;
    let elsewhere: string | null = null;
    try {
      elsewhere = (await this.options.appliedElsewhere?.()) ?? null;
    } catch (err) {
      logger.warn(
        "schedule: could not ask the store which release is applied; polling anyway",
        err,
      );
    }
    if (elsewhere !== null && elsewhere !== this.appliedId) await this.adopt(elsewhere);
    const outcomes = await Promise.all(this.states.map((s) => s.source.fetch()));
    const changed: SourceState[] = [];
    outcomes.forEach((outcome, i) => {
      if (outcome.kind !== "changed") return;
      const state = this.states[i] as SourceState;
      const { text, hash, etag, lastModified } = outcome;
      state.latest = {
        text,
        hash,
        ...(etag ? { etag } : {}),
        ...(lastModified ? { lastModified } : {}),
      };
      changed.push(state);
    });
    if (changed.length === 0) return { kind: "unchanged" };
    const missing = this.states.filter((s) => s.latest === null).map((s) => s.source.label);
    if (missing.length > 0) return { kind: "waiting", sources: missing };

    const releaseId = releaseIdOf(this.states.map((s) => s.latest?.hash ?? ""));
    if (releaseId === this.appliedId) return { kind: "unchanged" };
    const decision = await this.checker.check(this.catalog, this.bodies(), {
      ...this.importOptions(),
      ...(this.options.maxRemovedShare === undefined
        ? {}
        : { maxRemovedShare: this.options.maxRemovedShare }),
    });
    if (!decision.apply) {
      const logged = !this.refused.has(releaseId);
      if (logged) {
        this.refused.add(releaseId);
        if (this.refused.size > REFUSALS_REMEMBERED) {
          this.refused.delete(this.refused.values().next().value as string);
        }
        logger.warn(
          `schedule release ${releaseId} not applied: ${decision.refusal.message}; keeping ${this.appliedId ? `release ${this.appliedId}` : "the catalog in force"}`,
        );
      }
      return { kind: "refused", releaseId, refusal: decision.refusal, logged };
    }

    const release: ScheduleRelease = {
      catalog: decision.catalog,
      changes: decision.changes,
      first: decision.first,
      releaseId,
      restored: false,
    };
    try {
      await this.options.onRelease(release);
    } catch (err) {
      // Not applied: download it again next time rather than trusting a 304 for it.
      for (const s of changed) s.source.forget();
      logger.error(`schedule release ${releaseId} could not be applied:`, err);
      return { kind: "not-applied", releaseId, error: (err as Error)?.message ?? String(err) };
    }
    this.catalog = decision.catalog;
    this.appliedId = releaseId;
    for (const s of this.states) {
      const latest = s.latest;
      if (!latest) continue;
      try {
        await this.options.archive.saveRelease(s.source.key, {
          releaseId,
          body: latest.text,
          ...(latest.etag ? { etag: latest.etag } : {}),
          ...(latest.lastModified ? { lastModified: latest.lastModified } : {}),
        });
      } catch (err) {
        logger.error(
          `schedule release ${releaseId} applied, but not archived for ${s.source.label} (a restart will fetch it again):`,
          err,
        );
      }
    }
    const skipped = decision.skipped.length;
    logger.info(
      `schedule release ${releaseId} applied: ${plural(decision.catalog.talks.length, "talk")}${skipped > 0 ? ` (${plural(skipped, "entry", "entries")} skipped)` : ""}; ${decision.first ? "first release, nothing announced" : summary(decision.changes)}`,
    );
    for (const w of decision.warnings) logger.warn(`schedule release ${releaseId}: ${w}`);
    return { kind: "applied", release };
  }
}
