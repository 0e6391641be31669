/**
 * Source documents + metadata → catalog. Pure: no files, no clock; the same
 * input always gives the same catalog, in the same order, byte for byte once
 * serialised with `serializeCatalog`.
 */
import { realDay } from "../time/day.ts";
import { addDays, toOffsetIso, weekday, zonedInstant } from "../time/zone.ts";
import { shortHash, talkId, trackId } from "./ids.ts";
import { type Meta, MetaError, type MetaEvent } from "./meta.ts";
import type { Catalog, ConferenceEvent, Speaker, Talk, Track } from "./schema.ts";
import { parseSource } from "./sources/index.ts";
import { foldText, isTruncated, WEEKDAYS } from "./sources/text.ts";
import {
  type DayRef,
  type ParsedSource,
  type ParsedSpeaker,
  type ParsedTalk,
  SourceError,
} from "./sources/types.ts";

export interface SourceDocument {
  /** File name inside data/sources/, e.g. "001_c1970f4754af1403.txt". */
  file: string;
  text: string;
}

/** A track as written to catalog.json: the contract's fields plus the host's bio. */
export type BuiltTrack = Track & { hostBio?: string };
export type BuiltCatalog = Omit<Catalog, "tracks"> & { tracks: BuiltTrack[] };

interface Origin {
  file: string;
  /** Index of the file in the event's source list, then of the talk in the file. */
  fileIndex: number;
  position: number;
}

interface Candidate {
  eventId: string;
  trackId: string | null;
  title: string | null;
  abstract: string;
  abstractTruncated: boolean;
  speakers: ParsedSpeaker[];
  date?: string;
  start?: string;
  end?: string;
  room?: string;
  format?: string;
  tags: string[];
  origins: Origin[];
}

/** Parses every document and assembles the catalog. Throws SourceError or MetaError. */
export function buildCatalog(meta: Meta, documents: readonly SourceDocument[]): BuiltCatalog {
  const byFile = new Map(documents.map((d) => [d.file, d]));
  const listed = new Set(meta.events.flatMap((e) => e.sources));
  const unlisted = documents.map((d) => d.file).filter((f) => !listed.has(f));
  if (unlisted.length > 0) {
    throw new MetaError("meta.json", [
      `no event lists ${unlisted.map((f) => `"${f}"`).join(", ")}: add each source file to the "sources" of its event`,
    ]);
  }
  const missing = [...listed].filter((f) => !byFile.has(f));
  if (missing.length > 0) {
    throw new MetaError("meta.json", [
      `listed but not found in the sources folder: ${missing.map((f) => `"${f}"`).join(", ")}`,
    ]);
  }

  const events: ConferenceEvent[] = [];
  const tracks: BuiltTrack[] = [];
  const talks: Talk[] = [];
  for (const event of meta.events) {
    events.push(eventOf(event));
    const parsed = event.sources.map((file) => {
      const doc = byFile.get(file) as SourceDocument;
      return { file, source: parseSource(doc.text, file) };
    });
    const eventTracks = buildTracks(event, parsed);
    tracks.push(...eventTracks.list);
    talks.push(...buildTalks(event, parsed, eventTracks));
  }
  return { events, tracks, talks };
}

function eventOf(e: MetaEvent): ConferenceEvent {
  return {
    id: e.id,
    name: e.name,
    timeZone: e.timeZone,
    ...(e.startDate ? { startDate: e.startDate } : {}),
    ...(e.endDate ? { endDate: e.endDate } : {}),
    ...(e.url ? { url: e.url } : {}),
    sources: [...e.sources],
  };
}

/** The date a day reference means at this event. */
export function resolveDay(event: MetaEvent, day: DayRef, file: string): string {
  const { startDate, endDate } = event;
  if (!startDate || !endDate) {
    throw new SourceError(
      file,
      `says "${day.text}" but event "${event.id}" has no startDate/endDate in meta.json to place it`,
    );
  }
  const days: string[] = [];
  for (let d = startDate; d <= endDate; d = addDays(d, 1)) days.push(d);
  switch (day.kind) {
    case "conferenceDay": {
      const date = days[day.n - 1];
      if (!date || day.n < 1) {
        throw new SourceError(
          file,
          `"${day.text}" is outside ${event.id} (${startDate} to ${endDate})`,
        );
      }
      return date;
    }
    case "weekday": {
      const matches = days.filter((d) => weekday(d) === day.weekday);
      if (matches.length !== 1) {
        throw new SourceError(
          file,
          matches.length === 0
            ? `"${day.text}" is not one of the days of ${event.id} (${startDate} to ${endDate})`
            : `"${day.text}" is ambiguous: ${event.id} has ${matches.length} of them`,
        );
      }
      return matches[0] as string;
    }
    case "dayOfMonth": {
      const md = `${String(day.month).padStart(2, "0")}-${String(day.day).padStart(2, "0")}`;
      const startYear = Number(startDate.slice(0, 4));
      const endYear = Number(endDate.slice(0, 4));
      let date = `${startYear}-${md}`;
      for (let y = startYear; y <= endYear; y++) {
        if (days.includes(`${y}-${md}`)) date = `${y}-${md}`;
      }
      if (!realDay(date)) {
        throw new SourceError(file, `"${day.text}" is not a real date`);
      }
      if (day.weekday !== undefined && weekday(date) !== day.weekday) {
        throw new SourceError(
          file,
          `"${day.text}": ${date} is a ${cap(WEEKDAYS[weekday(date)] ?? "")}, not a ${cap(WEEKDAYS[day.weekday] ?? "")}`,
        );
      }
      return date;
    }
  }
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

interface TrackIndex {
  list: BuiltTrack[];
  /** The track a talk names, preferring one on the talk's date. */
  find(name: string, date: string | undefined): BuiltTrack | undefined;
}

function buildTracks(
  event: MetaEvent,
  parsed: readonly { file: string; source: ParsedSource }[],
): TrackIndex {
  const list: (BuiltTrack & { order: number })[] = [];
  let order = 0;
  for (const { file, source } of parsed) {
    for (const t of source.tracks) {
      const date = t.day ? resolveDay(event, t.day, file) : undefined;
      const key = foldText(t.name);
      const same = list.find(
        (x) =>
          foldText(x.name) === key &&
          (x.date === undefined || date === undefined || x.date === date),
      );
      if (same) {
        same.date ??= date;
        same.host ??= t.host;
        same.hostBio ??= t.hostBio;
        same.description ??= t.description;
        same.room ??= t.room;
        continue;
      }
      list.push({
        id: "",
        eventId: event.id,
        name: t.name,
        date,
        host: t.host,
        hostBio: t.hostBio,
        description: t.description,
        room: t.room,
        order: order++,
      });
    }
  }
  list.sort((a, b) => cmp(a.date ?? "9999", b.date ?? "9999") || a.order - b.order);
  const used = new Set<string>();
  const out: BuiltTrack[] = list.map((t) => {
    let id = trackId(event.id, t.name);
    if (used.has(id)) id = `${id}-${t.date ?? shortHash(t.description ?? t.name)}`;
    used.add(id);
    return compact({
      id,
      eventId: t.eventId,
      name: t.name,
      date: t.date,
      host: t.host,
      description: t.description,
      room: t.room,
      hostBio: t.hostBio,
    });
  });
  return {
    list: out,
    find(name, date) {
      const key = foldText(name);
      const named = out.filter((t) => foldText(t.name) === key);
      return (
        named.find((t) => t.date === date) ?? named.find((t) => t.date === undefined) ?? named[0]
      );
    },
  };
}

function buildTalks(
  event: MetaEvent,
  parsed: readonly { file: string; source: ParsedSource }[],
  tracks: TrackIndex,
): Talk[] {
  const candidates: Candidate[] = [];
  parsed.forEach(({ file, source }, fileIndex) => {
    source.talks.forEach((t, position) => {
      candidates.push(candidateOf(event, t, { file, fileIndex, position }, tracks));
    });
  });
  const merged = mergeSameTalks(candidates);
  merged.sort(
    (a, b) =>
      cmp(a.date ?? "9999", b.date ?? "9999") ||
      cmp(a.start ?? "", b.start ?? "") ||
      compareOrigin(a.origins[0], b.origins[0]),
  );
  const used = new Set<string>();
  return merged.map((c) => {
    let id = talkId(event.id, c);
    if (used.has(id))
      id = `${id}-${shortHash(`${c.abstract}\n${c.speakers.map((s) => s.name).join(",")}`)}`;
    used.add(id);
    return compact({
      id,
      eventId: c.eventId,
      trackId: c.trackId,
      title: c.title,
      abstract: c.abstract,
      speakers: c.speakers.map(speakerOut),
      date: c.date,
      start: c.start,
      end: c.end,
      room: c.room,
      format: c.format,
      tags: c.tags,
      sources: [...new Set(c.origins.map((o) => o.file))].sort(),
    }) as Talk;
  });
}

function candidateOf(
  event: MetaEvent,
  t: ParsedTalk,
  origin: Origin,
  tracks: TrackIndex,
): Candidate {
  const date = t.day ? resolveDay(event, t.day, origin.file) : undefined;
  let start: string | undefined;
  let end: string | undefined;
  if (t.startTime || t.endTime) {
    const where = `talk ${t.title ? `"${t.title}"` : `#${origin.position + 1}`}`;
    if (!event.timeZone) {
      throw new SourceError(
        origin.file,
        `${where} has times but event "${event.id}" has no timeZone in meta.json`,
      );
    }
    if (!date) throw new SourceError(origin.file, `${where} has times but no day`);
    const zone = event.timeZone;
    const at = (time: string) => toOffsetIso(zonedInstant(date, time, zone), zone);
    if (t.startTime) start = at(t.startTime);
    if (t.endTime) {
      end = at(t.endTime);
      // An evening slot that ends after midnight ends the next day; any other end
      // before the start is left for the loader to refuse.
      if (
        start &&
        Date.parse(end) < Date.parse(start) &&
        (t.startTime ?? "") >= "12:00" &&
        t.endTime < "12:00"
      ) {
        end = toOffsetIso(zonedInstant(addDays(date, 1), t.endTime, zone), zone);
      }
    }
  }
  const track = t.track ? tracks.find(t.track, date) : undefined;
  if (t.track && !track) {
    throw new SourceError(
      origin.file,
      `talk "${t.title}" names track "${t.track}" that was not found`,
    );
  }
  return {
    eventId: event.id,
    trackId: track?.id ?? null,
    title: t.title,
    abstract: t.abstract,
    abstractTruncated: t.abstractTruncated ?? isTruncated(t.abstract),
    speakers: t.speakers.map((s) => ({ ...s })),
    date,
    start,
    end,
    room: t.room,
    format: t.format,
    tags: [...t.tags],
    origins: [origin],
  };
}

function speakerKey(speakers: readonly { name: string }[]): string {
  return speakers
    .map((s) => foldText(s.name))
    .sort()
    .join("|");
}

/**
 * One entry per talk: talks of the same event with the same title are merged, and
 * an untitled talk joins the one titled talk of its event with exactly the same speakers.
 */
function mergeSameTalks(candidates: readonly Candidate[]): Candidate[] {
  const out: Candidate[] = [];
  const byTitle = new Map<string, Candidate>();
  const untitled: Candidate[] = [];
  for (const c of candidates) {
    if (c.title === null) {
      untitled.push(c);
      continue;
    }
    const key = `${c.eventId}\n${foldText(c.title)}`;
    const existing = byTitle.get(key);
    if (existing) mergeInto(existing, c);
    else {
      const copy = { ...c, speakers: [...c.speakers], tags: [...c.tags], origins: [...c.origins] };
      byTitle.set(key, copy);
      out.push(copy);
    }
  }
  for (const c of untitled) {
    const key = speakerKey(c.speakers);
    const matches = key
      ? out.filter((t) => t.eventId === c.eventId && speakerKey(t.speakers) === key)
      : [];
    const target = matches.length === 1 ? matches[0] : undefined;
    if (target) mergeInto(target, c);
    else out.push(c);
  }
  return out;
}

function better(
  a: { text: string; truncated: boolean },
  b: { text: string; truncated: boolean },
): boolean {
  if (a.truncated !== b.truncated) return !a.truncated;
  return a.text.length > b.text.length;
}

/**
 * The fuller abstract, followed by the other source's when it says something
 * else: two pages describing one talk each name topics the other leaves out
 * (one says Kafka and observability, the other does not), and both are searched.
 * A text the kept one already holds (the same, or a cut copy) adds nothing.
 */
function combinedAbstract(kept: string, extra: string): string {
  const flat = (t: string) => t.replace(/\s+/g, " ").replace(/…$/, "").trim();
  const a = flat(kept);
  const b = flat(extra);
  if (!b || a.includes(b)) return kept;
  if (!a) return extra;
  return `${kept.trimEnd()}\n\n${extra.trim()}`;
}

function mergeInto(target: Candidate, other: Candidate): void {
  const [first, second] =
    compareOrigin(target.origins[0], other.origins[0]) <= 0 ? [target, other] : [other, target];
  target.title ??= other.title;
  const [kept, extra] = better(
    { text: other.abstract, truncated: other.abstractTruncated },
    { text: target.abstract, truncated: target.abstractTruncated },
  )
    ? [other, target]
    : [target, other];
  target.abstract = combinedAbstract(kept.abstract, extra.abstract);
  target.abstractTruncated = kept.abstractTruncated;
  target.trackId ??= other.trackId;
  target.date ??= other.date;
  target.start ??= other.start;
  target.end ??= other.end;
  target.room ??= other.room;
  target.format = first.format ?? second.format;
  target.tags = [...new Set([...first.tags, ...second.tags])];
  target.speakers = mergeSpeakers(first.speakers, second.speakers);
  target.origins = [...target.origins, ...other.origins].sort(compareOrigin);
}

/** Speakers of both, by name; role and company as a pair from the earlier source, the fuller bio. */
function mergeSpeakers(
  first: readonly ParsedSpeaker[],
  second: readonly ParsedSpeaker[],
): ParsedSpeaker[] {
  const out = first.map((s) => ({ ...s }));
  for (const s of second) {
    const same = out.find((o) => foldText(o.name) === foldText(s.name));
    if (!same) {
      out.push({ ...s });
      continue;
    }
    if (!same.role && !same.company) {
      if (s.role) same.role = s.role;
      if (s.company) same.company = s.company;
    }
    if (
      s.bio &&
      (!same.bio ||
        better(
          { text: s.bio, truncated: s.bioTruncated ?? false },
          { text: same.bio, truncated: same.bioTruncated ?? false },
        ))
    ) {
      same.bio = s.bio;
      same.bioTruncated = s.bioTruncated;
    }
  }
  return out;
}

function speakerOut(s: ParsedSpeaker): Speaker {
  return compact({ name: s.name, role: s.role, company: s.company, bio: s.bio });
}

function compareOrigin(a: Origin | undefined, b: Origin | undefined): number {
  if (!a || !b) return 0;
  return a.fileIndex - b.fileIndex || a.position - b.position;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The object without its undefined fields (key order kept). */
function compact<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

/** The catalog as it is written to disk: two-space JSON and a final newline. */
export function serializeCatalog(catalog: BuiltCatalog): string {
  return `${JSON.stringify(catalog, null, 2)}\n`;
}
