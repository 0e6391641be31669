import { MAX_QUERY_CHARS } from "../search/query-limit.ts";

/** Markup, entities, or white space that is not a single space between words. */
const needsCleaning = /[<&]|[^\S ]| {2}|^ | $/;

/**
 * Turns what Slack delivers as message or command text back into what the person
 * typed: Slack escapes `&`, `<`, `>` and wraps mentions, channels and links in `<…>`.
 * The bot's own mention is dropped; other mentions and links keep their label.
 */
export function queryFromSlackText(text: string, botUserId?: string): string {
  // Most commands are plain words: one test instead of nine replacements.
  if (!needsCleaning.test(text)) return text.slice(0, MAX_QUERY_CHARS);
  return text
    .replace(/<@([UW][A-Z0-9]+)(\|[^>]*)?>/g, (_all, id: string, label?: string) =>
      id === botUserId || botUserId === undefined ? " " : (label?.slice(1) ?? ""),
    )
    .replace(/<[#!][^>|]*\|([^>]*)>/g, "$1")
    .replace(/<[#!][^>]*>/g, " ")
    .replace(/<([^>|]+)\|([^>]*)>/g, "$2")
    .replace(/<([^>]+)>/g, "$1")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, MAX_QUERY_CHARS);
}
