import { CatalogError } from "../catalog-error.ts";
import { type FrabEventInput, FrabScheduleBuilder } from "./frab-schedule.ts";
import type { ImportedSchedule, ImportOptions } from "./imported-schedule.ts";
import { lineFinder } from "./text-position.ts";
import {
  child,
  children,
  innerXml,
  parseXmlTree,
  type XmlElement,
  XmlSyntaxError,
} from "./xml-tree.ts";

/** A frab / pentabarf `schedule.xml` (FOSDEM, pretalx, frab) as one catalog event. */
export function parseFrabXml(xml: string, file: string, options: ImportOptions): ImportedSchedule {
  let root: XmlElement;
  try {
    root = parseXmlTree(xml);
  } catch (err) {
    if (!(err instanceof XmlSyntaxError)) throw err;
    throw new CatalogError(file, [`not well-formed XML: ${err.message}`], { cause: err });
  }
  if (root.name !== "schedule") {
    throw new CatalogError(file, [
      `the root element is <${root.name}>, not <schedule>: this is not a frab/pentabarf schedule`,
    ]);
  }
  const text = (el: XmlElement | undefined, name: string) => child(el, name)?.text;
  // Fields that may carry HTML: escaped (FOSDEM) it is text; unescaped it is child markup.
  const html = (el: XmlElement, name: string) => {
    const field = child(el, name);
    if (!field) return undefined;
    return field.children.length > 0 ? innerXml(xml, field) : field.text;
  };
  const conference = child(root, "conference");
  const days = children(root, "day");
  const firstEvent = days
    .flatMap((d) => children(d, "room"))
    .flatMap((r) => children(r, "event"))[0];

  const builder = new FrabScheduleBuilder(
    file,
    "frab-xml",
    {
      acronym: text(conference, "acronym"),
      title: text(conference, "title"),
      start: text(conference, "start"),
      end: text(conference, "end"),
      timeZoneName: text(conference, "time_zone_name")?.trim() || undefined,
      baseUrl: text(conference, "base_url"),
      dayChange: text(conference, "day_change"),
    },
    options,
    text(firstEvent, "date"),
  );

  for (const t of children(child(root, "tracks"), "track")) {
    if (t.text.trim()) builder.declareTrack(t.text, t.attrs.slug);
  }
  // FOSDEM lists every person once, with a biography, and refers to them by id.
  const bios = new Map<string, string>();
  for (const p of children(child(root, "persons"), "person")) {
    const bio = html(p, "biography");
    if (p.attrs.id && bio?.trim()) bios.set(p.attrs.id, bio);
  }

  const lineOf = lineFinder(xml);
  for (const day of days) {
    const dayStart = /T(\d{2}:\d{2})/.exec(day.attrs.start ?? "")?.[1];
    for (const room of children(day, "room")) {
      for (const e of children(room, "event")) {
        const persons = children(child(e, "persons"), "person").map((p) => {
          const id = p.attrs.id;
          const name = child(p, "name")?.text ?? child(p, "public_name")?.text ?? p.text;
          const bio = (id ? bios.get(id) : undefined) ?? html(p, "biography");
          return { name, bio };
        });
        const track = child(e, "track");
        const event: FrabEventInput = {
          position: `the event at line ${lineOf(e.offset)}`,
          guid: e.attrs.guid,
          id: e.attrs.id,
          date: text(e, "date"),
          start: text(e, "start"),
          dayDate: day.attrs.date,
          dayStart,
          duration: text(e, "duration"),
          room: text(e, "room") || room.attrs.name,
          title: text(e, "title"),
          subtitle: text(e, "subtitle"),
          track: track?.text,
          trackSlug: track?.attrs.slug,
          type: text(e, "type"),
          language: text(e, "language"),
          abstract: html(e, "abstract"),
          description: html(e, "description"),
          url: text(e, "url"),
          persons,
        };
        builder.addEvent(event);
      }
    }
  }
  return builder.finish();
}
