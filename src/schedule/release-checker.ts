/**
 * Where a release is imported, validated and diffed: in this thread (tests, the
 * CLI), or in a worker thread (the running bot), so that a 50 MB export never
 * holds the event loop that answers /talk. The worker keeps the catalogs it
 * made, so the catalog in force is named by id, not sent back to it each time.
 */
import type { Worker } from "node:worker_threads";
import type { ScheduleDiff } from "../catalog/diff.ts";
import type { Catalog, Talk } from "../catalog/schema.ts";
import { startWorker } from "../worker-thread.ts";
import {
  buildCandidate,
  type Candidate,
  checkRelease,
  type Decision,
  type Refusal,
  type ReleaseBody,
  type ReleaseOptions,
} from "./release.ts";

export interface ReleaseChecker {
  /** `checkRelease` against `previous`, the catalog in force (null: none yet). */
  check(
    previous: Catalog | null,
    bodies: readonly ReleaseBody[],
    options: ReleaseOptions,
  ): Promise<Decision>;
  /** `buildCandidate` alone (a restore from the archive). */
  build(bodies: readonly ReleaseBody[], options: ReleaseOptions): Promise<Candidate>;
  close(): void;
}

export const inThisThread: ReleaseChecker = {
  check: async (previous, bodies, options) => checkRelease(previous, bodies, options),
  build: async (bodies, options) => {
    const { maxRemovedShare: _, ...importOptions } = options;
    return buildCandidate(bodies, importOptions);
  },
  close() {},
};

/** What the main thread asks. */
export type CheckRequest =
  | {
      req: number;
      op: "check" | "build";
      bodies: ReleaseBody[];
      options: ReleaseOptions;
      /** The catalog in force, by the id the worker gave it, or whole when it has none. */
      previousId?: number;
      previous?: Catalog | null;
    }
  /** Send the next piece of the catalog of request `req`. */
  | { req: number; op: "more" };

/** What the worker answers. */
export type CheckReply =
  | { req: number; kind: "refused"; refusal: Refusal }
  | {
      req: number;
      kind: "head";
      catalogId: number;
      /** The catalog without its talks; they follow in pieces. */
      catalog: Catalog;
      changes?: ScheduleDiff;
      first?: boolean;
      skipped: Extract<Candidate, { ok: true }>["skipped"];
      warnings: string[];
    }
  | { req: number; kind: "talks"; talks: Talk[] }
  | { req: number; kind: "done" }
  | { req: number; kind: "failed"; message: string };

interface Pending {
  op: "check" | "build";
  resolve: (value: Decision | Candidate) => void;
  reject: (err: Error) => void;
  head?: Extract<CheckReply, { kind: "head" }>;
  /** The worker asked: when it dies, only its own requests fail. */
  worker: Worker;
}

/**
 * One worker thread for the life of the poller, started on first use; `close`
 * ends it. Requests run one at a time (the poller asks one at a time anyway).
 */
export function workerChecker(): ReleaseChecker {
  let worker: Worker | null = null;
  let nextReq = 1;
  const pending = new Map<number, Pending>();
  // The worker's id of each catalog it made, so it is named rather than resent.
  // A restarted worker (after a crash) knows none of its predecessor's catalogs.
  const ids = new WeakMap<Catalog, { worker: Worker; id: number }>();

  const failAll = (w: Worker, err: Error) => {
    for (const [req, p] of pending) {
      if (p.worker !== w) continue;
      pending.delete(req);
      p.reject(err);
    }
    if (worker === w) worker = null;
  };

  const start = (): Worker => {
    if (worker) return worker;
    const w = startWorker("schedule/release-worker", null);
    w.unref();
    w.on("message", (reply: CheckReply) => {
      const p = pending.get(reply.req);
      if (!p) return;
      switch (reply.kind) {
        case "refused":
          pending.delete(reply.req);
          return p.resolve(
            p.op === "check"
              ? { apply: false, refusal: reply.refusal }
              : { ok: false, refusal: reply.refusal },
          );
        case "failed":
          pending.delete(reply.req);
          return p.reject(new Error(`checking the schedule release: ${reply.message}`));
        case "head":
          p.head = reply;
          w.postMessage({ req: reply.req, op: "more" } satisfies CheckRequest);
          return;
        case "talks":
          p.head?.catalog.talks.push(...reply.talks);
          // The next piece after a turn of the event loop: requests go first.
          setImmediate(() => w.postMessage({ req: reply.req, op: "more" } satisfies CheckRequest));
          return;
        case "done": {
          pending.delete(reply.req);
          const head = p.head;
          if (!head)
            return p.reject(new Error("checking the schedule release: no catalog came back"));
          ids.set(head.catalog, { worker: w, id: head.catalogId });
          const { catalog, skipped, warnings } = head;
          return p.resolve(
            p.op === "check"
              ? {
                  apply: true,
                  catalog,
                  changes: head.changes as ScheduleDiff,
                  first: head.first === true,
                  skipped,
                  warnings,
                }
              : { ok: true, catalog, skipped, warnings },
          );
        }
      }
    });
    w.on("error", (err) => failAll(w, err));
    w.on("exit", (code) =>
      failAll(w, new Error(`the schedule worker stopped (exit code ${code})`)),
    );
    worker = w;
    return w;
  };

  const ask = (
    op: "check" | "build",
    previous: Catalog | null,
    bodies: readonly ReleaseBody[],
    options: ReleaseOptions,
  ) =>
    new Promise<Decision | Candidate>((resolve, reject) => {
      const w = start();
      const req = nextReq++;
      pending.set(req, { op, resolve, reject, worker: w });
      const known = previous ? ids.get(previous) : undefined;
      const previousId = known?.worker === w ? known.id : undefined;
      const request: CheckRequest = {
        req,
        op,
        bodies: [...bodies],
        options,
        ...(previousId !== undefined ? { previousId } : { previous }),
      };
      w.postMessage(request);
    });

  return {
    check: (previous, bodies, options) =>
      ask("check", previous, bodies, options) as Promise<Decision>,
    build: (bodies, options) => ask("build", null, bodies, options) as Promise<Candidate>,
    close() {
      const w = worker;
      worker = null;
      if (w) void w.terminate();
    },
  };
}
