import type { Logger } from "@slack/bolt";
import type { Catalog } from "../catalog/schema.ts";
import type { Clock } from "../clock.ts";
import type { TalkSearch } from "../search/types.ts";
import type { SeenIds } from "./listeners/events/seen-events.ts";

/** What every listener needs; getters so a reloaded catalog is seen by the next request. */
export interface ListenerDeps {
  getSearch: () => TalkSearch;
  getCatalog: () => Catalog;
  clock: Clock;
  logger: Logger;
  /** Event ids already answered (the store); in memory when not given. */
  seen?: SeenIds;
  /** Talks per results page (default 5: an ephemeral message people can read). */
  pageSize?: number;
}

export const defaultPageSize = 5;
