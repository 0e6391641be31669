import type { Talk } from "../catalog/schema.ts";

/** Which part of a talk a query hit, so the UI can say "speaker match". */
export type MatchField =
  | "title"
  | "speaker"
  | "company"
  | "role"
  | "track"
  | "tag"
  | "room"
  | "abstract"
  | "host"
  | "bio"
  | "time";

export interface SearchHit {
  talk: Talk;
  /** Higher is better; only comparable within one result. */
  score: number;
  matched: MatchField[];
}

export interface SearchOptions {
  /** The clock's now, for `now`, `next`, `today`, weekdays. */
  now: Date;
  limit?: number;
  offset?: number;
}

export interface SearchResult {
  query: string;
  /** True for an empty query or `help`: show the query language (and what is next). */
  help: boolean;
  /** The ranked page of hits, `offset` … `offset + limit`. */
  hits: readonly SearchHit[];
  /** How many talks matched in all, for "More results". */
  total: number;
  offset: number;
  limit: number;
  /** When nothing matched: track or speaker names close to the query. */
  suggestions: string[];
  /** Human-readable filters that were recognised, e.g. ["track: Architectures", "today"]. */
  filters: string[];
  /**
   * True when time words decided what was found (`now`, `next`, a day): then
   * nothing found means nothing on then. False when an unknown track, speaker
   * or room name was the reason.
   */
  timed?: boolean;
  /**
   * Set when the talks found match only some of the query's words: which words
   * they match and which no talk (or none of these) has, so the answer can say
   * so instead of passing side matches off as the answer.
   */
  partial?: { matched: string[]; missing: string[] };
  /**
   * A line to show above the talks when they answer a nearby question rather
   * than the one asked: "Nothing in progress right now; next at 10:35."
   */
  notice?: string;
  /**
   * For a long answer to a time question: its talks grouped by start (the start
   * as written, with the event's offset), in order, with how many start then.
   */
  slots?: { start: string; count: number }[];
  /**
   * Tracks that answer the question themselves: a track asked for that has no
   * talks listed yet, a track whose name the words match when no talk does, or
   * the track of a host the words named. Catalog track ids, with talk counts.
   */
  tracks?: { id: string; talks: number }[];
  /** `tracks` or `rooms` alone: list them (in `tracks`, or `rooms`) instead of talks. */
  list?: "tracks" | "rooms";
  rooms?: { name: string; talks: number }[];
}

export interface TalkSearch {
  search(query: string, options: SearchOptions): SearchResult;
}
