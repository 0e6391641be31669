import { describe, expect, it } from "vitest";
import {
  buildDigestSettings,
  DigestConfigError,
  describeSettings,
  loadDigestSettings,
  planForTrack,
  unmatchedRules,
} from "../../src/digest/settings.ts";
import { catalogOf } from "./helpers.ts";

const files = (content: Record<string, string>) => (path: string) => {
  const text = content[path];
  if (text === undefined) throw new Error(`ENOENT: no such file, open '${path}'`);
  return text;
};

const track = (id: string, name: string) => ({ id, eventId: "ev", name });

describe("loadDigestSettings", () => {
  it("is off, and says how to turn it on, without any channel", () => {
    const s = loadDigestSettings({});
    expect(s.enabled).toBe(false);
    expect(describeSettings(s)).toMatch(/digests are off.*TALKBOT_DIGEST_CHANNEL/);
  });

  it("takes one channel and a lead from the environment", () => {
    const s = loadDigestSettings({
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

  it("refuses a bad lead naming the variable", () => {
    expect(() => loadDigestSettings({ TALKBOT_DIGEST_LEAD_MINUTES: "ten" })).toThrow(
      /TALKBOT_DIGEST_LEAD_MINUTES: "ten" must be a whole number/,
    );
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
    const s = loadDigestSettings(
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
    const s = buildDigestSettings(
      { configPath: "c.json" },
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
    let error: unknown;
    try {
      buildDigestSettings({ configPath: "talkbot.json" }, files({ "talkbot.json": bad }));
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(DigestConfigError);
    const message = (error as Error).message;
    expect(message).toMatch(/^talkbot\.json: digest configuration refused/);
    expect(message).toContain("digests.tracks.Go.leadMinutes: must be 0 or more minutes");
    expect(message).toMatch(/digests\.tracks\.Rust: .*chanel/);
  });

  it("names the file when it is missing or not JSON", () => {
    expect(() => buildDigestSettings({ configPath: "gone.json" }, files({}))).toThrow(
      /^gone\.json \(TALKBOT_CONFIG\): cannot read the file/,
    );
    expect(() =>
      buildDigestSettings({ configPath: "b.json" }, files({ "b.json": "{ nope" })),
    ).toThrow(/^b\.json: not valid JSON/);
  });
});
