import type { App, BlockButtonAction } from "@slack/bolt";
import type { Deps } from "../../deps.ts";
import { ActionId, type ActionIdName, allActionIds } from "../action-ids.ts";
import type { ButtonArgs } from "./actions/action-args.ts";
import { detailsActionCallback } from "./actions/details.ts";
import { moreActionCallback } from "./actions/more.ts";
import { shareActionCallback } from "./actions/share.ts";
import { talkCommandCallback, talkCommandName } from "./commands/talk.ts";
import { appMentionCallback } from "./events/app-mention.ts";
import { MemorySeenIds, type SeenIds } from "./events/seen-events.ts";

/** Exactly talkbot's action ids. */
export const actionIdPattern = new RegExp(
  `^(?:${allActionIds.map((id) => id.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|")})$`,
);

/** `seen`: event ids already answered (the store); in memory when not given. */
export function registerListeners(app: App, deps: Deps, seen: SeenIds = new MemorySeenIds()): void {
  app.command(talkCommandName, talkCommandCallback(deps));
  app.event("app_mention", appMentionCallback(deps, seen));
  // One listener for all of talkbot's buttons, dispatching on the action id: Bolt
  // runs the matchers of every listener for every request (tens of µs a /talk
  // for three more listeners), and the buttons need no listener of their own.
  const buttons: Partial<Record<ActionIdName, (args: ButtonArgs) => Promise<void>>> = {
    [ActionId.details]: detailsActionCallback(deps),
    [ActionId.share]: shareActionCallback(deps),
    [ActionId.more]: moreActionCallback(deps),
  };
  app.action<BlockButtonAction>({ action_id: actionIdPattern }, async (args) => {
    await buttons[args.action.action_id as ActionIdName]?.(args);
  });
}
