import { readFileSync } from "node:fs";
import type { z } from "zod";
import { offsetMinutes, parseOffset } from "../time/zone.ts";
import { CatalogError } from "./catalog-error.ts";
import { parseJsonWithPosition } from "./import/text-position.ts";
import { type Catalog, catalogSchema } from "./schema.ts";

type Issue = z.core.$ZodIssue;

/** Reads, parses and validates a catalog file; throws CatalogError saying what and where. */
export function loadCatalogFile(file: string): Catalog {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (err) {
    throw new CatalogError(file, [`cannot read the file: ${(err as Error).message}`], {
      cause: err,
    });
  }
  const parsed = parseJsonWithPosition(text);
  if ("error" in parsed) throw new CatalogError(file, [`not valid JSON: ${parsed.error}`]);
  return parseCatalog(parsed.data, file);
}

/** Validates already-parsed data as a catalog; `file` names it in error messages. */
export function parseCatalog(data: unknown, file: string): Catalog {
  const parsed = catalogSchema.safeParse(data);
  if (!parsed.success) {
    throw new CatalogError(
      file,
      parsed.error.issues.map((i) => describeIssue(i, data)),
    );
  }
  const problems = crossCheck(parsed.data);
  if (problems.length > 0) throw new CatalogError(file, problems);
  return parsed.data;
}

/** `talk "qcon-…" (talks[3]) field start: …`, naming the record by id when it has one. */
function describeIssue(issue: Issue, data: unknown): string {
  const path = issue.path;
  const [collection, index, ...rest] = path;
  const field = rest.length > 0 ? rest.map(String).join(".") : undefined;
  if (typeof collection === "string" && typeof index === "number") {
    const record = recordAt(data, collection, index);
    const kind = collection.replace(/s$/, "");
    const id = record && typeof record.id === "string" ? ` "${record.id}"` : "";
    const where = `${kind}${id} (${collection}[${index}])`;
    return field ? `${where} field ${field}: ${issue.message}` : `${where}: ${issue.message}`;
  }
  const at = path.length > 0 ? path.map(String).join(".") : "top level";
  return `${at}: ${issue.message}`;
}

function recordAt(
  data: unknown,
  collection: string,
  index: number,
): Record<string, unknown> | null {
  if (typeof data !== "object" || data === null) return null;
  const list = (data as Record<string, unknown>)[collection];
  if (!Array.isArray(list)) return null;
  const item: unknown = list[index];
  return typeof item === "object" && item !== null ? (item as Record<string, unknown>) : null;
}

function crossCheck(catalog: Catalog): string[] {
  const problems: string[] = [];
  const duplicates = (kind: string, ids: string[]) => {
    const seen = new Map<string, number>();
    ids.forEach((id, i) => {
      const first = seen.get(id);
      if (first !== undefined) {
        problems.push(`${kind} "${id}" (${kind}s[${i}]) field id: duplicate of ${kind}s[${first}]`);
      } else seen.set(id, i);
    });
  };
  duplicates(
    "event",
    catalog.events.map((e) => e.id),
  );
  duplicates(
    "track",
    catalog.tracks.map((t) => t.id),
  );
  duplicates(
    "talk",
    catalog.talks.map((t) => t.id),
  );

  const events = new Map(catalog.events.map((e) => [e.id, e]));
  const tracks = new Map(catalog.tracks.map((t) => [t.id, t]));
  catalog.tracks.forEach((t, i) => {
    if (!events.has(t.eventId)) {
      problems.push(`track "${t.id}" (tracks[${i}]) field eventId: unknown event "${t.eventId}"`);
    }
  });
  catalog.talks.forEach((t, i) => {
    const where = `talk "${t.id}" (talks[${i}])`;
    const event = events.get(t.eventId);
    if (!event) problems.push(`${where} field eventId: unknown event "${t.eventId}"`);
    if (t.trackId !== null) {
      const track = tracks.get(t.trackId);
      if (!track) problems.push(`${where} field trackId: unknown track "${t.trackId}"`);
      else if (track.eventId !== t.eventId) {
        problems.push(`${where} field trackId: track "${t.trackId}" belongs to another event`);
      }
    }
    if (t.start && t.end && Date.parse(t.end) < Date.parse(t.start)) {
      problems.push(`${where} field end: ${t.end} is before start ${t.start}`);
    }
    if (event?.timeZone) {
      for (const field of ["start", "end"] as const) {
        const value = t[field];
        if (!value) continue;
        const expected = offsetMinutes(new Date(value), event.timeZone);
        if (parseOffset(value) !== expected) {
          problems.push(
            `${where} field ${field}: offset of ${value} does not match ${event.timeZone} at that time`,
          );
        }
      }
    }
  });
  return problems;
}
