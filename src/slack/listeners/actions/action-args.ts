import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import type { SlackMessage } from "../../blocks/limits.ts";

export type ButtonArgs = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;

/**
 * Answers only the person who clicked. Through the message's response_url when
 * there is one (works in channels talkbot has not joined), else chat.postEphemeral.
 */
export async function replyEphemeral(
  args: Pick<ButtonArgs, "body" | "respond" | "client">,
  message: SlackMessage,
  replaceOriginal = false,
): Promise<void> {
  if (args.body.response_url) {
    await args.respond({
      response_type: "ephemeral",
      replace_original: replaceOriginal,
      text: message.text,
      blocks: message.blocks,
    });
    return;
  }
  const channel = args.body.channel?.id;
  if (!channel) throw new Error("nowhere to answer: no response_url and no channel");
  await args.client.chat.postEphemeral({
    channel,
    user: args.body.user.id,
    text: message.text,
    blocks: message.blocks,
    ...(args.body.container?.thread_ts ? { thread_ts: args.body.container.thread_ts } : {}),
  });
}
