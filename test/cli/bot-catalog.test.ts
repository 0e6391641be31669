import { copyFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { run as schedule } from "../../src/cli/schedule.ts";
import { run as tracks } from "../../src/cli/tracks.ts";
import { FixedClock } from "../../src/clock.ts";
import { followSchedule } from "../../src/schedule/follow.ts";
import { openStore } from "../../src/store/open-store.ts";
import { c36c3 } from "../catalog/import/fixtures.ts";
import { quietLogger } from "../digest/helpers.ts";
import { runCli } from "../support/cli.ts";

afterEach(() => {
  vi.restoreAllMocks();
});

const output = (run: typeof tracks, args: string[], env: NodeJS.ProcessEnv) =>
  runCli(run, args, env);

/** A state dir whose store holds release `i` of 36C3, applied from `file` as the bot would. */
async function botHasApplied(i: number) {
  const dir = mkdtempSync(join(tmpdir(), "talkbot-bot-catalog-"));
  const file = join(dir, "schedule.json");
  copyFileSync(c36c3[i] as string, file);
  const store = await openStore({ engine: "sqlite", stateDir: dir });
  const follower = followSchedule({
    sources: [file],
    timeZone: "Europe/Berlin",
    store,
    clock: new FixedClock(new Date("2019-12-27T09:00:00Z")),
    logger: quietLogger(),
    settings: { enabled: false, defaultLeadMinutes: 10, rules: [] },
    publish: async () => {},
    ports: {
      corrections: { post: async () => ({ channel: "", ts: "" }), find: async () => null },
      notices: { post: async () => ({ channel: "", ts: "" }), find: async () => null },
      dms: null,
    },
  });
  await follower.first();
  await follower.stop();
  await store.close();
  const env = {
    TALKBOT_SCHEDULE_URL: file,
    TALKBOT_SCHEDULE_TIME_ZONE: "Europe/Berlin",
    TALKBOT_STATE_DIR: dir,
  };
  return { dir, file, env };
}

describe("CLI commands while the bot follows a schedule", () => {
  it("list what the bot serves (the store's release), not the export as it is now", async () => {
    const { file, env } = await botHasApplied(3);
    // The export has moved on (back to 160 talks) since the bot last applied it.
    copyFileSync(c36c3[0] as string, file);
    const { code, out } = await output(tracks, ["--json"], env);
    expect(code).toBe(0);
    const listed = JSON.parse(out) as { tracks: { talks: number }[] };
    expect(listed.tracks.reduce((n, t) => n + t.talks, 0)).toBe(161);
  });

  it("schedule check compares with the release the bot serves", async () => {
    const { env } = await botHasApplied(2);
    const { code, out, err } = await output(schedule, ["check", c36c3[3] as string], env);
    expect([code, err]).toEqual([0, ""]);
    expect(out).toMatch(
      /^Against release \w+ of TALKBOT_SCHEDULE_URL \(from the store\) \(163 talks\): 1 new, 3 cancelled/m,
    );
  });

  it("say so in one line when the bot has applied nothing yet", async () => {
    const dir = mkdtempSync(join(tmpdir(), "talkbot-bot-catalog-"));
    const env = { TALKBOT_SCHEDULE_URL: join(dir, "s.json"), TALKBOT_STATE_DIR: dir };
    await expect(output(tracks, [], env)).rejects.toThrow(
      /^TALKBOT_SCHEDULE_URL is set, but no release of it is in the store yet .*: start the bot once, or give --catalog <file>$/,
    );
  });
});
