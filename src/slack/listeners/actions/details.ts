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
export function detailsActionCallback(deps: Deps) {
  return async (args: ButtonArgs): Promise<void> => {
    await args.ack();
    try {
      const snapshot = deps.current();
      const talk = snapshot.talk(args.action.value ?? "");
      const message = talk
        ? detailsMessage(talkView(talk, snapshot.lookup))
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
