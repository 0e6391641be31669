/**
 * A worker thread's entry (release-checker.ts starts it): imports, validates and
 * diffs schedule releases off the main thread, and sends each catalog back in
 * pieces, so that no one message takes the main thread long to receive. It keeps
 * the last few catalogs it made, so the catalog in force is named by id.
 */
import { parentPort } from "node:worker_threads";
import type { Catalog } from "../catalog/schema.ts";
import { buildCandidate, decide } from "./release.ts";
import type { CheckReply, CheckRequest } from "./release-checker.ts";

/** Talks a message: a few hundred kilobytes, received in a few milliseconds. */
const TALKS_PER_MESSAGE = 500;
/** The catalog in force, the one being offered, and one before: all the poller names. */
const KEPT = 4;

const kept = new Map<number, Catalog>();
let nextId = 1;
const sending = new Map<number, { catalog: Catalog; next: number }>();
const send = (reply: CheckReply) => parentPort?.postMessage(reply);

function keep(catalog: Catalog): number {
  const id = nextId++;
  kept.set(id, catalog);
  while (kept.size > KEPT) kept.delete(kept.keys().next().value as number);
  return id;
}

function handle(msg: CheckRequest): void {
  if (msg.op === "more") {
    const s = sending.get(msg.req);
    if (!s) return;
    if (s.next < s.catalog.talks.length) {
      send({
        req: msg.req,
        kind: "talks",
        talks: s.catalog.talks.slice(s.next, s.next + TALKS_PER_MESSAGE),
      });
      s.next += TALKS_PER_MESSAGE;
    } else {
      sending.delete(msg.req);
      send({ req: msg.req, kind: "done" });
    }
    return;
  }
  const { maxRemovedShare, ...importOptions } = msg.options;
  const previous =
    msg.previousId !== undefined ? (kept.get(msg.previousId) ?? null) : (msg.previous ?? null);
  if (msg.previousId !== undefined && previous === null) {
    throw new Error(`catalog ${msg.previousId} is no longer kept`);
  }
  const candidate = buildCandidate(msg.bodies, importOptions);
  let head: Omit<Extract<CheckReply, { kind: "head" }>, "req" | "catalogId" | "catalog">;
  let catalog: Catalog;
  if (msg.op === "build") {
    if (!candidate.ok) {
      send({ req: msg.req, kind: "refused", refusal: candidate.refusal });
      return;
    }
    catalog = candidate.catalog;
    head = { kind: "head", skipped: candidate.skipped, warnings: candidate.warnings };
  } else {
    const decision = decide(
      previous,
      candidate,
      maxRemovedShare === undefined ? {} : { maxRemovedShare },
    );
    if (!decision.apply) {
      send({ req: msg.req, kind: "refused", refusal: decision.refusal });
      return;
    }
    catalog = decision.catalog;
    head = {
      kind: "head",
      changes: decision.changes,
      first: decision.first,
      skipped: decision.skipped,
      warnings: decision.warnings,
    };
  }
  const catalogId = keep(catalog);
  sending.set(msg.req, { catalog, next: 0 });
  send({ req: msg.req, ...head, catalogId, catalog: { ...catalog, talks: [] } });
}

parentPort?.on("message", (msg: CheckRequest) => {
  try {
    handle(msg);
  } catch (err) {
    send({ req: msg.req, kind: "failed", message: (err as Error)?.message ?? String(err) });
  }
});
