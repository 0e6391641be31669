/**
 * Layout "recap": someone's write-up of a conference, organised by day and track,
 * with talk titles as headings and the speakers named in the running text.
 *
 *   Day 1: Stream Processing in the Modern Age Link to this heading
 *   I spent my first day at the Stream Processing in the Modern Age track hosted by Tyler Akidau.
 *   Drivetribe: A Social Network on Streams
 *   <what the author says about it…>
 *   …
 *   My Talks Link to this heading
 *   Presentation Link to this heading
 *   … my Actors or Not: Async Event Architectures presentation …
 *   AMA: Actor-Based Architectures Link to this heading
 *   I also had an honour to host an AMA session … together with Jonas Boner and Kiki Carter.
 *
 * Section headings end in the "Link to this heading" anchor text (or are
 * `<h2>`/`##` headings); talk titles are the short title-case lines under a day.
 * "Day N: <name>" is a track when the text calls it one (or it reads like a
 * name); "Day 3: a bit of everything" is just a day. Only the people the text
 * says gave or hosted a talk are its speakers — not guests or people in the
 * audience. The author's own talks have no speaker name unless the text gives it.
 */
import { speakersInProse } from "./people.ts";
import { cleanLine, foldText, joinParagraphs, splitLines, words } from "./text.ts";
import type { DayRef, ParsedSource, ParsedTalk, ParsedTrack } from "./types.ts";

const ANCHOR = /\s*(?:Link to this heading|¶|#)\s*$/i;
const HEADING_TAG = /^\s*<h([1-6])(?:\s[^<>]*)?>(.*?)<\/h\1\s*>\s*$/i;
const MARKDOWN_HEADING = /^\s*#{1,6}\s+(.+?)\s*#*\s*$/;
const DAY_HEADING = /^Day\s+(\d+)\s*(?:[:–—-]\s*(.*))?$/i;
const LINK_REMNANT =
  /^(?:(?:slides|video|recording|article|photos?)(?:\s*\([^)]*\))?\s*(?:\||·|,|$)\s*)+$/i;
const MY_TALKS = /^my (?:talks?|presentations?|sessions?)$/i;
const GENERIC_TALK_HEADING =
  /^(?:(?:my )?(?:presentation|talk|session|keynote|lightning talk)s?)$/i;
/** Headings that close the talks part of a recap. */
const CLOSING_HEADING =
  /^(?:summary|conclusions?|wrap[- ]?up|final thoughts|closing thoughts|takeaways|key takeaways|links|resources|thanks|acknowledg\w*|tl;?dr|best talks.*|other talks.*)$/i;
const FORMAT_PREFIX: [RegExp, string][] = [
  [/^AMA\b/i, "ama"],
  [/^(?:mini-)?workshop\b/i, "workshop"],
  [/^panel\b/i, "panel"],
  [/^keynote\b/i, "keynote"],
  [/^unconference\b|^open space\b/i, "unconference"],
];

interface Line {
  text: string;
  heading: boolean;
}

function readLines(text: string): Line[] {
  return splitLines(text).map((raw) => {
    const tag = HEADING_TAG.exec(raw);
    if (tag) return { text: cleanLine(tag[2] ?? ""), heading: true };
    const md = MARKDOWN_HEADING.exec(raw);
    if (md) return { text: cleanLine(md[1] ?? ""), heading: true };
    const line = cleanLine(raw);
    if (/\S\s*Link to this heading$/i.test(line)) {
      return { text: line.replace(ANCHOR, "").trim(), heading: true };
    }
    return { text: line, heading: DAY_HEADING.test(line) };
  });
}

/** How strongly a text looks like this layout (0: not at all). */
export function recapScore(text: string): number {
  const lines = readLines(text);
  const days = lines.filter((l) => l.heading && DAY_HEADING.test(l.text)).length;
  return days > 0 ? days * 2 + lines.filter((l) => l.heading).length : 0;
}

/** A talk title as a heading line: short, title case, no sentence punctuation at the end. */
function isTitleLine(line: string): boolean {
  const ws = words(line);
  if (ws.length === 0 || ws.length > 14 || line.length > 120) return false;
  if (/[.,;:!?…]$/.test(line)) return false;
  if (!/^[\p{Lu}\p{N}]/u.test(line)) return false;
  const significant = ws.filter(
    (w) => /^\p{L}/u.test(w) && w.replace(/[^\p{L}]/gu, "").length >= 4,
  );
  if (significant.length === 0) return true;
  const capitalised = significant.filter((w) => /^\p{Lu}/u.test(w)).length;
  return capitalised / significant.length >= 0.6;
}

interface Section {
  kind: "day" | "mine" | "other";
  day?: DayRef;
  track?: string;
  host?: string;
}

interface PendingTalk {
  title: string | null;
  heading?: string;
  section: Section;
  body: string[];
  format?: string;
}

export function parseRecap(text: string): ParsedSource {
  const lines = readLines(text);
  const tracks: ParsedTrack[] = [];
  const pending: PendingTalk[] = [];
  let section: Section = { kind: "other" };
  let intro: string[] = [];
  let dayName = "";
  let talk: PendingTalk | undefined;

  const closeIntro = () => {
    if (section.kind !== "day" || !dayName || section.track !== undefined) return;
    const introText = intro.join(" ");
    const folded = foldText(introText);
    const named = folded.includes(`${foldText(dayName)} track`);
    const mentionsTracks = /\btracks?\b/i.test(introText);
    if (named || (!mentionsTracks && isTitleLine(dayName))) {
      section.track = dayName;
      const host = /\btrack\s+hosted\s+by\s+(\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}[\p{L}'’-]+){1,2})/u.exec(
        introText,
      );
      if (host?.[1]) section.host = host[1];
      tracks.push({
        name: dayName,
        ...(section.day ? { day: section.day } : {}),
        ...(section.host ? { host: section.host } : {}),
      });
    }
  };

  for (const line of lines) {
    if (!line.text || LINK_REMNANT.test(line.text)) continue;
    if (line.heading) {
      const day = DAY_HEADING.exec(line.text);
      if (day) {
        closeIntro();
        talk = undefined;
        const n = Number(day[1]);
        dayName = (day[2] ?? "").trim();
        section = { kind: "day", day: { kind: "conferenceDay", n, text: line.text } };
        intro = [];
        continue;
      }
      closeIntro();
      talk = undefined;
      dayName = "";
      if (MY_TALKS.test(line.text)) {
        section = { kind: "mine" };
        continue;
      }
      if (section.kind === "mine" && !CLOSING_HEADING.test(line.text)) {
        // A heading under "My Talks" is one of the author's talks.
        const generic = GENERIC_TALK_HEADING.test(line.text);
        const format = FORMAT_PREFIX.find(([re]) => re.test(line.text))?.[1];
        talk = {
          title: generic ? null : line.text,
          heading: line.text,
          section,
          body: [],
          ...(format ? { format } : {}),
        };
        pending.push(talk);
        continue;
      }
      section = { kind: "other" };
      continue;
    }
    if (section.kind === "day" && isTitleLine(line.text)) {
      closeIntro();
      talk = { title: line.text, section, body: [] };
      pending.push(talk);
      continue;
    }
    if (talk) talk.body.push(line.text);
    else if (section.kind === "day") intro.push(line.text);
  }
  closeIntro();

  const talks: ParsedTalk[] = pending.map((p) => {
    const abstract = joinParagraphs(p.body);
    const title = p.title ?? titleFromText(abstract);
    return {
      title,
      abstract,
      speakers: speakersInProse(abstract),
      ...(p.section.track ? { track: p.section.track } : {}),
      ...(p.section.day ? { day: p.section.day } : {}),
      ...(p.format ? { format: p.format } : {}),
      tags: [],
    };
  });
  return { layout: "recap", tracks, talks };
}

/** "… an article about my Actors or Not: Async Event Architectures presentation …" */
function titleFromText(text: string): string | null {
  const m =
    /\bmy\s+((?:[\p{Lu}\p{N}][^\s]*)(?:\s+[^\s]+){0,14}?)\s+(?:presentation|talk|session|keynote|workshop)\b/u.exec(
      text,
    );
  const title = m?.[1]?.trim();
  return title && !/[.!?]\s/.test(title) ? title : null;
}
