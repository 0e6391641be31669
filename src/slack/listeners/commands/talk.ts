import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from "@slack/bolt";
import { parsePersonalCommand } from "../../../agenda/personal-command.ts";
import type { Deps } from "../../../deps.ts";
import type { SlackMessage } from "../../blocks/limits.ts";
import { type PersonalDeps, personalAnswer } from "../../personal-answers.ts";
import { queryFromSlackText } from "../../query-text.ts";
import { apologyFor, reportFailure } from "../report-failure.ts";
import { resultsPage } from "../results-page.ts";

export const talkCommandName = "/talk";

type Args = SlackCommandMiddlewareArgs & AllMiddlewareArgs;

/**
 * `/talk <query>`: the search runs in memory in milliseconds, so the results go
 * back in the acknowledgement itself (ephemeral), well within Slack's 3 seconds,
 * with the asker's stars shown. So does `/talk agenda`; `remind` and `calendar`
 * write to the store, so they ack first and answer through response_url.
 */
export function talkCommandCallback(deps: Deps, personal?: PersonalDeps) {
  return async ({ command, ack, respond }: Args): Promise<void> => {
    const where = {
      listener: talkCommandName,
      user: command.user_id,
      channel: command.channel_id,
      query: command.text,
    };
    let message: SlackMessage;
    try {
      const query = queryFromSlackText(command.text ?? "");
      const personalCommand = personal ? parsePersonalCommand(query) : null;
      if (personal && personalCommand) {
        if (personalCommand.kind === "remind" || personalCommand.kind === "calendar") {
          // These wait for the store: ack now, answer through response_url.
          await ack();
          const answer = await personalAnswer(
            personal,
            personalCommand,
            command.user_id,
            deps.clock.now(),
          ).catch((err: unknown) => apologyFor(deps.logger, err, where));
          await respond({ response_type: "ephemeral", ...answer }).catch((err: unknown) =>
            reportFailure(deps.logger, err, { ...where, step: "respond" }),
          );
          return;
        }
        message = await personalAnswer(
          personal,
          personalCommand,
          command.user_id,
          deps.clock.now(),
        );
      } else {
        message = resultsPage(deps, query, 0, command.user_id);
      }
    } catch (err) {
      message = apologyFor(deps.logger, err, where);
    }
    await ack({ response_type: "ephemeral", ...message });
  };
}
