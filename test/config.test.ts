import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ConfigError, configVariables, loadConfig } from "../src/config.ts";

const bot = "xoxb-1-2-abc";
const appToken = "xapp-1-A1-2-def";
const secret = "8f742231b10e8888abcd99yyyzzz85a5".replace(/[yz]/g, "0");

function problemsOf(
  env: Record<string, string>,
  readFile?: (path: string) => string,
): readonly string[] {
  try {
    loadConfig(env, readFile);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as ConfigError).problems;
  }
  throw new Error("expected a ConfigError");
}

describe("loadConfig", () => {
  it("runs locally with no Slack credentials, with the documented defaults", () => {
    const config = loadConfig({});
    expect(config).toEqual({
      mode: "local",
      slack: null,
      catalogPath: "data/catalog.json",
      schedule: null,
      stateDir: ".talkbot-state",
      store: { engine: "sqlite", stateDir: ".talkbot-state" },
      now: undefined,
      speed: 1,
      // The terminal's answers are the point: routine info stays quiet unless asked for.
      logLevel: "warn",
      digest: {
        channel: undefined,
        leadMinutes: 10,
        configPath: undefined,
        settings: { enabled: false, defaultLeadMinutes: 10, rules: [] },
      },
    });
  });

  it("logs at info when connected to Slack, unless LOG_LEVEL says otherwise", () => {
    const http = { SLACK_BOT_TOKEN: bot, SLACK_SIGNING_SECRET: secret };
    expect(loadConfig(http).logLevel).toBe("info");
    expect(loadConfig({ ...http, LOG_LEVEL: "warn" }).logLevel).toBe("warn");
    expect(loadConfig({ LOG_LEVEL: "info" }).logLevel).toBe("info");
  });

  it("treats blank values (as left in a copied .env) as unset", () => {
    expect(loadConfig({ SLACK_BOT_TOKEN: "", SLACK_APP_TOKEN: " ", PORT: "" }).mode).toBe("local");
  });

  it("chooses Socket Mode with an app token and a bot token", () => {
    const config = loadConfig({ SLACK_BOT_TOKEN: bot, SLACK_APP_TOKEN: appToken });
    expect(config.mode).toBe("socket");
    expect(config.slack).toEqual({
      mode: "socket",
      botToken: bot,
      appToken,
      apiUrl: undefined,
      // Only for the calendar feed, when TALKBOT_PUBLIC_URL is set.
      port: 3000,
      host: undefined,
    });
  });

  it("takes TALKBOT_PUBLIC_URL without its trailing slash, and refuses one that is not a URL", () => {
    expect(loadConfig({ TALKBOT_PUBLIC_URL: "https://talkbot.example.org/" }).publicUrl).toBe(
      "https://talkbot.example.org",
    );
    expect(loadConfig({}).publicUrl).toBeUndefined();
    expect(() => loadConfig({ TALKBOT_PUBLIC_URL: "talkbot.example.org" })).toThrow(
      /TALKBOT_PUBLIC_URL must be the http\(s\) address/,
    );
  });

  it("follows TALKBOT_SCHEDULE_URL's sources in order, with its zone and poll interval", () => {
    const config = loadConfig({
      TALKBOT_SCHEDULE_URL: "https://pretalx.example.org/36c3/schedule.json, data/extra.xml",
      TALKBOT_SCHEDULE_TIME_ZONE: "Europe/Berlin",
    });
    expect(config.schedule).toEqual({
      sources: ["https://pretalx.example.org/36c3/schedule.json", "data/extra.xml"],
      timeZone: "Europe/Berlin",
      pollSeconds: 300,
    });
    expect(
      loadConfig({ TALKBOT_SCHEDULE_URL: "a.json", TALKBOT_SCHEDULE_POLL_SECONDS: "30" }).schedule
        ?.pollSeconds,
    ).toBe(30);
  });

  it("refuses a schedule source, zone or interval it could not follow, naming the variable", () => {
    const problems = (env: NodeJS.ProcessEnv) => {
      try {
        loadConfig(env);
        return [];
      } catch (err) {
        return (err as ConfigError).problems;
      }
    };
    expect(problems({ TALKBOT_SCHEDULE_URL: "a.json,,b.json" })).toEqual([
      expect.stringMatching(/^TALKBOT_SCHEDULE_URL has an empty entry/),
    ]);
    expect(problems({ TALKBOT_SCHEDULE_URL: "ftp://example.org/s.xml" })).toEqual([
      expect.stringMatching(
        /^TALKBOT_SCHEDULE_URL entry "ftp:\/\/example.org\/s.xml" is not an http\(s\) URL/,
      ),
    ]);
    expect(
      problems({ TALKBOT_SCHEDULE_URL: "a.json", TALKBOT_SCHEDULE_TIME_ZONE: "CET+1" }),
    ).toEqual([
      expect.stringMatching(/^TALKBOT_SCHEDULE_TIME_ZONE must be an IANA time zone name/),
    ]);
    expect(
      problems({ TALKBOT_SCHEDULE_URL: "a.json", TALKBOT_SCHEDULE_POLL_SECONDS: "0" }),
    ).toEqual([
      expect.stringMatching(/^TALKBOT_SCHEDULE_POLL_SECONDS must be between 1 and 86400/),
    ]);
  });

  it("chooses HTTP mode with a signing secret, on PORT or 3000", () => {
    const config = loadConfig({ SLACK_BOT_TOKEN: bot, SLACK_SIGNING_SECRET: secret });
    expect(config.slack).toEqual({
      mode: "http",
      botToken: bot,
      signingSecret: secret,
      port: 3000,
      apiUrl: undefined,
    });
    const on8080 = loadConfig({ SLACK_BOT_TOKEN: bot, SLACK_SIGNING_SECRET: secret, PORT: "8080" });
    expect(on8080.slack?.mode === "http" && on8080.slack.port).toBe(8080);
  });

  it("prefers Socket Mode when both an app token and a signing secret are set", () => {
    const config = loadConfig({
      SLACK_BOT_TOKEN: bot,
      SLACK_APP_TOKEN: appToken,
      SLACK_SIGNING_SECRET: secret,
    });
    expect(config.mode).toBe("socket");
  });

  it("parses the clock, digest and path settings", () => {
    const config = loadConfig(
      {
        SLACK_API_URL: "http://127.0.0.1:9999/api",
        SLACK_BOT_TOKEN: bot,
        SLACK_APP_TOKEN: appToken,
        TALKBOT_CATALOG: "/srv/catalog.json",
        TALKBOT_STATE_DIR: "/var/lib/talkbot",
        TALKBOT_NOW: "2020-03-03T08:00:00Z",
        TALKBOT_SPEED: "120",
        LOG_LEVEL: "DEBUG",
        TALKBOT_DIGEST_CHANNEL: "#conf-up-next",
        TALKBOT_DIGEST_LEAD_MINUTES: "15",
        TALKBOT_CONFIG: "talkbot.config.json",
      },
      () => JSON.stringify({ digests: { exclude: ["Keynotes"] } }),
    );
    expect(config.slack?.apiUrl).toBe("http://127.0.0.1:9999/api/");
    expect(config.catalogPath).toBe("/srv/catalog.json");
    expect(config.stateDir).toBe("/var/lib/talkbot");
    expect(config.now?.toISOString()).toBe("2020-03-03T08:00:00.000Z");
    expect(config.speed).toBe(120);
    expect(config.logLevel).toBe("debug");
    expect(config.digest).toEqual({
      channel: "#conf-up-next",
      leadMinutes: 15,
      configPath: "talkbot.config.json",
      settings: {
        enabled: true,
        defaultChannel: "#conf-up-next",
        defaultLeadMinutes: 15,
        rules: [{ track: "Keynotes", exclude: true }],
        configFile: "talkbot.config.json",
      },
    });
  });

  it("lists every problem in one error, each saying how to fix it", () => {
    const problems = problemsOf({
      SLACK_BOT_TOKEN: "xoxp-user-token",
      SLACK_APP_TOKEN: "not-an-app-token",
      PORT: "http",
      TALKBOT_NOW: "tomorrow",
      TALKBOT_SPEED: "-2",
      LOG_LEVEL: "loud",
      TALKBOT_DIGEST_LEAD_MINUTES: "ten",
      SLACK_API_URL: "slack.com/api",
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^SLACK_BOT_TOKEN must start with xoxb-/),
        expect.stringMatching(/^SLACK_APP_TOKEN must start with xapp-/),
        expect.stringMatching(/^PORT must be a whole number/),
        expect.stringMatching(/^TALKBOT_NOW must be an ISO instant/),
        expect.stringMatching(/^TALKBOT_SPEED must be a positive number/),
        expect.stringMatching(/^LOG_LEVEL must be one of debug, info, warn, error/),
        expect.stringMatching(/^TALKBOT_DIGEST_LEAD_MINUTES must be a whole number/),
        expect.stringMatching(/^SLACK_API_URL must be an http\(s\) URL/),
      ]),
    );
    expect(problems).toHaveLength(8);
  });

  it("never echoes a secret in the error message", () => {
    const err = (() => {
      try {
        loadConfig({ SLACK_BOT_TOKEN: "xoxp-secret-value", SLACK_SIGNING_SECRET: "not hex!" });
      } catch (e) {
        return e as Error;
      }
      throw new Error("expected an error");
    })();
    expect(err.message).not.toContain("xoxp-secret-value");
    expect(err.message).not.toContain("not hex!");
    expect(err.message).toContain(
      "SLACK_SIGNING_SECRET must be the 32-character hexadecimal Signing Secret",
    );
  });

  it.each([
    ["TALKBOT_NOW", "2020-02-30T08:00:00Z", "TALKBOT_NOW must be an ISO instant"],
    ["TALKBOT_NOW", "2020-03-03T24:00:00Z", "TALKBOT_NOW must be an ISO instant"],
    ["PORT", "0x50", "PORT must be a whole number"],
    ["PORT", "1e3", "PORT must be a whole number"],
    ["PORT", "65536", "PORT must be a whole number"],
    ["SLACK_SIGNING_SECRET", "8f742231b10e8888", "SLACK_SIGNING_SECRET must be the 32-character"],
    ["TALKBOT_SPEED", "1e13", "TALKBOT_SPEED must be at most 100000"],
    ["HOST", "0.0.0.0 ; rm", "HOST must be an interface address"],
  ])("refuses %s=%s", (name, value, message) => {
    const env = { SLACK_BOT_TOKEN: bot, SLACK_SIGNING_SECRET: secret, [name]: value };
    expect(problemsOf(env)).toEqual([expect.stringContaining(message)]);
  });

  it("listens on HOST when it is set, on every interface when not", () => {
    const http = { SLACK_BOT_TOKEN: bot, SLACK_SIGNING_SECRET: secret };
    expect(loadConfig({ ...http, HOST: "127.0.0.1" }).slack).toMatchObject({ host: "127.0.0.1" });
    expect(loadConfig(http).slack).toMatchObject({ host: undefined });
  });

  it("lists the config file's problems with the environment's, in one error", () => {
    const files: Record<string, string> = {
      "talkbot.json": JSON.stringify({ digests: { tracks: { Go: { leadMinutes: -5 } } } }),
    };
    const problems = problemsOf(
      {
        SLACK_BOT_TOKEN: bot,
        SLACK_SIGNING_SECRET: secret,
        PORT: "http",
        TALKBOT_CONFIG: "talkbot.json",
      },
      (p) => files[p] ?? "",
    );
    expect(problems).toEqual([
      expect.stringContaining("PORT must be a whole number"),
      "talkbot.json (TALKBOT_CONFIG): digests.tracks.Go.leadMinutes: must be 0 or more minutes",
    ]);
  });

  it("refuses TALKBOT_CONFIG pointing at a catalog, and says which variable the catalog goes in", () => {
    const catalog = readFileSync("data/catalog.json", "utf8");
    const problems = problemsOf({ TALKBOT_CONFIG: "data/catalog.json" }, () => catalog);
    expect(problems).toEqual([
      expect.stringMatching(
        /^data\/catalog\.json \(TALKBOT_CONFIG\) is a talk catalog, not talkbot's config file: set TALKBOT_CATALOG=data\/catalog\.json/,
      ),
    ]);
  });

  it("says which credential is missing for a half-configured Slack", () => {
    expect(problemsOf({ SLACK_APP_TOKEN: appToken })).toEqual([
      expect.stringMatching(/^SLACK_BOT_TOKEN is missing/),
    ]);
    expect(problemsOf({ SLACK_BOT_TOKEN: bot })).toEqual([
      expect.stringMatching(/neither SLACK_APP_TOKEN \(Socket Mode\) nor SLACK_SIGNING_SECRET/),
    ]);
  });

  it("refuses a token pasted with whitespace in it", () => {
    expect(problemsOf({ SLACK_BOT_TOKEN: `${bot} x`, SLACK_APP_TOKEN: appToken })).toEqual([
      expect.stringMatching(/^SLACK_BOT_TOKEN contains whitespace/),
    ]);
  });
});

describe(".env.example", () => {
  const lines = readFileSync(".env.example", "utf8").split("\n");
  const env = Object.fromEntries(
    lines.flatMap((l) => {
      const m = /^([A-Z_]+)=(.*)$/.exec(l);
      return m ? [[m[1], m[2]]] : [];
    }),
  ) as Record<string, string>;

  it("documents every variable talkbot reads, each with a comment", () => {
    expect(Object.keys(env).sort()).toEqual([...configVariables].sort());
    for (const name of configVariables) {
      const i = lines.findIndex((l) => l.startsWith(`${name}=`));
      expect(lines[i - 1], name).toMatch(/^# /);
    }
  });

  it("starts talkbot locally as it is", () => {
    expect(loadConfig(env).mode).toBe("local");
  });
});
