import type { Talk } from "./schema.ts";

// How a talk is named and summed up wherever it is shown or searched: the
// catalog's own words, so search and every surface agree without depending on
// each other.

/** The abstract's first sentence (at least 20 characters), for untitled talks. */
export function firstSentence(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  const m = /^(.{20,}?[.!?])(\s|$)/.exec(flat);
  return (m?.[1] ?? flat).trim();
}

export function displayTitle(talk: Talk): string {
  if (talk.title) return talk.title;
  const who = talk.speakers.map((s) => s.name).join(", ");
  const what = firstSentence(talk.abstract) || "Untitled talk";
  return who ? `${who}: ${what}` : what;
}

const flatten = (text: string) => text.replace(/\s+/g, " ");

export function excerptOf(text: string, max = 200): string {
  // Only the first `max` characters survive, so flatten a prefix rather than
  // the whole abstract (up to 2 KB). A flattened prefix is a prefix of the
  // flattened whole (a cut whitespace run still becomes one space); with two
  // characters to spare one of the last two is not a space, so the whole is
  // longer than `max` as well and the cut sees the same characters.
  const prefix = max + 32;
  const flat = text.length > prefix ? flatten(text.slice(0, prefix)).trimStart() : "";
  return truncate(flat.length < max + 2 ? flatten(text).trim() : flat, max);
}

/**
 * Cuts text to at most `max` characters on a word boundary, with an ellipsis:
 * excerpts here, and Slack's text limits (slack/blocks/limits.ts).
 */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, Math.max(0, max - 1));
  const space = cut.lastIndexOf(" ");
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
