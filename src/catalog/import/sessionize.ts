import { basename } from "node:path";
import { CatalogError } from "../catalog-error.ts";
import { slugify } from "../ids.ts";
import type { Speaker, Talk, Track } from "../schema.ts";
import { byStart, optional, scheduledTracks } from "./catalog-parts.ts";
import { readDateTime } from "./date-time.ts";
import { htmlToText } from "./html-to-text.ts";
import type { ImportedSchedule, ImportOptions, SkippedEntry } from "./imported-schedule.ts";
import { arr, type Obj, obj, str } from "./json-fields.ts";
import { resolveZone } from "./time-zone-check.ts";
import { ZoneOffsets } from "./zone-offsets.ts";

/**
 * "Role at Company" / "Role @ Company" → role and company; anything else is kept
 * whole as the role ("CEO, Braintrust" is ambiguous, so it is not guessed at).
 */
export function splitTagLine(tagLine: string): { role?: string; company?: string } {
  const line = tagLine.trim().replace(/\s+/g, " ");
  if (!line) return {};
  const m = /^(.+?)(?: at |\s@\s?)(.+)$/i.exec(line);
  const role = m?.[1]?.trim();
  const company = m?.[2]?.trim();
  if (role && company) return { role, company };
  return { role: line };
}

/**
 * The export names no event, so its id comes from the file name, minus what a
 * browser or Sessionize adds ("myconf-all (1).json" → "myconf"): the next download of
 * the same export should land on the same event id.
 */
export function sessionizeEventId(fileName: string): string {
  const stem = fileName
    .replace(/\.[^.]+$/, "")
    .replace(/\s*\(\d+\)$/, "")
    .replace(/[-_ ]all$/i, "");
  return slugify(stem) || "sessionize-event";
}

/** A Sessionize "All" export (`sessions`, `speakers`, `rooms`, `categories`) as one catalog event. */
export function parseSessionize(
  data: unknown,
  file: string,
  options: ImportOptions,
): ImportedSchedule {
  const root = obj(data);
  if (!Array.isArray(root.sessions)) {
    throw new CatalogError(file, ['"sessions" is missing or not a list: not a Sessionize export']);
  }
  const sessions = root.sessions.map(obj);
  const sample = sessions.map((s) => str(s.startsAt)).find((s) => s);
  const zone = resolveZone(file, undefined, options.timeZone, sample);
  const offsets = new ZoneOffsets(zone);
  const instantOf = (value: string) => {
    const reading = readDateTime(value, zone);
    return "error" in reading ? null : reading.instant;
  };
  const source = basename(file);
  const eventId = sessionizeEventId(source);

  const rooms = new Map<string, string>();
  for (const r of arr(root.rooms).map(obj)) {
    const id = str(r.id);
    const name = str(r.name)?.trim();
    if (id && name) rooms.set(id, name);
  }
  const speakers = new Map<string, Speaker>();
  for (const s of arr(root.speakers).map(obj)) {
    const id = str(s.id);
    const name =
      str(s.fullName)?.trim() ||
      [str(s.firstName), str(s.lastName)]
        .filter((p) => p?.trim())
        .join(" ")
        .trim();
    if (!id || !name) continue;
    const bio = htmlToText(str(s.bio) ?? "");
    speakers.set(id, { name, ...splitTagLine(str(s.tagLine) ?? ""), ...(bio ? { bio } : {}) });
  }
  // Category items by id: the category titled "Track" gives the track, a format
  // category the format, every other one becomes a tag.
  const items = new Map<string, { category: string; name: string }>();
  for (const c of arr(root.categories).map(obj)) {
    const category = str(c.title)?.trim() ?? "";
    for (const item of arr(c.items).map(obj)) {
      const id = str(item.id);
      const name = str(item.name)?.trim();
      if (id && name) items.set(id, { category, name });
    }
  }

  const tracks = new Map<string, Track>();
  const talks: Talk[] = [];
  const skipped: SkippedEntry[] = [];
  const warnings: string[] = [];
  const seen = new Set<string>();
  const missingSpeakers = new Set<string>();
  const missingRooms = new Set<string>();
  let unscheduled = 0;

  // Why a session cannot be imported, or its talk.
  const toTalk = (s: Obj, rawId: string | undefined, title: string | undefined): Talk | string => {
    if (!rawId) return "no id";
    if (!title) return "missing title";
    const status = str(s.status);
    if (status && !/^(accepted|confirmed)$/i.test(status)) {
      return `status "${status}" (only accepted sessions are imported)`;
    }
    const id = `sessionize-${rawId}`;
    if (seen.has(id)) return "a second session with the same id in this file";

    const startsAt = str(s.startsAt);
    const endsAt = str(s.endsAt);
    let start: Date | null = null;
    let end: Date | null = null;
    if (startsAt) {
      start = instantOf(startsAt);
      if (!start) return `unparsable startsAt "${startsAt}"`;
      if (endsAt) {
        end = instantOf(endsAt);
        if (!end) return `unparsable endsAt "${endsAt}"`;
        if (end < start) return `endsAt ${endsAt} is before startsAt ${startsAt}`;
      }
    } else unscheduled++;

    const roomId = str(s.roomId);
    const room = roomId ? rooms.get(roomId) : str(s.room)?.trim();
    if (roomId && !room) missingRooms.add(roomId);

    const people: Speaker[] = [];
    for (const ref of arr(s.speakers)) {
      // The "All" export lists speaker ids; the other exports embed { id, name }.
      const refId = str(ref) ?? str(obj(ref).id);
      const known = refId ? speakers.get(refId) : undefined;
      const name = str(obj(ref).name)?.trim();
      const person = known ?? (name ? { name } : undefined);
      if (!person) {
        if (refId) missingSpeakers.add(refId);
        continue;
      }
      // Sessionize can hold two profiles of one person, both on the same session: the
      // first speaks for them (mixing the two would pair one's role with the other's company).
      if (!people.some((p) => p.name === person.name)) people.push(person);
    }

    let trackId: string | null = null;
    let format: string | undefined;
    const tags: string[] = [];
    for (const ref of arr(s.categoryItems)) {
      const item = items.get(str(ref) ?? str(obj(ref).id) ?? "");
      if (!item) continue;
      if (/^tracks?$/i.test(item.category)) {
        trackId = `${eventId}:${slugify(item.name) || item.name}`;
        if (!tracks.has(trackId)) tracks.set(trackId, { id: trackId, eventId, name: item.name });
      } else if (/format/i.test(item.category)) format = item.name.toLowerCase();
      else if (!tags.includes(item.name)) tags.push(item.name);
    }
    if (s.isServiceSession === true) format = "break";

    return {
      id,
      eventId,
      trackId,
      title,
      abstract: htmlToText(str(s.description) ?? ""),
      speakers: people,
      ...optional("date", start ? offsets.day(start) : undefined),
      ...optional("start", start ? offsets.iso(start) : undefined),
      ...optional("end", end ? offsets.iso(end) : undefined),
      ...optional("room", room || undefined),
      format: format ?? "talk",
      tags,
      sources: [source],
    };
  };

  sessions.forEach((s, index) => {
    const rawId = str(s.id)?.trim();
    const title = str(s.title)?.trim();
    const talk = toTalk(s, rawId, title);
    if (typeof talk === "string") {
      skipped.push({
        file,
        id: rawId || `sessions[${index}]`,
        ...(title ? { title } : {}),
        reason: talk,
      });
    } else {
      seen.add(talk.id);
      talks.push(talk);
    }
  });

  if (missingSpeakers.size > 0) {
    warnings.push(
      `${file}: ${missingSpeakers.size} speaker id(s) used by sessions are not in "speakers" (e.g. ${[...missingSpeakers][0]}); those speakers were left out`,
    );
  }
  if (missingRooms.size > 0) {
    warnings.push(
      `${file}: room id(s) ${[...missingRooms].join(", ")} are not in "rooms"; those sessions have no room`,
    );
  }
  if (unscheduled > 0) {
    warnings.push(`${file}: ${unscheduled} session(s) have no time yet; imported without one`);
  }

  talks.sort(byStart);
  const days = talks.flatMap((t) => (t.date ? [t.date] : [])).sort();
  return {
    file,
    format: "sessionize",
    event: {
      id: eventId,
      name: null,
      timeZone: zone,
      sources: [source],
      ...optional("startDate", days[0]),
      ...optional("endDate", days.at(-1)),
    },
    tracks: scheduledTracks(tracks.values(), talks),
    talks,
    skipped,
    warnings,
  };
}
