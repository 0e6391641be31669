import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from "@slack/bolt";
import type { Deps } from "../../../deps.ts";
import type { SlackMessage } from "../../blocks/limits.ts";
import { queryFromSlackText } from "../../query-text.ts";
import { apologyFor } from "../report-failure.ts";
import { resultsPage } from "../results-page.ts";

export const talkCommandName = "/talk";

type Args = SlackCommandMiddlewareArgs & AllMiddlewareArgs;

/**
 * `/talk <query>`: the search runs in memory in milliseconds, so the results go
 * back in the acknowledgement itself (ephemeral), well within Slack's 3 seconds.
 */
export function talkCommandCallback(deps: Deps) {
  return async ({ command, ack }: Args): Promise<void> => {
    let message: SlackMessage;
    try {
      const query = queryFromSlackText(command.text ?? "");
      message = resultsPage(deps, query, 0);
    } catch (err) {
      message = apologyFor(deps.logger, err, {
        listener: talkCommandName,
        user: command.user_id,
        channel: command.channel_id,
        query: command.text,
      });
    }
    await ack({ response_type: "ephemeral", ...message });
  };
}
