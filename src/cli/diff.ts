/**
 * `npm run -s cli -- diff <old> <new> [--json] [--time-zone <IANA>]`: what changed
 * between two releases of a schedule. Each side is a catalog or a schedule export.
 */
import { basename } from "node:path";
import { diff, type ScheduleDiff, type TalkSlot } from "../catalog/diff.ts";
import { loadCatalogOrExport } from "../catalog/import/load-catalog-or-export.ts";
import { place, speakersOf, titleOf } from "../present/change-text.ts";
import { UsageError } from "./usage-error.ts";

const usage = `usage: npm run -s cli -- diff <old> <new> [--json] [--time-zone <IANA zone>]
  <old> <new>   catalogs (data/catalog.json) or schedule exports (frab XML/JSON, Sessionize)
  --json        the full change list as JSON, for scripts
  --time-zone   zone for exports that do not name one (Sessionize, older frab JSON)`;

export async function run(args: string[]): Promise<number> {
  if (args.includes("--help") || args.includes("-h")) {
    console.log(usage);
    return 0;
  }
  const files: string[] = [];
  let json = false;
  let timeZone: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === "--json") json = true;
    else if (arg === "--time-zone" || arg.startsWith("--time-zone=")) {
      timeZone = arg.includes("=") ? arg.slice(arg.indexOf("=") + 1) : args[++i];
      if (!timeZone) throw new UsageError(`--time-zone needs a value\n\n${usage}`);
    } else if (arg.startsWith("--")) throw new UsageError(`unknown option ${arg}\n\n${usage}`);
    else files.push(arg);
  }
  const [oldFile, newFile] = files;
  if (files.length !== 2 || !oldFile || !newFile) {
    throw new UsageError(`expected two files, the old release and the new one\n\n${usage}`);
  }
  const options = timeZone ? { timeZone } : {};
  const [before, after] = await Promise.all([
    loadCatalogOrExport(oldFile, options),
    loadCatalogOrExport(newFile, options),
  ]);
  const result = diff(before, after);
  if (json) {
    const { changes, roomRenames, affected, unchanged } = result;
    console.log(
      JSON.stringify(
        { counts: counts(result), changes, roomRenames, affected, unchanged },
        null,
        2,
      ),
    );
  } else {
    console.log(describeDiff(result, basename(oldFile), basename(newFile)));
  }
  return 0;
}

function counts(d: ScheduleDiff) {
  return {
    added: d.added.length,
    removed: d.removed.length,
    moved: d.moved.length,
    retitled: d.retitled.length,
    speakersChanged: d.speakersChanged.length,
    retracked: d.retracked.length,
    unchanged: d.unchanged,
  };
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** The diff as an organizer reads it: a summary line, then each kind of change. */
function describeDiff(d: ScheduleDiff, oldName: string, newName: string): string {
  const c = counts(d);
  const lines = [
    `${oldName} → ${newName}: ${c.added} added, ${c.removed} removed, ${c.moved} moved, ${c.retitled} retitled, ${plural(c.speakersChanged, "talk")} with changed speakers, ${c.retracked} in another track (${c.unchanged} unchanged)`,
  ];
  if (d.changes.length === 0) {
    lines.push("", "No changes.");
    return lines.join("\n");
  }
  const section = (heading: string, items: string[]) => {
    if (items.length > 0) lines.push("", heading, ...items.map((i) => `  ${i}`));
  };
  section(
    "Rooms renamed",
    d.roomRenames.map(
      (r) => `${r.from} → ${r.to} (${r.eventId}, ${plural(r.talkIds.length, "talk")})`,
    ),
  );
  section(
    "Added",
    d.added.map((x) => `+ ${titleOf(x)}: ${x.after ? place(x.after) : ""}${speakersOf(x.after)}`),
  );
  section(
    "Removed (cancelled)",
    d.removed.map((x) => `- ${titleOf(x)}: was ${x.before ? place(x.before) : ""}`),
  );
  // A talk whose only change is its room being renamed is covered by "Rooms renamed".
  const moved = d.moved.filter((x) => !(x.roomRenamed && x.moved.length === 1));
  section(
    "Moved",
    moved.map(
      (x) =>
        `~ ${titleOf(x)}: ${x.before ? place(x.before) : ""} → ${x.after ? place(x.after) : ""}`,
    ),
  );
  section(
    "Retitled",
    d.retitled.map((x) => `"${x.before?.title ?? ""}" → "${x.after?.title ?? ""}"`),
  );
  section(
    "Speakers changed",
    d.speakersChanged.map((x) => {
      const parts = [
        ...x.speakersAdded.map((n) => `+ ${n}`),
        ...x.speakersRemoved.map((n) => `− ${n}`),
      ];
      return `${titleOf(x)}: ${parts.join(", ")}`;
    }),
  );
  const track = (slot: TalkSlot | null) => slot?.trackName ?? slot?.trackId ?? "no track";
  section(
    "Track changed",
    d.retracked.map((x) => `${titleOf(x)}: ${track(x.before)} → ${track(x.after)}`),
  );
  return lines.join("\n");
}
