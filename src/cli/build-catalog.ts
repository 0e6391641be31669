/**
 * `npm run catalog`: rebuilds data/catalog.json from data/sources/ (the source
 * documents and meta.json). The result is validated with the same loader every
 * reader uses before anything is written; a rerun writes the same bytes.
 *
 *   npm run catalog                       rebuild data/catalog.json
 *   npm run catalog -- --check            exit 1 if data/catalog.json is not up to date
 *   npm run catalog -- --sources D --out F
 */
import { existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import {
  type BuiltCatalog,
  buildCatalog,
  type SourceDocument,
  serializeCatalog,
} from "../catalog/build.ts";
import { parseCatalog } from "../catalog/load.ts";
import { loadMetaFile } from "../catalog/meta.ts";
import { DEFAULT_CATALOG_PATH } from "../config.ts";
import { exitWith } from "../errors.ts";
import { UsageError } from "./usage-error.ts";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const defaultSourcesDir = join(root, "data", "sources");
// The catalog the bot reads by default, in this checkout.
export const defaultCatalogFile = join(root, DEFAULT_CATALOG_PATH);
export const META_FILE = "meta.json";

/** The source documents of a folder: every file but meta.json and hidden or README files. */
export function readSources(dir: string): SourceDocument[] {
  return readdirSync(dir)
    .filter((f) => f !== META_FILE && !f.startsWith(".") && !/^readme/i.test(f))
    .sort()
    .map((file) => ({ file, text: readFileSync(join(dir, file), "utf8") }));
}

/** Builds the catalog of a sources folder and validates it as `outFile` would be read. */
export function buildFromDir(
  dir: string,
  outFile: string,
): { catalog: BuiltCatalog; text: string } {
  const meta = loadMetaFile(join(dir, META_FILE));
  const catalog = buildCatalog(meta, readSources(dir));
  parseCatalog(catalog, outFile);
  return { catalog, text: serializeCatalog(catalog) };
}

function parseArgs(argv: string[]): { sources: string; out: string; check: boolean } {
  let sources = defaultSourcesDir;
  let out = defaultCatalogFile;
  let check = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const v = argv[++i];
      if (!v) throw new UsageError(`${arg} needs a value`);
      return resolve(v);
    };
    if (arg === "--sources") sources = value();
    else if (arg === "--out") out = value();
    else if (arg === "--check") check = true;
    else
      throw new UsageError(
        `unknown option "${arg}"\nusage: npm run catalog -- [--check] [--sources DIR] [--out FILE]`,
      );
  }
  return { sources, out, check };
}

export function main(argv: string[]): number {
  const args = parseArgs(argv);
  const shown = relative(process.cwd(), args.out) || args.out;
  const { catalog, text } = buildFromDir(args.sources, shown);
  const current = existsSync(args.out) ? readFileSync(args.out, "utf8") : null;
  const summary = `${catalog.events.length} events, ${catalog.tracks.length} tracks, ${catalog.talks.length} talks`;
  if (args.check) {
    if (current === text) {
      console.log(`${shown} is up to date (${summary})`);
      return 0;
    }
    console.error(
      `${shown} is ${current === null ? "missing" : "out of date"}: run npm run catalog`,
    );
    return 1;
  }
  if (current === text) {
    console.log(`${shown} unchanged (${summary})`);
    return 0;
  }
  const tmp = `${args.out}.tmp-${process.pid}`;
  writeFileSync(tmp, text);
  renameSync(tmp, args.out);
  console.log(`wrote ${shown} (${summary})`);
  return 0;
}

const isMain =
  process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) exitWith((async () => main(process.argv.slice(2)))());
