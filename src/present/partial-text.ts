import type { SearchResult } from "../search/types.ts";

/**
 * When the talks found match only some of the words asked: say so, so that a
 * talk on "learning" is not read as the answer to "machine learning".
 */
export function partialText(result: SearchResult): string | null {
  const partial = result.partial;
  if (!partial || partial.missing.length === 0 || result.total === 0) return null;
  const missing = partial.missing.map((w) => `“${w}”`).join(", ");
  const matched = partial.matched.map((w) => `“${w}”`).join(", ");
  return `No talk matches ${missing}; these match only ${matched}.`;
}
