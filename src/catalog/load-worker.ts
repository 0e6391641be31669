/**
 * A worker thread's entry: reads, parses, validates and digests a catalog file
 * off the main thread (read-in-worker.ts starts it), and sends the catalog back
 * in pieces, so that no one message takes the main thread long to receive.
 */
import { parentPort, workerData } from "node:worker_threads";
import { CatalogError } from "./catalog-error.ts";
import { catalogDigest } from "./catalog-store.ts";
import { loadCatalogFile } from "./load.ts";
import type { WorkerMessage, WorkerTask } from "./read-in-worker.ts";

/** Talks a message: a few hundred kilobytes, received in a few milliseconds. */
const TALKS_PER_MESSAGE = 500;

const task = workerData as WorkerTask;
const send = (message: WorkerMessage) => parentPort?.postMessage(message);

try {
  const catalog = loadCatalogFile(task.file);
  const digest = catalogDigest(catalog);
  if (digest === task.runningDigest) {
    send({ kind: "unchanged" });
  } else {
    // The catalog's keys in their order, the talks to follow: its digest depends on the order.
    send({ kind: "head", catalog: { ...catalog, talks: [] } });
    // One piece each time the main thread asks: Node hands a thread every message
    // waiting for it in one go, and a hundred at once would hold it again.
    let next = 0;
    parentPort?.on("message", () => {
      if (next < catalog.talks.length) {
        send({ kind: "talks", talks: catalog.talks.slice(next, next + TALKS_PER_MESSAGE) });
        next += TALKS_PER_MESSAGE;
      } else {
        send({ kind: "done", digest });
        parentPort?.close();
      }
    });
  }
} catch (err) {
  send(
    err instanceof CatalogError
      ? { kind: "refused", file: err.file, problems: [...err.problems] }
      : { kind: "failed", message: (err as Error).message ?? String(err) },
  );
}
