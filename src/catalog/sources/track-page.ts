/**
 * Layout "track-page": one track of a conference with its time-slotted talks.
 *
 *   <track description>
 *   Track: Architectures You've Always Wondered About
 *   Location: Fleming, 3rd flr.
 *   Day of week: Tuesday
 *   Track Host: Wes Reisz
 *   <host bio…>
 *   10:35am - 11:25am
 *   <title>
 *   <abstract…>
 *   …
 *   Last Year's Tracks
 *   Monday, 2 March
 *   -
 *   <track name>
 *   <track description>
 *
 * Header fields may come in any order or be missing; talks may carry a
 * "Speakers:" line; the speakers are otherwise the people the abstract says
 * give the talk ("Luca Mezzalira explains …"). The track host is the track's,
 * not a speaker of its talks.
 */
import { splitRoleCompany, unwrapParens } from "../role-company.ts";
import { speakersInProse } from "./people.ts";
import { cleanLines, joinParagraphs, monthNumber, weekdayIndex, words } from "./text.ts";
import type { DayRef, ParsedSource, ParsedSpeaker, ParsedTalk, ParsedTrack } from "./types.ts";

const TIME = String.raw`(\d{1,2})(?:[:.](\d{2}))?\s*([ap])\.?\s*m\.?`;
const TIME_RANGE = new RegExp(String.raw`^${TIME}\s*(?:[-–—]|to)\s*${TIME}$`, "i");
const FIELD =
  /^(track|track name|location|room|venue|day of week|day|date|track host|host|hosted by|speakers?|presenters?|by)\s*:\s*(.*)$/i;
const DAY_LINE =
  /^(?:(\p{L}+),?\s+)?(?:(\d{1,2})(?:st|nd|rd|th)?\s+(\p{L}+)|(\p{L}+)\s+(\d{1,2})(?:st|nd|rd|th)?)$/u;
const TRACKS_HEADING = /^(?:(?:last|this|next) year['’]s |other |all |the )?tracks(?: by day)?:?$/i;
const DASH = /^[-–—•*·]$/;

/** How strongly a text looks like this layout (0: not at all). */
export function trackPageScore(text: string): number {
  const lines = cleanLines(text);
  const slots = lines.filter((l) => TIME_RANGE.test(l)).length;
  const fields = lines.filter((l) =>
    /^(track|location|day of week|track host)\s*:/i.test(l),
  ).length;
  return slots > 0 && fields > 0 ? slots + fields * 2 : 0;
}

/** "10:35am" → "10:35"; "12:40pm" → "12:40"; "12:00am" → "00:00". */
export function to24h(hour: string, minute: string | undefined, half: string): string {
  let h = Number(hour) % 12;
  if (half.toLowerCase() === "p") h += 12;
  return `${String(h).padStart(2, "0")}:${(minute ?? "00").padStart(2, "0")}`;
}

/** "Monday, 2 March" / "Monday, March 2" / "2 March" as a day reference, or null. */
export function parseDayLine(line: string): DayRef | null {
  const m = DAY_LINE.exec(line.trim());
  if (!m) return null;
  const weekday = m[1] ? weekdayIndex(m[1]) : undefined;
  if (m[1] && weekday === -1) return null;
  const day = Number(m[2] ?? m[5]);
  const month = monthNumber(m[3] ?? m[4] ?? "");
  if (!month || day < 1 || day > 31) return null;
  return {
    kind: "dayOfMonth",
    day,
    month,
    ...(weekday !== undefined ? { weekday } : {}),
    text: line.trim(),
  };
}

function dayOfWeek(value: string): DayRef | undefined {
  const asDate = parseDayLine(value);
  if (asDate) return asDate;
  const w = weekdayIndex(value.trim().replace(/[.,]$/, ""));
  return w >= 0 ? { kind: "weekday", weekday: w, text: value.trim() } : undefined;
}

/** "Jan Machacek (Disney), Matt Squire" → speakers. */
function speakersField(value: string): ParsedSpeaker[] {
  const out: ParsedSpeaker[] = [];
  for (const part of value.split(/\s*(?:;|\band\b|&|,(?![^()]*\)))\s*/)) {
    const m = /^([^()]+?)\s*(\(.*\))?$/.exec(part.trim());
    if (!m?.[1]) continue;
    out.push({ name: m[1].trim(), ...(m[2] ? splitRoleCompany(unwrapParens(m[2])) : {}) });
  }
  return out;
}

interface Slot {
  start: string;
  end: string;
  lines: string[];
  speakers: ParsedSpeaker[];
}

export function parseTrackPage(text: string): ParsedSource {
  const lines = cleanLines(text);
  const track: Partial<ParsedTrack> & { descriptionLines: string[]; hostBioLines: string[] } = {
    descriptionLines: [],
    hostBioLines: [],
  };
  let hostSeen = false;
  const slots: Slot[] = [];
  const dayTracks: ParsedTrack[] = [];
  let phase: "header" | "slots" | "tracks" = "header";
  let currentDay: DayRef | undefined;
  let dayItems: string[][] = [];
  let dayHasDashes = false;

  const flushDay = () => {
    if (!currentDay) return;
    const items = dayHasDashes
      ? dayItems
      : // No "-" separators: name and description alternate.
        dayItems.flat().reduce<string[][]>((acc, line, i) => {
          if (i % 2 === 0) acc.push([line]);
          else acc[acc.length - 1]?.push(line);
          return acc;
        }, []);
    for (const [name, ...rest] of items) {
      if (!name) continue;
      const description = joinParagraphs(rest);
      dayTracks.push({ name, day: currentDay, ...(description ? { description } : {}) });
    }
    dayItems = [];
    dayHasDashes = false;
  };

  for (const line of lines) {
    if (!line) continue;
    const range = TIME_RANGE.exec(line);
    if (range && phase !== "tracks") {
      phase = "slots";
      slots.push({
        start: to24h(range[1] ?? "0", range[2], range[3] ?? "a"),
        end: to24h(range[4] ?? "0", range[5], range[6] ?? "a"),
        lines: [],
        speakers: [],
      });
      continue;
    }
    const day = phase === "header" && FIELD.test(line) ? null : parseDayLine(line);
    if (TRACKS_HEADING.test(line) || (day && (phase !== "header" || slots.length > 0))) {
      if (phase === "tracks") flushDay();
      phase = "tracks";
      if (day) currentDay = day;
      continue;
    }
    if (phase === "tracks") {
      if (DASH.test(line)) {
        dayHasDashes = true;
        dayItems.push([]);
      } else if (dayItems.length === 0) dayItems.push([line]);
      else dayItems[dayItems.length - 1]?.push(line);
      continue;
    }
    const field = FIELD.exec(line);
    if (phase === "slots") {
      const slot = slots[slots.length - 1];
      if (!slot) continue;
      if (field && /^(speakers?|presenters?|by)$/i.test(field[1] ?? "")) {
        slot.speakers.push(...speakersField(field[2] ?? ""));
      } else slot.lines.push(line);
      continue;
    }
    // Header.
    if (field) {
      const key = (field[1] ?? "").toLowerCase();
      const value = (field[2] ?? "").trim();
      if (!value) continue;
      if (key === "track" || key === "track name") track.name = value;
      else if (key === "location" || key === "room" || key === "venue") track.room = value;
      else if (key === "day of week" || key === "day" || key === "date") {
        const d = dayOfWeek(value);
        if (d) track.day = d;
      } else if (key === "track host" || key === "host" || key === "hosted by") {
        track.host = value;
        hostSeen = true;
      }
      continue;
    }
    (hostSeen ? track.hostBioLines : track.descriptionLines).push(line);
  }
  if (phase === "tracks") flushDay();

  const description = joinParagraphs(track.descriptionLines);
  const hostBio = joinParagraphs(track.hostBioLines);
  const tracks: ParsedTrack[] = [];
  if (track.name) {
    tracks.push({
      name: track.name,
      ...(track.day ? { day: track.day } : {}),
      ...(track.host ? { host: track.host } : {}),
      ...(hostBio ? { hostBio } : {}),
      ...(description ? { description } : {}),
      ...(track.room ? { room: track.room } : {}),
    });
  }
  tracks.push(...dayTracks);

  const talks: ParsedTalk[] = slots.map((slot) => {
    const [first, ...rest] = slot.lines;
    // A slot whose first line is a paragraph rather than a title has no title.
    const titled = first !== undefined && isTitleLine(first) && rest.length > 0;
    const abstractLines = titled ? rest : slot.lines;
    const abstract = joinParagraphs(abstractLines);
    const speakers = slot.speakers.length > 0 ? slot.speakers : speakersInProse(abstract);
    return {
      title: titled ? first : null,
      abstract,
      speakers,
      ...(track.name ? { track: track.name } : {}),
      ...(track.day ? { day: track.day } : {}),
      startTime: slot.start,
      endTime: slot.end,
      ...(track.room ? { room: track.room } : {}),
      tags: [],
    };
  });
  return { layout: "track-page", tracks, talks };
}

function isTitleLine(line: string): boolean {
  return words(line).length <= 20 && line.length <= 160 && !/[.:;,]$/.test(line);
}
