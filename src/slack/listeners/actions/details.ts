import { talkCalendarUrl } from "../../../calendar/calendar-url.ts";
import type { Deps } from "../../../deps.ts";
import { talkView } from "../../../present/talk-view.ts";
import { detailsMessage } from "../../blocks/details-message.ts";
import { noticeMessage, talkGoneText } from "../../blocks/notice-message.ts";
import { replyEphemeral } from "./action-args.ts";
import { buttonCallback } from "./button-callback.ts";

/**
 * "Details" on any message (search results, a shared card, a digest): the full
 * abstract and the speakers' roles and bios, shown only to the person who clicked.
 */
export function detailsActionCallback(deps: Deps, publicUrl?: string) {
  return buttonCallback("details", deps, async (args) => {
    const snapshot = deps.current();
    const talk = snapshot.talk(args.action.value ?? "");
    const user = args.body.user.id;
    const message = talk
      ? detailsMessage(talkView(talk, snapshot.lookup), {
          starred: deps.agenda?.isStarred(user, talk.id) ?? false,
          ...(publicUrl ? { calendarUrl: talkCalendarUrl(publicUrl, talk.id) } : {}),
        })
      : noticeMessage(talkGoneText);
    await replyEphemeral(args, message);
  });
}
