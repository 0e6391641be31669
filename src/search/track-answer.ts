import { fieldBits } from "./match-fields.ts";
import { fold } from "./normalize.ts";
import type { NameFilter } from "./parse-query.ts";
import type { SearchIndex } from "./search-index.ts";
import type { SearchResult } from "./types.ts";

const MAX_TRACKS = 5;
const HOST_BIT = fieldBits(["host"]);

type Tracks = NonNullable<SearchResult["tracks"]>;

/** The catalog tracks called by one of `names` (a name can be two events' track). */
function tracksNamed(index: SearchIndex, names: readonly string[]): Tracks {
  const keys = new Set(names.map((n) => fold(n.trim())));
  return index.tracks
    .filter((t) => keys.has(t.key))
    .map((t) => ({ id: t.id, talks: t.talks }))
    .slice(0, MAX_TRACKS);
}

/**
 * When no talk answers: the tracks the `track` filters named (they exist, with
 * no sessions listed yet), else tracks whose name holds every word of the text.
 */
export function tracksInstead(
  index: SearchIndex,
  filters: readonly NameFilter[],
  text: string,
): Tracks {
  const table = index.names.track;
  const named: string[] = [];
  for (const f of filters.filter((f) => f.field === "track")) {
    for (const m of table.index.matchAll(f.words)) named.push(table.index.names[m.name] ?? "");
  }
  if (named.length === 0 && text.trim()) {
    // Free text names a track only word for word: "rust" is not the REST track.
    const words = text.split(/\s+/).filter(Boolean);
    for (const m of table.index.matchAll(words)) {
      if (m.score >= 1 - 1e-9) named.push(table.index.names[m.name] ?? "");
    }
  }
  return tracksNamed(index, named);
}

/**
 * The tracks of talks found through their track's host ("Wes Reisz" hosts this
 * one), or hosted by a speaker the filters named.
 */
export function hostedTracks(index: SearchIndex, speakers: readonly string[]): Tracks {
  const results = index.results;
  const ids = new Set<string>();
  if (speakers.length > 0) {
    const named = new Set(speakers.map((s) => fold(s.trim())));
    for (const t of index.tracks) if (t.host && named.has(t.host)) ids.add(t.id);
  }
  for (let i = 0; i < results.size && ids.size < MAX_TRACKS; i++) {
    if (((results.matched[i] as number) & HOST_BIT) === 0) continue;
    const id = index.talks[results.doc[i] as number]?.trackId;
    if (id) ids.add(id);
  }
  // Most answers name no host: leave the (possibly hundreds of) tracks alone then.
  if (ids.size === 0) return [];
  return index.tracks.filter((t) => ids.has(t.id)).map((t) => ({ id: t.id, talks: t.talks }));
}

/** `tracks` / `rooms`: every track (catalog order) or room (by name), with talk counts. */
export function listing(index: SearchIndex, list: "tracks" | "rooms"): Partial<SearchResult> {
  if (list === "tracks") {
    return { list, tracks: index.tracks.map((t) => ({ id: t.id, talks: t.talks })) };
  }
  const table = index.names.room;
  const rooms = table.index.names
    .map((name, i) => ({ name, talks: table.docs[i]?.length ?? 0 }))
    .filter((r) => r.name)
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { list, rooms };
}
