import { talkCalendarUrl } from "../../../calendar/calendar-url.ts";
import type { Deps } from "../../../deps.ts";
import { talkView } from "../../../present/talk-view.ts";
import { detailsMessage } from "../../blocks/details-message.ts";
import { apologyText, noticeMessage, talkGoneText } from "../../blocks/notice-message.ts";
import { reportFailure } from "../report-failure.ts";
import { type ButtonArgs, clickContext, replyEphemeral } from "./action-args.ts";

/**
 * "Details" on any message (search results, a shared card, a digest): the full
 * abstract and the speakers' roles and bios, shown only to the person who clicked.
 */
export function detailsActionCallback(deps: Deps, publicUrl?: string) {
  return async (args: ButtonArgs): Promise<void> => {
    await args.ack();
    try {
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
    } catch (err) {
      const ref = reportFailure(deps.logger, err, clickContext(args, "details"));
      await replyEphemeral(args, noticeMessage(apologyText(ref))).catch((e: unknown) =>
        reportFailure(deps.logger, e, { ...clickContext(args, "details"), step: "apology" }),
      );
    }
  };
}
