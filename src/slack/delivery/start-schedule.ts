import type { Agenda } from "../../agenda/agenda.ts";
import type { Catalog } from "../../catalog/schema.ts";
import type { Clock } from "../../clock.ts";
import type { Config, ScheduleConfig } from "../../config.ts";
import type { PostGate } from "../../delivery/post-gate.ts";
import type { Logger } from "../../log.ts";
import { followSchedule, type ScheduleFollower } from "../../schedule/follow.ts";
import { pollerSettings } from "../../schedule/poller.ts";
import { workerChecker } from "../../schedule/release-checker.ts";
import type { Store } from "../../store/store.ts";
import { changeDmMessage } from "../blocks/change-dm-message.ts";
import { changeNoticeMessage } from "../blocks/change-notice-message.ts";
import { ChannelDirectory, dmDirectory } from "./channels.ts";
import { createDeliveryClient } from "./slack-client.ts";
import { slackPort } from "./slack-port.ts";
import { updatePort } from "./update-port.ts";

export interface SlackScheduleDeps {
  schedule: ScheduleConfig;
  config: Config;
  slack: { botToken: string; apiUrl?: string | undefined };
  store: Store;
  agenda: Agenda;
  clock: Clock;
  logger: Logger;
  publish: (catalog: Catalog) => Promise<void>;
  /** The workspace gate shared with the process's other engines. */
  gate?: PostGate;
}

/**
 * The live schedule in Slack: corrections are chat.update of the posted digest,
 * notices are posted to the digest channels, and the people affected are sent a
 * DM (chat.postMessage to the bot's DM with them, from conversations.open, whose
 * history is checked after a lost answer, as for reminders).
 */
export function followScheduleInSlack(deps: SlackScheduleDeps): ScheduleFollower {
  const client = createDeliveryClient({ botToken: deps.slack.botToken, apiUrl: deps.slack.apiUrl });
  const channels = new ChannelDirectory();
  const dmChannels = dmDirectory(client);
  const { schedule } = deps;
  return followSchedule({
    ...pollerSettings(schedule),
    // A 50 MB export takes seconds to import: never on the thread that answers /talk.
    checker: workerChecker(),
    store: deps.store,
    clock: deps.clock,
    logger: deps.logger,
    settings: deps.config.digest.settings,
    starrersOf: (talkId) => deps.agenda.starrersOf(talkId),
    publish: deps.publish,
    ...(deps.gate ? { engine: { gate: deps.gate } } : {}),
    ports: {
      corrections: updatePort(client),
      notices: slackPort(client, channels, changeNoticeMessage),
      dms: slackPort(client, dmChannels, changeDmMessage),
    },
  });
}
