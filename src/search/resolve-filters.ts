import { fieldBits } from "./match-fields.ts";
import type { NameFilter } from "./parse-query.ts";
import type { NameTable, SearchIndex } from "./search-index.ts";

export interface ResolvedFilters {
  /** Allowed documents, or undefined when no name filter was given. */
  allowed?: Uint8Array;
  /** Words that turned out not to be part of a name, returned to the free text. */
  leftover: string[];
  descriptions: string[];
  /** The filters' fields as match bits. */
  fields: number;
  /** Filters naming nothing in the catalog; their closest names are suggested. */
  unresolved: NameFilter[];
  /** The speaker names the filters resolved to (a track host among them brings the track). */
  speakers: string[];
}

/** Turns `track …`, `speaker …` and `room …` into the set of talks they allow. */
export function resolveFilters(index: SearchIndex, wanted: NameFilter[]): ResolvedFilters {
  const out: ResolvedFilters = {
    leftover: [],
    descriptions: [],
    fields: 0,
    unresolved: [],
    speakers: [],
  };
  for (const filter of wanted) {
    const table = index.names[filter.field];
    const found = resolveName(table, filter);
    if (!found) {
      out.unresolved.push(filter);
      continue;
    }
    out.leftover.push(...found.leftover);
    if (filter.field === "speaker") {
      for (const n of found.names) out.speakers.push(table.index.names[n] ?? "");
    }
    const allowed = new Uint8Array(index.talks.length);
    for (const name of found.names) for (const doc of table.docs[name] ?? []) allowed[doc] = 1;
    const before = out.allowed;
    out.allowed = before ? allowed.map((v, d) => v & (before[d] ?? 0)) : allowed;
    const shown = found.names.slice(0, 3).map((n) => table.index.names[n] ?? "");
    const more = found.names.length > 3 ? ` (+${found.names.length - 3} more)` : "";
    out.descriptions.push(`${filter.field}: ${shown.join(" / ")}${more}`);
    out.fields |= fieldBits([filter.field]);
  }
  return out;
}

/**
 * `track architectures kafka`: the longest run of leading words that names a
 * track is the name; the rest goes back to the free text.
 */
function resolveName(
  table: NameTable,
  filter: NameFilter,
): { names: number[]; leftover: string[] } | undefined {
  const shortest = filter.closed ? filter.words.length : 1;
  const longest = filter.closed
    ? filter.words.length
    : Math.min(filter.words.length, table.index.maxWords);
  for (let k = longest; k >= shortest; k--) {
    const matches = table.index.matchAll(filter.words.slice(0, k));
    if (matches.length > 0) {
      return { names: matches.map((m) => m.name), leftover: filter.words.slice(k) };
    }
  }
  return undefined;
}
