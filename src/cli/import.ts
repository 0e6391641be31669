/**
 * `npm run -s cli -- import <file>... [--time-zone <IANA>] [--out <path>]`: turns
 * schedule exports into one catalog file. The file is replaced only once the whole
 * import is valid: it is written beside the target and renamed over it.
 */
import { createHash, randomUUID } from "node:crypto";
import { mkdir, readFile, realpath, rename, rm, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { importFiles } from "../catalog/import/import-files.ts";
import { formatNames } from "../catalog/import/imported-schedule.ts";
import type { Catalog } from "../catalog/schema.ts";
import { UsageError } from "./usage-error.ts";

const defaultOut = "data/imported.json";

const usage = `usage: npm run -s cli -- import <file>... [--time-zone <IANA zone>] [--out <path>]
  <file>        frab/pentabarf XML, frab/pretalx schedule.json or Sessionize "All" JSON
  --time-zone   zone the event ran in, for exports that do not say (Sessionize, older frab JSON)
  --out         where to write the catalog (default ${defaultOut})`;

export interface ImportArgs {
  files: string[];
  timeZone?: string;
  out: string;
}

export function parseImportArgs(args: string[]): ImportArgs {
  const files: string[] = [];
  let timeZone: string | undefined;
  let out = defaultOut;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    const [flag, inline] = arg.startsWith("--") ? splitFlag(arg) : [arg, undefined];
    if (flag === "--time-zone" || flag === "--out") {
      const value = inline ?? args[++i];
      if (value === undefined || value === "")
        throw new UsageError(`${flag} needs a value\n\n${usage}`);
      if (flag === "--time-zone") timeZone = value;
      else out = value;
    } else if (arg.startsWith("--")) {
      throw new UsageError(`unknown option ${arg}\n\n${usage}`);
    } else files.push(arg);
  }
  if (files.length === 0) throw new UsageError(`no schedule file given\n\n${usage}`);
  return { files, out, ...(timeZone ? { timeZone } : {}) };
}

export async function run(args: string[]): Promise<number> {
  if (args.includes("--help") || args.includes("-h")) {
    console.log(usage);
    return 0;
  }
  const { files, timeZone, out } = parseImportArgs(args);
  await refuseRepeats(files);
  const result = await importFiles(files, timeZone ? { timeZone } : {});
  await writeAtomically(out, `${JSON.stringify(result.catalog, null, 2)}\n`);

  for (const f of result.files) {
    console.log(
      `${f.file} (${formatNames[f.format]}) → event "${f.eventId}": ${plural(f.tracks, "track")}, ${plural(f.talks, "talk")}${f.skipped ? `, ${f.skipped} skipped` : ""}`,
    );
  }
  for (const w of result.warnings) console.error(`warning: ${w}`);
  if (result.skipped.length > 0) {
    console.error(`skipped ${plural(result.skipped.length, "entry", "entries")}:`);
    for (const s of result.skipped) {
      console.error(`  ${s.file}: ${s.id}${s.title ? ` "${s.title}"` : ""}: ${s.reason}`);
    }
  }
  console.log(`wrote ${out}: ${summary(result.catalog, result.skipped.length)}`);
  return 0;
}

/**
 * The same export given twice (the same path, a link to it, or a copy) would make
 * a phantom second event whose talks are all skipped as duplicates: refused, by
 * real path and by content. A file that cannot be read is left to the import to report.
 */
async function refuseRepeats(files: string[]): Promise<void> {
  const seenPaths = new Map<string, string>();
  const seenContent = new Map<string, string>();
  for (const file of files) {
    let real: string;
    let hash: string;
    try {
      real = await realpath(file);
      hash = createHash("sha256")
        .update(await readFile(real))
        .digest("hex");
    } catch {
      continue;
    }
    const samePath = seenPaths.get(real);
    if (samePath !== undefined) {
      throw new UsageError(
        samePath === file
          ? `${file} is given twice: import each schedule once`
          : `${file} is given twice (it is the same file as ${samePath}): import each schedule once`,
      );
    }
    const sameContent = seenContent.get(hash);
    if (sameContent !== undefined) {
      throw new UsageError(
        `${file} has the same content as ${sameContent}: import each schedule once`,
      );
    }
    seenPaths.set(real, file);
    seenContent.set(hash, file);
  }
}

/** "1 event, 62 tracks, 883 talks, 1101 speakers, 0 skipped" */
export function summary(catalog: Catalog, skipped: number): string {
  const speakers = new Set(catalog.talks.flatMap((t) => t.speakers.map((s) => s.name)));
  return [
    plural(catalog.events.length, "event"),
    plural(catalog.tracks.length, "track"),
    plural(catalog.talks.length, "talk"),
    plural(speakers.size, "speaker"),
    `${skipped} skipped`,
  ].join(", ");
}

/** Written beside the target and renamed over it: readers see the old file or the new one. */
async function writeAtomically(path: string, content: string): Promise<void> {
  const temp = join(dirname(path), `.${randomUUID()}.import.tmp`);
  try {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(temp, content, "utf8");
    await rename(temp, path);
  } catch (err) {
    await rm(temp, { force: true });
    throw new UsageError(`cannot write ${path}: ${(err as Error).message}`, { cause: err });
  }
}

function splitFlag(arg: string): [string, string | undefined] {
  const eq = arg.indexOf("=");
  return eq === -1 ? [arg, undefined] : [arg.slice(0, eq), arg.slice(eq + 1)];
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
