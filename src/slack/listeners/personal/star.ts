import type { Logger } from "../../../log.ts";
import { noticeMessage, talkGoneText } from "../../blocks/notice-message.ts";
import { markStars } from "../../blocks/star.ts";
import type { HomePublisher } from "../../home-publisher.ts";
import { type PersonalDeps, starredText } from "../../personal-answers.ts";
import type { ButtonArgs } from "../actions/action-args.ts";
import { replyEphemeral } from "../actions/action-args.ts";
import { buttonCallback } from "../actions/button-callback.ts";

/** A DM with the bot (a reminder, an answer there): nobody else sees the message. */
const isDm = (channel: string | undefined) => channel?.startsWith("D") ?? false;

/**
 * ☆ Star / ★ Starred: toggles the clicker's star. Where only they see the message
 * (an ephemeral answer, a DM, App Home) the button itself changes; in a message
 * others see (a digest, a shared card) it stays the same for everyone and the
 * clicker gets an ephemeral line saying what happened.
 */
export function starActionCallback(
  deps: PersonalDeps & { homes: HomePublisher; logger: Logger; now: () => Date },
) {
  return buttonCallback("star", deps, async (args: ButtonArgs): Promise<void> => {
    const user = args.body.user.id;
    const talkId = args.action.value ?? "";
    const finder = deps.finder();
    const talk = finder.talk(talkId);
    const starred = !deps.agenda.isStarred(user, talkId);
    // Unstarring a talk that left the schedule is still allowed: it tidies the agenda.
    if (!talk && starred) {
      await replyEphemeral(args, noticeMessage(talkGoneText));
      return;
    }
    await deps.agenda.star(user, talkId, starred);
    const container = args.body.container as
      | { type?: string; is_ephemeral?: boolean; channel_id?: string }
      | undefined;
    if (container?.type === "view") {
      await deps.homes.publish(user);
      return;
    }
    const message = args.body.message as { text?: string; blocks?: unknown[] } | undefined;
    const own = container?.is_ephemeral === true || isDm(args.body.channel?.id);
    if (own && message?.blocks && args.body.response_url) {
      await args.respond({
        replace_original: true,
        text: message.text ?? "",
        blocks: markStars(message.blocks as never[], (id) => deps.agenda.isStarred(user, id)),
      });
      return;
    }
    const text = talk
      ? starredText(talk, finder.lookup, starred, deps.agenda.remindMinutes(user), deps.now())
      : "Unstarred.";
    await replyEphemeral(args, noticeMessage(text));
  });
}
