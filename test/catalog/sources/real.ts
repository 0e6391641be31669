/** The real source documents, for parser tests. */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

export const sourcesDir = join(import.meta.dirname, "../../../data/sources");

/** The text of the document whose file name starts with `prefix` ("000" … "004"). */
export function realSource(prefix: string): string {
  const file = readdirSync(sourcesDir).find((f) => f.startsWith(`${prefix}_`));
  if (!file) throw new Error(`no source ${prefix}_… in ${sourcesDir}`);
  return readFileSync(join(sourcesDir, file), "utf8");
}
