import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { run as rooms } from "../../src/cli/rooms.ts";
import { run as tracks } from "../../src/cli/tracks.ts";
import { c36c3, fosdemXml } from "../catalog/import/fixtures.ts";
import { catalogOf } from "../digest/helpers.ts";
import { runCli } from "../support/cli.ts";

let dir: string;
let catalogPath: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "talkbot-tracks-cli-"));
  catalogPath = join(dir, "catalog.json");
  const at = (iso: string) => new Date(iso);
  writeFileSync(
    catalogPath,
    JSON.stringify(
      catalogOf(
        "Europe/London",
        ["Architecture", "Culture", "Sponsored"],
        [
          { id: "a1", track: "Architecture", start: at("2020-03-03T10:35:00Z"), room: "Fleming" },
          { id: "a2", track: "Architecture", start: at("2020-03-04T10:35:00Z"), room: "Fleming" },
          { id: "c1", track: "Culture", start: at("2020-03-03T10:35:00Z"), room: "Abbey" },
          { id: "b1", track: "Culture", start: at("2020-03-03T11:05:00Z"), format: "break" },
          { id: "s1", track: "Sponsored", start: at("2020-03-03T11:00:00Z"), room: "Abbey" },
        ],
      ),
    ),
  );
});

afterEach(() => {
  vi.restoreAllMocks();
});

const output = (run: typeof tracks, args: string[], env: NodeJS.ProcessEnv = {}) =>
  runCli(run, args, env);

describe("tracks CLI", () => {
  it("lists id, name, day, talks and the configured digest channel", async () => {
    const config = join(dir, "talkbot.json");
    writeFileSync(
      config,
      JSON.stringify({
        digests: {
          tracks: { Architecture: { channel: "#arch", leadMinutes: 15 } },
          exclude: ["Sponsored"],
        },
      }),
    );
    const env = { TALKBOT_DIGEST_CHANNEL: "#up-next", TALKBOT_CONFIG: config };
    const { code, out } = await output(tracks, ["--catalog", catalogPath], env);
    expect(code).toBe(0);
    expect(out).toBe(
      [
        "ev · Test Conf (Europe/London): 3 tracks",
        "  id  name          day                     talks  channel",
        "  t0  Architecture  2020-03-03, 2020-03-04  2      #arch",
        "  t1  Culture       2020-03-03              1      #up-next",
        "  t2  Sponsored     2020-03-03              1      (excluded)",
      ].join("\n"),
    );

    const json = JSON.parse((await output(tracks, ["--catalog", catalogPath, "--json"], env)).out);
    expect(json.tracks[0]).toEqual({
      id: "t0",
      eventId: "ev",
      name: "Architecture",
      days: ["2020-03-03", "2020-03-04"],
      talks: 2,
      channel: "#arch",
      digest: "post",
      leadMinutes: 15,
    });
    expect(json.tracks[2]).toMatchObject({ channel: null, digest: "excluded", leadMinutes: null });
  });

  it("says when no channel is configured", async () => {
    const { out } = await output(tracks, ["--catalog", catalogPath]);
    expect(out).toContain("  t1  Culture       2020-03-03              1      (no channel)");
  });

  it("reads an export directly, with its zone", async () => {
    const { code, out } = await output(tracks, [
      "--catalog",
      c36c3[0] as string,
      "--time-zone",
      "Europe/Berlin",
    ]);
    expect(code).toBe(0);
    expect(out.split("\n")[0]).toBe(
      "36c3 · 36th Chaos Communication Congress (Europe/Berlin): 8 tracks",
    );
    expect(out).toMatch(/\n {2}36c3:ccc +CCC +2019-12-27, 2019-12-28, 2019-12-29, 2019-12-30 +10 /);
  });

  it("stops at a config file it cannot use, saying why", async () => {
    const bad = join(dir, "bad.json");
    writeFileSync(
      bad,
      JSON.stringify({ digests: { tracks: { X: { channel: "not a channel" } } } }),
    );
    // The bot's own check (ConfigError), which the CLI prints as one message, exit 1.
    await expect(
      output(tracks, ["--catalog", catalogPath], { TALKBOT_CONFIG: bad }),
    ).rejects.toThrow(
      /bad\.json \(TALKBOT_CONFIG\): digests\.tracks\.X\.channel: expected a channel id/,
    );
  });

  it("explains bad arguments", async () => {
    await expect(output(tracks, ["--channels"])).rejects.toThrow(/Unknown option '--channels'/);
  });
});

describe("rooms CLI", () => {
  it("lists id, name, day and talks (breaks not counted)", async () => {
    const { code, out } = await output(rooms, ["--catalog", catalogPath]);
    expect(code).toBe(0);
    expect(out).toBe(
      [
        "ev · Test Conf: 2 rooms",
        "  id               name     day                     talks",
        "  ev:room:abbey    Abbey    2020-03-03              2",
        "  ev:room:fleming  Fleming  2020-03-03, 2020-03-04  2",
      ].join("\n"),
    );
  });

  it("lists FOSDEM's rooms as JSON", async () => {
    const { out } = await output(rooms, ["--catalog", fosdemXml, "--json"]);
    const json = JSON.parse(out) as { rooms: { id: string; name: string; talks: number }[] };
    expect(json.rooms.length).toBeGreaterThan(20);
    expect(json.rooms.find((r) => r.name === "Janson")).toMatchObject({
      id: "fosdem-2026:room:janson",
      days: ["2026-01-31", "2026-02-01"],
    });
    const catalogTalks = json.rooms.reduce((n, r) => n + r.talks, 0);
    expect(catalogTalks).toBeGreaterThan(800);
  });
});
