import { TalkbotError } from "../../errors.ts";

/** What a source parser produces: the text's own facts, before any metadata is applied. */

export type Layout = "abstract-list" | "track-page" | "session-page" | "recap";

/**
 * A day as the source names it; the build turns it into a date with the event's
 * dates from the metadata file.
 */
export type DayRef =
  /** "Day of week: Tuesday" */
  | { kind: "weekday"; weekday: number; text: string }
  /** "Monday, 2 March" (the weekday, when given, is checked against the date) */
  | { kind: "dayOfMonth"; day: number; month: number; weekday?: number; text: string }
  /** "Day 2" of the conference */
  | { kind: "conferenceDay"; n: number; text: string };

export interface ParsedSpeaker {
  name: string;
  role?: string;
  company?: string;
  bio?: string;
  /** The bio ends in "…" because the page cut it short. */
  bioTruncated?: boolean;
}

export interface ParsedTalk {
  /** Null when the source gives the talk no title. */
  title: string | null;
  abstract: string;
  /** The abstract ends in "…" because the page cut it short. */
  abstractTruncated?: boolean;
  speakers: ParsedSpeaker[];
  /** Name of the track, as the source writes it. */
  track?: string;
  day?: DayRef;
  /** Local wall-clock times, `HH:MM` (24-hour). */
  startTime?: string;
  endTime?: string;
  room?: string;
  /** Normalised: "talk", "unconference", "ama", "workshop", "keynote", … */
  format?: string;
  tags: string[];
}

export interface ParsedTrack {
  name: string;
  day?: DayRef;
  host?: string;
  hostBio?: string;
  description?: string;
  room?: string;
}

export interface ParsedSource {
  layout: Layout;
  tracks: ParsedTrack[];
  talks: ParsedTalk[];
}

/** A source document that cannot be read as any known layout, or is self-contradictory. */
export class SourceError extends TalkbotError {
  readonly file: string;
  constructor(file: string, message: string) {
    super("catalog_source_invalid", `${file}: ${message}`);
    this.file = file;
  }
}
