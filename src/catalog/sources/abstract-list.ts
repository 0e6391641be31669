/**
 * Layout "abstract-list": a flat list of talks without titles, each an abstract
 * followed by its speaker's name and a parenthesised "(role and company)" line.
 * In the original the next abstract starts right after the closing "),":
 *
 *   Have you ever wondered … our world.
 *   Oleksii Petrov
 *   (Solution Architect @ Husqvarna Group),JavaScript and Golang are …
 *
 * Name and affiliation may come in either order, either may be missing, the
 * affiliation may stand without parentheses, and the list may put each speaker
 * before their abstract (recognised when the document starts with a name).
 */
import { matchingParen, splitRoleCompany } from "../role-company.ts";
import { looksLikeAffiliation, looksLikeName } from "./people.ts";
import { cleanLines, isTruncated, joinParagraphs } from "./text.ts";
import type { ParsedSource, ParsedSpeaker, ParsedTalk } from "./types.ts";

type Token =
  | { kind: "text"; text: string }
  | { kind: "name"; text: string }
  | { kind: "affiliation"; text: string };

/** How strongly a text looks like this layout (0: not at all). */
export function abstractListScore(text: string): number {
  const lines = cleanLines(text).filter(Boolean);
  let score = 0;
  lines.forEach((line, i) => {
    if (line.startsWith("(") && matchingParen(line, 0) > 0 && looksLikeName(lines[i - 1] ?? "")) {
      score += 1;
    }
  });
  return score;
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const line of cleanLines(text)) {
    if (!line) continue;
    if (line.startsWith("(")) {
      const close = matchingParen(line, 0);
      if (close > 0) {
        tokens.push({ kind: "affiliation", text: line.slice(1, close).trim() });
        const rest = line.slice(close + 1).replace(/^[\s,;]+/, "");
        if (rest) tokens.push({ kind: "text", text: rest });
        continue;
      }
    }
    if (looksLikeName(line)) {
      tokens.push({ kind: "name", text: line });
      continue;
    }
    const previous = tokens[tokens.length - 1];
    if (previous?.kind === "name" && looksLikeAffiliation(line)) {
      tokens.push({ kind: "affiliation", text: line });
      continue;
    }
    tokens.push({ kind: "text", text: line });
  }
  return tokens;
}

interface Pending {
  texts: string[];
  speakers: ParsedSpeaker[];
  /** An affiliation seen before its speaker's name. */
  orphan?: string;
}

function speakerOf(name: string, affiliation: string | undefined): ParsedSpeaker {
  return { name, ...(affiliation ? splitRoleCompany(affiliation) : {}) };
}

export function parseAbstractList(text: string): ParsedSource {
  const tokens = tokenize(text);
  const speakerFirst = tokens[0] !== undefined && tokens[0].kind !== "text";
  const records: Pending[] = [];
  let current: Pending = { texts: [], speakers: [] };
  let lastSpeakerHasAffiliation = false;

  const flush = () => {
    if (current.texts.length > 0 || current.speakers.length > 0) records.push(current);
    current = { texts: [], speakers: [] };
    lastSpeakerHasAffiliation = false;
  };

  for (const token of tokens) {
    if (token.kind === "text") {
      // Abstract first: text after a speaker starts the next talk.
      if (!speakerFirst && current.speakers.length > 0) flush();
      current.texts.push(token.text);
      continue;
    }
    // Speaker first: a speaker after text starts the next talk.
    if (speakerFirst && current.texts.length > 0) flush();
    if (token.kind === "name") {
      current.speakers.push(speakerOf(token.text, current.orphan));
      lastSpeakerHasAffiliation = current.orphan !== undefined;
      current.orphan = undefined;
    } else {
      const last = current.speakers[current.speakers.length - 1];
      if (last && !lastSpeakerHasAffiliation) {
        Object.assign(last, splitRoleCompany(token.text));
        lastSpeakerHasAffiliation = true;
      } else {
        current.orphan = token.text;
      }
    }
  }
  flush();

  const talks: ParsedTalk[] = records
    .filter((r) => r.texts.length > 0)
    .map((r) => {
      const abstract = joinParagraphs(r.texts);
      return {
        title: null,
        abstract,
        ...(isTruncated(abstract) ? { abstractTruncated: true } : {}),
        speakers: r.speakers,
        tags: [],
      };
    });
  return { layout: "abstract-list", tracks: [], talks };
}
