import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from "@slack/bolt";
import type { Agenda } from "../../../agenda/agenda.ts";
import type { Logger } from "../../../log.ts";
import type { HomePublisher } from "../../home-publisher.ts";
import { reportFailure } from "../report-failure.ts";

type Args = SlackEventMiddlewareArgs<"app_home_opened"> & AllMiddlewareArgs;

/**
 * Publishes a person's Home each time they open it (so it is current), and
 * remembers that they did: from then on it is republished when it changes.
 */
export function appHomeOpenedCallback(deps: {
  agenda: Agenda;
  homes: HomePublisher;
  logger: Logger;
}) {
  return async ({ event }: Args): Promise<void> => {
    if (event.tab !== "home") return;
    try {
      await deps.agenda.openedHome(event.user);
    } catch (err) {
      // Publishing matters more than remembering: carry on.
      reportFailure(deps.logger, err, {
        listener: "app_home_opened",
        user: event.user,
        step: "store",
      });
    }
    try {
      await deps.homes.publish(event.user);
    } catch (err) {
      reportFailure(deps.logger, err, { listener: "app_home_opened", user: event.user });
    }
  };
}
