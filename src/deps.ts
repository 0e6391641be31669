import type { Agenda } from "./agenda/agenda.ts";
import type { Clock } from "./clock.ts";
import type { Logger } from "./log.ts";
import type { Snapshot } from "./snapshot.ts";

/**
 * What every surface that answers people needs (Slack's listeners, the terminal):
 * `current()` is read afresh by each request, so a reloaded catalog is seen by
 * the next one and a request never mixes two catalogs.
 */
export interface Deps {
  current(): Snapshot;
  clock: Clock;
  logger: Logger;
  /**
   * Everyone's stars and reminder settings (in memory); without it talkbot only
   * searches (tests of search alone).
   */
  agenda?: Agenda;
  /** Talks per page of answers (default 5: what a person reads at a glance). */
  pageSize?: number;
}

export const defaultPageSize = 5;
