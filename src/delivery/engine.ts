import { setMaxListeners } from "node:events";
import { setTimeout as delay } from "node:timers/promises";
import type { Clock } from "../clock.ts";
import type { Logger } from "../log.ts";
import type { Store } from "../store/store.ts";
import { type Failure, failureOf } from "./failure.ts";
import { createPostGate, type PostGate, ungated } from "./post-gate.ts";

/** Anything posted exactly once: a digest now, a reminder or a change notice later. */
export interface Deliverable {
  /** Names what it announces, not how it is spelled today; the claim's key. */
  key: string;
  kind: string;
  channel: string;
  /** After this it is too late: settled as missed instead of posted. */
  deadline: Date;
}

/** Where messages go: Slack, or the terminal. Ports classify their errors as DeliveryError. */
export interface DeliveryPort<T extends Deliverable> {
  /** Posts `item` carrying its key (Slack: in message metadata). */
  post(item: T): Promise<{ channel: string; ts: string; payload?: string }>;
  /**
   * Looks in the channel for a message carrying `item.key` posted since `sinceMs`
   * (epoch ms): the answer to "did the post whose outcome we never heard land?".
   * `payload`, when the port knows what the found message shows, is recorded with it.
   */
  find(item: T, sinceMs: number): Promise<{ channel: string; ts: string; payload?: string } | null>;
}

/** Waits `ms` real milliseconds, or less if `signal` aborts (then it resolves, not rejects). */
export type Sleep = (ms: number, signal: AbortSignal) => Promise<void>;
const realSleep: Sleep = (ms, signal) => delay(ms, undefined, { signal }).catch(() => undefined);

/** Slack allows about one message a second per channel; a little slower is safer. */
export const DEFAULT_PACING_MS = 1100;
/**
 * Posts on the wire at once, across channels. Enough to keep up with Slack's
 * workspace budget (a few hundred messages a minute) at ~100 ms a post, few
 * enough that a 429 finds only a handful already sent.
 */
export const DEFAULT_MAX_IN_FLIGHT = 8;
/** Well over a post's timeout, short enough that a dead holder's post still goes out in time. */
const DEFAULT_LEASE_MS = 60_000;
/** How far before the first uncertain post the history check looks (clock skew). */
const HISTORY_MARGIN_MS = 120_000;

/** One gate for all of a process's engines (EngineOptions.gate); `close` ends its pauses. */
export function createWorkspaceGate(maxInFlight = DEFAULT_MAX_IN_FLIGHT): {
  gate: PostGate;
  close(): void;
} {
  const closing = new AbortController();
  return {
    gate: createPostGate({ maxInFlight, sleep: realSleep, signal: closing.signal }),
    close: () => closing.abort(),
  };
}

/** The engine options a planner (digests, reminders) lets its caller tune. */
export type EngineTuning<T extends Deliverable> = Pick<
  EngineOptions<T>,
  "pacingMs" | "initialBackoffMs" | "maxBackoffMs" | "random" | "sleep" | "leaseMs" | "gate"
>;

export interface EngineOptions<T extends Deliverable> {
  store: Store;
  port: DeliveryPort<T>;
  clock: Clock;
  logger: Logger;
  /** This process, as named in claims. */
  holder: string;
  leaseMs?: number;
  sleep?: Sleep;
  /** Real milliseconds between two posts to one channel. */
  pacingMs?: number;
  /**
   * The workspace-wide gate (default on): at most `maxInFlight` attempts at once,
   * earliest deadline first across channels, and every channel waits out a 429's
   * Retry-After. Off, each channel queue posts on its own (a benchmark's baseline).
   */
  workspaceGate?: boolean;
  /**
   * A gate shared with the process's other engines (digests, reminders, the live
   * schedule): one 429 pauses every post to the workspace, and `maxInFlight`
   * counts them all. Without it the engine has a gate of its own.
   */
  gate?: PostGate;
  maxInFlight?: number;
  /** First retry delay after a failure; doubles up to `maxBackoffMs`. */
  initialBackoffMs?: number;
  maxBackoffMs?: number;
  random?: () => number;
  /** The item as it is now (a reload may have changed or dropped it); asked before each attempt. */
  current?: (item: T) => T | null;
  /** For log lines: what the item is, in words (the kind is said before it). */
  describe?: (item: T) => string;
}

export interface DeliveryEngine<T extends Deliverable> {
  /** Queues `item` on its channel; false when it is queued already or the engine stops. */
  enqueue(item: T): boolean;
  /** Settles `item` as missed (claimed first, so two replicas never both report it). */
  miss(item: T, why: string): Promise<void>;
  /** True while queued or being sent by this process. */
  has(key: string): boolean;
  idle(): Promise<void>;
  /** Stops waiting and retrying; a post on the wire is still awaited and recorded. */
  stop(): Promise<void>;
}

/**
 * plan → claim → post → record, for every message talkbot posts exactly once. The
 * store is the only answer to "is this settled?": a post goes out only while its
 * claim is held, an unknown outcome is never retried blind (history is checked
 * first), and every outcome is recorded. One queue per channel, paced, so a slow or
 * failing channel never holds up another; one gate for the workspace (see
 * post-gate.ts), so thousands of channels share Slack's workspace limit in
 * deadline order instead of each running into it.
 */
export function createDeliveryEngine<T extends Deliverable>(
  options: EngineOptions<T>,
): DeliveryEngine<T> {
  const {
    store,
    port,
    clock,
    logger,
    holder,
    leaseMs = DEFAULT_LEASE_MS,
    sleep = realSleep,
    pacingMs = DEFAULT_PACING_MS,
    workspaceGate = true,
    maxInFlight = DEFAULT_MAX_IN_FLIGHT,
    initialBackoffMs = 1000,
    maxBackoffMs = 60_000,
    random = Math.random,
    current = (item: T) => item,
    describe = (item: T) => item.key,
  } = options;
  const stopping = new AbortController();
  // Every channel's queue waits on this one signal; dozens of channels are normal.
  setMaxListeners(0, stopping.signal);
  const gate =
    options.gate ??
    (workspaceGate ? createPostGate({ maxInFlight, sleep, signal: stopping.signal }) : ungated);
  const queues = new Map<string, T[]>();
  const workers = new Map<string, Promise<void>>();
  const active = new Set<string>();

  function enqueue(item: T): boolean {
    if (stopping.signal.aborted || active.has(item.key)) return false;
    active.add(item.key);
    let queue = queues.get(item.channel);
    if (!queue) {
      queue = [];
      queues.set(item.channel, queue);
    }
    queue.push(item);
    queue.sort((a, b) => a.deadline.getTime() - b.deadline.getTime());
    if (!workers.has(item.channel)) workers.set(item.channel, drain(item.channel, queue));
    return true;
  }

  async function drain(channel: string, queue: T[]): Promise<void> {
    // Let the rest of a tick's items join the queue so the earliest goes first.
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
          logger.error(`delivery ${next.key}: unexpected error`, err);
        } finally {
          active.delete(next.key);
        }
        // Pace even when the queue is empty now: another may arrive a moment later.
        if (posted) await sleep(pacingMs, stopping.signal);
      }
    } finally {
      for (const left of queue) active.delete(left.key);
      queues.delete(channel);
      workers.delete(channel);
    }
  }

  async function record(item: T, outcome: Parameters<Store["settle"]>[2]): Promise<boolean> {
    try {
      const ok = await store.settle(item.key, holder, outcome, clock.now());
      if (!ok) logger.warn(`delivery ${item.key}: another process took the claim over`);
      return ok;
    } catch (err) {
      // The claim stays in doubt; whoever takes it over looks in history first.
      logger.error(`delivery ${item.key}: could not record ${outcome.status} in the store`, err);
      return false;
    }
  }

  /**
   * What one attempt came to: settled or dropped (`posted` says whether this
   * process posted it), or try again after `failure` (`giveUpIfLate`: and not at
   * all once the deadline has passed, as nothing could be recorded).
   */
  type Step =
    | { done: true; posted: boolean }
    | { retry: Failure; fromPost?: boolean; giveUpIfLate?: boolean }
    | { again: true };

  /** Tries until posted (by us or found in history), too late, refused, or claimed elsewhere. */
  async function deliver(queued: T): Promise<boolean> {
    let failures = 0;
    let lastProblem = "";
    const backoff = async (failure: Failure) => {
      lastProblem = failure.what;
      const waitMs =
        failure.kind === "rate-limited"
          ? failure.waitMs
          : Math.min(maxBackoffMs, initialBackoffMs * 2 ** failures) * (0.5 + random() / 2);
      failures++;
      logger.warn(
        `${queued.kind} ${describe(queued)} to ${queued.channel}: ${failure.what}; retrying in ${Math.round(waitMs)} ms`,
      );
      await sleep(waitMs, stopping.signal);
    };

    while (!stopping.signal.aborted) {
      // Each attempt, store steps included, runs holding one of the gate's slots.
      const release = await gate.acquire(queued.deadline, stopping.signal);
      let step: Step;
      try {
        if (stopping.signal.aborted) return false;
        step = await attempt(queued, lastProblem);
      } finally {
        release();
      }
      if ("done" in step) return step.posted;
      if ("again" in step) continue;
      // Slack's 429 on a post speaks for the workspace: every channel waits it out.
      if (step.fromPost && step.retry.kind === "rate-limited") gate.pause(step.retry.waitMs);
      await backoff(step.retry);
      if (step.giveUpIfLate && clock.now() >= queued.deadline) return false;
    }
    return false;
  }

  async function attempt(queued: T, lastProblem: string): Promise<Step> {
    const done = (posted: boolean): Step => ({ done: true, posted });
    const item = current(queued);
    if (!item) {
      logger.info(`${queued.kind} ${queued.key}: no longer planned, not posted`);
      return done(false);
    }
    let claim: Awaited<ReturnType<Store["claim"]>>;
    try {
      claim = await store.claim(item.key, item.kind, holder, leaseMs);
    } catch (err) {
      return {
        retry: { kind: "not-posted", what: `store unavailable (${errText(err)})` },
        giveUpIfLate: true,
      };
    }
    if (!claim) return done(false); // settled, or another live process has it
    const late = clock.now().getTime() >= item.deadline.getTime();

    if (claim.inDoubt) {
      // A post went out and nobody heard back: look before posting again.
      let found: { channel: string; ts: string; payload?: string } | null;
      try {
        found = await port.find(item, (claim.postingSince ?? Date.now()) - HISTORY_MARGIN_MS);
      } catch (err) {
        if (late) {
          await record(item, {
            status: "missed",
            detail: `its outcome stayed unknown (${errText(err)})`,
          });
          return done(false);
        }
        return { retry: failureOf(err) };
      }
      if (found) {
        logger.info(
          `${item.kind} found already posted: ${describe(item)} in ${found.channel} (ts ${found.ts}), recorded`,
        );
        await record(item, {
          status: "posted",
          channel: found.channel,
          ts: found.ts,
          ...(found.payload ? { payload: found.payload } : {}),
        });
        return done(false);
      }
      await store.endDoubt(item.key, holder).catch(() => {});
    }
    if (late) {
      const why = lastProblem
        ? `it fell due while posting kept failing (${lastProblem})`
        : "it was too late to post";
      await settleMissed(item, why);
      return done(false);
    }
    // A 429 answered since this slot was given: wait it out (holding the claim,
    // not yet marked as posting) rather than post into it.
    if (gate.paused) return { again: true };

    let started: boolean;
    try {
      started = await store.beginPost(item.key, holder, leaseMs);
    } catch (err) {
      return { retry: { kind: "not-posted", what: `store unavailable (${errText(err)})` } };
    }
    if (!started) return done(false); // lost the claim while waiting: its new holder posts
    try {
      const res = await port.post(item);
      logger.info(`${item.kind} posted: ${describe(item)} to ${item.channel} (ts ${res.ts})`);
      await record(item, {
        status: "posted",
        channel: res.channel,
        ts: res.ts,
        ...(res.payload ? { payload: res.payload } : {}),
      });
      return done(true);
    } catch (err) {
      const failure = failureOf(err);
      if (failure.kind === "permanent") {
        logger.error(
          `${item.kind} not posted: ${describe(item)} to ${item.channel}: Slack refused it (${failure.what})${failure.hint ? `: ${failure.hint}` : ""}. Not retried.`,
        );
        await record(item, { status: "failed", detail: failure.what, channel: item.channel });
        return done(false);
      }
      if (failure.kind !== "unknown") await store.endDoubt(item.key, holder).catch(() => {});
      return { retry: failure, fromPost: true };
    }
  }

  async function settleMissed(item: T, why: string): Promise<void> {
    logger.warn(`${item.kind} missed: ${describe(item)} for ${item.channel}: ${why}`);
    await record(item, { status: "missed", detail: why, channel: item.channel });
  }

  return {
    enqueue,
    has: (key) => active.has(key),
    async miss(item, why) {
      try {
        const claim = await store.claim(item.key, item.kind, holder, leaseMs);
        if (!claim) return;
        if (claim.inDoubt) {
          // It may have gone out just before the deadline: let deliver decide.
          enqueue(item);
          return;
        }
        await settleMissed(item, why);
      } catch (err) {
        logger.error(`delivery ${item.key}: could not record it as missed`, err);
      }
    },
    async idle() {
      while (workers.size > 0) await Promise.all([...workers.values()]);
    },
    async stop() {
      stopping.abort();
      await Promise.all([...workers.values()]);
    },
  };
}

function errText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
