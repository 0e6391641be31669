import type { Deps } from "../../../deps.ts";
import { talkView } from "../../../present/talk-view.ts";
import {
  apologyText,
  cannotPostText,
  noticeMessage,
  talkGoneText,
} from "../../blocks/notice-message.ts";
import { sharedTalkMessage } from "../../blocks/shared-message.ts";
import { reportFailure } from "../report-failure.ts";
import { type ButtonArgs, clickContext, replyEphemeral } from "./action-args.ts";

/** Slack errors that mean "the bot may not post here", which the user can fix by inviting it. */
const notAllowedHere = new Set([
  "not_in_channel",
  "channel_not_found",
  "is_archived",
  "restricted_action",
  "cannot_post_in_channel",
]);

function slackErrorCode(err: unknown): string | undefined {
  const data = (err as { data?: { error?: unknown } } | undefined)?.data;
  return typeof data?.error === "string" ? data.error : undefined;
}

/** "Share in channel": posts the talk's card to the conversation as the bot, naming who shared it. */
export function shareActionCallback(deps: Deps) {
  return async (args: ButtonArgs): Promise<void> => {
    await args.ack();
    try {
      const snapshot = deps.current();
      const talk = snapshot.talk(args.action.value ?? "");
      const channel = args.body.channel?.id;
      if (!talk || !channel) {
        await replyEphemeral(args, noticeMessage(talk ? cannotPostText : talkGoneText));
        return;
      }
      const message = sharedTalkMessage(talkView(talk, snapshot.lookup), args.body.user.id);
      try {
        await args.client.chat.postMessage({
          channel,
          text: message.text,
          blocks: message.blocks,
          unfurl_links: false,
          unfurl_media: false,
        });
      } catch (err) {
        const code = slackErrorCode(err);
        if (!code || !notAllowedHere.has(code)) throw err;
        deps.logger.info(`share: cannot post in ${channel} (${code})`);
        await replyEphemeral(args, noticeMessage(cannotPostText));
      }
    } catch (err) {
      const ref = reportFailure(deps.logger, err, clickContext(args, "share"));
      await replyEphemeral(args, noticeMessage(apologyText(ref))).catch((e: unknown) =>
        reportFailure(deps.logger, e, { ...clickContext(args, "share"), step: "apology" }),
      );
    }
  };
}
