import { closeSync, ftruncateSync, mkdirSync, openSync, readFileSync } from "node:fs";
import { type FileHandle, open } from "node:fs/promises";
import { join } from "node:path";
import type { LedgerView } from "./plan.ts";

/**
 * A settled digest: posted (Slack confirmed it, `ts` is its message) or missed
 * (its slot began before it could go out). Either way it is never attempted again.
 */
export interface LedgerEntry {
  key: string;
  status: "posted" | "missed";
  /** When it was settled, on the bot's clock (simulated in rehearsals). */
  at: string;
  channel?: string;
  ts?: string;
}

/**
 * Where settled digests are remembered. `has` answers from memory so the planner
 * stays synchronous; `record` returns once the entry is durable. A shared-database
 * implementation for several replicas would add an atomic claim before posting.
 */
export interface DigestLedger extends LedgerView {
  record(entry: LedgerEntry): Promise<void>;
  entries(): LedgerEntry[];
  close(): Promise<void>;
}

/** For tests and for runs that should forget everything on exit. */
export class MemoryLedger implements DigestLedger {
  private readonly settled = new Map<string, LedgerEntry>();
  has(key: string): boolean {
    return this.settled.has(key);
  }
  async record(entry: LedgerEntry): Promise<void> {
    this.settled.set(entry.key, entry);
  }
  entries(): LedgerEntry[] {
    return [...this.settled.values()];
  }
  async close(): Promise<void> {}
}

/** What replaying the journal found, for the start-up log. */
export interface ReplayReport {
  file: string;
  entries: number;
  /** A last line cut short by a crash mid-write: dropped from the file. */
  tornTail: boolean;
  /** Lines that are not ledger entries (hand edits, disk trouble): skipped and kept. */
  badLines: number[];
}

export const LEDGER_FILE = "digests.jsonl";

/**
 * An append-only JSON-lines journal: one line per settled digest, fsynced before
 * `record` resolves, replayed on open. Appending never rewrites what is there, so a
 * crash can at worst cut the last line short; replay drops that line and reports it.
 */
export class FileLedger implements DigestLedger {
  private readonly settled = new Map<string, LedgerEntry>();
  private queue: Promise<void> = Promise.resolve();

  private constructor(
    readonly file: string,
    private readonly handle: FileHandle,
  ) {}

  static async open(dir: string): Promise<{ ledger: FileLedger; report: ReplayReport }> {
    mkdirSync(dir, { recursive: true });
    const file = join(dir, LEDGER_FILE);
    const report = repairAndReplay(file);
    const handle = await open(file, "a");
    const ledger = new FileLedger(file, handle);
    for (const e of report.entries) ledger.settled.set(e.key, e);
    return {
      ledger,
      report: {
        file,
        entries: ledger.settled.size,
        tornTail: report.tornTail,
        badLines: report.badLines,
      },
    };
  }

  has(key: string): boolean {
    return this.settled.has(key);
  }

  record(entry: LedgerEntry): Promise<void> {
    // Writes are chained so lines never interleave and each is synced in order.
    const line = `${JSON.stringify({ v: 1, ...entry })}\n`;
    const write = this.queue.then(async () => {
      await this.handle.appendFile(line, "utf8");
      await this.handle.sync();
      this.settled.set(entry.key, entry);
    });
    this.queue = write.catch(() => {});
    return write;
  }

  entries(): LedgerEntry[] {
    return [...this.settled.values()];
  }

  async close(): Promise<void> {
    await this.queue;
    await this.handle.close();
  }
}

/**
 * The settled digests in `dir`, read without changing anything (for the CLI, which
 * may run beside the bot). A missing ledger is an empty one.
 */
export function readLedger(dir: string): LedgerEntry[] {
  return repairAndReplay(join(dir, LEDGER_FILE), false).entries;
}

function repairAndReplay(
  file: string,
  repair = true,
): {
  entries: LedgerEntry[];
  tornTail: boolean;
  badLines: number[];
} {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") {
      return { entries: [], tornTail: false, badLines: [] };
    }
    throw err;
  }
  let tornTail = false;
  const complete =
    text.endsWith("\n") || text.length === 0
      ? text
      : repair
        ? cutTornTail(file, text)
        : text.slice(0, text.lastIndexOf("\n") + 1);
  if (complete !== text) tornTail = true;

  const entries: LedgerEntry[] = [];
  const badLines: number[] = [];
  complete.split("\n").forEach((line, i) => {
    if (line.trim() === "") return;
    const entry = parseEntry(line);
    if (entry) entries.push(entry);
    else badLines.push(i + 1);
  });
  return { entries, tornTail, badLines };
}

/**
 * Drops everything after the last newline. Without this the next append would be
 * glued onto the fragment and that good record would be unreadable too.
 */
function cutTornTail(file: string, text: string): string {
  const keep = text.slice(0, text.lastIndexOf("\n") + 1);
  const fd = openSync(file, "r+");
  try {
    ftruncateSync(fd, Buffer.byteLength(keep, "utf8"));
  } finally {
    closeSync(fd);
  }
  return keep;
}

function parseEntry(line: string): LedgerEntry | null {
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

/** How many of the first bad line numbers a log line names: a count says the rest. */
const namedBadLines = 5;

/** "skipped 3 unreadable lines (2, 3, 9)" or, for a damaged file, a count and the first few. */
export function describeBadLines(lines: readonly number[]): string {
  const shown = lines.slice(0, namedBadLines).join(", ");
  const more =
    lines.length > namedBadLines
      ? `, first at lines ${shown}`
      : ` (line${lines.length === 1 ? "" : "s"} ${shown})`;
  return `skipped ${lines.length} unreadable line${lines.length === 1 ? "" : "s"}${more}`;
}

/** Opens the file ledger under TALKBOT_STATE_DIR and says what replay found. */
export async function openDigestLedger(
  dir: string,
  logger: { info(...msg: unknown[]): void; warn(...msg: unknown[]): void },
): Promise<FileLedger> {
  const { ledger, report } = await FileLedger.open(dir);
  logger.info(`digest ledger: ${report.entries} settled digests in ${report.file}`);
  if (report.tornTail) {
    logger.warn(
      `digest ledger: the last line of ${report.file} was cut short (a crash while writing) and was dropped; that digest may be posted again if its slot has not begun`,
    );
  }
  if (report.badLines.length > 0) {
    logger.warn(`digest ledger: ${describeBadLines(report.badLines)} of ${report.file}`);
  }
  return ledger;
}
