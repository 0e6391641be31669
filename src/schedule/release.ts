/**
 * A release: the texts of every schedule source at one moment, turned into one
 * candidate catalog, and the decision whether it replaces the catalog in force.
 * Everything here is pure (no I/O, no clock), so the rules are easy to test and
 * `schedule check` runs exactly what the bot runs.
 */
import { CatalogError } from "../catalog/catalog-error.ts";
import { diff, type ScheduleDiff } from "../catalog/diff.ts";
import { parseFrabJson } from "../catalog/import/frab-json.ts";
import { parseFrabXml } from "../catalog/import/frab-xml.ts";
import type {
  ImportedSchedule,
  ImportOptions,
  SkippedEntry,
} from "../catalog/import/imported-schedule.ts";
import { type MergeInput, mergeSchedules } from "../catalog/import/merge-schedules.ts";
import { detectFormat } from "../catalog/import/read-schedule.ts";
import { parseSessionize } from "../catalog/import/sessionize.ts";
import { parseCatalog } from "../catalog/load.ts";
import type { Catalog } from "../catalog/schema.ts";
import { contentHash } from "./source.ts";

/** One source's text in a release; `source` (URL or path) names it in messages. */
export interface ReleaseBody {
  source: string;
  text: string;
}

export interface ReleaseOptions extends ImportOptions {
  /** A release removing more than this share of the talks in force is refused (default 0.5). */
  maxRemovedShare?: number;
}

export type Refusal =
  /** The importer cannot read it: truncated XML, invalid JSON, an unknown shape, no time zone… */
  | { kind: "unparsable"; source: string; line?: number; message: string }
  /** It reads, but the catalog it makes is not valid. */
  | { kind: "invalid"; talkId?: string; field?: string; message: string }
  /** It would remove most of the schedule at once: an export cut short, most likely. */
  | { kind: "cut-short"; before: number; after: number; removed: number; message: string }
  /** It has no talks at all (a schedule not published yet, or emptied by mistake). */
  | { kind: "empty"; message: string };

export type Candidate =
  | { ok: true; catalog: Catalog; skipped: SkippedEntry[]; warnings: string[] }
  | { ok: false; refusal: Refusal };

export type Decision =
  | {
      apply: true;
      catalog: Catalog;
      /** Against the catalog in force; empty for the first release, which announces nothing. */
      changes: ScheduleDiff;
      /** No release was applied before: apply it, announce nothing. */
      first: boolean;
      skipped: SkippedEntry[];
      warnings: string[];
    }
  | { apply: false; refusal: Refusal };

/** A release's id: its one source's content hash, or a hash of every source's in order. */
export function releaseIdOf(hashes: readonly string[]): string {
  if (hashes.length === 1) return hashes[0] as string;
  return contentHash(hashes.join("\n"));
}

function more(problems: readonly string[], noun: string): string {
  const rest = problems.length - 1;
  return rest > 0 ? ` (and ${rest} more ${noun}${rest === 1 ? "" : "s"})` : "";
}

function unparsable(source: string, err: CatalogError): Refusal {
  const first = err.problems[0] ?? err.message;
  const line = /\bline (\d+)/.exec(first)?.[1];
  return {
    kind: "unparsable",
    source,
    ...(line ? { line: Number(line) } : {}),
    message: `does not parse: ${source}: ${first}${more(err.problems, "problem")}`,
  };
}

/** parseCatalog writes `talk "<id>" (talks[3]) field end: …`: the talk and the field, kept. */
function invalid(err: CatalogError): Refusal {
  const first = err.problems[0] ?? err.message;
  const m = /^talk "([^"]*)" \(talks\[\d+\]\)(?: field ([\w.]+))?: (.*)$/s.exec(first);
  const where = m
    ? `talk "${m[1]}"${m[2] ? ` field ${m[2]}` : ""}: ${m[3]}`
    : first.replace(/ \(\w+\[\d+\]\)/, "");
  return {
    kind: "invalid",
    ...(m?.[1] !== undefined ? { talkId: m[1] } : {}),
    ...(m?.[2] ? { field: m[2] } : {}),
    message: `fails validation: ${where}${more(err.problems, "problem")}`,
  };
}

/** `readSchedule`, reusing the JSON `detectFormat` already parsed (a release can be 50 MB). */
function readExport(
  format: Exclude<ReturnType<typeof detectFormat>, { kind: "catalog" }>,
  text: string,
  source: string,
  options: ImportOptions,
): ImportedSchedule {
  switch (format.kind) {
    case "frab-xml":
      return parseFrabXml(text, source, options);
    case "frab-json":
      return parseFrabJson(format.data, source, options);
    case "sessionize":
      return parseSessionize(format.data, source, options);
  }
}

/** A talkbot catalog served as a source: each of its events merges like an export's. */
function catalogParts(catalog: Catalog, file: string): MergeInput[] {
  return catalog.events.map((event) => ({
    file,
    event,
    tracks: catalog.tracks.filter((t) => t.eventId === event.id),
    talks: catalog.talks.filter((t) => t.eventId === event.id),
    skipped: [],
  }));
}

/**
 * Every source's text → one candidate catalog, through the same importers as the
 * CLI's `import` (several sources side by side, one event each), or the reason it
 * cannot be one. Throws only for options a caller must fix (a bad time zone).
 */
export function buildCandidate(
  bodies: readonly ReleaseBody[],
  options: ImportOptions = {},
): Candidate {
  const parts: MergeInput[] = [];
  const warnings: string[] = [];
  for (const { source, text } of bodies) {
    const clean = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
    let format: ReturnType<typeof detectFormat>;
    try {
      format = detectFormat(clean, source);
      if (format.kind !== "catalog") {
        const schedule = readExport(format, clean, source, options);
        parts.push(schedule);
        warnings.push(...schedule.warnings);
        continue;
      }
    } catch (err) {
      if (err instanceof CatalogError) return { ok: false, refusal: unparsable(source, err) };
      throw err;
    }
    try {
      parts.push(...catalogParts(parseCatalog(format.data, source), source));
    } catch (err) {
      if (err instanceof CatalogError) return { ok: false, refusal: invalid(err) };
      throw err;
    }
  }
  const merged = mergeSchedules(parts);
  const label = bodies.map((b) => b.source).join(" + ");
  try {
    const catalog = parseCatalog(merged.catalog, label);
    return { ok: true, catalog, skipped: merged.skipped, warnings };
  } catch (err) {
    if (err instanceof CatalogError) return { ok: false, refusal: invalid(err) };
    throw err;
  }
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * Apply, or refuse with one reason. Pure in (the catalog in force, or null before
 * any release was applied; the candidate): the bot and `schedule check` share it.
 */
export function decide(
  previous: Catalog | null,
  candidate: Candidate,
  options: Pick<ReleaseOptions, "maxRemovedShare"> = {},
): Decision {
  if (!candidate.ok) return { apply: false, refusal: candidate.refusal };
  const { catalog, skipped, warnings } = candidate;
  if (catalog.talks.length === 0) {
    return { apply: false, refusal: { kind: "empty", message: "holds no talks" } };
  }
  if (previous === null) {
    return {
      apply: true,
      catalog,
      changes: diff(catalog, catalog),
      first: true,
      skipped,
      warnings,
    };
  }
  const changes = diff(previous, catalog);
  const before = previous.talks.length;
  const removed = changes.removed.length;
  const share = options.maxRemovedShare ?? 0.5;
  if (before > 0 && removed > before * share) {
    const after = catalog.talks.length;
    return {
      apply: false,
      refusal: {
        kind: "cut-short",
        before,
        after,
        removed,
        message: `cut short? it would remove ${removed} of the ${plural(before, "talk")} in force at once (${after} left)`,
      },
    };
  }
  return { apply: true, catalog, changes, first: false, skipped, warnings };
}

/** `buildCandidate` then `decide`: everything a release goes through before it is applied. */
export function checkRelease(
  previous: Catalog | null,
  bodies: readonly ReleaseBody[],
  options: ReleaseOptions = {},
): Decision {
  const { maxRemovedShare, ...importOptions } = options;
  return decide(
    previous,
    buildCandidate(bodies, importOptions),
    maxRemovedShare === undefined ? {} : { maxRemovedShare },
  );
}
