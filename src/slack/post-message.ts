import type { ChatPostMessageArguments, MessageMetadata } from "@slack/web-api";
import type { SlackMessage } from "./blocks/limits.ts";

/** chat.postMessage of a Bolt listener's client, a delivery client or a test's fake. */
export interface PostMessageClient<R> {
  chat: { postMessage(args: ChatPostMessageArguments): Promise<R> };
}

/**
 * Every message talkbot posts in a conversation (a mention's answer, a shared
 * card, a digest) goes out here, without link or media previews: a card's links
 * (a talk's page, a speaker's site) would each unfold into a preview under it.
 */
export function postMessage<R>(
  client: PostMessageClient<R>,
  where: { channel: string; thread_ts?: string; metadata?: MessageMetadata },
  message: SlackMessage,
): Promise<R> {
  return client.chat.postMessage({
    ...where,
    text: message.text,
    blocks: message.blocks,
    unfurl_links: false,
    unfurl_media: false,
  });
}
