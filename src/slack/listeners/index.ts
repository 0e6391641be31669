import type { App } from "@slack/bolt";
import { ActionId } from "../action-ids.ts";
import type { ListenerDeps } from "../deps.ts";
import { detailsActionCallback } from "./actions/details.ts";
import { moreActionCallback } from "./actions/more.ts";
import { shareActionCallback } from "./actions/share.ts";
import { talkCommandCallback, talkCommandName } from "./commands/talk.ts";
import { appMentionCallback } from "./events/app-mention.ts";
import { SeenEvents } from "./events/seen-events.ts";

export function registerListeners(app: App, deps: ListenerDeps): void {
  app.command(talkCommandName, talkCommandCallback(deps));
  app.event("app_mention", appMentionCallback(deps, new SeenEvents()));
  app.action(ActionId.details, detailsActionCallback(deps));
  app.action(ActionId.share, shareActionCallback(deps));
  app.action(ActionId.more, moreActionCallback(deps));
}
