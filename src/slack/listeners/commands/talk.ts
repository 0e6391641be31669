import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from "@slack/bolt";
import type { SlackMessage } from "../../blocks/limits.ts";
import { apologyText, noticeMessage } from "../../blocks/notice-message.ts";
import { resultsMessage } from "../../blocks/results-message.ts";
import { lookupFor } from "../../catalog-index.ts";
import { defaultPageSize, type ListenerDeps } from "../../deps.ts";
import { queryFromSlackText } from "../../query-text.ts";
import { reportFailure } from "../report-failure.ts";

export const talkCommandName = "/talk";

type Args = SlackCommandMiddlewareArgs & AllMiddlewareArgs;

/**
 * `/talk <query>`: the search runs in memory in milliseconds, so the results go
 * back in the acknowledgement itself (ephemeral), well within Slack's 3 seconds.
 */
export function talkCommandCallback(deps: ListenerDeps) {
  return async ({ command, ack }: Args): Promise<void> => {
    let message: SlackMessage;
    try {
      const query = queryFromSlackText(command.text ?? "");
      const result = deps.getSearch().search(query, {
        now: deps.clock.now(),
        limit: deps.pageSize ?? defaultPageSize,
        offset: 0,
      });
      message = resultsMessage(result, lookupFor(deps.getCatalog()));
    } catch (err) {
      const ref = reportFailure(deps.logger, err, {
        listener: talkCommandName,
        user: command.user_id,
        channel: command.channel_id,
        query: command.text,
      });
      message = noticeMessage(apologyText(ref));
    }
    await ack({ response_type: "ephemeral", ...message });
  };
}
