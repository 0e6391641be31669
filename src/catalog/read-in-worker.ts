import type { Worker } from "node:worker_threads";
import { startWorker } from "../worker-thread.ts";
import { CatalogError } from "./catalog-error.ts";
import type { Catalog, Talk } from "./schema.ts";

/** What a reload learns of the file: a new catalog with its digest, or that it is unchanged. */
export type ReadCatalog = { catalog: Catalog; digest: string } | "unchanged";

export interface WorkerTask {
  file: string;
  /** The running catalog's digest: an unchanged file is not sent back. */
  runningDigest: string;
}

export type WorkerMessage =
  | { kind: "unchanged" }
  | { kind: "head"; catalog: Catalog }
  | { kind: "talks"; talks: Talk[] }
  | { kind: "done"; digest: string }
  | { kind: "refused"; file: string; problems: string[] }
  | { kind: "failed"; message: string };

/** A reload that takes longer is given up: the running catalog stays, and the next reload may try. */
export const READ_TIMEOUT_MS = 120_000;

/**
 * Reads, parses, validates and digests `file` in a worker thread (load-worker.ts),
 * so a large catalog (50,000 talks, tens of megabytes: seconds of work) never
 * holds the event loop that answers /talk. Throws CatalogError for a bad file,
 * as loadCatalogFile does.
 */
export function readCatalogInWorker(file: string, runningDigest: string): Promise<ReadCatalog> {
  return new Promise((resolve, reject) => {
    const task: WorkerTask = { file, runningDigest };
    const worker = startLoadWorker(task);
    let catalog: Catalog | undefined;
    let settled = false;
    const finish = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      outcome();
    };
    const timer = setTimeout(
      () =>
        finish(() =>
          reject(new Error(`reading ${file} took over ${READ_TIMEOUT_MS / 1000} s; gave up`)),
        ),
      READ_TIMEOUT_MS,
    );
    timer.unref();
    worker.on("message", (message: WorkerMessage) => {
      switch (message.kind) {
        case "unchanged":
          return finish(() => resolve("unchanged"));
        case "head":
          catalog = message.catalog;
          worker.postMessage("more");
          return;
        case "talks":
          catalog?.talks.push(...message.talks);
          // The next piece after a turn of the event loop: requests go first.
          setImmediate(() => worker.postMessage("more"));
          return;
        case "done":
          return finish(() =>
            catalog
              ? resolve({ catalog, digest: message.digest })
              : reject(new Error(`reading ${file}: the worker sent no catalog`)),
          );
        case "refused":
          return finish(() => reject(new CatalogError(message.file, message.problems)));
        case "failed":
          return finish(() => reject(new Error(`reading ${file}: ${message.message}`)));
      }
    });
    worker.on("error", (err) => finish(() => reject(err)));
    worker.on("exit", (code) =>
      finish(() => reject(new Error(`reading ${file}: the worker stopped (exit code ${code})`))),
    );
  });
}

function startLoadWorker(task: WorkerTask): Worker {
  return startWorker("catalog/load-worker", task);
}
