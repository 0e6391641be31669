import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/config.ts";
import {
  coveredByCombined,
  describeSettings,
  inCombined,
  planForTrack,
  roomRulesFor,
  shortestLeadMinutes,
  unmatchedNames,
  unmatchedRules,
} from "../../src/digest/settings.ts";
import { catalogOf } from "./helpers.ts";

const files = (content: Record<string, string>) => (path: string) => {
  const text = content[path];
  if (text === undefined) throw new Error(`ENOENT: no such file, open '${path}'`);
  return text;
};

const track = (id: string, name: string) => ({ id, eventId: "ev", name });

/** The digest settings talkbot would run with, from this environment and these files. */
const settingsOf = (env: Record<string, string>, readFile = files({})) =>
  loadConfig(env, readFile).digest.settings;

/** The configuration problems of this environment and these files. */
function problemsOf(env: Record<string, string>, readFile = files({})): readonly string[] {
  try {
    loadConfig(env, readFile);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  throw new Error("expected a ConfigError");
}

describe("digest settings", () => {
  it("is off, and says how to turn it on, without any channel", () => {
    const s = settingsOf({});
    expect(s.enabled).toBe(false);
    expect(describeSettings(s)).toMatch(/digests are off.*TALKBOT_DIGEST_CHANNEL/);
  });

  it("takes one channel and a lead from the environment", () => {
    const s = settingsOf({
      TALKBOT_DIGEST_CHANNEL: "#up-next",
      TALKBOT_DIGEST_LEAD_MINUTES: "15",
    });
    expect(planForTrack(s, track("t1", "Any"))).toEqual({
      kind: "post",
      channel: "#up-next",
      leadMinutes: 15,
    });
    expect(describeSettings(s)).toBe("digests are on: default channel #up-next, lead 15 min");
  });

  it("refuses a bad lead or channel naming the variable", () => {
    expect(problemsOf({ TALKBOT_DIGEST_LEAD_MINUTES: "ten" })).toEqual([
      expect.stringMatching(/^TALKBOT_DIGEST_LEAD_MINUTES must be a whole number/),
    ]);
    expect(problemsOf({ TALKBOT_DIGEST_LEAD_MINUTES: "1e1" })).toHaveLength(1);
    expect(problemsOf({ TALKBOT_DIGEST_LEAD_MINUTES: "1441" })).toEqual([
      "TALKBOT_DIGEST_LEAD_MINUTES must be between 0 and 1440",
    ]);
    // The same rule as a channel in the config file: no mrkdwn characters, one channel.
    for (const bad of ["a&b", "#a #b", "<#C0123>"]) {
      expect(problemsOf({ TALKBOT_DIGEST_CHANNEL: bad }), bad).toEqual([
        expect.stringMatching(/^TALKBOT_DIGEST_CHANNEL must be one channel id/),
      ]);
    }
  });

  it("reads per-track channels, leads and exclusions from the config file, by id or name", () => {
    const config = JSON.stringify({
      digests: {
        tracks: {
          "qcon-2020-arch": { channel: "C0ARCH", leadMinutes: 15 },
          "Culture & Methods": { leadMinutes: 5 },
          "Only here": { channel: "#only" },
        },
        exclude: ["Sponsored Solutions"],
      },
    });
    const s = settingsOf(
      { TALKBOT_DIGEST_CHANNEL: "#all", TALKBOT_CONFIG: "/etc/talkbot.json" },
      files({ "/etc/talkbot.json": config }),
    );
    expect(planForTrack(s, track("qcon-2020-arch", "Architectures"))).toEqual({
      kind: "post",
      channel: "C0ARCH",
      leadMinutes: 15,
    });
    expect(planForTrack(s, track("x", "culture &  METHODS"))).toEqual({
      kind: "post",
      channel: "#all",
      leadMinutes: 5,
    });
    expect(planForTrack(s, track("y", "Sponsored Solutions"))).toEqual({ kind: "excluded" });
    const catalog = catalogOf("Europe/London", ["Architectures"], []);
    expect(unmatchedRules(s, catalog).map((r) => r.track)).toContain("Only here");
  });

  it("is on with per-track channels alone, and those tracks only get digests", () => {
    const s = settingsOf(
      { TALKBOT_CONFIG: "c.json" },
      files({ "c.json": JSON.stringify({ digests: { tracks: { Go: { channel: "#go" } } } }) }),
    );
    expect(s.enabled).toBe(true);
    expect(planForTrack(s, track("go", "Go"))).toMatchObject({ kind: "post", channel: "#go" });
    expect(planForTrack(s, track("rust", "Rust"))).toEqual({ kind: "no-channel" });
  });

  it("refuses a bad config file naming the file and the field", () => {
    const bad = JSON.stringify({
      digests: { tracks: { Go: { channel: "#go", leadMinutes: -5 }, Rust: { chanel: "#rust" } } },
    });
    const problems = problemsOf({ TALKBOT_CONFIG: "talkbot.json" }, files({ "talkbot.json": bad }));
    expect(problems).toEqual([
      "talkbot.json (TALKBOT_CONFIG): digests.tracks.Go.leadMinutes: must be 0 or more minutes",
      expect.stringMatching(/^talkbot\.json \(TALKBOT_CONFIG\): digests\.tracks\.Rust: .*chanel/),
    ]);
  });

  it("names the file when it is missing or not JSON", () => {
    expect(problemsOf({ TALKBOT_CONFIG: "gone.json" })).toEqual([
      expect.stringMatching(/^gone\.json \(TALKBOT_CONFIG\): cannot read the file/),
    ]);
    expect(problemsOf({ TALKBOT_CONFIG: "b.json" }, files({ "b.json": "{ nope" }))).toEqual([
      expect.stringMatching(/^b\.json \(TALKBOT_CONFIG\): not valid JSON/),
    ]);
  });
});

describe("room and combined digests in the config file", () => {
  const config = (digests: unknown) => files({ "talkbot.json": JSON.stringify({ digests }) });
  const env = { TALKBOT_CONFIG: "talkbot.json" };

  it("turns digests on with only rooms or only a combined digest", () => {
    const rooms = settingsOf(env, config({ rooms: { "K.1.105": { channel: "#k1105" } } }));
    expect(rooms.enabled).toBe(true);
    expect(rooms.rooms).toEqual([{ room: "K.1.105", channel: "#k1105" }]);
    expect(roomRulesFor(rooms, "  k.1.105 ")).toHaveLength(1);
    expect(describeSettings(rooms)).toMatch(/1 room with digests/);
    const combined = settingsOf(env, config({ combined: { channel: "#fosdem", leadMinutes: 3 } }));
    expect(combined.enabled).toBe(true);
    expect(describeSettings(combined)).toBe(
      "digests are on: no default channel (no track digests), lead 10 min, combined digest to #fosdem, config talkbot.json",
    );
    expect(shortestLeadMinutes(combined)).toBe(3);
  });

  it("refuses a bad room or combined entry in one line with the field's path", () => {
    const problems = problemsOf(
      env,
      config({
        rooms: { "K.1.105": { channel: "#k1105", leadMinutes: 2.5 }, "H.2215": { leadMinutes: 5 } },
        combined: { channel: "not a channel", tracks: [], colour: "red" },
      }),
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        "talkbot.json (TALKBOT_CONFIG): digests.rooms.K.1.105.leadMinutes: expected a whole number of minutes",
        "talkbot.json (TALKBOT_CONFIG): digests.rooms.H.2215.channel: required: a channel id (C0123ABCD) or name (#talks)",
        "talkbot.json (TALKBOT_CONFIG): digests.combined.channel: expected a channel id (C0123ABCD) or name (#talks)",
        "talkbot.json (TALKBOT_CONFIG): digests.combined.tracks: list at least one track, or leave `tracks` out for every track",
        expect.stringMatching(/^talkbot\.json \(TALKBOT_CONFIG\): digests\.combined: .*colour/),
      ]),
    );
    expect(problems).toHaveLength(5);
    for (const p of problems) expect(p).not.toContain("\n");
  });

  it("refuses two entries for one room, which would post each slot twice", () => {
    const problems = problemsOf(
      env,
      config({ rooms: { "K.1.105": { channel: "#a" }, "k.1.105 ": { channel: "#b" } } }),
    );
    expect(problems).toEqual([
      'talkbot.json (TALKBOT_CONFIG): digests.rooms.k.1.105: names the same room as "K.1.105" (case and spaces do not matter): keep one',
    ]);
  });

  it("lists every track but excluded ones, or the named ones, and knows which it covers", () => {
    const all = settingsOf(
      { ...env, TALKBOT_DIGEST_CHANNEL: "#fosdem" },
      config({
        exclude: ["Go"],
        tracks: { Rust: { channel: "#rust" } },
        combined: { channel: "#fosdem" },
      }),
    );
    expect(inCombined(all, track("go", "Go"))).toBe(false);
    expect(inCombined(all, track("rust", "Rust"))).toBe(true);
    // Rust posts to its own channel as well; Kotlin's only channel is the combined one.
    expect(coveredByCombined(all, track("rust", "Rust"), "#rust")).toBe(false);
    expect(coveredByCombined(all, track("kt", "Kotlin"), "#fosdem")).toBe(true);
    const some = settingsOf(
      env,
      config({ combined: { channel: "#x", tracks: ["rust", "ev:go"] } }),
    );
    expect(inCombined(some, track("rust", " RUST "))).toBe(true);
    expect(inCombined(some, { id: "ev:go", eventId: "ev", name: "Golang" })).toBe(true);
    expect(inCombined(some, track("kt", "Kotlin"))).toBe(false);
  });

  it("warns about room and combined-track names the catalog does not have", () => {
    const s = settingsOf(
      env,
      config({
        rooms: { Fleming: { channel: "#f" }, Flemming: { channel: "#f2" } },
        combined: { channel: "#all", tracks: ["Architecture", "Archtecture"] },
      }),
    );
    const catalog = catalogOf(
      "Europe/London",
      ["Architecture"],
      [
        {
          id: "a1",
          track: "Architecture",
          start: new Date("2020-03-03T10:35:00Z"),
          room: "fleming",
        },
      ],
    );
    expect(unmatchedNames(s, catalog)).toEqual([
      'room "Flemming" matches no room in the catalog',
      'combined digest track "Archtecture" matches no track id or name in the catalog',
    ]);
  });
});
