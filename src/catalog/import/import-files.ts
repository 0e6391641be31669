import { TalkbotError } from "../../errors.ts";
import { isIanaZone } from "../../time/zone.ts";
import { parseCatalog } from "../load.ts";
import type { Catalog } from "../schema.ts";
import { readExport } from "./decode-file.ts";
import type {
  ImportedSchedule,
  ImportOptions,
  ScheduleFormat,
  SkippedEntry,
} from "./imported-schedule.ts";
import { mergeSchedules } from "./merge-schedules.ts";
import { readSchedule } from "./read-schedule.ts";

export type { ImportOptions, SkippedEntry } from "./imported-schedule.ts";

export interface ImportedFileSummary {
  file: string;
  format: ScheduleFormat;
  eventId: string;
  tracks: number;
  talks: number;
  skipped: number;
}

export interface ImportResult {
  /** Valid by `parseCatalog`: events side by side, one per input file. */
  catalog: Catalog;
  skipped: SkippedEntry[];
  warnings: string[];
  files: ImportedFileSummary[];
}

/**
 * Reads schedule exports (frab/pentabarf XML, frab/pretalx JSON, Sessionize "All"),
 * detects each one's format and returns them as one validated catalog. Throws a
 * CatalogError (file and position) for an unreadable or malformed file, and an
 * Error named "UsageError" for a bad `timeZone`.
 */
export async function importFiles(
  paths: string[],
  options: ImportOptions = {},
): Promise<ImportResult> {
  checkOptions(options);
  const texts = await Promise.all(
    paths.map(async (file) => ({ file, text: await readExport(file) })),
  );
  return importTexts(texts, options);
}

/** `importFiles` on contents already in memory; `file` names each in messages and `sources`. */
export function importTexts(
  inputs: { file: string; text: string }[],
  options: ImportOptions = {},
): ImportResult {
  checkOptions(options);
  if (inputs.length === 0) throw usageError("no schedule file given");
  const schedules: ImportedSchedule[] = inputs.map((i) => readSchedule(i.text, i.file, options));
  const merged = mergeSchedules(schedules);
  const label =
    inputs.length === 1 ? (inputs[0]?.file ?? "") : inputs.map((i) => i.file).join(" + ");
  const catalog = parseCatalog(merged.catalog, `import of ${label}`);
  const files = schedules.map((s, i): ImportedFileSummary => {
    const eventId = merged.eventIds[i] ?? s.event.id;
    return {
      file: s.file,
      format: s.format,
      eventId,
      tracks: catalog.tracks.filter((t) => t.eventId === eventId).length,
      talks: catalog.talks.filter((t) => t.eventId === eventId).length,
      skipped: merged.skipped.filter((k) => k.file === s.file).length,
    };
  });
  return {
    catalog,
    skipped: merged.skipped,
    warnings: schedules.flatMap((s) => s.warnings),
    files,
  };
}

function checkOptions(options: ImportOptions): void {
  if (options.timeZone !== undefined && !isIanaZone(options.timeZone)) {
    throw usageError(
      `--time-zone "${options.timeZone}" is not an IANA time zone name (e.g. Europe/Berlin, America/Los_Angeles)`,
    );
  }
}

/** Options or inputs a caller (in practice the CLI's command line) must change. */
function usageError(message: string): TalkbotError {
  return new TalkbotError("import_options_invalid", message);
}
