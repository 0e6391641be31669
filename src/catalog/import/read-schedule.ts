import { CatalogError } from "../catalog-error.ts";
import { parseFrabJson } from "./frab-json.ts";
import { parseFrabXml } from "./frab-xml.ts";
import type { ImportedSchedule, ImportOptions } from "./imported-schedule.ts";
import { parseSessionize } from "./sessionize.ts";
import { parseJsonWithPosition } from "./text-position.ts";

export type DetectedFormat =
  | { kind: "frab-xml" }
  | { kind: "frab-json"; data: unknown }
  | { kind: "sessionize"; data: unknown }
  | { kind: "catalog"; data: unknown };

const supported =
  "frab/pentabarf XML, frab/pretalx schedule.json, or a Sessionize “All” JSON export";

/** Tells the format from the content, not the file name (exports are often renamed). */
export function detectFormat(text: string, file: string): DetectedFormat {
  const start = text.trimStart();
  if (start.startsWith("<")) return { kind: "frab-xml" };
  if (!start.startsWith("{") && !start.startsWith("[")) {
    throw new CatalogError(file, [`not XML or JSON: expected ${supported}`]);
  }
  const parsed = parseJsonWithPosition(text);
  if ("error" in parsed) throw new CatalogError(file, [`not valid JSON: ${parsed.error}`]);
  const data = parsed.data;
  const top = data && typeof data === "object" && !Array.isArray(data) ? (data as object) : {};
  if ("schedule" in top) return { kind: "frab-json", data };
  if ("sessions" in top && ("speakers" in top || "rooms" in top))
    return { kind: "sessionize", data };
  if ("events" in top && "talks" in top) return { kind: "catalog", data };
  if (Array.isArray(data) && data.some((g) => g && typeof g === "object" && "groupName" in g)) {
    throw new CatalogError(file, [
      'this is Sessionize\'s "Sessions" export; export "All" (API/Embed → JSON → All Data) instead, which also carries speakers and rooms',
    ]);
  }
  throw new CatalogError(file, [`JSON of an unknown shape: expected ${supported}`]);
}

/** One export's text → one catalog event (the file name is only used in messages and `sources`). */
export function readSchedule(text: string, file: string, options: ImportOptions): ImportedSchedule {
  const clean = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const format = detectFormat(clean, file);
  switch (format.kind) {
    case "frab-xml":
      return parseFrabXml(clean, file, options);
    case "frab-json":
      return parseFrabJson(format.data, file, options);
    case "sessionize":
      return parseSessionize(format.data, file, options);
    case "catalog":
      throw new CatalogError(file, [
        "this is already a talkbot catalog, not a schedule export; use it as it is",
      ]);
  }
}
