import { type CatalogStore, subscribers } from "./catalog-store.ts";
import type { Catalog } from "./schema.ts";

export interface PublishedCatalogOptions<S> {
  /** The catalog in force at start-up (already validated by whoever publishes). */
  first: Catalog;
  /** What runs is built from each published catalog; until it is ready the running one answers. */
  build: (catalog: Catalog) => S | Promise<S>;
  logger: { warn(...msg: unknown[]): void };
  /** What `reload` (SIGHUP) does: the publisher looks for a new catalog now. */
  reload?: (reason: string) => Promise<boolean>;
  signals?: {
    on(s: "SIGHUP", h: () => void): unknown;
    off(s: "SIGHUP", h: () => void): unknown;
  } | null;
}

export interface PublishedCatalog<S> extends CatalogStore<S> {
  /**
   * Builds `catalog` and makes it the running one, then tells subscribers.
   * Publications run one at a time, in the order asked.
   */
  publish(catalog: Catalog): Promise<S>;
}

/**
 * A catalog store fed by someone else (the schedule poller) instead of a file:
 * the catalogs it is handed were validated and diffed there, so here they are
 * only built and swapped in, atomically for every reader of `current()`.
 */
export async function openPublishedCatalog<S>(
  options: PublishedCatalogOptions<S>,
): Promise<PublishedCatalog<S>> {
  const { build, logger } = options;
  let current = (await build(options.first)) as S;
  const listeners = subscribers<S>(logger);
  let chain: Promise<unknown> = Promise.resolve();
  let closed = false;

  const reload = (reason = "requested") => options.reload?.(reason) ?? Promise.resolve(false);
  const onHangup = () => void reload("SIGHUP");
  const signals = options.signals === undefined ? process : options.signals;
  signals?.on("SIGHUP", onHangup);

  return {
    current: () => current,
    subscribe: listeners.subscribe,
    reload,
    publish(catalog) {
      const run = chain.then(async () => {
        const built = (await build(catalog)) as S;
        if (closed) return built;
        current = built;
        listeners.tell(built);
        return built;
      });
      chain = run.catch(() => {});
      return run;
    },
    close() {
      closed = true;
      signals?.off("SIGHUP", onHangup);
      listeners.clear();
    },
  };
}
