import cron from "node-cron";
import type { Clock } from "../clock.ts";
import {
  createDeliveryEngine,
  DEFAULT_PACING_MS,
  type DeliveryPort,
  type EngineTuning,
} from "../delivery/engine.ts";
import { holderId } from "../delivery/holder.ts";
import { serialTicks } from "../delivery/serial-ticks.ts";
import type { Logger } from "../log.ts";
import { type Snapshot, snapshotSlot } from "../snapshot.ts";
import type { Store } from "../store/store.ts";
import { toOffsetIso } from "../time/zone.ts";
import {
  DEFAULT_MISSED_WITHIN_MS,
  dueAmong,
  type LedgerView,
  type PlannedDigest,
  planDigests,
  scopeName,
} from "./plan.ts";
import {
  type DigestSettings,
  describeSettings,
  shortestLeadMinutes,
  unmatchedNames,
} from "./settings.ts";
import { trackIdentities } from "./track-identity.ts";

/** Something that calls `beat` every `seconds` real seconds until stopped. */
export type Heartbeat = (seconds: number, beat: () => Promise<void>) => { stop(): void };

/** node-cron's every-N-seconds schedule; `noOverlap` skips a beat while a tick still runs. */
export const cronHeartbeat: Heartbeat = (seconds, beat) => {
  const task = cron.schedule(`*/${seconds} * * * * *`, beat, {
    name: "talkbot-digests",
    noOverlap: true,
  });
  return { stop: () => void task.destroy() };
};

export interface StartDigestsOptions {
  settings: DigestSettings;
  /** The running catalog's snapshot, read afresh on every tick so reloads take effect. */
  current: () => Snapshot;
  /** Where digests go: Slack, or the terminal. */
  port: DeliveryPort<PlannedDigest>;
  store: Store;
  clock: Clock;
  logger: Logger;
  /** This process in the store's claims. */
  holder?: string;
  /** TALKBOT_SPEED: how many times faster than real time `clock` runs. */
  speed?: number;
  heartbeat?: Heartbeat;
  engine?: EngineTuning<PlannedDigest>;
  missedWithinMs?: number;
  /**
   * A session that was never running before (a terminal rehearsal): digests whose
   * slot began before the start are skipped and counted here once, instead of
   * each being recorded as missed "while the bot was not running".
   */
  onPastSkipped?: (count: number) => void;
  /**
   * Runs once with the first plan, before anything is posted (Slack: import an
   * older ledger, join the channels), so start-up plans the catalog only once.
   */
  prepare?: (plan: readonly PlannedDigest[]) => Promise<void>;
}

export interface TickReport {
  at: Date;
  /** Keys handed to the engine on this tick. */
  queued: string[];
  /** Keys found missed (and recorded as such) on this tick. */
  missed: string[];
}

export interface DigestRunner {
  /** Plans what is due now and hands it to the engine; the heartbeat calls this. */
  tick(): Promise<TickReport>;
  /** Resolves when nothing is queued or being sent (for tests and shutdown). */
  idle(): Promise<void>;
  stop(): Promise<void>;
  /** Real seconds between heartbeats (0 when digests are off). */
  readonly heartbeatSeconds: number;
}

// Seconds that divide a minute, so `*/N` fires at even intervals.
const HEARTBEAT_STEPS = [1, 2, 3, 4, 5, 6, 10] as const;

/**
 * Real seconds between heartbeats. Each digest may go out from `lead` minutes
 * before its slot until the slot starts; on a clock running `speed` times fast that
 * window lasts lead*60/speed real seconds, and at least four beats should fall in
 * it so that none is skipped even when a beat is late.
 */
export function heartbeatSeconds(shortestLeadMin: number, speed: number): number {
  const windowRealSec = (Math.max(shortestLeadMin, 1) * 60) / speed;
  const wanted = windowRealSec / 4;
  let pick: number = HEARTBEAT_STEPS[0];
  for (const s of HEARTBEAT_STEPS) if (s <= wanted) pick = s;
  return pick;
}

/**
 * Posting to one channel is paced at about one message a second in real time. At
 * a high TALKBOT_SPEED a burst of digests for one channel can take longer, in
 * simulated time, than their lead: say so rather than let them go missing quietly.
 */
export function burstWarning(
  plan: readonly PlannedDigest[],
  speed: number,
  pacingMs: number,
): string | null {
  const bursts = new Map<string, PlannedDigest[]>();
  for (const d of plan) {
    const key = `${d.channel} ${d.dueAt.getTime()}`;
    bursts.set(key, [...(bursts.get(key) ?? []), d]);
  }
  let worst: { digests: PlannedDigest[]; overrunMs: number } | null = null;
  for (const digests of bursts.values()) {
    const first = digests[0] as PlannedDigest;
    const windowMs = first.deadline.getTime() - first.dueAt.getTime();
    const overrunMs = (digests.length - 1) * pacingMs * speed - windowMs;
    if (overrunMs > 0 && (!worst || overrunMs > worst.overrunMs)) worst = { digests, overrunMs };
  }
  if (!worst) return null;
  const first = worst.digests[0] as PlannedDigest;
  const minutes = ((worst.digests.length - 1) * pacingMs * speed) / 60_000;
  return (
    `digests: ${worst.digests.length} digests fall due together for ${first.channel} (first at ${first.dueAt.toISOString()}); ` +
    `at ${speed}x, posting them about one a second takes ${minutes.toFixed(0)} simulated minutes, longer than their ${first.leadMinutes}-minute lead, ` +
    "so the last ones will be reported missed. Give tracks their own channels or lower TALKBOT_SPEED."
  );
}

const disabledRunner: DigestRunner = {
  tick: async () => ({ at: new Date(0), queued: [], missed: [] }),
  idle: async () => {},
  stop: async () => {},
  heartbeatSeconds: 0,
};

/**
 * Starts the up-next digests: a catch-up tick now, then one per heartbeat. Each tick
 * plans what is due and hands it to the delivery engine, which claims, posts and
 * records it; the store alone says what is settled. Returns at once; a tick's
 * errors are logged, never thrown at the heartbeat.
 */
export function startDigests(options: StartDigestsOptions): DigestRunner {
  const { settings, current, store, clock, logger } = options;
  logger.info(describeSettings(settings));
  if (!settings.enabled) return disabledRunner;

  const speed = options.speed ?? 1;
  const missedWithinMs = options.missedWithinMs ?? DEFAULT_MISSED_WITHIN_MS;
  const startedAt = clock.now();
  const shortest = shortestLeadMinutes(settings);
  const beatEvery = heartbeatSeconds(shortest, speed);
  const windowRealSec = (Math.max(shortest, 1) * 60) / speed;
  logger.info(
    `digests: heartbeat every ${beatEvery}s${speed === 1 ? "" : ` (clock at ${speed}x)`}`,
  );
  if (windowRealSec < beatEvery * 2) {
    logger.warn(
      `digests: at ${speed}x a ${shortest}-minute lead lasts ${windowRealSec.toFixed(1)} real seconds, ` +
        "shorter than two heartbeats: some digests will be reported missed. Lower TALKBOT_SPEED or raise the lead.",
    );
  }

  // The plan only changes with the catalog (a reload), so each snapshot keeps its
  // own, made on its first tick (this runner's: another may have other settings).
  // The track identities it is keyed by come from the store, so they survive renames.
  type Planned = { plan: PlannedDigest[]; byKey: Map<string, PlannedDigest> };
  const plans = snapshotSlot<{ planned?: Planned }>(() => ({}));
  const planOf = async (snapshot: Snapshot): Promise<Planned> => {
    const kept = snapshot.cache(plans);
    if (!kept.planned) {
      const { catalog } = snapshot;
      const plan = planDigests(catalog, settings, await trackIdentities(store, catalog));
      kept.planned = { plan, byKey: new Map(plan.map((d) => [d.key, d])) };
    }
    return kept.planned;
  };
  // The plan of the last tick, which the engine checks a queued digest against.
  let planned: Planned | null = null;

  const engine = createDeliveryEngine<PlannedDigest>({
    store,
    port: options.port,
    clock,
    logger,
    holder: options.holder ?? holderId(),
    ...options.engine,
    describe,
    // Planned against the catalog in force at the last tick.
    current: (d) => (planned ? (planned.byKey.get(d.key) ?? null) : d),
  });

  // Settled keys never become unsettled: remember them so each tick asks the store
  // only about what is still open.
  const settledSeen = new Set<string>();
  let lastTick = startedAt;
  let first = true;
  async function runTick(): Promise<TickReport> {
    const now = clock.now();
    const report: TickReport = { at: now, queued: [], missed: [] };
    const snapshot = current();
    planned = await planOf(snapshot);
    const { plan } = planned;
    const firstTick = first;
    if (first) {
      // Until it succeeds nothing is posted: a failed import must not let old posts repeat.
      await options.prepare?.(plan);
      first = false;
      const burst = burstWarning(plan, speed, options.engine?.pacingMs ?? DEFAULT_PACING_MS);
      if (burst) logger.warn(burst);
      for (const problem of unmatchedNames(settings, snapshot.catalog)) {
        logger.warn(`digests: ${settings.configFile ?? "config"}: ${problem}`);
      }
    }
    const open: LedgerView = { has: (key) => settledSeen.has(key) || engine.has(key) };
    const candidates = dueAmong(plan, now, open, { missedWithinMs });
    if (firstTick && options.onPastSkipped) {
      // Only on the first tick: later misses are real and reported one by one.
      const past = candidates.missed.filter((d) => d.dueAt.getTime() < startedAt.getTime());
      for (const d of past) settledSeen.add(d.key);
      if (past.length > 0) options.onPastSkipped(past.length);
    }
    const keys = [...candidates.due, ...candidates.missed].map((d) => d.key);
    for (const key of await store.settledAmong(keys)) settledSeen.add(key);
    for (const d of candidates.missed) {
      if (settledSeen.has(d.key)) continue;
      const why =
        d.dueAt.getTime() < startedAt.getTime()
          ? "it fell due while the bot was not running and its slot has begun"
          : d.dueAt.getTime() >= lastTick.getTime()
            ? "the heartbeat came too late for it (clock too fast for the lead time?)"
            : "its slot began before it could be sent";
      await engine.miss(d, why);
      settledSeen.add(d.key);
      report.missed.push(d.key);
    }
    for (const d of candidates.due) {
      if (!settledSeen.has(d.key) && engine.enqueue(d)) report.queued.push(d.key);
    }
    lastTick = now;
    return report;
  }

  const { tick, beat, settled } = serialTicks(runTick, (err) =>
    logger.error("digests: tick failed", err),
  );

  void beat();
  const heart = (options.heartbeat ?? cronHeartbeat)(beatEvery, beat);
  let stopped = false;
  return {
    tick,
    idle: async () => {
      await settled();
      await engine.idle();
    },
    heartbeatSeconds: beatEvery,
    async stop() {
      if (stopped) return;
      stopped = true;
      heart.stop();
      await settled();
      await engine.stop();
    },
  };
}

/** "Culture (QCon London 2020), slot 2020-03-03T10:35:00+00:00, 2 talks": event-zone time. */
export function describe(d: PlannedDigest): string {
  const slot = toOffsetIso(d.slotStart, d.event.timeZone ?? "UTC");
  return `${scopeName(d)} (${d.event.name ?? d.event.id}), slot ${slot}, ${d.talks.length} talk${d.talks.length === 1 ? "" : "s"}`;
}
