/**
 * Reminder DMs (#14) end to end: the real talkbot process on a simulated clock,
 * its SQLite store in a temporary TALKBOT_STATE_DIR, the fake Slack. A reminder
 * goes out once, inside its window and before its talk, across a SIGKILL taken the
 * moment Slack took the DM; a talk unstarred before its window is never reminded.
 *
 * The talk: "Evolution of Financial Exchange Architectures", QCon London 2020,
 * 10:35 UTC; the default lead (10 min) opens its window at 10:25.
 */
import type { ChildProcess } from "node:child_process";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { openStore } from "../../src/store/open-store.ts";
import { type ApiCall, dmChannelOf, FakeSlack } from "./fake-slack.ts";
import {
  clickButton,
  killHard,
  spawnTalkbot,
  starInAnswer,
  starOf,
  startTalkbot,
  stateDir,
  talkCommand,
  type UserId,
} from "./talkbot-process.ts";

const ALICE: UserId = "U0ALICE";
const BOB: UserId = "U0BOB";
const CAROL: UserId = "U0CAROL";
const TALK = "qcon-london-2020/evolution-of-financial-exchange-architectures";
const TITLE = "Evolution of Financial Exchange Architectures";
const STARTS = Date.parse("2020-03-03T10:35:00Z");

let fake: FakeSlack;
const running = new Set<ChildProcess>();

beforeAll(async () => {
  fake = await FakeSlack.start();
});
afterEach(() => {
  for (const child of running) if (child.exitCode === null) child.kill("SIGKILL");
  running.clear();
});
afterAll(() => fake?.close());

/** chat.postMessage calls to `user`'s DM (by user id, as reminders are sent, or by DM id). */
const dmsTo = (user: UserId): ApiCall[] =>
  fake
    .callsTo("chat.postMessage")
    .filter((c) => dmChannelOf(String(c.params.channel)) === `D${user}`);

/** `/talk <query>` as `user`, then a click on the star of TALK in the answer. */
async function toggleStar(base: string, user: UserId, answer?: Record<string, unknown>) {
  const shown = answer ?? (await talkCommand(base, user, "financial exchange", fake.responseUrl()));
  const post = await starInAnswer(base, fake, { user, answer: shown, talkId: TALK });
  expect(post.body.replace_original).toBe(true);
  return post.body;
}

describe("reminder DMs from the real talkbot process on a simulated clock", () => {
  it("reminds once before the talk across SIGKILLs and restarts; an unstarred talk is not reminded", async () => {
    const dir = stateDir();
    // 10:00, real speed: far from the window. Alice stars the talk; Bob stars it and
    // changes his mind. Then the machine dies: the stars are in the store.
    const first = await startTalkbot(
      fake.apiUrl,
      { TALKBOT_STATE_DIR: dir, TALKBOT_NOW: "2020-03-03T10:00:00Z" },
      running,
    );
    const alice = await toggleStar(first.base, ALICE);
    expect(starOf(alice.blocks, TALK)?.text.text).toBe("★ Starred");
    const bob = await toggleStar(first.base, BOB);
    expect(starOf(bob.blocks, TALK)?.text.text).toBe("★ Starred");
    const unstarred = await toggleStar(first.base, BOB, bob);
    expect(starOf(unstarred.blocks, TALK)?.text.text).toBe("☆ Star");
    await killHard(first);
    expect(fake.callsTo("chat.postMessage")).toEqual([]);

    // 10:22 at 60x: the window opens three real seconds after talkbot's clock starts,
    // whether or not it has finished starting by then. It dies the moment Slack has
    // taken the DM, before or after it wrote that down.
    const second = spawnTalkbot(
      fake.apiUrl,
      { TALKBOT_STATE_DIR: dir, TALKBOT_NOW: "2020-03-03T10:22:00Z", TALKBOT_SPEED: "60" },
      running,
    );
    const reminder = await fake.waitFor(() => dmsTo(ALICE)[0], 15_000);
    await killHard(second);
    // Sent inside the window, before the talk: "In N min" is counted from the
    // simulated now, so N <= 10 means not before 10:25.
    const minutes = Number(
      /^In (\d+) min in Fleming, 3rd flr\.: /.exec(String(reminder.params.text))?.[1],
    );
    expect(minutes).toBeGreaterThanOrEqual(1);
    expect(minutes).toBeLessThanOrEqual(10);

    // Restarted inside the window with the same state: Alice's reminder is settled (or
    // still held by the dead process's claim), so nothing goes out again. Carol stars the
    // talk now, inside its window, and is reminded at once: the restarted process is
    // sending reminders, and it planned Alice's before hers.
    const third = await startTalkbot(
      fake.apiUrl,
      { TALKBOT_STATE_DIR: dir, TALKBOT_NOW: "2020-03-03T10:27:00Z" },
      running,
    );
    await toggleStar(third.base, CAROL);
    const carols = await fake.waitFor(() => dmsTo(CAROL)[0], 10_000);
    // The reminder's ★ Starred unstars, and as only Carol sees her DM, the DM itself changes.
    const inDm = starOf(carols.params.blocks, TALK);
    expect(inDm?.text.text).toBe("★ Starred");
    const dm = `D${CAROL}`;
    const ts = String(carols.response.ts);
    expect(
      await clickButton(third.base, {
        user: CAROL,
        element: inDm as NonNullable<typeof inDm>,
        container: { type: "message", message_ts: ts, channel_id: dm, is_ephemeral: false },
        channel: dm,
        message: { ts, text: carols.params.text, blocks: carols.params.blocks },
        responseUrl: fake.responseUrl("carol-unstar"),
      }),
    ).toBe(200);
    const replaced = await fake.waitFor(() =>
      fake.responseUrlPosts.find((p) => p.id === "carol-unstar"),
    );
    expect(replaced.body.replace_original).toBe(true);
    expect(starOf(replaced.body.blocks, TALK)?.text.text).toBe("☆ Star");
    // No TALKBOT_PUBLIC_URL here: /talk calendar says what the organizers must set.
    expect(await talkCommand(third.base, CAROL, "calendar", fake.responseUrl("no-feed"))).toEqual(
      {},
    );
    const noFeed = await fake.waitFor(() => fake.responseUrlPosts.find((p) => p.id === "no-feed"));
    expect(String(noFeed.body.text)).toMatch(
      /^The calendar feed is not available here: .*TALKBOT_PUBLIC_URL/,
    );
    // A clean stop awaits any post on the wire: after it, Slack has seen all it will.
    third.child.kill("SIGTERM");
    expect(await third.exit).toBe(0);

    // Exactly one DM to Alice, and no attempt at another.
    expect(dmsTo(ALICE)).toHaveLength(1);
    expect(reminder.status).toBe(200);
    expect(reminder.response.ok).toBe(true);
    expect(reminder.params.channel).toBe(ALICE);
    expect(String(reminder.params.text)).toContain(TITLE);
    expect(JSON.stringify(reminder.params.blocks)).toContain(`<!date^${STARTS / 1000}^`);
    const metadata = reminder.params.metadata as {
      event_type: string;
      event_payload: { key: string };
    };
    expect(metadata.event_type).toBe("talkbot_delivery");
    expect(metadata.event_payload.key).toBe(
      `reminder:qcon-london-2020:${TALK}:${ALICE}:2020-03-03T10:35:00+00:00`,
    );
    expect(fake.postedWithKey(metadata.event_payload.key)).toHaveLength(1);
    expect(fake.history.get(`D${ALICE}`)).toHaveLength(1);

    // Bob unstarred before the window: no DM, from any of the three.
    expect(dmsTo(BOB)).toEqual([]);
    // Carol has hers, from the third process.
    expect(dmsTo(CAROL)).toHaveLength(1);
    expect(String(carols.params.text)).toContain(TITLE);

    // What the store says: Alice's posted, or (killed before it was recorded) still in
    // doubt under the dead process's claim, which a successor takes over only after its
    // 60-second lease and then looks in the DM's history first; Carol's posted; nothing for Bob.
    const store = await openStore({ engine: "sqlite", stateDir: dir });
    const records = await store.deliveries("reminder");
    await store.close();
    expect(records.map((r) => r.key.split(":")[3])).toEqual([ALICE, CAROL]);
    expect(["posted", "claimed"]).toContain(records[0]?.status);
    expect(records[1]).toMatchObject({ status: "posted", ts: carols.response.ts });
    for (const bot of [first, second, third]) expect(bot.stderr()).not.toMatch(/ERROR/);
  }, 45_000);
});
