import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/config.ts";
import { describeSettings, planForTrack, unmatchedRules } from "../../src/digest/settings.ts";
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
