/**
 * Layout "session-page": one talk's own page, in either of the two styles the
 * conference site used.
 *
 * With speakers and bios:              With a "From the same track" list:
 *   About Session                        SESSION + Live Q&A
 *   <abstract…>                          <title>
 *   SHARE THIS TALK                      <abstract…>
 *   SPEAKERS                             Speaker
 *   <name>                               <name>
 *   <Company, Role>                      <Role @Company>
 *   <bio…>                               <bio…>  Read more
 *   View Schedule                        From the same track
 *                                        SESSION + Live Q&A <topic>
 *                                        <title> <abstract…> <name> <affiliation>
 *                                        UNCONFERENCE + Live Q&A <topic> …
 *
 * The page's own talk comes first; each entry of "From the same track" is a
 * talk of its own (same track, whose name the page does not give). Format
 * labels (SESSION, UNCONFERENCE, …) become `format`, topic labels `tags`.
 */
import { splitRoleCompany } from "../role-company.ts";
import { looksLikeAffiliation, looksLikeName } from "./people.ts";
import { cleanLines, isTruncated, joinParagraphs, words } from "./text.ts";
import type { ParsedSource, ParsedSpeaker, ParsedTalk } from "./types.ts";

const FORMATS: Record<string, string> = {
  SESSION: "talk",
  TALK: "talk",
  PRESENTATION: "talk",
  "LIGHTNING TALK": "lightning-talk",
  KEYNOTE: "keynote",
  UNCONFERENCE: "unconference",
  "OPEN SPACE": "unconference",
  WORKSHOP: "workshop",
  "MINI-WORKSHOP": "workshop",
  TUTORIAL: "tutorial",
  AMA: "ama",
  PANEL: "panel",
  "PANEL DISCUSSION": "panel",
};
const LABEL = new RegExp(
  String.raw`^(${Object.keys(FORMATS)
    .sort((a, b) => b.length - a.length)
    .join("|")})(?:\s*\+\s*(?:Live\s+)?Q\s*&\s*A)?(?:\s*[:|·–-]?\s+(.+))?$`,
);
const BOILERPLATE =
  /^(?:you are viewing content from a past\/completed .*|share this (?:talk|session)|view (?:full )?schedule|read more|back to (?:the )?schedule|add to (?:my )?calendar)$/i;
const ABSTRACT_HEADING =
  /^(?:about (?:the |this )?session|abstract|session abstract|description)$/i;
const SPEAKERS_HEADING = /^(?:speakers?|presenters?|hosts?)$/i;
const SAME_TRACK = /^(?:from|more from) the same track$/i;

/** How strongly a text looks like this layout (0: not at all). */
export function sessionPageScore(text: string): number {
  let score = 0;
  for (const line of cleanLines(text)) {
    if (SPEAKERS_HEADING.test(line) || SAME_TRACK.test(line) || ABSTRACT_HEADING.test(line)) {
      score += 2;
    } else if (LABEL.test(line)) score += 1;
  }
  return score;
}

interface Label {
  format: string;
  tags: string[];
}

function parseLabel(line: string): Label | null {
  const m = LABEL.exec(line);
  if (!m?.[1]) return null;
  const tags = (m[2] ?? "")
    .split(/\s*[,|·]\s*/)
    .map((t) => t.trim())
    .filter(Boolean);
  return { format: FORMATS[m[1]] ?? m[1].toLowerCase(), tags };
}

function isTitleLine(line: string): boolean {
  return words(line).length <= 20 && line.length <= 160 && !/([.:;,]|\.\.\.|…)$/.test(line);
}

/** Speaker blocks: a name, optionally an affiliation, then bio lines. */
function parseSpeakers(lines: readonly string[]): ParsedSpeaker[] {
  const speakers: ParsedSpeaker[] = [];
  let bio: string[] = [];
  let current: ParsedSpeaker | undefined;
  let expectAffiliation = false;
  const finish = () => {
    if (current) {
      const text = joinParagraphs(bio);
      if (text) {
        current.bio = text;
        if (isTruncated(text)) current.bioTruncated = true;
      }
      speakers.push(current);
    }
    bio = [];
    current = undefined;
  };
  for (const line of lines) {
    if (SPEAKERS_HEADING.test(line)) continue;
    if (looksLikeName(line)) {
      finish();
      current = { name: line };
      expectAffiliation = true;
      continue;
    }
    if (current && expectAffiliation && looksLikeAffiliation(line)) {
      Object.assign(current, splitRoleCompany(line));
      expectAffiliation = false;
      continue;
    }
    expectAffiliation = false;
    if (current) bio.push(line);
  }
  finish();
  return speakers;
}

/** The page's own talk: label, title, abstract, then the speakers. */
function parseMain(lines: readonly string[]): ParsedTalk | null {
  let label: Label | null = null;
  const header: string[] = [];
  let abstractHeadingAt = -1;
  let i = 0;
  for (; i < lines.length; i++) {
    const line = lines[i] ?? "";
    if (SPEAKERS_HEADING.test(line)) break;
    // No "Speakers" heading: the speakers start at a name followed by an affiliation.
    if (
      header.length > 1 &&
      looksLikeName(line) &&
      looksLikeAffiliation(lines[i + 1] ?? "") &&
      !looksLikeName(lines[i + 1] ?? "")
    ) {
      break;
    }
    const l = parseLabel(line);
    if (l && !label && header.length === 0) {
      label = l;
      continue;
    }
    if (ABSTRACT_HEADING.test(line)) {
      abstractHeadingAt = header.length;
      continue;
    }
    header.push(line);
  }
  const speakers = parseSpeakers(lines.slice(i));
  // The title is the line before "About Session" or, without that heading, the first line.
  let title: string | null = null;
  let abstractLines = header;
  const candidate = header[0];
  if (
    candidate !== undefined &&
    isTitleLine(candidate) &&
    (abstractHeadingAt === 1 || (abstractHeadingAt === -1 && header.length > 1))
  ) {
    title = candidate;
    abstractLines = header.slice(1);
  }
  const abstract = joinParagraphs(abstractLines);
  if (!title && !abstract && speakers.length === 0) return null;
  return {
    title,
    abstract,
    ...(isTruncated(abstract) ? { abstractTruncated: true } : {}),
    speakers,
    ...(label ? { format: label.format } : {}),
    tags: label?.tags ?? [],
  };
}

interface Item {
  label: Label | null;
  title: string | null;
  abstract: string[];
  speakers: ParsedSpeaker[];
  expectAffiliation: boolean;
}

/** "From the same track": label, title, abstract, speakers — per entry. */
function parseSameTrack(lines: readonly string[]): ParsedTalk[] {
  const items: Item[] = [];
  let item: Item | undefined;
  const start = (label: Label | null): Item => {
    const fresh: Item = {
      label,
      title: null,
      abstract: [],
      speakers: [],
      expectAffiliation: false,
    };
    items.push(fresh);
    return fresh;
  };
  for (const line of lines) {
    const label = parseLabel(line);
    if (label) {
      item = start(label);
      continue;
    }
    if (!item) item = start(null);
    if (item.title === null && item.abstract.length === 0 && item.speakers.length === 0) {
      if (isTitleLine(line)) item.title = line;
      else item.abstract.push(line);
      continue;
    }
    if (looksLikeName(line)) {
      item.speakers.push({ name: line });
      item.expectAffiliation = true;
      continue;
    }
    const last = item.speakers[item.speakers.length - 1];
    if (last && item.expectAffiliation && looksLikeAffiliation(line)) {
      Object.assign(last, splitRoleCompany(line));
      item.expectAffiliation = false;
      continue;
    }
    item.expectAffiliation = false;
    // After the speakers, a title-like line starts the next (unlabelled) entry;
    // a paragraph is this entry's abstract given after its speakers.
    if (item.speakers.length > 0 && isTitleLine(line)) {
      item = start(null);
      item.title = line;
      continue;
    }
    item.abstract.push(line);
  }
  return items
    .filter((it) => it.title !== null || it.abstract.length > 0)
    .map((it) => {
      const abstract = joinParagraphs(it.abstract);
      return {
        title: it.title,
        abstract,
        ...(isTruncated(abstract) ? { abstractTruncated: true } : {}),
        speakers: it.speakers,
        ...(it.label ? { format: it.label.format } : {}),
        tags: it.label?.tags ?? [],
      };
    });
}

export function parseSessionPage(text: string): ParsedSource {
  const lines = cleanLines(text).filter((l) => l && !BOILERPLATE.test(l));
  const split = lines.findIndex((l) => SAME_TRACK.test(l));
  const main = parseMain(split === -1 ? lines : lines.slice(0, split));
  const others = split === -1 ? [] : parseSameTrack(lines.slice(split + 1));
  return { layout: "session-page", tracks: [], talks: [...(main ? [main] : []), ...others] };
}
