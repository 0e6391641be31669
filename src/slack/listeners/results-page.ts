import { type Deps, defaultPageSize } from "../../deps.ts";
import type { SearchResult } from "../../search/types.ts";
import { snapshotSlot } from "../../snapshot.ts";
import { CardCache } from "../blocks/card-cache.ts";
import type { SlackMessage } from "../blocks/limits.ts";
import { noticeMessage } from "../blocks/notice-message.ts";
import { resultsMessage } from "../blocks/results-message.ts";
import { markStars } from "../blocks/star.ts";

/**
 * What a snapshot keeps of its answers' rendering: the talks' cards, and the
 * messages already rendered, by the answer they show. The cached search hands
 * out the same frozen answer for the same question within a minute, so the
 * questions everybody asks are rendered once; an answer's message goes when the
 * answer leaves the search cache. Only frozen answers are kept: one that could
 * still change could stop matching its message.
 */
const rendering = snapshotSlot((snapshot) => ({
  cards: new CardCache(snapshot.lookup),
  messages: new WeakMap<SearchResult, SlackMessage>(),
}));

/**
 * `/talk more` or `@talkbot more` on its own: Slack keeps no last search per
 * person, so there is nothing to page through; "more" is a stop word, and
 * searched it would show help. Say where paging is instead.
 */
const pagingHint = noticeMessage(
  "There is nothing to page through here: press *More results* under an answer to see its next talks.",
);

/**
 * One page of answers to `query` at the clock's now, as the message every surface
 * sends. Given `reader` (a message only they see), its stars show their state.
 */
export function resultsPage(
  deps: Deps,
  query: string,
  offset: number,
  reader?: string,
): SlackMessage {
  const message = sharedPage(deps, query, offset);
  const { agenda } = deps;
  if (!reader || !agenda) return message;
  return { ...message, blocks: markStars(message.blocks, (id) => agenda.isStarred(reader, id)) };
}

function sharedPage(deps: Deps, query: string, offset: number): SlackMessage {
  if (/^\s*more\s*$/i.test(query)) return pagingHint;
  const snapshot = deps.current();
  const result = snapshot.search.search(query, {
    now: deps.clock.now(),
    limit: deps.pageSize ?? defaultPageSize,
    offset,
  });
  const { cards, messages } = snapshot.cache(rendering);
  let message = messages.get(result);
  if (!message) {
    message = resultsMessage(result, snapshot.lookup, cards);
    if (Object.isFrozen(result)) messages.set(result, message);
  }
  return message;
}
