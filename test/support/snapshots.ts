import type { Catalog } from "../../src/catalog/schema.ts";
import { type Snapshot, type SnapshotOptions, snapshotOf } from "../../src/snapshot.ts";

/** `current` for a catalog that never reloads: one snapshot, built now. */
export function currentOf(catalog: Catalog, options: SnapshotOptions = {}): () => Snapshot {
  const snapshot = snapshotOf(catalog, options);
  return () => snapshot;
}

/** A logger that drops everything, for code whose log is not what a test looks at. */
export const silentLogger = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
};

/**
 * `current` over a catalog a test swaps by hand, as a reload would: a new
 * snapshot whenever `catalog()` gives another object than last time.
 */
export function currentFrom(
  catalog: () => Catalog,
  options: (catalog: Catalog) => SnapshotOptions = () => ({}),
): () => Snapshot {
  let last: Snapshot | undefined;
  return () => {
    const now = catalog();
    if (last?.catalog !== now) last = snapshotOf(now, options(now));
    return last;
  };
}
