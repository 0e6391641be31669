import {
  type CatalogStore,
  type CatalogStoreOptions,
  openCatalogStore,
} from "./catalog/catalog-store.ts";
import {
  openPublishedCatalog,
  type PublishedCatalog,
  type PublishedCatalogOptions,
} from "./catalog/published-catalog.ts";
import type { Catalog, Talk } from "./catalog/schema.ts";
import { type CatalogLookup, lookupOf } from "./present/talk-view.ts";
import { cachedSearch } from "./search/cached-search.ts";
import { searchSteps } from "./search/create-search.ts";
import type { TalkSearch } from "./search/types.ts";
import { runSteps, runStepsYielding, STEP_EVERY, type Steps } from "./steps.ts";

/**
 * A kept piece of work derived from a catalog (rendered cards, answers' messages,
 * the digest plan): `create` runs the first time a snapshot is asked for it, and
 * what it made lives and goes with that snapshot.
 */
export interface SnapshotSlot<T> {
  readonly create: (snapshot: Snapshot) => T;
}

export function snapshotSlot<T>(create: (snapshot: Snapshot) => T): SnapshotSlot<T> {
  return { create };
}

/**
 * One running catalog and everything built from it, handed out together, so no
 * request mixes one catalog's talks with another's index. Built once where the
 * catalog store publishes a catalog; a reload builds a new one and nothing of
 * the old one is kept. Catalogs are never changed in place.
 */
export interface Snapshot {
  readonly catalog: Catalog;
  /** Events and tracks by id, and when the events run: what every view of a talk reads. */
  readonly lookup: CatalogLookup;
  /** The talk a button's value or a digest names, if the catalog still has it. */
  talk(id: string): Talk | undefined;
  readonly search: TalkSearch;
  /** This snapshot's own instance of `slot`. */
  cache<T>(slot: SnapshotSlot<T>): T;
}

export interface SnapshotOptions {
  /** Stands in for the real search (tests). */
  search?: TalkSearch;
  /** Answers the search keeps (createCachedSearch); 0 searches every time. */
  searchCacheEntries?: number;
}

/** Builds everything for `catalog` now. */
export function snapshotOf(catalog: Catalog, options: SnapshotOptions = {}): Snapshot {
  return runSteps(snapshotSteps(catalog, options));
}

/**
 * The same, in slices of the event loop: a reload builds its snapshot while
 * the running one answers (the index of 50,000 talks takes seconds to build).
 */
export function buildSnapshot(catalog: Catalog, options: SnapshotOptions = {}): Promise<Snapshot> {
  return runStepsYielding(snapshotSteps(catalog, options));
}

function* snapshotSteps(catalog: Catalog, options: SnapshotOptions): Steps<Snapshot> {
  const search =
    options.search ??
    cachedSearch(yield* searchSteps(catalog), catalog, options.searchCacheEntries);
  yield;
  const lookup = lookupOf(catalog);
  const talks = new Map<string, Talk>();
  for (const talk of catalog.talks) {
    if (talks.size % STEP_EVERY === 0) yield;
    talks.set(talk.id, talk);
  }
  const slots = new Map<SnapshotSlot<unknown>, unknown>();
  const snapshot: Snapshot = {
    catalog,
    lookup,
    search,
    talk: (id) => talks.get(id),
    cache<T>(slot: SnapshotSlot<T>): T {
      if (!slots.has(slot)) slots.set(slot, slot.create(snapshot));
      return slots.get(slot) as T;
    },
  };
  return snapshot;
}

/** The catalog store main runs: each catalog published with its snapshot. */
export function openSnapshots(
  options: Omit<CatalogStoreOptions<Snapshot>, "build"> & { snapshot?: SnapshotOptions },
): Promise<CatalogStore<Snapshot>> {
  return openCatalogStore({
    ...options,
    build: (catalog) => buildSnapshot(catalog, options.snapshot),
  });
}

/** The same, for a catalog the schedule poller hands over release by release. */
export function publishedSnapshots(
  options: Omit<PublishedCatalogOptions<Snapshot>, "build"> & { snapshot?: SnapshotOptions },
): Promise<PublishedCatalog<Snapshot>> {
  return openPublishedCatalog({
    ...options,
    build: (catalog) => buildSnapshot(catalog, options.snapshot),
  });
}
