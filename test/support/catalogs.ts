import type { Catalog, Talk } from "../../src/catalog/schema.ts";

/**
 * The one way tests make a talk by hand: every field the catalog requires, empty,
 * under what the test gives. Each area's fixtures (test/slack/fixtures.ts,
 * test/digest/helpers.ts, test/search/small-catalog.ts) add their own defaults on top.
 */
export function talkOf(id: string, over: Partial<Talk> = {}): Talk {
  return {
    id,
    eventId: "ev",
    trackId: null,
    title: null,
    abstract: "",
    speakers: [],
    tags: [],
    sources: ["test"],
    ...over,
  };
}

/** A catalog of the parts given: what is not given is empty. */
export function catalogFrom(parts: Partial<Catalog>): Catalog {
  return { events: [], tracks: [], talks: [], ...parts };
}
