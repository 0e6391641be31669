import type { App, BlockButtonAction, BlockStaticSelectAction } from "@slack/bolt";
import type { Deps } from "../../deps.ts";
import { ActionId, type ActionIdName, allActionIds } from "../action-ids.ts";
import type { HomePublisher } from "../home-publisher.ts";
import type { PersonalDeps } from "../personal-answers.ts";
import type { ButtonArgs } from "./actions/action-args.ts";
import { detailsActionCallback } from "./actions/details.ts";
import { moreActionCallback } from "./actions/more.ts";
import { shareActionCallback } from "./actions/share.ts";
import { talkCommandCallback, talkCommandName } from "./commands/talk.ts";
import { appMentionCallback } from "./events/app-mention.ts";
import { MemorySeenIds, type SeenIds } from "./events/seen-events.ts";
import { appHomeOpenedCallback } from "./personal/app-home.ts";
import { directMessageCallback } from "./personal/direct-message.ts";
import { remindSelectCallback } from "./personal/remind-select.ts";
import { starActionCallback } from "./personal/star.ts";

/** Exactly talkbot's action ids. */
export const actionIdPattern = new RegExp(
  `^(?:${allActionIds.map((id) => id.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|")})$`,
);

/** The personal agenda's part of the app: stars, App Home, reminders' settings, the feed. */
export interface PersonalListenerDeps extends PersonalDeps {
  homes: HomePublisher;
}

type ActionArgs = ButtonArgs | Parameters<ReturnType<typeof remindSelectCallback>>[0];

/**
 * `seen`: event ids already answered (the store); in memory when not given.
 * Without `personal` talkbot only searches (no stars, Home or DMs).
 */
export function registerListeners(
  app: App,
  deps: Deps,
  seen: SeenIds = new MemorySeenIds(),
  personal?: PersonalListenerDeps,
): void {
  app.command(talkCommandName, talkCommandCallback(deps, personal));
  const mention = appMentionCallback(deps, seen, personal);
  // One listener for all of talkbot's actions, dispatching on the action id: Bolt
  // runs the matchers of every listener for every request (tens of µs a /talk
  // for each listener more), and the actions need no listener of their own.
  const handlers: Partial<Record<ActionIdName, (args: never) => Promise<void>>> = {
    [ActionId.details]: detailsActionCallback(deps, personal?.calendar.publicUrl ?? undefined),
    [ActionId.share]: shareActionCallback(deps),
    [ActionId.more]: moreActionCallback(deps),
  };
  if (personal) {
    const { agenda, homes } = personal;
    const now = () => deps.clock.now();
    handlers[ActionId.star] = starActionCallback({ ...personal, logger: deps.logger, now });
    handlers[ActionId.remind] = remindSelectCallback({ agenda, homes, logger: deps.logger });
    // One listener for the three events, for the same reason as the actions below.
    const homeOpened = appHomeOpenedCallback({ agenda, homes, logger: deps.logger });
    const direct = directMessageCallback(deps, seen, personal);
    app.event(/^(?:app_mention|app_home_opened|message)$/, async (args) => {
      const type = args.event.type;
      if (type === "app_mention") await mention(args as Parameters<typeof mention>[0]);
      else if (type === "app_home_opened")
        await homeOpened(args as Parameters<typeof homeOpened>[0]);
      else await direct(args as Parameters<typeof direct>[0]);
    });
  } else {
    app.event("app_mention", mention);
  }
  app.action<BlockButtonAction | BlockStaticSelectAction>(
    { action_id: actionIdPattern },
    async (args) => {
      const handler = handlers[args.action.action_id as ActionIdName] as
        | ((a: ActionArgs) => Promise<void>)
        | undefined;
      // A link button ("Add to calendar") still sends its click: it only needs an ack.
      if (handler) await handler(args as ActionArgs);
      else await args.ack();
    },
  );
}
