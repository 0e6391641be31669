import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from "@slack/bolt";
import type { Deps } from "../../../deps.ts";
import type { PersonalDeps } from "../../personal-answers.ts";
import { answerConversation } from "../events/app-mention.ts";
import type { SeenIds } from "../events/seen-events.ts";

type Args = SlackEventMiddlewareArgs<"message"> & AllMiddlewareArgs;

/**
 * A DM to talkbot (message.im, the Messages tab) is answered like a mention, in
 * the DM. Only what a person typed: the bot's own messages (its answers,
 * reminders) and edits, joins and other subtyped messages are ignored.
 */
export function directMessageCallback(deps: Deps, seen: SeenIds, personal?: PersonalDeps) {
  return async ({ event, body, client, context }: Args): Promise<void> => {
    if (event.channel_type !== "im" || event.subtype !== undefined) return;
    if ("bot_id" in event && event.bot_id) return;
    if (!("user" in event) || !event.user || event.user === context.botUserId) return;
    await answerConversation(deps, seen, personal, client, {
      listener: "message.im",
      eventId: body.event_id,
      retryNum: context.retryNum,
      user: event.user,
      channel: event.channel,
      text: event.text ?? "",
      botUserId: context.botUserId,
      // A thread reply in the DM stays in its thread; a plain message gets a plain answer.
      threadTs: "thread_ts" in event ? event.thread_ts : undefined,
      direct: true,
    });
  };
}
