import type { SlackMessage } from "../blocks/limits.ts";
import { resultsMessage } from "../blocks/results-message.ts";
import { lookupFor } from "../catalog-index.ts";
import { defaultPageSize, type ListenerDeps } from "../deps.ts";

/** One page of answers to `query` at the clock's now, as the message every surface sends. */
export function resultsPage(deps: ListenerDeps, query: string, offset: number): SlackMessage {
  const result = deps.getSearch().search(query, {
    now: deps.clock.now(),
    limit: deps.pageSize ?? defaultPageSize,
    offset,
  });
  return resultsMessage(result, lookupFor(deps.getCatalog()));
}
