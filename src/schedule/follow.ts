/**
 * A live schedule, followed: the poller's releases become the running catalog,
 * and each release after the first is told, through the exactly-once engine:
 * posted digests corrected in place, one notice per affected channel, one DM per
 * person whose starred talks changed. Reminders need nothing here: their keys
 * carry the talk's start, so a moved talk is reminded at its new time.
 *
 * What was announced survives restarts and replicas: every message is keyed by
 * the release (settled keys are never posted again), and the store says which
 * release was applied last and what it replaced, so a restart that restores it
 * from the archive finishes telling whatever was left untold.
 */
import { diff, type ScheduleDiff } from "../catalog/diff.ts";
import type { Catalog } from "../catalog/schema.ts";
import type { Clock } from "../clock.ts";
import {
  createDeliveryEngine,
  type Deliverable,
  type DeliveryEngine,
  type DeliveryPort,
  type EngineTuning,
} from "../delivery/engine.ts";
import { holderId } from "../delivery/holder.ts";
import type { DigestSettings } from "../digest/settings.ts";
import { trackIdentities } from "../digest/track-identity.ts";
import { TalkbotError } from "../errors.ts";
import type { Logger } from "../log.ts";
import type { Store } from "../store/store.ts";
import { affectedPeople, type ChangeDm } from "./affected-people.ts";
import { type Correction, correctionsFor } from "./corrections.ts";
import { type ChangeNotice, noticesFor } from "./notices.ts";
import { type PollResult, SchedulePoller, type SchedulePollerOptions } from "./poller.ts";
import { zonesOf } from "./relevance.ts";

/** Where each kind of announcement goes (Slack, or the terminal). */
export interface AnnouncePorts {
  corrections: DeliveryPort<Correction>;
  notices: DeliveryPort<ChangeNotice>;
  /** Null where there is nobody to DM (a terminal without stars). */
  dms: DeliveryPort<ChangeDm> | null;
}

export interface FollowOptions
  extends Omit<SchedulePollerOptions, "onRelease" | "archive" | "logger" | "appliedElsewhere"> {
  store: Store;
  clock: Clock;
  logger: Logger;
  settings: DigestSettings;
  /** Who starred a talk (the agenda); absent: nobody is told personally. */
  starrersOf?: (talkId: string) => ReadonlySet<string>;
  ports: AnnouncePorts;
  /** Makes `catalog` the running one (builds its snapshot); resolves once it is. */
  publish: (catalog: Catalog) => Promise<void>;
  holder?: string;
  engine?: EngineTuning<Deliverable>;
  /** Real milliseconds between looks at what is still untold (default 30 s, half a lease). */
  sweepMs?: number;
}

const DEFAULT_SWEEP_MS = 30_000;

export interface ScheduleFollower {
  /**
   * The catalog to start with: the archived release (sources may be down), else
   * the sources' first release. Throws, saying why, when there is neither.
   */
  first(): Promise<Catalog>;
  /** Polls every interval (real seconds) from now on. */
  start(): void;
  /** Polls now (SIGHUP); true when a release was applied. */
  pollNow(reason: string): Promise<boolean>;
  /** Resolves when every announcement queued so far is settled (tests). */
  idle(): Promise<void>;
  stop(): Promise<void>;
  readonly poller: SchedulePoller;
}

interface Told {
  releaseId: string;
  /** The release it replaced: a schedule going back (A, B, A) is news again. */
  previousId: string | null;
  /** Which application this is (AppliedRelease.sequence): A→B told twice is two messages. */
  sequence: number;
  changes: ScheduleDiff;
  catalog: Catalog;
  previous: Catalog | null;
  appliedAt: Date;
}

export function followSchedule(options: FollowOptions): ScheduleFollower {
  const { store, clock, logger, settings, ports } = options;
  const holder = options.holder ?? holderId();
  const sweepMs = options.sweepMs ?? DEFAULT_SWEEP_MS;
  // The release first() hands back is the caller's to build; later ones are published.
  let handedOver = false;
  // Restored from the archive: the sources may have moved on while talkbot was down.
  let restoredFirst = false;
  // A correction queued for an older release would put an older schedule back.
  let latestRelease: string | null = null;

  const engineOf = <T extends Deliverable>(
    port: DeliveryPort<T>,
    describe: (item: T) => string,
    current?: (item: T) => T | null,
  ): DeliveryEngine<T> =>
    createDeliveryEngine<T>({
      store,
      port,
      clock,
      logger,
      holder,
      ...options.engine,
      describe,
      ...(current ? { current } : {}),
    });
  const corrections = engineOf(
    ports.corrections,
    (c) => `of the ${c.digest.slotStart.toISOString()} digest in ${c.channel}: ${c.context}`,
    (c) => (c.releaseId === latestRelease ? c : null),
  );
  const notices = engineOf(ports.notices, (n) => `in ${n.channel} for ${n.changeId}`);
  const dms = ports.dms
    ? engineOf(ports.dms, (d) => `to one person (${d.changes.length} changed talks)`)
    : null;

  const poller: SchedulePoller = new SchedulePoller({
    ...options,
    archive: store,
    logger,
    appliedElsewhere: async () => (await store.appliedRelease(poller.sourceSet))?.releaseId ?? null,
    onRelease: async (release) => {
      // The catalog the release was compared with, before this one replaces it.
      const previous = poller.current();
      if (handedOver) await options.publish(release.catalog);
      latestRelease = release.releaseId;
      const appliedAt = clock.now();
      if (release.restored) {
        await finishTelling(release.releaseId, release.catalog);
        return;
      }
      // Another replica (or this one before a crash) may have applied it already.
      const prior = await store.appliedRelease(poller.sourceSet);
      const sequence =
        prior?.releaseId === release.releaseId ? prior.sequence : (prior?.sequence ?? 0) + 1;
      if (!release.first) {
        await tell({
          releaseId: release.releaseId,
          previousId: poller.appliedReleaseId,
          sequence,
          changes: release.changes,
          catalog: release.catalog,
          previous,
          appliedAt,
        });
      }
      // Written before the poller archives the release: a crash in between restores
      // the older release, and the source serves this one again (same keys).
      await store.markReleaseApplied(poller.sourceSet, {
        releaseId: release.releaseId,
        previousReleaseId: release.first ? null : poller.appliedReleaseId,
        appliedAt: appliedAt.toISOString(),
        sequence,
      });
    },
  });

  /**
   * What the latest release still has to tell. An engine drops an item another
   * process holds (a replica sending it, or a dead one whose lease runs out), so
   * the sweep hands whatever is still unsettled to the engines again.
   */
  let pending: { corrections: Correction[]; notices: ChangeNotice[]; dms: ChangeDm[] } = {
    corrections: [],
    notices: [],
    dms: [],
  };

  function enqueuePending(): number {
    let queued = 0;
    for (const c of pending.corrections) if (corrections.enqueue(c)) queued++;
    for (const n of pending.notices) if (notices.enqueue(n)) queued++;
    for (const d of pending.dms) if (dms?.enqueue(d)) queued++;
    return queued;
  }

  /**
   * A digest on the wire while a release was applied is recorded after its
   * corrections were worked out, showing the old schedule: the first sweep after
   * a release works them out once more, and corrects whatever was missed.
   */
  let recheck: Told | null = null;

  async function sweep(): Promise<void> {
    const again = recheck;
    recheck = null;
    if (again && again.releaseId === latestRelease) {
      const known = new Set(pending.corrections.map((c) => c.key));
      pending.corrections.push(...(await correctionsOf(again)).filter((c) => !known.has(c.key)));
    }
    const all = [...pending.corrections, ...pending.notices, ...pending.dms];
    if (all.length === 0) return;
    const now = clock.now().getTime();
    const settled = await store.settledAmong(all.map((i) => i.key));
    // Past its deadline an item is the engine's to settle as missed, once more at most.
    const keep = <T extends Deliverable>(items: T[]) =>
      items.filter((i) => !settled.has(i.key) && i.deadline.getTime() > now - sweepMs);
    pending = {
      corrections: keep(pending.corrections),
      notices: keep(pending.notices),
      dms: keep(pending.dms),
    };
    enqueuePending();
  }

  /** The posted digests `told` makes wrong, from the store's records as they are now. */
  async function correctionsOf(told: Told): Promise<Correction[]> {
    const [digests, made] = await Promise.all([
      store.deliveries("digest"),
      store.deliveries("correction"),
    ]);
    return correctionsFor({
      releaseId: told.releaseId,
      catalog: told.catalog,
      settings,
      identities: await trackIdentities(store, told.catalog),
      records: [...digests, ...made],
      now: clock.now(),
      appliedAt: told.appliedAt,
      changes: told.changes,
      sequence: told.sequence,
    });
  }

  /** Queues everything `told` calls for that is not settled yet. */
  async function tell(told: Told): Promise<void> {
    const { releaseId, changes, catalog } = told;
    // Notices and DMs tell a change from one release to another, so their keys name
    // both; corrections name the release they show (corrections.ts handles reverts).
    const change = `${told.previousId ?? ""}>${releaseId}#${told.sequence}`;
    const now = clock.now();
    const fixes = await correctionsOf(told);
    recheck = told;
    const notes = noticesFor({
      changeId: change,
      changes,
      catalog,
      previous: told.previous,
      settings,
      now,
    });
    const personal =
      dms && options.starrersOf
        ? affectedPeople({
            changeId: change,
            changes,
            starrersOf: options.starrersOf,
            zoneOf: zonesOf(catalog, told.previous),
            now,
          })
        : [];
    const settled = await store.settledAmong([
      ...fixes.map((c) => c.key),
      ...notes.map((n) => n.key),
      ...personal.map((d) => d.key),
    ]);
    const open = <T extends Deliverable>(items: T[]) => items.filter((i) => !settled.has(i.key));
    pending = {
      corrections: open(fixes),
      notices: open(notes),
      dms: open(personal),
    };
    const queued = enqueuePending();
    logger.info(
      `schedule release ${releaseId}: ${fixes.length} posted digests to correct, ${notes.length} channel notices, ${personal.length} people to tell (${queued} queued, the rest already settled)`,
    );
  }

  /**
   * At start-up, for the release restored from the archive: if the store says it
   * was applied over an archived one, tell what it changed again; keys already
   * settled are skipped, so only what a crash left untold goes out.
   */
  async function finishTelling(releaseId: string, catalog: Catalog): Promise<void> {
    const applied = await store.appliedRelease(poller.sourceSet);
    if (!applied || applied.releaseId !== releaseId || !applied.previousReleaseId) return;
    const previous = await poller.archivedRelease(applied.previousReleaseId);
    if (!previous) return;
    await tell({
      releaseId,
      previousId: applied.previousReleaseId,
      sequence: applied.sequence,
      changes: diff(previous, catalog),
      catalog,
      previous,
      appliedAt: new Date(applied.appliedAt),
    });
  }

  let started = false;
  let sweeping: NodeJS.Timeout | null = null;
  let swept: Promise<void> = Promise.resolve();
  return {
    poller,
    async first() {
      const restored = await poller.restore();
      restoredFirst = restored !== null;
      if (!restored) {
        const result = await poller.pollOnce();
        if (result.kind !== "applied")
          throw new TalkbotError("schedule_unavailable", whyNot(result, options.sources));
      }
      // The poller takes a release in force once onRelease has resolved.
      const catalog = poller.current();
      if (!catalog)
        throw new TalkbotError("schedule_unavailable", "no schedule release was applied");
      handedOver = true;
      return catalog;
    },
    start() {
      if (started) return;
      started = true;
      void poller.start({ waitFirst: !restoredFirst });
      sweeping = setInterval(() => {
        swept = swept
          .then(sweep)
          .catch((err) => logger.error("schedule: looking for untold changes failed", err));
      }, sweepMs);
      sweeping.unref();
    },
    async pollNow(reason) {
      logger.info(`schedule: polling now (${reason})`);
      const result = await poller.pollOnce();
      return result.kind === "applied";
    },
    async idle() {
      await Promise.all([corrections.idle(), notices.idle(), dms?.idle()]);
    },
    async stop() {
      if (sweeping) clearInterval(sweeping);
      await swept;
      await poller.stop();
      await Promise.all([corrections.stop(), notices.stop(), dms?.stop()]);
    },
  };
}

/** Why talkbot cannot start from the schedule: one line an operator can act on. */
function whyNot(result: PollResult, sources: readonly string[]): string {
  const where = `TALKBOT_SCHEDULE_URL (${sources.join(", ")})`;
  switch (result.kind) {
    case "refused":
      return `${where}: the first release cannot be served: ${result.refusal.message}`;
    case "waiting":
      return `${where}: ${result.sources.join(", ")} served nothing yet, and no earlier release is archived; see the log above for why`;
    case "not-applied":
      return `${where}: the first release could not be applied: ${result.error}`;
    default:
      return `${where}: no source could be read, and no earlier release is archived; see the log above for why`;
  }
}
