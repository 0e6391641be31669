import { readFile } from "node:fs/promises";
import { CatalogError } from "../catalog-error.ts";
import { parseCatalog } from "../load.ts";
import type { Catalog } from "../schema.ts";
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
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (err) {
    throw new CatalogError(file, [`cannot read the file: ${(err as Error).message}`], {
      cause: err,
    });
  }
  const clean = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const format = detectFormat(clean, file);
  if (format.kind === "catalog") return parseCatalog(format.data, file);
  return importTexts([{ file, text: clean }], options).catalog;
}
