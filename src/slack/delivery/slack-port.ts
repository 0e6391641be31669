import type { ChatPostMessageArguments, ConversationsHistoryArguments } from "@slack/web-api";
import type { Deliverable, DeliveryPort } from "../../delivery/engine.ts";
import { DeliveryError } from "../../delivery/failure.ts";
import type { SlackMessage } from "../blocks/limits.ts";
import { classifySlackFailure } from "../errors.ts";
import { postMessage } from "../post-message.ts";
import type { ChannelDirectory } from "./channels.ts";

/** The metadata type talkbot's own deliveries carry; the payload holds their key. */
export const DELIVERY_EVENT_TYPE = "talkbot_delivery";

export interface Rendered extends SlackMessage {
  /** What the message showed, as JSON, kept with the record for later corrections. */
  payload?: string;
}

/** The two Web API methods a port needs; a WebClient fits, and so does a test fake. */
export interface MessageClient {
  chat: {
    postMessage(
      args: ChatPostMessageArguments,
    ): Promise<{ ok?: boolean; channel?: string; ts?: string }>;
  };
  conversations: {
    history(args: ConversationsHistoryArguments): Promise<{
      messages?: { ts?: string; metadata?: unknown }[];
      has_more?: boolean;
      response_metadata?: { next_cursor?: string };
    }>;
  };
}

/**
 * Posts deliverables to Slack with their key in message metadata, and finds them
 * again in channel history (include_all_metadata) when a post's outcome was lost.
 */
export function slackPort<T extends Deliverable>(
  client: MessageClient,
  channels: ChannelDirectory,
  render: (item: T) => Rendered,
): DeliveryPort<T> {
  return {
    async post(item) {
      const { payload, ...message } = render(item);
      try {
        const res = await postMessage(
          client,
          {
            channel: item.channel,
            metadata: { event_type: DELIVERY_EVENT_TYPE, event_payload: { key: item.key } },
          },
          message,
        );
        channels.learn(item.channel, res.channel);
        return {
          channel: res.channel ?? item.channel,
          ts: res.ts ?? "",
          ...(payload ? { payload } : {}),
        };
      } catch (err) {
        throw new DeliveryError(classifySlackFailure(err), err);
      }
    },

    async find(item, sinceMs) {
      let cursor: string | undefined;
      try {
        const id = await channels.resolve(item.channel);
        if (!id) {
          throw new DeliveryError({
            kind: "unknown",
            what: `cannot read the history of ${item.channel} without its id: configure the channel id (C…)`,
          });
        }
        // A narrow window: history is rate limited hard for some apps.
        for (let page = 0; page < 10; page++) {
          const res = await client.conversations.history({
            channel: id,
            oldest: (sinceMs / 1000).toFixed(6),
            include_all_metadata: true,
            limit: 200,
            ...(cursor ? { cursor } : {}),
          });
          for (const m of res.messages ?? []) {
            const meta = m.metadata as
              | { event_type?: string; event_payload?: { key?: unknown } }
              | undefined;
            if (meta?.event_type === DELIVERY_EVENT_TYPE && meta.event_payload?.key === item.key) {
              return { channel: id, ts: m.ts ?? "" };
            }
          }
          cursor = res.response_metadata?.next_cursor || undefined;
          if (!res.has_more || !cursor) break;
        }
        return null;
      } catch (err) {
        if (err instanceof DeliveryError) throw err;
        throw new DeliveryError(classifySlackFailure(err), err);
      }
    },
  };
}
