/**
 * Text clean-up shared by the source parsers: markup remnants out, typography in.
 * Nothing here knows about a particular layout.
 */

import { decodeEntities } from "../entities.ts";

const TAG = /<\/?[a-z][a-z0-9]*(?:\s[^<>]*)?\/?>/gi;
/** Tags inside a run of text (`<em>`, `<a href>`): removed without leaving a space. */
const INLINE_TAG =
  /<\/?(?:a|abbr|b|bdi|bdo|cite|code|data|dfn|em|font|i|kbd|mark|q|s|samp|small|span|strong|sub|sup|time|u|var)(?:\s[^<>]*)?>/gi;
/** Words a page uses as a heading over a field ("Abstract"): labels, not content. */
const LABEL = String.raw`(?:abstract|description|summary|overview|details|bio(?:graphy)?|speakers?|about(?: the| this)?(?: session| talk| speakers?)?)\s*:?`;
/** A label heading element: `<h4>Abstract</h4>`. */
const HEADING_LABEL = new RegExp(String.raw`<h[1-6](?:\s[^<>]*)?>\s*${LABEL}\s*</h[1-6]\s*>`, "gi");
/** `… confidence.</p> <h4>Abstract` — a label heading cut off at the end of the line. */
const DANGLING_LABEL = new RegExp(
  String.raw`<h[1-6](?:\s[^<>]*)?>\s*${LABEL}(?:\s*<\/?(?!h[1-6])[a-z][^<>]*>)*\s*$`,
  "i",
);

/**
 * One line of source text as plain text: heading labels and tags removed, entities
 * decoded, non-breaking and repeated spaces collapsed. Curly quotes, emoji and other
 * typography are left exactly as they are.
 */
export function cleanLine(line: string): string {
  return decodeEntities(
    line
      .replace(DANGLING_LABEL, " ")
      .replace(HEADING_LABEL, " ")
      .replace(INLINE_TAG, "")
      .replace(TAG, " "),
  )
    .replace(/[\u00a0\u2007\u202f\t\f\v]/g, " ")
    .replace(/[\u200b\ufeff]/g, "")
    .replace(/ {2,}/g, " ")
    .trim();
}

/** The document's lines, cleaned; blank (or markup-only) lines become "". */
export function cleanLines(text: string): string[] {
  return splitLines(text).map(cleanLine);
}

export function splitLines(text: string): string[] {
  return text.replace(/^\ufeff/, "").split(/\r\n|\r|\n/);
}

/**
 * Paragraphs as one text: paragraphs separated by a blank line, except that
 * consecutive list items ("- …") stay on adjacent lines.
 */
export function joinParagraphs(paragraphs: readonly string[]): string {
  let out = "";
  let previous = "";
  for (const p of paragraphs) {
    const text = p.trim();
    if (!text) continue;
    if (out) out += isListItem(text) && isListItem(previous) ? "\n" : "\n\n";
    out += text;
    previous = text;
  }
  return out;
}

function isListItem(line: string): boolean {
  return /^[-•*–]\s/.test(line);
}

/** True when a text was cut off by the page ("…" or "..." at the end). */
export function isTruncated(text: string): boolean {
  return /(\.\.\.|…)$/.test(text.trim());
}

/** Words of a line (whitespace-separated). */
export function words(line: string): string[] {
  return line.split(/\s+/).filter(Boolean);
}

/** Apostrophes and quotes folded, case and spacing ignored: for comparing names and titles. */
export function foldText(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[’‘`´]/g, "'")
    .replace(/[“”]/g, '"')
    .replace(/\s+/g, " ")
    .trim()
    .toLowerCase();
}

export const WEEKDAYS = [
  "sunday",
  "monday",
  "tuesday",
  "wednesday",
  "thursday",
  "friday",
  "saturday",
] as const;

export const MONTHS = [
  "january",
  "february",
  "march",
  "april",
  "may",
  "june",
  "july",
  "august",
  "september",
  "october",
  "november",
  "december",
] as const;

/** 0 Sunday … 6 Saturday, from a full or three-letter English name; -1 when not a weekday. */
export function weekdayIndex(name: string): number {
  const n = name.toLowerCase();
  return WEEKDAYS.findIndex((d) => d === n || (n.length >= 3 && d.startsWith(n) && n.length <= 4));
}

/** 1 … 12 from a full or three-letter English month name; 0 when not a month. */
export function monthNumber(name: string): number {
  const n = name.toLowerCase().replace(/\.$/, "");
  return MONTHS.findIndex((m) => m === n || (n.length >= 3 && m.startsWith(n))) + 1;
}
