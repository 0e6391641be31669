import { XMLParser, XMLValidator } from "fast-xml-parser";
import { CatalogError } from "../catalog-error.ts";
import { type FrabEventInput, FrabScheduleBuilder } from "./frab-schedule.ts";
import { decodeEntities } from "./html-to-text.ts";
import type { ImportedSchedule, ImportOptions } from "./imported-schedule.ts";

type Node = Record<string, unknown>;

const listPaths = new Set([
  "schedule.day",
  "schedule.day.room",
  "schedule.day.room.event",
  "schedule.day.room.event.persons.person",
  "schedule.tracks.track",
  "schedule.persons.person",
]);

// Entities are decoded by us, only in the fields we read: the parser's own entity
// pass doubles the time of a FOSDEM-sized file.
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  parseTagValue: false,
  parseAttributeValue: false,
  processEntities: false,
  isArray: (_name, path) => typeof path === "string" && listPaths.has(path),
});

/** The text of an element (or of an element with attributes), entities decoded. */
function text(value: unknown): string | undefined {
  if (typeof value === "string") return decodeEntities(value);
  if (typeof value === "number") return String(value);
  if (value && typeof value === "object" && "#text" in value) return text(value["#text"]);
  return undefined;
}

function attr(value: unknown, name: string): string | undefined {
  if (!value || typeof value !== "object") return undefined;
  const v = (value as Node)[`@_${name}`];
  return typeof v === "string" ? decodeEntities(v) : undefined;
}

function node(value: unknown): Node {
  return value && typeof value === "object" ? (value as Node) : {};
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : value === undefined || value === "" ? [] : [value];
}

/** A frab / pentabarf `schedule.xml` (FOSDEM, pretalx, frab) as one catalog event. */
export function parseFrabXml(xml: string, file: string, options: ImportOptions): ImportedSchedule {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    const { line, col, msg } = valid.err;
    throw new CatalogError(file, [`not well-formed XML: line ${line}, column ${col}: ${msg}`]);
  }
  const schedule = node(parser.parse(xml)).schedule;
  if (!schedule || typeof schedule !== "object") {
    throw new CatalogError(file, ["no <schedule> element: this is not a frab/pentabarf schedule"]);
  }
  const root = schedule as Node;
  const conference = node(root.conference);
  const days = list(root.day).map(node);
  const firstEvent = days
    .flatMap((d) => list(d.room).map(node))
    .flatMap((r) => list(r.event).map(node))[0];

  const builder = new FrabScheduleBuilder(
    file,
    "frab-xml",
    {
      acronym: text(conference.acronym),
      title: text(conference.title),
      start: text(conference.start),
      end: text(conference.end),
      timeZoneName: text(conference.time_zone_name)?.trim() || undefined,
      baseUrl: text(conference.base_url),
      dayChange: text(conference.day_change),
    },
    options,
    firstEvent ? text(firstEvent.date) : undefined,
  );

  for (const t of list(node(root.tracks).track)) {
    const name = text(t);
    if (name?.trim()) builder.declareTrack(name, attr(t, "slug"));
  }
  // FOSDEM lists every person once, with a biography, and refers to them by id.
  const bios = new Map<string, string>();
  for (const p of list(node(root.persons).person).map(node)) {
    const id = attr(p, "id");
    const bio = text(p.biography);
    if (id && bio?.trim()) bios.set(id, bio);
  }

  days.forEach((day, d) => {
    const dayDate = attr(day, "date");
    const dayStart = /T(\d{2}:\d{2})/.exec(attr(day, "start") ?? "")?.[1];
    list(day.room).forEach((room, r) => {
      const roomName = attr(room, "name");
      list(node(room).event).forEach((raw, i) => {
        const e = node(raw);
        const persons = list(node(e.persons).person).map((p) => {
          const id = attr(p, "id");
          const named = node(p);
          const name = "name" in named ? text(named.name) : text(p);
          const bio = id ? bios.get(id) : text(named.biography);
          return { name: name ?? text(named.public_name), bio };
        });
        const event: FrabEventInput = {
          position: `day ${d + 1}, room ${roomName ?? r + 1}, event ${i + 1}`,
          guid: attr(e, "guid"),
          id: attr(e, "id"),
          date: text(e.date),
          start: text(e.start),
          dayDate,
          dayStart,
          duration: text(e.duration),
          room: text(e.room) || roomName,
          title: text(e.title),
          subtitle: text(e.subtitle),
          track: text(e.track),
          trackSlug: attr(e.track, "slug"),
          type: text(e.type),
          language: text(e.language),
          abstract: text(e.abstract),
          description: text(e.description),
          url: text(e.url),
          persons,
        };
        builder.addEvent(event);
      });
    });
  });
  return builder.finish();
}
