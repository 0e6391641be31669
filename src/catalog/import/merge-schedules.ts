import type { Catalog, Talk, Track } from "../schema.ts";
import type { ImportedSchedule, SkippedEntry } from "./imported-schedule.ts";

/** What merging reads of an imported schedule (a catalog's event can be merged too). */
export type MergeInput = Pick<ImportedSchedule, "file" | "event" | "tracks" | "talks" | "skipped">;

export interface MergedSchedules {
  catalog: Catalog;
  /** The event id each input ended up with, in input order. */
  eventIds: string[];
  skipped: SkippedEntry[];
}

/**
 * Several exports side by side in one catalog. Two files naming the same event
 * (e.g. "36c3" twice) get distinct event ids ("36c3", "36c3-2"); a talk id seen in an
 * earlier file is skipped in the later one rather than silently replacing it.
 */
export function mergeSchedules(schedules: MergeInput[]): MergedSchedules {
  const catalog: Catalog = { events: [], tracks: [], talks: [] };
  const eventIds: string[] = [];
  const skipped: SkippedEntry[] = [];
  const talkFile = new Map<string, string>();

  for (const schedule of schedules) {
    const wanted = schedule.event.id;
    let id = wanted;
    for (let n = 2; catalog.events.some((e) => e.id === id); n++) id = `${wanted}-${n}`;
    const renamed = id === wanted ? schedule : renameEvent(schedule, id);
    eventIds.push(id);
    catalog.events.push(renamed.event);
    catalog.tracks.push(...renamed.tracks);
    skipped.push(...renamed.skipped);
    for (const talk of renamed.talks) {
      const earlier = talkFile.get(talk.id);
      if (earlier !== undefined) {
        skipped.push({
          file: schedule.file,
          id: talk.id,
          ...(talk.title ? { title: talk.title } : {}),
          reason: `same id as a talk already imported from ${earlier}`,
        });
        continue;
      }
      talkFile.set(talk.id, schedule.file);
      catalog.talks.push(talk);
    }
  }
  return { catalog, eventIds, skipped };
}

function renameEvent<S extends MergeInput>(schedule: S, id: string): S {
  const from = `${schedule.event.id}:`;
  const to = `${id}:`;
  const rewrite = (value: string) =>
    value.startsWith(from) ? to + value.slice(from.length) : value;
  const tracks: Track[] = schedule.tracks.map((t) => ({ ...t, id: rewrite(t.id), eventId: id }));
  const talks: Talk[] = schedule.talks.map((t) => ({
    ...t,
    id: rewrite(t.id),
    eventId: id,
    trackId: t.trackId === null ? null : rewrite(t.trackId),
  }));
  return { ...schedule, event: { ...schedule.event, id }, tracks, talks };
}
