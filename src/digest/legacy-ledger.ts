import { readFileSync, renameSync } from "node:fs";
import { join } from "node:path";
import type { Logger } from "../log.ts";
import type { Outcome, Store } from "../store/store.ts";
import { digestKey, type PlannedDigest, trackOf } from "./plan.ts";

/** The JSON-lines ledger talkbot kept before the store, under TALKBOT_STATE_DIR. */
export const LEGACY_LEDGER_FILE = "digests.jsonl";

interface LegacyEntry {
  key: string;
  status: "posted" | "missed";
  at: string;
  channel?: string;
  ts?: string;
}

/**
 * Imports an older `digests.jsonl` into the store once, then renames it (never
 * deletes it), so upgrading in the middle of an event repeats nothing. Its keys
 * (`event::track::slot`) are translated to today's through the current plan; an
 * entry whose slot is no longer planned keeps its own channel.
 */
export async function importLegacyLedger(
  stateDir: string,
  store: Store,
  plan: readonly PlannedDigest[],
  logger: Logger,
): Promise<number> {
  const file = join(stateDir, LEGACY_LEDGER_FILE);
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return 0;
    throw err;
  }
  const bySlot = new Map<string, PlannedDigest[]>();
  for (const d of plan) {
    // The old ledger only ever held track digests.
    const track = trackOf(d);
    if (!track) continue;
    const old = `${d.event.id}::${track.id}::${d.slotStart.toISOString()}`;
    bySlot.set(old, [...(bySlot.get(old) ?? []), d]);
  }
  const rows: { key: string; kind: string; outcome: Outcome; at: string }[] = [];
  const bad: number[] = [];
  text.split("\n").forEach((line, i) => {
    if (line.trim() === "") return;
    const entry = parseEntry(line);
    if (!entry) {
      bad.push(i + 1);
      return;
    }
    const outcome: Outcome =
      entry.status === "posted"
        ? { status: "posted", channel: entry.channel ?? "", ts: entry.ts ?? "" }
        : { status: "missed", detail: "recorded by the file ledger" };
    const planned = bySlot.get(entry.key) ?? [];
    const matching = planned.filter((d) => !entry.channel || d.channel === entry.channel);
    const keys = matching.length > 0 ? matching.map((d) => d.key) : fallbackKey(entry);
    for (const key of keys) rows.push({ key, kind: "digest", outcome, at: entry.at });
  });
  const added = await store.importSettled(rows);
  renameSync(file, `${file}.imported`);
  logger.info(
    `store: imported ${added} settled digest${added === 1 ? "" : "s"} from ${file} (renamed to ${LEGACY_LEDGER_FILE}.imported)`,
  );
  if (bad.length > 0) {
    logger.warn(
      `store: ${bad.length} unreadable line${bad.length === 1 ? "" : "s"} in ${file} skipped (first: ${bad.slice(0, 5).join(", ")})`,
    );
  }
  return added;
}

function fallbackKey(entry: LegacyEntry): string[] {
  const [event, track, slot] = entry.key.split("::");
  if (!event || !track || !slot || !entry.channel || Number.isNaN(Date.parse(slot))) return [];
  return [digestKey(event, track, new Date(slot), entry.channel)];
}

function parseEntry(line: string): LegacyEntry | null {
  let data: unknown;
  try {
    data = JSON.parse(line);
  } catch {
    return null;
  }
  if (typeof data !== "object" || data === null) return null;
  const r = data as Record<string, unknown>;
  if (typeof r.key !== "string" || (r.status !== "posted" && r.status !== "missed")) return null;
  return {
    key: r.key,
    status: r.status,
    at: typeof r.at === "string" ? r.at : "",
    ...(typeof r.channel === "string" ? { channel: r.channel } : {}),
    ...(typeof r.ts === "string" ? { ts: r.ts } : {}),
  };
}
