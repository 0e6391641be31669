import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from "@slack/bolt";
import type { Deps } from "../../../deps.ts";
import type { SlackMessage } from "../../blocks/limits.ts";
import { postMessage } from "../../post-message.ts";
import { queryFromSlackText } from "../../query-text.ts";
import { apologyFor, reportFailure } from "../report-failure.ts";
import { resultsPage } from "../results-page.ts";
import type { SeenIds } from "./seen-events.ts";

type Args = SlackEventMiddlewareArgs<"app_mention"> & AllMiddlewareArgs;

/** Slack retries for minutes; an hour covers them with room to spare. */
const EVENT_MEMORY_MS = 60 * 60 * 1000;

/** `@talkbot <query>`: the same search, answered in a thread of the mentioning message. */
export function appMentionCallback(deps: Deps, seen: SeenIds) {
  return async ({ event, body, client, context }: Args): Promise<void> => {
    // Slack redelivers an event whose ack was slow; the id stays the same. Asked of
    // the store, so a restart or another replica between retries answers once too.
    if (!(await firstTime(deps, seen, body.event_id))) {
      deps.logger.debug(
        `app_mention ${body.event_id} already answered (retry ${context.retryNum ?? "?"})`,
      );
      return;
    }
    const where = {
      listener: "app_mention",
      event: body.event_id,
      user: event.user,
      channel: event.channel,
      query: event.text,
    };
    const thread_ts = event.thread_ts ?? event.ts;
    let message: SlackMessage;
    try {
      const query = queryFromSlackText(event.text, context.botUserId);
      message = resultsPage(deps, query, 0);
    } catch (err) {
      message = apologyFor(deps.logger, err, where);
    }
    try {
      await postMessage(client, { channel: event.channel, thread_ts }, message);
    } catch (err) {
      // Slack itself refused or failed: there is no way left to tell the user.
      reportFailure(deps.logger, err, { ...where, step: "chat.postMessage" });
    }
  };
}

async function firstTime(deps: Deps, seen: SeenIds, eventId: string): Promise<boolean> {
  try {
    return await seen.firstSeen("event", eventId, EVENT_MEMORY_MS);
  } catch (err) {
    // Better a rare second answer than no answer while the store is down.
    deps.logger.error(`app_mention ${eventId}: could not check the store for a repeat`, err);
    return true;
  }
}
