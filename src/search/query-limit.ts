/**
 * The longest query any surface searches (terminal, CLI, Slack), in UTF-16 code
 * units; the rest is cut off before parsing. A question is a few words: a
 * pasted page is not, and one 200,000-character word once took minutes.
 */
export const MAX_QUERY_CHARS = 500;

/** What of `query` is searched. */
export function capQuery(query: string): string {
  return query.length > MAX_QUERY_CHARS ? query.slice(0, MAX_QUERY_CHARS) : query;
}
