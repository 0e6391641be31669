import type {
  AllMiddlewareArgs,
  BlockStaticSelectAction,
  SlackActionMiddlewareArgs,
} from "@slack/bolt";
import type { Agenda } from "../../../agenda/agenda.ts";
import { REMIND_CHOICES } from "../../../agenda/agenda.ts";
import type { Logger } from "../../../log.ts";
import type { HomePublisher } from "../../home-publisher.ts";
import { reportFailure } from "../report-failure.ts";

type Args = SlackActionMiddlewareArgs<BlockStaticSelectAction> & AllMiddlewareArgs;

/** App Home's reminder choice: saved, then the Home shows it. */
export function remindSelectCallback(deps: {
  agenda: Agenda;
  homes: HomePublisher;
  logger: Logger;
}) {
  return async ({ ack, action, body }: Args): Promise<void> => {
    await ack();
    const minutes = Number(action.selected_option?.value);
    // Only the offered choices: a forged value must not set a 3-second lead.
    if (!(REMIND_CHOICES as readonly number[]).includes(minutes)) return;
    try {
      await deps.agenda.setRemindMinutes(body.user.id, minutes);
      await deps.homes.publish(body.user.id);
    } catch (err) {
      reportFailure(deps.logger, err, { listener: "remind", user: body.user.id, minutes });
    }
  };
}
