import type { Deps } from "../../../deps.ts";
import { apologyFor, reportFailure } from "../report-failure.ts";
import { type ButtonArgs, replyEphemeral } from "./action-args.ts";

/**
 * What every button does around its own work: ack at once (Slack shows an error
 * after 3 s), then `handle` the click; when that fails, log it under a reference
 * and tell the clicker, quoting the reference. An apology that cannot be sent
 * either is logged too, and the click ends there.
 */
export function buttonCallback(
  listener: string,
  deps: Pick<Deps, "logger">,
  handle: (args: ButtonArgs) => Promise<void>,
): (args: ButtonArgs) => Promise<void> {
  return async (args) => {
    await args.ack();
    try {
      await handle(args);
    } catch (err) {
      const where = {
        listener,
        user: args.body.user.id,
        channel: args.body.channel?.id,
        value: args.action.value,
      };
      await replyEphemeral(args, apologyFor(deps.logger, err, where)).catch((e: unknown) =>
        reportFailure(deps.logger, e, { ...where, step: "apology" }),
      );
    }
  };
}
