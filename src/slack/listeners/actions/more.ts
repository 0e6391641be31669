import type { Deps } from "../../../deps.ts";
import { decodeMore } from "../../action-ids.ts";
import { noticeMessage, staleButtonText } from "../../blocks/notice-message.ts";
import { resultsPage } from "../results-page.ts";
import { replyEphemeral } from "./action-args.ts";
import { buttonCallback } from "./button-callback.ts";

/**
 * "More results": the next page of the same query. On an ephemeral answer the
 * page replaces it; under a public thread reply only the clicker sees the page.
 */
export function moreActionCallback(deps: Deps) {
  return buttonCallback("more", deps, async (args) => {
    const page = decodeMore(args.action.value ?? "");
    if (!page) {
      await replyEphemeral(args, noticeMessage(staleButtonText));
      return;
    }
    // The page goes to the clicker alone, so it shows their stars.
    const message = resultsPage(deps, page.q, page.o, args.body.user.id);
    await replyEphemeral(args, message, args.body.container?.is_ephemeral === true);
  });
}
