import { parseCatalog } from "../load.ts";
import type { Catalog } from "../schema.ts";
import { readExport } from "./decode-file.ts";
import { importTexts } from "./import-files.ts";
import type { ImportOptions } from "./imported-schedule.ts";
import { detectFormat } from "./read-schedule.ts";

/**
 * A catalog file as it is, or a schedule export imported on the fly: so the next
 * release of a schedule can be compared with what the bot is serving without an
 * import step in between.
 */
export async function loadCatalogOrExport(
  file: string,
  options: ImportOptions = {},
): Promise<Catalog> {
  const clean = await readExport(file);
  const format = detectFormat(clean, file);
  if (format.kind === "catalog") return parseCatalog(format.data, file);
  return importTexts([{ file, text: clean }], options).catalog;
}
