import type { Catalog, Talk } from "../catalog/schema.ts";
import { type CatalogLookup, lookupOf } from "./talk-view.ts";

interface Indexed {
  lookup: CatalogLookup;
  talks: Map<string, Talk>;
}

// Keyed by the catalog object, so a reloaded catalog gets a fresh index.
const cache = new WeakMap<Catalog, Indexed>();

function indexed(catalog: Catalog): Indexed {
  let entry = cache.get(catalog);
  if (!entry) {
    entry = { lookup: lookupOf(catalog), talks: new Map(catalog.talks.map((t) => [t.id, t])) };
    cache.set(catalog, entry);
  }
  return entry;
}

export function lookupFor(catalog: Catalog): CatalogLookup {
  return indexed(catalog).lookup;
}

export function findTalk(catalog: Catalog, id: string): Talk | undefined {
  return indexed(catalog).talks.get(id);
}
