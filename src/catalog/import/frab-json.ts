import { CatalogError } from "../catalog-error.ts";
import { FrabScheduleBuilder } from "./frab-schedule.ts";
import type { ImportedSchedule, ImportOptions } from "./imported-schedule.ts";
import { type Obj, obj, str } from "./json-fields.ts";

/** frab / pretalx `schedule.json` (`schedule.conference.days[].rooms{name: events}`). */
export function parseFrabJson(
  data: unknown,
  file: string,
  options: ImportOptions,
): ImportedSchedule {
  const schedule = obj(obj(data).schedule);
  const conference = obj(schedule.conference);
  if (!Array.isArray(conference.days)) {
    throw new CatalogError(file, [
      "schedule.conference.days is missing or not a list: this is not a frab/pretalx schedule.json",
    ]);
  }
  const days = conference.days.map(obj);
  const roomsOf = (day: Obj): [string, unknown[]][] =>
    Object.entries(obj(day.rooms)).map(([name, events]) => [
      name,
      Array.isArray(events) ? events : [],
    ]);
  const firstEvent = days.flatMap(roomsOf).flatMap(([, events]) => events)[0];

  const builder = new FrabScheduleBuilder(
    file,
    "frab-json",
    {
      acronym: str(conference.acronym),
      title: str(conference.title),
      start: str(conference.start),
      end: str(conference.end),
      timeZoneName: str(conference.time_zone_name)?.trim() || undefined,
      baseUrl: str(schedule.base_url) ?? str(conference.url),
      dayChange: str(conference.day_change),
    },
    options,
    str(obj(firstEvent).date),
  );

  if (Array.isArray(conference.tracks)) {
    for (const t of conference.tracks.map(obj)) {
      const name = str(t.name);
      if (name?.trim()) builder.declareTrack(name, str(t.slug));
    }
  }

  days.forEach((day, d) => {
    const dayStart = /T(\d{2}:\d{2})/.exec(str(day.day_start) ?? "")?.[1];
    for (const [roomName, events] of roomsOf(day)) {
      events.forEach((raw, i) => {
        const e = obj(raw);
        const persons = (Array.isArray(e.persons) ? e.persons : []).map((p) => {
          const person = obj(p);
          return {
            name: str(person.public_name) || str(person.name) || str(person.full_public_name),
            bio: str(person.biography) ?? str(person.bio),
          };
        });
        const track = e.track;
        builder.addEvent({
          position: `conference.days[${d}].rooms["${roomName}"][${i}]`,
          guid: str(e.guid),
          id: str(e.id) ?? str(e.code),
          date: str(e.date),
          start: str(e.start),
          dayDate: str(day.date),
          dayStart,
          duration: str(e.duration),
          room: str(e.room) || roomName,
          title: str(e.title),
          subtitle: str(e.subtitle),
          // pretalx writes the track as a name; some tools as { name, slug }.
          track: str(track) ?? str(obj(track).name),
          trackSlug: str(obj(track).slug),
          type: str(e.type),
          language: str(e.language),
          abstract: str(e.abstract),
          description: str(e.description),
          url: str(e.url),
          persons,
        });
      });
    }
  });
  return builder.finish();
}
