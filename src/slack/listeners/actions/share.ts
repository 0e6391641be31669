import type { Deps } from "../../../deps.ts";
import { talkView } from "../../../present/talk-view.ts";
import { cannotPostText, noticeMessage, talkGoneText } from "../../blocks/notice-message.ts";
import { sharedTalkMessage } from "../../blocks/shared-message.ts";
import { slackErrorCode } from "../../errors.ts";
import { postMessage } from "../../post-message.ts";
import { replyEphemeral } from "./action-args.ts";
import { buttonCallback } from "./button-callback.ts";

/** Slack errors that mean "the bot may not post here", which the user can fix by inviting it. */
const notAllowedHere = new Set([
  "not_in_channel",
  "channel_not_found",
  "is_archived",
  "restricted_action",
  "cannot_post_in_channel",
]);

/** "Share in channel": posts the talk's card to the conversation as the bot, naming who shared it. */
export function shareActionCallback(deps: Deps) {
  return buttonCallback("share", deps, async (args) => {
    const snapshot = deps.current();
    const talk = snapshot.talk(args.action.value ?? "");
    const channel = args.body.channel?.id;
    if (!talk || !channel) {
      await replyEphemeral(args, noticeMessage(talk ? cannotPostText : talkGoneText));
      return;
    }
    const message = sharedTalkMessage(talkView(talk, snapshot.lookup), args.body.user.id);
    try {
      await postMessage(args.client, { channel }, message);
    } catch (err) {
      const code = slackErrorCode(err);
      if (!code || !notAllowedHere.has(code)) throw err;
      deps.logger.info(`share: cannot post in ${channel} (${code})`);
      await replyEphemeral(args, noticeMessage(cannotPostText));
    }
  });
}
