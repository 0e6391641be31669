import type { Agenda } from "../../agenda/agenda.ts";
import { type ReminderRunner, startReminders } from "../../agenda/reminder-runner.ts";
import type { Clock } from "../../clock.ts";
import type { PostGate } from "../../delivery/post-gate.ts";
import type { Logger } from "../../log.ts";
import type { Store } from "../../store/store.ts";
import { reminderMessage } from "../blocks/reminder-message.ts";
import type { TalkFinder } from "../personal-answers.ts";
import { dmDirectory } from "./channels.ts";
import { createDeliveryClient } from "./slack-client.ts";
import { slackPort } from "./slack-port.ts";

export interface SlackReminderDeps {
  slack: { botToken: string; apiUrl?: string };
  agenda: Agenda;
  current: () => TalkFinder;
  store: Store;
  clock: Clock;
  logger: Logger;
  speed?: number;
  /** The workspace gate shared with the process's other engines. */
  gate?: PostGate;
}

/**
 * Reminder DMs posted to Slack through the delivery engine: `chat.postMessage` to
 * the user id (the bot's DM with them), the key in metadata, and after a lost
 * answer the DM's history (its id from conversations.open) is checked first.
 */
export function startSlackReminders(deps: SlackReminderDeps): ReminderRunner {
  const client = createDeliveryClient({ botToken: deps.slack.botToken, apiUrl: deps.slack.apiUrl });
  const directory = dmDirectory(client);
  return startReminders({
    agenda: deps.agenda,
    lookup: () => {
      const s = deps.current();
      return { talk: (id) => s.talk(id), event: (id) => s.lookup.events.get(id) };
    },
    port: slackPort(client, directory, (r) =>
      reminderMessage(r, deps.current().lookup, deps.clock.now()),
    ),
    store: deps.store,
    clock: deps.clock,
    logger: deps.logger,
    ...(deps.speed ? { speed: deps.speed } : {}),
    ...(deps.gate ? { engine: { gate: deps.gate } } : {}),
  });
}
