/**
 * What `tracks` and `rooms` share: the catalog to list (a catalog file or an
 * export, so an organizer can write the channel config before importing), the
 * days a set of talks falls on, and a plain text table.
 */
import { parseArgs } from "node:util";
import type { Catalog, Talk } from "../catalog/schema.ts";
import { isIanaZone } from "../time/zone.ts";
import { botCatalog } from "./bot-catalog.ts";
import { UsageError } from "./usage-error.ts";

const DEFAULT_CATALOG = "data/catalog.json";

export interface ListingArgs {
  json: boolean;
  catalog: Catalog;
}

export async function listingArgs(
  args: string[],
  usage: string,
  env: NodeJS.ProcessEnv,
): Promise<ListingArgs> {
  let values: { json?: boolean; catalog?: string; "time-zone"?: string };
  try {
    ({ values } = parseArgs({
      args,
      options: {
        json: { type: "boolean" },
        catalog: { type: "string" },
        "time-zone": { type: "string" },
      },
    }));
  } catch (err) {
    throw new UsageError(`${(err as Error).message}\n\n${usage}`);
  }
  const timeZone = values["time-zone"];
  if (timeZone !== undefined && !isIanaZone(timeZone)) {
    throw new UsageError(
      `--time-zone "${timeZone}" is not an IANA time zone name (e.g. Europe/Berlin)`,
    );
  }
  const { catalog } = await botCatalog(values.catalog, env, timeZone ? { timeZone } : {});
  return { json: values.json ?? false, catalog };
}

export const catalogOptionsUsage = `  --catalog     a catalog or a schedule export (default: what the bot serves, the store's last release of
                TALKBOT_SCHEDULE_URL, else TALKBOT_CATALOG, then ${DEFAULT_CATALOG})
  --time-zone   zone for an export that does not name one
  --json        the same as JSON, for scripts`;

/** The local days (YYYY-MM-DD) the talks are on, in order. */
export function daysOf(talks: readonly Talk[], fixed?: string): string[] {
  if (fixed) return [fixed];
  // A start is written with the event's offset: its date part is the local day.
  const day = (t: Talk) => t.date ?? t.start?.slice(0, 10);
  return [...new Set(talks.flatMap((t) => day(t) ?? []))].sort();
}

/** Columns padded to their widest cell; the last column is not padded. */
export function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] ?? 0)))
      .join("  ")
      .trimEnd();
  return [line(header), ...rows.map(line)];
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
