import type { Deps } from "../../../deps.ts";
import { decodeMore } from "../../action-ids.ts";
import { apologyText, noticeMessage, staleButtonText } from "../../blocks/notice-message.ts";
import { reportFailure } from "../report-failure.ts";
import { resultsPage } from "../results-page.ts";
import { type ButtonArgs, clickContext, replyEphemeral } from "./action-args.ts";

/**
 * "More results": the next page of the same query. On an ephemeral answer the
 * page replaces it; under a public thread reply only the clicker sees the page.
 */
export function moreActionCallback(deps: Deps) {
  return async (args: ButtonArgs): Promise<void> => {
    await args.ack();
    try {
      const page = decodeMore(args.action.value ?? "");
      if (!page) {
        await replyEphemeral(args, noticeMessage(staleButtonText));
        return;
      }
      // The page goes to the clicker alone, so it shows their stars.
      const message = resultsPage(deps, page.q, page.o, args.body.user.id);
      await replyEphemeral(args, message, args.body.container?.is_ephemeral === true);
    } catch (err) {
      const ref = reportFailure(deps.logger, err, clickContext(args, "more"));
      await replyEphemeral(args, noticeMessage(apologyText(ref))).catch((e: unknown) =>
        reportFailure(deps.logger, e, { ...clickContext(args, "more"), step: "apology" }),
      );
    }
  };
}
