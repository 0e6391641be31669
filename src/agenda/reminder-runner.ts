import type { Clock } from "../clock.ts";
import { createDeliveryEngine, type DeliveryPort, type EngineTuning } from "../delivery/engine.ts";
import { holderId } from "../delivery/holder.ts";
import { serialTicks } from "../delivery/serial-ticks.ts";
import { cronHeartbeat, type Heartbeat, heartbeatSeconds } from "../digest/scheduler.ts";
import type { Logger } from "../log.ts";
import type { Store } from "../store/store.ts";
import { type Agenda, REMIND_CHOICES } from "./agenda.ts";
import { dueReminders, type PlannedReminder, reminderFor, type TalkLookup } from "./reminders.ts";

export interface ReminderOptions {
  agenda: Agenda;
  /** The catalog in force, read afresh on every tick so reloads take effect. */
  lookup: () => TalkLookup;
  port: DeliveryPort<PlannedReminder>;
  store: Store;
  clock: Clock;
  logger: Logger;
  holder?: string;
  speed?: number;
  heartbeat?: Heartbeat;
  engine?: EngineTuning<PlannedReminder>;
}

export interface ReminderRunner {
  /** Hands every due reminder to the engine; the heartbeat and star changes call it. */
  tick(): Promise<string[]>;
  idle(): Promise<void>;
  stop(): Promise<void>;
}

const SHORTEST_LEAD = Math.min(...REMIND_CHOICES.filter((m) => m > 0));

/**
 * Reminder DMs through the exactly-once engine. Each tick plans from memory (the
 * agenda and the catalog) and asks the store only about what is due. Before each
 * attempt the engine re-plans the item, so an unstar, a reminder turned off or a
 * talk that moved or vanished drops a reminder not yet sent.
 */
export function startReminders(options: ReminderOptions): ReminderRunner {
  const { agenda, lookup, store, clock, logger } = options;
  const engine = createDeliveryEngine<PlannedReminder>({
    store,
    port: options.port,
    clock,
    logger,
    holder: options.holder ?? holderId(),
    ...options.engine,
    describe: (r) =>
      `for ${r.talk.title ?? r.talk.id} (${r.talk.start}), ${r.leadMinutes} min before`,
    current: (r) => {
      const now = reminderFor(agenda, lookup(), r.userId, r.talk.id);
      return now?.key === r.key ? now : null;
    },
  });

  const settledSeen = new Set<string>();
  async function runTick(): Promise<string[]> {
    const due = dueReminders(agenda, lookup(), agenda.starredTalks(), clock.now()).filter(
      (r) => !settledSeen.has(r.key) && !engine.has(r.key),
    );
    if (due.length === 0) return [];
    for (const key of await store.settledAmong(due.map((r) => r.key))) settledSeen.add(key);
    const queued: string[] = [];
    for (const r of due) if (!settledSeen.has(r.key) && engine.enqueue(r)) queued.push(r.key);
    return queued;
  }

  const { tick, beat, settled } = serialTicks(runTick, (err) =>
    logger.error("reminders: tick failed", err),
  );

  // Starring a talk inside its reminder window reminds at once, not at the next beat.
  const unsubscribe = agenda.subscribe(() => void beat());
  void beat();
  const heart = (options.heartbeat ?? cronHeartbeat)(
    heartbeatSeconds(SHORTEST_LEAD, options.speed ?? 1),
    beat,
  );
  let stopped = false;
  return {
    tick,
    idle: async () => {
      await settled();
      await engine.idle();
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      unsubscribe();
      heart.stop();
      await settled();
      await engine.stop();
    },
  };
}
