import type { ChatUpdateArguments, ConversationsHistoryArguments } from "@slack/web-api";
import type { DeliveryPort } from "../../delivery/engine.ts";
import { DeliveryError } from "../../delivery/failure.ts";
import { type Correction, correctionPayload } from "../../schedule/corrections.ts";
import { correctionMessage } from "../blocks/correction-message.ts";
import { classifySlackFailure } from "../errors.ts";
import { DELIVERY_EVENT_TYPE, type Rendered } from "./slack-port.ts";

/** The two Web API methods the port needs; a WebClient fits, and so does a test fake. */
export interface UpdateClient {
  chat: {
    update(args: ChatUpdateArguments): Promise<{ ok?: boolean; channel?: string; ts?: string }>;
  };
  conversations: {
    history(args: ConversationsHistoryArguments): Promise<{
      messages?: { ts?: string; metadata?: unknown }[];
    }>;
  };
}

/** What a correction's message carries in its metadata (event_payload). */
interface CorrectionMetadata {
  key?: unknown;
  /** The digest it corrects. */
  digest?: unknown;
  release?: unknown;
  /** When its release was applied (ms): a later correction of the same message supersedes it. */
  at?: unknown;
}

/** The rendering the bot uses: the digest as it now is, and what it shows for the next release. */
export function renderCorrection(c: Correction): Rendered {
  return { ...correctionMessage(c), payload: correctionPayload(c) };
}

/**
 * Corrections through the delivery engine: `post` is chat.update of the digest's
 * own message (its channel id and ts), replacing its metadata with the
 * correction's key, so the message itself says which correction it shows.
 *
 * `find` (asked only when an edit's outcome was lost) reads that one message
 * (conversations.history with latest = oldest = its ts, inclusive, limit 1,
 * include_all_metadata) and answers "done" when its metadata carries this
 * correction's key. It also answers "done" when it carries a *later* correction
 * of the same digest (a later release's, by the time it was applied): editing
 * now would put the older schedule back, so the engine records it as settled
 * and moves on. A message that is gone answers "not done": the edit is tried,
 * Slack says message_not_found, and it is settled as failed.
 *
 * Slack's answers message_not_found (deleted), cant_update_message (not the
 * bot's) and edit_window_closed (the workspace limits edits) are permanent
 * (src/slack/errors.ts): settled as failed, never retried.
 */
export function updatePort(
  client: UpdateClient,
  render: (c: Correction) => Rendered = renderCorrection,
): DeliveryPort<Correction> {
  return {
    async post(item) {
      const { payload, ...message } = render(item);
      try {
        const res = await client.chat.update({
          channel: item.channel,
          ts: item.ts,
          ...message,
          metadata: {
            event_type: DELIVERY_EVENT_TYPE,
            event_payload: {
              key: item.key,
              digest: item.digestKey,
              release: item.releaseId,
              at: item.updatedAt.getTime(),
            },
          },
        });
        return {
          channel: res.channel ?? item.channel,
          ts: res.ts ?? item.ts,
          ...(payload ? { payload } : {}),
        };
      } catch (err) {
        throw new DeliveryError(classifySlackFailure(err), err);
      }
    },

    async find(item) {
      let messages: { ts?: string; metadata?: unknown }[];
      try {
        const res = await client.conversations.history({
          channel: item.channel,
          latest: item.ts,
          oldest: item.ts,
          inclusive: true,
          limit: 1,
          include_all_metadata: true,
        });
        messages = res.messages ?? [];
      } catch (err) {
        throw new DeliveryError(classifySlackFailure(err), err);
      }
      const message = messages.find((m) => m.ts === item.ts);
      if (!message) return null;
      const meta = message.metadata as
        | { event_type?: string; event_payload?: CorrectionMetadata }
        | undefined;
      if (meta?.event_type !== DELIVERY_EVENT_TYPE) return null;
      const p = meta.event_payload ?? {};
      const done = p.key === item.key;
      const superseded =
        p.digest === item.digestKey && typeof p.at === "number" && p.at > item.updatedAt.getTime();
      if (done) {
        // The edit landed: the message shows this correction, as the next release must know.
        const { payload } = render(item);
        return { channel: item.channel, ts: item.ts, ...(payload ? { payload } : {}) };
      }
      return superseded ? { channel: item.channel, ts: item.ts } : null;
    },
  };
}
