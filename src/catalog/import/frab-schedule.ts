import { basename } from "node:path";
import { addDays, zonedInstant } from "../../time/zone.ts";
import { slugify } from "../ids.ts";
import type { Speaker, Talk, Track } from "../schema.ts";
import { byStart, optional, scheduledTracks } from "./catalog-parts.ts";
import { dayOf, readDateTime } from "./date-time.ts";
import { parseDuration } from "./duration.ts";
import { htmlToText } from "./html-to-text.ts";
import type {
  ImportedSchedule,
  ImportOptions,
  ScheduleFormat,
  SkippedEntry,
} from "./imported-schedule.ts";
import { resolveZone } from "./time-zone-check.ts";
import { ZoneOffsets } from "./zone-offsets.ts";

/** The conference block of a frab export, already read out of XML or JSON. */
export interface FrabConference {
  acronym?: string;
  title?: string;
  start?: string;
  end?: string;
  timeZoneName?: string;
  baseUrl?: string;
  /** "HH:MM" at which a conference day begins (events before it belong to the next date). */
  dayChange?: string;
}

/** One `<event>` / event object, as strings, whichever syntax it came in. */
export interface FrabEventInput {
  /** Where it sits in the file, for messages when it has no id. */
  position: string;
  guid?: string;
  id?: string;
  date?: string;
  start?: string;
  /** The `<day>`'s date and start, for exports whose events lack a full `date`. */
  dayDate?: string;
  dayStart?: string;
  duration?: string;
  room?: string;
  title?: string;
  subtitle?: string;
  track?: string;
  trackSlug?: string;
  type?: string;
  language?: string;
  abstract?: string;
  description?: string;
  url?: string;
  persons: { name?: string; bio?: string }[];
}

const clockTime = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/;

/** frab's `type` → the catalog's `format`; types it does not know are kept, lower-cased. */
function formatOf(type: string | undefined): string | undefined {
  const t = type?.trim().toLowerCase();
  if (!t) return undefined;
  if (["lecture", "talk", "devroom", "maintrack", "main track", "presentation"].includes(t)) {
    return "talk";
  }
  if (["podium", "panel", "panel discussion"].includes(t)) return "panel";
  if (["lightning", "lightning talk", "lightning_talk", "lightningtalk"].includes(t)) {
    return "lightning talk";
  }
  if (["break", "pause", "lunch", "coffee break"].includes(t)) return "break";
  return t;
}

/**
 * Builds one catalog event from a frab export (XML and JSON share everything after
 * the syntax). The event's `guid` is the talk id: numeric ids repeat across events
 * and releases, guids do not.
 */
export class FrabScheduleBuilder {
  readonly timeZone: string;
  readonly eventId: string;
  private readonly source: string;
  private readonly tracks = new Map<string, Track>();
  private readonly talks: Talk[] = [];
  private readonly talkIds = new Set<string>();
  private readonly skipped: SkippedEntry[] = [];
  private readonly warnings: string[] = [];
  private readonly offsetMismatches: string[] = [];
  private readonly offsets: ZoneOffsets;

  constructor(
    private readonly file: string,
    private readonly format: ScheduleFormat,
    private readonly conference: FrabConference,
    options: ImportOptions,
    sampleDate: string | undefined,
  ) {
    this.source = basename(file);
    this.timeZone = resolveZone(file, conference.timeZoneName, options.timeZone, sampleDate);
    this.offsets = new ZoneOffsets(this.timeZone);
    if (
      conference.timeZoneName &&
      options.timeZone &&
      options.timeZone !== conference.timeZoneName
    ) {
      this.warnings.push(
        `${file}: the file names its time zone ${conference.timeZoneName}; --time-zone ${options.timeZone} was not used for it`,
      );
    }
    this.eventId =
      slugify(conference.acronym ?? "") ||
      slugify(conference.title ?? "") ||
      slugify(this.source.replace(/\.[^.]+$/, "")) ||
      "event";
  }

  /** A track the export lists up front (frab XML `<tracks>`), so the export's order is kept. */
  declareTrack(name: string, slug?: string): void {
    this.trackFor(name, slug);
  }

  addEvent(input: FrabEventInput): void {
    const result = this.toTalk(input);
    if ("reason" in result) {
      this.skipped.push(result);
      return;
    }
    if (this.talkIds.has(result.id)) {
      this.skipped.push({
        file: this.file,
        id: result.id,
        ...(result.title ? { title: result.title } : {}),
        reason: "a second event with the same guid in this file",
      });
      return;
    }
    this.talkIds.add(result.id);
    this.talks.push(result);
  }

  finish(): ImportedSchedule {
    if (this.offsetMismatches.length > 0) {
      this.warnings.push(
        `${this.file}: ${this.offsetMismatches.length} event(s) carry a UTC offset that ${this.timeZone} did not have at that time (first: ${this.offsetMismatches[0]}); times were kept as instants and shown in ${this.timeZone}. Is the time zone right?`,
      );
    }
    const talks = this.talks.sort(byStart);
    const tracks = scheduledTracks(this.tracks.values(), talks);
    const days = talks.flatMap((t) => (t.date ? [t.date] : [])).sort();
    return {
      file: this.file,
      format: this.format,
      event: {
        id: this.eventId,
        name: this.conference.title?.trim() || null,
        timeZone: this.timeZone,
        sources: [this.source],
        ...optional("startDate", dayOf(this.conference.start) ?? days[0]),
        ...optional("endDate", dayOf(this.conference.end) ?? days.at(-1)),
        ...optional("url", this.conference.baseUrl?.trim() || undefined),
      },
      tracks,
      talks,
      skipped: this.skipped,
      warnings: this.warnings,
    };
  }

  private trackFor(name: string | undefined, slug: string | undefined): string | null {
    const label = name?.trim();
    if (!label) return null;
    const key = slugify(slug ?? "") || slugify(label) || label;
    const id = `${this.eventId}:${key}`;
    if (!this.tracks.has(id)) this.tracks.set(id, { id, eventId: this.eventId, name: label });
    return id;
  }

  private toTalk(e: FrabEventInput): Talk | SkippedEntry {
    const guid = e.guid?.trim();
    const numeric = e.id?.trim();
    const title = e.title?.trim();
    const label = guid || (numeric ? `id ${numeric}` : e.position);
    const skip = (reason: string): SkippedEntry => ({
      file: this.file,
      id: label,
      ...(title ? { title } : {}),
      reason,
    });
    if (!guid && !numeric) return skip("no guid and no id");
    if (!title) return skip("missing title");

    const reading = this.startOf(e);
    if (typeof reading === "string") return skip(reading);
    const start = reading.instant;
    const minutes = parseDuration(e.duration ?? "");
    if (minutes === null) {
      return skip(`unparsable duration "${e.duration ?? ""}" (expected hours:minutes, e.g. 00:30)`);
    }
    const end = new Date(start.getTime() + minutes * 60_000);

    if (reading.offset !== null && reading.offset !== this.offsets.at(start)) {
      this.offsetMismatches.push(`${label} at ${e.date?.trim()}`);
    }

    const speakers: Speaker[] = [];
    for (const p of e.persons) {
      const name = p.name?.trim();
      if (!name) continue;
      const bio = p.bio ? htmlToText(p.bio) : "";
      speakers.push(bio ? { name, bio } : { name });
    }
    const abstract = htmlToText(e.abstract ?? "");
    const description = htmlToText(e.description ?? "");
    const parts = [e.subtitle?.trim() ?? "", abstract, description === abstract ? "" : description];

    return {
      id: guid || `${this.eventId}:${numeric}`,
      eventId: this.eventId,
      trackId: this.trackFor(e.track, e.trackSlug),
      title,
      abstract: parts.filter((p) => p.length > 0).join("\n\n"),
      speakers,
      date: this.offsets.day(start),
      start: this.offsets.iso(start),
      end: this.offsets.iso(end),
      ...optional("room", e.room?.trim() || undefined),
      ...optional("format", formatOf(e.type)),
      ...optional("language", e.language?.trim() || undefined),
      tags: [],
      ...optional("url", e.url?.trim() || undefined),
      sources: [this.source],
    };
  }

  /** The event's `date` (authoritative); failing that, its day's date and its `start`. */
  private startOf(e: FrabEventInput): { instant: Date; offset: number | null } | string {
    const dated = e.date?.trim();
    if (dated) {
      const reading = readDateTime(dated, this.timeZone);
      if (!("error" in reading)) return reading;
      return reading.error === "format"
        ? `unparsable date "${dated}" (expected e.g. 2019-12-27T11:00:00+01:00)`
        : `unparsable date "${dated}" (not a real date and time)`;
    }
    const start = e.start?.trim() ?? "";
    const day = dayOf(e.dayDate);
    const clock = clockTime.exec(start);
    if (!day || !clock || Number(clock[1]) > 23 || Number(clock[2]) > 59) {
      return `no usable date (date missing, start "${start}" on day "${e.dayDate ?? ""}")`;
    }
    // A frab day runs past midnight: an event that starts before the day's own start
    // belongs to the next calendar date.
    const dayStart = clockTime.exec(e.dayStart ?? this.conference.dayChange ?? "");
    const minutesOf = (m: RegExpExecArray) => Number(m[1]) * 60 + Number(m[2]);
    const nextDate = dayStart !== null && minutesOf(clock) < minutesOf(dayStart);
    const date = nextDate ? addDays(day, 1) : day;
    const time = `${clock[1]}:${clock[2]}:${clock[3] ?? "00"}`;
    return { instant: zonedInstant(date, time, this.timeZone), offset: null };
  }
}
