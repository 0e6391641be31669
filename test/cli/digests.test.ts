import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { loadCatalogFile } from "../../src/catalog/load.ts";
import { run } from "../../src/cli/digests.ts";
import { ConfigError, loadConfig } from "../../src/config.ts";
import { dueAmong, planDigests, trackOf } from "../../src/digest/plan.ts";
import { renderDigest } from "../../src/slack/delivery/start-digests.ts";
import { openStore } from "../../src/store/open-store.ts";
import { catalogOf } from "../digest/helpers.ts";
import { runCli } from "../support/cli.ts";

let dir: string;
let catalogPath: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "talkbot-digests-cli-"));
  catalogPath = join(dir, "catalog.json");
  const at = (iso: string) => new Date(iso);
  writeFileSync(
    catalogPath,
    JSON.stringify(
      catalogOf(
        "Europe/London",
        ["Architecture", "Culture", "Sponsored"],
        [
          {
            id: "a1",
            track: "Architecture",
            start: at("2020-03-03T10:35:00Z"),
            room: "Fleming",
            title: "Kafka at scale",
          },
          { id: "a2", track: "Architecture", start: at("2020-03-04T10:35:00Z"), title: "Day two" },
          { id: "c1", track: "Culture", start: at("2020-03-03T10:35:00Z"), title: "Teams" },
          { id: "s1", track: "Sponsored", start: at("2020-03-03T11:00:00Z"), title: "Buy now" },
        ],
      ),
    ),
  );
});

afterEach(() => {
  vi.restoreAllMocks();
});

// A state directory of the test's own, unless the test brings one.
const output = (args: string[], env: NodeJS.ProcessEnv) =>
  runCli(run, args, { TALKBOT_STATE_DIR: join(dir, "no-state"), ...env });

describe("digests CLI", () => {
  it("prints when each digest goes to which channel with which talks", async () => {
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
    const { code, out, err } = await output(["--date", "2020-03-03", "--catalog", catalogPath], {
      TALKBOT_DIGEST_CHANNEL: "#up-next",
      TALKBOT_CONFIG: config,
    });
    expect(code).toBe(0);
    expect(out).toBe(
      [
        "2 digests",
        "",
        "2020-03-03 · Test Conf (Europe/London)",
        "  10:20 GMT → #arch  Architecture, slot 10:35 GMT (1 talk)",
        "      • Kafka at scale (Speaker a1 (Acme) · Fleming)",
        "  10:25 GMT → #up-next  Culture, slot 10:35 GMT (1 talk)",
        "      • Teams (Speaker c1 (Acme))",
      ].join("\n"),
    );
    expect(err).toBe("not announced: Sponsored (excluded)");
  });

  it("--json gives the plan for scripts, with the event's offsets", async () => {
    const { code, out } = await output(["--json", "--catalog", catalogPath], {
      TALKBOT_DIGEST_CHANNEL: "C0UPNEXT",
    });
    expect(code).toBe(0);
    const plan = JSON.parse(out);
    expect(plan.enabled).toBe(true);
    expect(plan.digests).toHaveLength(4);
    expect(plan.digests[0]).toEqual({
      key: "digest:ev:t0:2020-03-03T10:35:00.000Z:C0UPNEXT",
      status: "pending",
      channel: "C0UPNEXT",
      dueAt: "2020-03-03T10:25:00+00:00",
      slotStart: "2020-03-03T10:35:00+00:00",
      day: "2020-03-03",
      leadMinutes: 10,
      eventId: "ev",
      event: "Test Conf",
      scope: "track",
      trackId: "t0",
      track: "Architecture",
      talks: [
        { id: "a1", title: "Kafka at scale", speakers: ["Speaker a1 (Acme)"], room: "Fleming" },
      ],
    });
  });

  it("shows the timings and says digests are off when no channel is set", async () => {
    const { code, out, err } = await output(["--json", "--catalog", catalogPath], {});
    expect(code).toBe(0);
    const plan = JSON.parse(out);
    expect(plan.enabled).toBe(false);
    expect(plan.digests.every((d: { channel: unknown }) => d.channel === null)).toBe(true);
    expect(err).toMatch(/^digests are off: no channel configured/);
  });

  it("marks what the store says was posted or missed", async () => {
    const state = join(dir, "state");
    const store = await openStore({ engine: "sqlite", stateDir: state });
    const at = new Date("2020-03-03T10:25:00Z");
    const key = (track: string) => `digest:ev:${track}:2020-03-03T10:35:00.000Z:#up-next`;
    await store.claim(key("t0"), "digest", "bot", 60_000);
    await store.settle(key("t0"), "bot", { status: "posted", channel: "C1", ts: "1.1" }, at);
    await store.claim(key("t1"), "digest", "bot", 60_000);
    await store.settle(key("t1"), "bot", { status: "missed", detail: "late" }, at);
    await store.close();
    const { out } = await output(["--date", "2020-03-03", "--catalog", catalogPath], {
      TALKBOT_DIGEST_CHANNEL: "#up-next",
      TALKBOT_STATE_DIR: state,
    });
    expect(out).toContain("Architecture, slot 10:35 GMT (1 talk) [posted]");
    expect(out).toContain("Culture, slot 10:35 GMT (1 talk) [missed]");
    const json = await output(["--json", "--catalog", catalogPath], {
      TALKBOT_DIGEST_CHANNEL: "#up-next",
      TALKBOT_STATE_DIR: state,
    });
    expect(JSON.parse(json.out).digests.map((d: { status: string }) => d.status)).toEqual([
      "posted",
      "missed",
      "pending",
      "pending",
    ]);
  });

  it("says so when a day has no digests", async () => {
    const { out } = await output(["--date", "2020-03-09", "--catalog", catalogPath], {
      TALKBOT_DIGEST_CHANNEL: "#x",
    });
    expect(out).toBe("No digests on 2020-03-09.");
  });

  it("refuses the digest settings the bot refuses, in the bot's words", async () => {
    for (const env of [
      { TALKBOT_DIGEST_CHANNEL: "a&b" },
      { TALKBOT_DIGEST_LEAD_MINUTES: "1e1" },
      { TALKBOT_CONFIG: join(dir, "missing.json") },
    ]) {
      let refusal: unknown;
      try {
        loadConfig(env);
      } catch (err) {
        refusal = err;
      }
      expect(refusal, JSON.stringify(env)).toBeInstanceOf(ConfigError);
      await expect(output(["--catalog", catalogPath], env)).rejects.toEqual(refusal);
    }
  });

  it("prints the refusal without a stack trace and exits 1 through the real command line", async () => {
    const result = await promisify(execFile)(
      "npx",
      ["tsx", "src/cli.ts", "digests", "--catalog", catalogPath],
      {
        cwd: join(import.meta.dirname, "../.."),
        env: { PATH: process.env.PATH, TALKBOT_DIGEST_CHANNEL: "a&b" },
      },
    ).catch((err: { code: number; stderr: string }) => err);
    expect(result).toMatchObject({ code: 1 });
    const { stderr } = result as { stderr: string };
    expect(stderr).toContain("  - TALKBOT_DIGEST_CHANNEL must be one channel id");
    expect(stderr).not.toContain("    at ");
  });

  it("stops on a bad config naming the file and field, and refuses a bad --date", async () => {
    const config = join(dir, "bad.json");
    writeFileSync(
      config,
      JSON.stringify({ digests: { tracks: { Culture: { leadMinutes: "ten" } } } }),
    );
    await expect(output(["--catalog", catalogPath], { TALKBOT_CONFIG: config })).rejects.toThrow(
      `${config} (TALKBOT_CONFIG): digests.tracks.Culture.leadMinutes: `,
    );
    await expect(run(["--date", "3 March"], {})).rejects.toMatchObject({
      name: "UsageError",
      message: expect.stringContaining('--date expects a day as YYYY-MM-DD, not "3 March"'),
    });
  });
});

describe("digests --preview", () => {
  const env = { TALKBOT_DIGEST_CHANNEL: "#up-next" };

  it("prints the exact Block Kit JSON of the digests due at an instant", async () => {
    const { code, out, err } = await output(
      ["--preview", "--at", "2020-03-03T10:25:00Z", "--catalog", catalogPath],
      env,
    );
    expect(code).toBe(0);
    const settings = loadConfig(env).digest.settings;
    const catalog = loadCatalogFile(catalogPath);
    const due = dueAmong(planDigests(catalog, settings), new Date("2020-03-03T10:25:00Z"), {
      has: () => false,
    }).due;
    expect(due.map((d) => trackOf(d)?.name)).toEqual(["Architecture", "Culture"]);
    // One {"blocks": …} per digest, exactly what the bot posts, ready for Block Kit Builder.
    const expected = due.map((d) => JSON.stringify({ blocks: renderDigest(d).blocks }, null, 2));
    expect(out).toBe(expected.join("\n"));
    expect(JSON.parse(expected[1] as string).blocks[0]).toEqual({
      type: "header",
      text: { type: "plain_text", text: "Up next: Culture", emoji: true },
    });
    expect(err).toContain("2 digests due at 2020-03-03T10:25:00+00:00");
    expect(err).toContain("2020-03-03 10:25 GMT → #up-next  Culture, slot 10:35 GMT (1 talk):");
  });

  it("narrows to one track, reads a local time in the event's zone, and has a --json form", async () => {
    const { out } = await output(
      [
        "--preview",
        "--at",
        "2020-03-03T10:30",
        "--track",
        "culture",
        "--json",
        "--catalog",
        catalogPath,
      ],
      env,
    );
    const json = JSON.parse(out);
    expect(json.at).toBe("2020-03-03T10:30:00.000Z");
    expect(json.digests).toHaveLength(1);
    expect(json.digests[0]).toMatchObject({
      channel: "#up-next",
      track: "Culture",
      dueAt: "2020-03-03T10:25:00+00:00",
      slotStart: "2020-03-03T10:35:00+00:00",
      message: { text: expect.stringContaining("Up next in Culture"), blocks: expect.any(Array) },
    });
  });

  it("shows a combined digest: one message for the shared channel, grouped by track", async () => {
    const config = join(dir, "combined.json");
    writeFileSync(
      config,
      JSON.stringify({
        digests: {
          tracks: { Culture: { channel: "#culture" } },
          rooms: { fleming: { channel: "#fleming", leadMinutes: 10 } },
          combined: { channel: "#up-next" },
        },
      }),
    );
    const shared = { ...env, TALKBOT_CONFIG: config };
    const { out, err } = await output(
      ["--preview", "--at", "2020-03-03T10:25:00Z", "--catalog", catalogPath],
      shared,
    );
    // Architecture's own digest would go to the combined channel: only the combined one goes there.
    expect(err).toContain("3 digests due at 2020-03-03T10:25:00+00:00");
    expect(err).toContain("→ #up-next  all tracks, slot 10:35 GMT (2 talks):");
    expect(err).toContain("→ #culture  Culture, slot 10:35 GMT (1 talk):");
    expect(err).toContain("→ #fleming  room Fleming, slot 10:35 GMT (1 talk):");
    const combined = JSON.parse(out.split(/\n(?=\{)/)[2] as string);
    expect(combined.blocks[0].text.text).toBe("Up next at Test Conf");
    expect(combined.blocks.filter((b: { type: string }) => b.type === "section")).toEqual([
      expect.objectContaining({
        text: expect.objectContaining({
          text: expect.stringMatching(/^\*Architecture\*\n• \*Kafka at scale\*/),
        }),
      }),
      expect.objectContaining({
        text: expect.objectContaining({ text: expect.stringMatching(/^\*Culture\*\n• \*Teams\*/) }),
      }),
    ]);

    const json = JSON.parse(
      (
        await output(
          ["--preview", "--at", "2020-03-03T10:25:00Z", "--json", "--catalog", catalogPath],
          shared,
        )
      ).out,
    );
    expect(
      json.digests.map((d: { scope: string; channel: string }) => [d.scope, d.channel]),
    ).toEqual([
      ["track", "#culture"],
      ["room", "#fleming"],
      ["all", "#up-next"],
    ]);
  });

  it("says when nothing is due, and refuses what it cannot read", async () => {
    const none = await output(
      ["--preview", "--at", "2020-03-03T12:00:00+00:00", "--catalog", catalogPath],
      env,
    );
    expect(none).toMatchObject({ code: 0, out: "" });
    expect(none.err).toBe("No digests due at 2020-03-03T12:00:00+00:00.");
    await expect(output(["--preview", "--catalog", catalogPath], env)).rejects.toThrow(
      /--preview needs --at/,
    );
    await expect(
      output(["--preview", "--at", "tomorrow", "--catalog", catalogPath], env),
    ).rejects.toThrow(/--at expects an ISO instant/);
    await expect(
      output(
        ["--preview", "--at", "2020-03-03T10:25Z", "--track", "Nope", "--catalog", catalogPath],
        env,
      ),
    ).rejects.toThrow(/--track "Nope" matches no track/);
    await expect(
      output(["--at", "2020-03-03T10:25Z", "--catalog", catalogPath], env),
    ).rejects.toThrow(/go with --preview/);
  });
});
