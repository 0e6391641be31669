import { describe, expect, it } from "vitest";
import { importFiles } from "../../src/catalog/import/import-files.ts";
import { loadCatalogFile } from "../../src/catalog/load.ts";
import { renderResults } from "../../src/local/render-results.ts";
import { lookupOf } from "../../src/present/talk-view.ts";
import { createSearch } from "../../src/search/create-search.ts";
import { resultsMessage } from "../../src/slack/blocks/results-message.ts";
import { snapshotOf } from "../../src/snapshot.ts";
import { fosdemXml } from "../catalog/import/fixtures.ts";

/** Tracks, rooms and hosts (issue 11) on the bundled catalog, whose 2020 tracks mostly list no talks. */
const catalog = loadCatalogFile(new URL("../../data/catalog.json", import.meta.url).pathname);
const search = createSearch(catalog);
const snapshot = snapshotOf(catalog, { search });
const now = new Date("2020-03-03T09:00:00Z");
const ask = (query: string) => search.search(query, { now, limit: 5 });
const trackNames = (query: string) =>
  (ask(query).tracks ?? []).map((t) => catalog.tracks.find((c) => c.id === t.id)?.name);

describe("a track with no talks listed is an answer", () => {
  it("names the track for track java, security, machine learning, Streaming Data", () => {
    expect(trackNames("track java")).toEqual(["Evolving Java"]);
    expect(trackNames("track security")).toEqual(["Scaling Security, from Device to Cloud"]);
    expect(trackNames("track machine learning")).toEqual([
      "Machine Learning: The Latest Innovations",
    ]);
    expect(trackNames('track:"Streaming Data"')).toEqual(["Streaming Data Architectures"]);
    expect(trackNames("track teams")).toHaveLength(3);
  });

  it("answers a word that names only a track (graphql) with that track", () => {
    expect(trackNames("graphql")).toEqual(["The Future of the API: REST, gRPC, GraphQL and More"]);
  });

  it("does not answer with a track a typo away: rust is not the REST track", () => {
    const result = ask("anything on rust?");
    expect(result.total).toBe(0);
    expect(result.tracks ?? []).toEqual([]);
  });

  it("shows name, day, description and 'no sessions listed yet' in the terminal and Slack", () => {
    const result = ask("track java");
    const text = renderResults(result, snapshot);
    expect(text).toContain("Track: Evolving Java");
    expect(text).toContain("QCon London 2020 · Wed 4 Mar 2020");
    expect(text).toContain("JVM futures, JIT directions");
    expect(text).toContain("No sessions listed yet.");
    const json = JSON.stringify(resultsMessage(result, lookupOf(catalog)).blocks);
    expect(json).toContain("*Evolving Java*");
    expect(json).toContain("_No sessions listed yet._");
  });
});

describe("tracks and rooms", () => {
  it("lists every track with day, host and talk count", () => {
    const result = ask("tracks");
    expect(result.list).toBe("tracks");
    expect(result.tracks).toHaveLength(catalog.tracks.length);
    const text = renderResults(result, snapshot);
    expect(text).toContain(
      "QCon London 2020 · Tue 3 Mar 2020 · Architectures You've Always Wondered About · host Wes Reisz · 6 talks",
    );
    expect(ask("list tracks").list).toBe("tracks");
    expect(ask("what tracks are there?").list).toBe("tracks");
  });

  it("lists rooms", () => {
    const result = ask("rooms");
    expect(result.rooms).toEqual([{ name: "Fleming, 3rd flr.", talks: 6 }]);
  });

  it("lists FOSDEM's 62 tracks and 30-odd rooms within one Slack message", async () => {
    const { catalog: fosdem } = await importFiles([fosdemXml]);
    const engine = createSearch(fosdem);
    const tracks = resultsMessage(engine.search("tracks", { now }), lookupOf(fosdem));
    expect(JSON.stringify(tracks.blocks).length).toBeLessThan(40_000);
    expect(tracks.blocks[0]).toMatchObject({ type: "header", text: { text: "62 tracks" } });
    const rooms = engine.search("rooms", { now }).rooms ?? [];
    expect(rooms.length).toBeGreaterThanOrEqual(30);
  });
});

describe("a track host is a person the catalog knows", () => {
  it("finds Wes Reisz's track and its talks, by name or as a speaker", () => {
    for (const query of ["Wes Reisz", "speaker wes"]) {
      const result = ask(query);
      expect(result.total).toBe(6);
      expect(trackNames(query)).toEqual(["Architectures You've Always Wondered About"]);
    }
    expect(renderResults(ask("Wes Reisz"), snapshot)).toContain(
      "Track hosted by Wes Reisz: Architectures You've Always Wondered About",
    );
  });
});
