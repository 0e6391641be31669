import { createHash } from "node:crypto";
import { type Stats, unwatchFile, watchFile } from "node:fs";
import { loadCatalogFile } from "./load.ts";
import { type ReadCatalog, readCatalogInWorker } from "./read-in-worker.ts";
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

export interface CatalogStoreOptions<S> {
  file: string;
  logger: { info(...msg: unknown[]): void; warn(...msg: unknown[]): void };
  /**
   * What runs is built from each catalog that validates (the snapshot: lookups,
   * search index); until it is ready, everyone goes on seeing the running one.
   */
  build: (catalog: Catalog) => S | Promise<S>;
  /** Reads the file at start-up, when nothing else waits on the event loop. */
  load?: (file: string) => Catalog;
  /**
   * Reads the file for a reload, while requests are being answered: by default in
   * a worker thread; given `load` alone, with it.
   */
  read?: (file: string, runningDigest: string) => Promise<ReadCatalog>;
  watch?: FileWatch | null;
  signals?: SignalSource | null;
  /** Editors write a file in several steps; wait for quiet before reading it. */
  debounceMs?: number;
  timers?: Timers;
}

export interface CatalogStore<S> {
  /** What was built from the running catalog: always one that passed validation. */
  current(): S;
  /** `listener` is called with each new build; returns how to unsubscribe. */
  subscribe(listener: (published: S) => void): () => void;
  /**
   * Reads, validates and builds the file now; true when a new catalog is running.
   * Reloads run one at a time; one asked for while another waits to begin is that one.
   */
  reload(reason?: string): Promise<boolean>;
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
function warnIfEmpty(
  catalog: Catalog,
  file: string,
  logger: CatalogStoreOptions<unknown>["logger"],
): void {
  if (catalog.talks.length > 0) return;
  logger.warn(
    `${file} has no talks: /talk will find nothing and no digest will be posted; rebuild or re-import the catalog (TALKBOT_CATALOG)`,
  );
}

/** A reload's read on this thread, with `load` (tests; tools that answer no requests). */
function readWith(load: (file: string) => Catalog) {
  return async (file: string, runningDigest: string): Promise<ReadCatalog> => {
    const catalog = load(file);
    const digest = catalogDigest(catalog);
    return digest === runningDigest ? "unchanged" : { catalog, digest };
  };
}

/** Who hears of each new build; a subscriber that throws is logged, and the others still hear. */
export function subscribers<S>(logger: { warn(...msg: unknown[]): void }) {
  const listeners = new Set<(published: S) => void>();
  return {
    subscribe(listener: (published: S) => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    tell(built: S): void {
      for (const listener of listeners) {
        try {
          listener(built);
        } catch (err) {
          logger.warn("a catalog subscriber failed", err);
        }
      }
    },
    clear: () => listeners.clear(),
  };
}

const realTimers: Timers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
};

/**
 * Holds the running catalog, and what is built from it, and swaps in a new one
 * when the file changes or on SIGHUP, but only after it validates and is built:
 * a bad file leaves the running catalog in place and the log says why. The
 * first load throws, as a bad catalog at start-up is fatal.
 */
export async function openCatalogStore<S>(
  options: CatalogStoreOptions<S>,
): Promise<CatalogStore<S>> {
  const {
    file,
    logger,
    build,
    load = loadCatalogFile,
    debounceMs = 300,
    timers = realTimers,
  } = options;
  const read = options.read ?? (options.load ? readWith(options.load) : readCatalogInWorker);
  let catalog = load(file);
  let digest = catalogDigest(catalog);
  warnIfEmpty(catalog, file, logger);
  // S is never a promise itself (it is what a promise of the build gives).
  let current = (await build(catalog)) as S;
  const listeners = subscribers<S>(logger);
  let closed = false;

  async function reloadNow(reason: string): Promise<boolean> {
    if (closed) return false;
    let next: Catalog;
    let nextDigest: string;
    let built: S;
    try {
      const found = await read(file, digest);
      if (found === "unchanged") {
        logger.info(`catalog reload (${reason}): ${file} unchanged`);
        return false;
      }
      ({ catalog: next, digest: nextDigest } = found);
      built = (await build(next)) as S;
    } catch (err) {
      logger.warn(
        `catalog reload (${reason}) refused; still running the previous catalog (${catalog.talks.length} talks):\n${(err as Error).message}`,
      );
      return false;
    }
    if (closed) return false;
    catalog = next;
    digest = nextDigest;
    current = built;
    logger.info(`catalog reloaded (${reason}): ${next.talks.length} talks from ${file}`);
    warnIfEmpty(next, file, logger);
    listeners.tell(built);
    return true;
  }

  let chain: Promise<unknown> = Promise.resolve();
  let waiting: Promise<boolean> | null = null;
  function reload(reason = "requested"): Promise<boolean> {
    // One not yet begun will read the file as it is then: no need for a second.
    if (waiting) return waiting;
    const run = chain.then(() => {
      waiting = null;
      return reloadNow(reason);
    });
    waiting = run;
    chain = run.catch(() => {});
    return run;
  }

  let pending: unknown;
  const changed = () => {
    if (pending !== undefined) timers.clearTimeout(pending);
    pending = timers.setTimeout(() => {
      pending = undefined;
      void reload("file changed");
    }, debounceMs);
  };
  const unwatch = options.watch === null ? () => {} : (options.watch ?? pollFile)(file, changed);

  const signals = options.signals === undefined ? process : options.signals;
  const onHangup = () => void reload("SIGHUP");
  signals?.on("SIGHUP", onHangup);

  return {
    current: () => current,
    subscribe: listeners.subscribe,
    reload,
    close() {
      closed = true;
      unwatch();
      signals?.off("SIGHUP", onHangup);
      if (pending !== undefined) timers.clearTimeout(pending);
      listeners.clear();
    },
  };
}
