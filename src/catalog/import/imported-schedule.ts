import type { ConferenceEvent, Talk, Track } from "../schema.ts";

/** An entry of the export that could not be imported, and why. */
export interface SkippedEntry {
  /** The export file, as given. */
  file: string;
  /** The entry's own id in the export (frab guid, numeric id, Sessionize id), or its position. */
  id: string;
  /** Its title when it has one, so an organizer can find it. */
  title?: string;
  reason: string;
}

export interface ImportOptions {
  /** IANA zone for exports that do not name one (Sessionize, 36C3-era frab JSON). */
  timeZone?: string;
}

/** One export file turned into one event of the catalog. */
export interface ImportedSchedule {
  file: string;
  format: ScheduleFormat;
  event: ConferenceEvent;
  tracks: Track[];
  talks: Talk[];
  skipped: SkippedEntry[];
  /** Things that were imported but an organizer should look at. */
  warnings: string[];
}

export type ScheduleFormat = "frab-xml" | "frab-json" | "sessionize";

export const formatNames: Record<ScheduleFormat, string> = {
  "frab-xml": "frab/pentabarf XML",
  "frab-json": "frab/pretalx schedule.json",
  sessionize: 'Sessionize "All" JSON',
};
