import type { NameFilter } from "./parse-query.ts";
import type { SearchIndex } from "./search-index.ts";

const MAX_SUGGESTIONS = 5;
/** A suggested name must be at least this close to a typed word (1 = exact). */
const SUGGESTION_QUALITY = 0.6;

/**
 * For a track, speaker or room that named nothing: the closest names of that
 * kind; for tracks and rooms, when none is close, some that exist.
 */
export function suggestForFilters(index: SearchIndex, unresolved: NameFilter[]): string[] {
  const out = new Set<string>();
  for (const filter of unresolved) {
    const table = index.names[filter.field];
    const close = table.index.closest(filter.words, MAX_SUGGESTIONS, SUGGESTION_QUALITY);
    for (const m of close) out.add(table.index.names[m.name] ?? "");
    if (close.length === 0 && filter.field !== "speaker") {
      for (const name of table.index.names.slice(0, MAX_SUGGESTIONS)) out.add(name);
    }
  }
  return [...out].filter(Boolean).slice(0, MAX_SUGGESTIONS);
}

/** Track and speaker names close to what was typed, the closest first. */
export function suggestFromText(index: SearchIndex, text: string): string[] {
  const words = text.split(/\s+/).filter(Boolean);
  const scored: { name: string; score: number }[] = [];
  for (const field of ["track", "speaker"] as const) {
    const table = index.names[field];
    for (const m of table.index.closest(words, MAX_SUGGESTIONS, SUGGESTION_QUALITY)) {
      scored.push({ name: table.index.names[m.name] ?? "", score: m.score });
    }
  }
  scored.sort((a, b) => b.score - a.score);
  return [...new Set(scored.map((s) => s.name).filter(Boolean))].slice(0, MAX_SUGGESTIONS);
}
