import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from "@slack/bolt";
import { parsePersonalCommand } from "../../../agenda/personal-command.ts";
import type { Deps } from "../../../deps.ts";
import type { SlackMessage } from "../../blocks/limits.ts";
import { type PersonalDeps, personalAnswer } from "../../personal-answers.ts";
import { postMessage } from "../../post-message.ts";
import { queryFromSlackText } from "../../query-text.ts";
import { apologyFor, reportFailure } from "../report-failure.ts";
import { resultsPage } from "../results-page.ts";
import type { SeenIds } from "./seen-events.ts";

type Args = SlackEventMiddlewareArgs<"app_mention"> & AllMiddlewareArgs;

/** `@talkbot <query>`: the same search, answered in a thread of the mentioning message. */
/** Slack retries for minutes; an hour covers them with room to spare. */
const EVENT_MEMORY_MS = 60 * 60 * 1000;

export function appMentionCallback(deps: Deps, seen: SeenIds, personal?: PersonalDeps) {
  return async ({ event, body, client, context }: Args): Promise<void> => {
    await answerConversation(deps, seen, personal, client, {
      listener: "app_mention",
      eventId: body.event_id,
      retryNum: context.retryNum,
      user: event.user,
      channel: event.channel,
      text: event.text,
      botUserId: context.botUserId,
      // In a channel the answer goes in a thread of the mention.
      threadTs: event.thread_ts ?? event.ts,
      direct: false,
    });
  };
}

export interface Conversation {
  listener: string;
  eventId: string;
  retryNum: number | undefined;
  user: string | undefined;
  channel: string;
  text: string;
  botUserId: string | undefined;
  threadTs: string | undefined;
  /** A DM with the bot: only the sender sees the answer, so it may be personal. */
  direct: boolean;
}

type ChatClient = Pick<Args["client"], "chat">;

/**
 * A message to talkbot (a mention, a DM): the same search as /talk, or a
 * personal command (`my agenda`, `remind 15`, `calendar`). A personal answer in
 * a channel goes to the asker alone (ephemeral): stars and settings are theirs.
 */
export async function answerConversation(
  deps: Deps,
  seen: SeenIds,
  personal: PersonalDeps | undefined,
  client: ChatClient,
  c: Conversation,
): Promise<void> {
  // Slack redelivers an event whose ack was slow; the id stays the same. Asked of
  // the store, so a restart or another replica between retries answers once too.
  if (!(await firstTime(deps, seen, c.eventId))) {
    deps.logger.debug(`${c.listener} ${c.eventId} already answered (retry ${c.retryNum ?? "?"})`);
    return;
  }
  const where = {
    listener: c.listener,
    event: c.eventId,
    user: c.user,
    channel: c.channel,
    query: c.text,
  };
  let message: SlackMessage;
  let privately = false;
  try {
    const query = queryFromSlackText(c.text, c.botUserId);
    const command = personal && c.user ? parsePersonalCommand(query) : null;
    if (command && personal && c.user) {
      message = await personalAnswer(personal, command, c.user, deps.clock.now());
      privately = !c.direct;
    } else {
      message = resultsPage(deps, query, 0, c.direct ? c.user : undefined);
    }
  } catch (err) {
    message = apologyFor(deps.logger, err, where);
  }
  try {
    const thread = c.threadTs ? { thread_ts: c.threadTs } : {};
    if (privately && c.user) {
      await client.chat.postEphemeral({
        channel: c.channel,
        user: c.user,
        text: message.text,
        blocks: message.blocks,
        ...thread,
      });
      return;
    }
    await postMessage(client, { channel: c.channel, ...thread }, message);
  } catch (err) {
    // Slack itself refused or failed: there is no way left to tell the user.
    const step = privately ? "chat.postEphemeral" : "chat.postMessage";
    reportFailure(deps.logger, err, { ...where, step });
  }
}

async function firstTime(deps: Deps, seen: SeenIds, eventId: string): Promise<boolean> {
  try {
    return await seen.firstSeen("event", eventId, EVENT_MEMORY_MS);
  } catch (err) {
    // Better a rare second answer than no answer while the store is down.
    deps.logger.error(`event ${eventId}: could not check the store for a repeat`, err);
    return true;
  }
}
