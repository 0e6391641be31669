import type { Agenda } from "../agenda/agenda.ts";
import { type ReminderRunner, startReminders } from "../agenda/reminder-runner.ts";
import type { PlannedReminder } from "../agenda/reminders.ts";
import type { DeliveryPort } from "../delivery/engine.ts";
import type { Deps } from "../deps.ts";
import type { Store } from "../store/store.ts";
import { renderReminder } from "./render-agenda.ts";

/**
 * Reminders in the terminal: the same engine and plan as in Slack, printed on the
 * (simulated) clock like digests, unpaced (a terminal has no rate limit).
 */
export function startTerminalReminders(
  deps: Deps & { agenda: Agenda; store: Store; speed: number; write: (text: string) => void },
): ReminderRunner {
  let n = 0;
  const port: DeliveryPort<PlannedReminder> = {
    async post(r) {
      deps.write(renderReminder(r, deps.current().lookup, deps.clock.now()));
      n++;
      return { channel: r.channel, ts: `local.${n}` };
    },
    // Nothing printed can be lost in transit: there is no history to search.
    async find() {
      return null;
    },
  };
  return startReminders({
    agenda: deps.agenda,
    lookup: () => {
      const s = deps.current();
      return { talk: (id) => s.talk(id), event: (id) => s.lookup.events.get(id) };
    },
    port,
    store: deps.store,
    clock: deps.clock,
    logger: deps.logger,
    speed: deps.speed,
    engine: { pacingMs: 0 },
  });
}
