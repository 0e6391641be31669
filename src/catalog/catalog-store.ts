import { createHash } from "node:crypto";
import { type Stats, unwatchFile, watchFile } from "node:fs";
import { loadCatalogFile } from "./load.ts";
import type { Catalog } from "./schema.ts";

/** Calls `changed` when the file may have changed; returns how to stop watching. */
export type FileWatch = (file: string, changed: () => void) => () => void;

/**
 * Polls the file's metadata. Polling (rather than fs.watch) survives editors and
 * deploy scripts that replace the file by renaming a new one over it.
 */
export const pollFile: FileWatch = (file, changed) => {
  const listener = (curr: Stats, prev: Stats) => {
    if (curr.mtimeMs !== prev.mtimeMs || curr.size !== prev.size || curr.ino !== prev.ino) {
      changed();
    }
  };
  watchFile(file, { interval: 1000, persistent: false }, listener);
  return () => unwatchFile(file, listener);
};

export interface SignalSource {
  on(signal: "SIGHUP", handler: () => void): unknown;
  off(signal: "SIGHUP", handler: () => void): unknown;
}

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface CatalogStoreOptions {
  file: string;
  logger: { info(...msg: unknown[]): void; warn(...msg: unknown[]): void };
  load?: (file: string) => Catalog;
  watch?: FileWatch | null;
  signals?: SignalSource | null;
  /** Editors write a file in several steps; wait for quiet before reading it. */
  debounceMs?: number;
  timers?: Timers;
}

export interface CatalogStore {
  /** The running catalog: always one that passed validation. */
  get(): Catalog;
  /** `listener` is called with each new catalog; returns how to unsubscribe. */
  subscribe(listener: (catalog: Catalog) => void): () => void;
  /** Reads and validates the file now; true when a new catalog is running. */
  reload(reason?: string): boolean;
  close(): void;
}

/** Items serialized at once: few enough to keep each piece small, enough to keep calls few. */
const digestChunk = 256;

/**
 * SHA-256 of the catalog's JSON, fed a few hundred talks at a time so the whole
 * JSON (tens of megabytes at 10,000 talks) is never held: two catalogs get the
 * same digest exactly when `JSON.stringify` gives the same text.
 */
export function catalogDigest(catalog: Catalog): string {
  const hash = createHash("sha256");
  let sep = "{";
  for (const [key, value] of Object.entries(catalog)) {
    if (Array.isArray(value)) {
      hash.update(`${sep}${JSON.stringify(key)}:[`);
      for (let i = 0; i < value.length; i += digestChunk) {
        // A chunk's JSON without its brackets is its items' JSON joined by commas.
        const json = JSON.stringify(value.slice(i, i + digestChunk));
        hash.update(`${i > 0 ? "," : ""}${json.slice(1, -1)}`);
      }
      hash.update("]");
    } else {
      const json = JSON.stringify(value);
      if (json === undefined) continue;
      hash.update(`${sep}${JSON.stringify(key)}:${json}`);
    }
    sep = ",";
  }
  hash.update(sep === "{" ? "{}" : "}");
  return hash.digest("hex");
}

/** A valid catalog with no talks is almost always a broken build or import, and silences everything. */
function warnIfEmpty(catalog: Catalog, file: string, logger: CatalogStoreOptions["logger"]): void {
  if (catalog.talks.length > 0) return;
  logger.warn(
    `${file} has no talks: /talk will find nothing and no digest will be posted; rebuild or re-import the catalog (TALKBOT_CATALOG)`,
  );
}

const realTimers: Timers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
};

/**
 * Holds the running catalog and swaps in a new one when the file changes or on
 * SIGHUP, but only after it validates: a bad file leaves the running catalog in
 * place and the log says why. The first load throws, as a bad catalog at start-up
 * is fatal.
 */
export function createCatalogStore(options: CatalogStoreOptions): CatalogStore {
  const { file, logger, load = loadCatalogFile, debounceMs = 300, timers = realTimers } = options;
  let current = load(file);
  let currentDigest = catalogDigest(current);
  warnIfEmpty(current, file, logger);
  const listeners = new Set<(catalog: Catalog) => void>();

  function reload(reason = "requested"): boolean {
    let next: Catalog;
    try {
      next = load(file);
    } catch (err) {
      logger.warn(
        `catalog reload (${reason}) refused; still running the previous catalog (${current.talks.length} talks):\n${(err as Error).message}`,
      );
      return false;
    }
    const digest = catalogDigest(next);
    if (digest === currentDigest) {
      logger.info(`catalog reload (${reason}): ${file} unchanged`);
      return false;
    }
    current = next;
    currentDigest = digest;
    logger.info(`catalog reloaded (${reason}): ${next.talks.length} talks from ${file}`);
    warnIfEmpty(next, file, logger);
    for (const listener of listeners) {
      try {
        listener(next);
      } catch (err) {
        logger.warn("a catalog subscriber failed", err);
      }
    }
    return true;
  }

  let pending: unknown;
  const changed = () => {
    if (pending !== undefined) timers.clearTimeout(pending);
    pending = timers.setTimeout(() => {
      pending = undefined;
      reload("file changed");
    }, debounceMs);
  };
  const unwatch = options.watch === null ? () => {} : (options.watch ?? pollFile)(file, changed);

  const signals = options.signals === undefined ? process : options.signals;
  const onHangup = () => reload("SIGHUP");
  signals?.on("SIGHUP", onHangup);

  return {
    get: () => current,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    reload,
    close() {
      unwatch();
      signals?.off("SIGHUP", onHangup);
      if (pending !== undefined) timers.clearTimeout(pending);
      listeners.clear();
    },
  };
}
