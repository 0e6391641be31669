/**
 * The personal agenda (#14) end to end: the real talkbot process (src/main.ts,
 * its store, agenda, digests, App Home and calendar feed as main wires them) in
 * HTTP mode, driven by signed requests, against the fake Slack. The tests run in
 * order and build on each other: Alice's stars from the first tests are what the
 * agenda, App Home and the calendar feed show later.
 *
 * The clock: TALKBOT_NOW 15:15 UTC on QCon London 2020's Tuesday, at real speed.
 * With a 60-minute digest lead, the 16:10 slot's digest (Tesla Virtual Power
 * Plant) goes out at start-up; no reminder falls due while the file runs (the
 * earliest would be 16:00).
 */
import type { ChildProcess } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseIcs, startZone } from "../calendar/parse-ics.ts";
import { type ApiCall, FakeSlack } from "./fake-slack.ts";
import {
  buttonsOf,
  clickButton,
  freePort,
  killHard,
  type StartedTalkbot,
  sendEvent,
  starInAnswer,
  starOf,
  startTalkbot,
  stateDir,
  talkCommand,
  type UserId,
} from "./talkbot-process.ts";

const ALICE: UserId = "U0ALICE";
const BOB: UserId = "U0BOB";

const CLOUD_KAFKA = "qcon-london-2018/cloud-native-and-scalable-kafka-architecture";
const TESLA = "qcon-london-2020/tesla-virtual-power-plant";
const SPORTSBOOK = "qcon-london-2020/designing-a-real-time-global-sportsbook-from-scratch";
const EBPF = "qcon-london-2020/ebpf-rethinking-the-linux-kernel";

let fake: FakeSlack;
let bot: StartedTalkbot;
let publicUrl: string;
const running = new Set<ChildProcess>();

beforeAll(async () => {
  fake = await FakeSlack.start();
  const port = await freePort();
  publicUrl = `http://127.0.0.1:${port}`;
  bot = await startTalkbot(
    fake.apiUrl,
    {
      PORT: String(port),
      TALKBOT_PUBLIC_URL: publicUrl,
      TALKBOT_STATE_DIR: stateDir(),
      TALKBOT_NOW: "2020-03-03T15:15:00Z",
      TALKBOT_DIGEST_CHANNEL: "C0DIGEST",
      TALKBOT_DIGEST_LEAD_MINUTES: "60",
    },
    running,
  );
}, 30_000);

afterAll(async () => {
  if (bot) await killHard(bot);
  for (const child of running) if (child.exitCode === null) child.kill("SIGKILL");
  await fake?.close();
});

/** The response_url post that arrived at `id`. */
const responded = (id: string, timeoutMs = 5_000) =>
  fake.waitFor(() => fake.responseUrlPosts.find((p) => p.id === id), timeoutMs);

const textOf = (blocks: unknown) => JSON.stringify(blocks ?? []);

/** A click on the ☆ Star under `talkId` in an ephemeral answer that `user` got. */
const starInEphemeral = (user: UserId, answer: Record<string, unknown>, talkId: string) =>
  starInAnswer(bot.base, fake, { user, answer, talkId });

describe("the personal agenda through the real talkbot process and the fake Slack", () => {
  it("stars a talk from a search answer: the answer is replaced with ★ Starred, for that person only", async () => {
    const answer = await talkCommand(bot.base, ALICE, "kafka", fake.responseUrl("cmd-1"));
    expect(answer.response_type).toBe("ephemeral");
    const stars = buttonsOf(answer.blocks).filter((b) => b.action_id === "talk_star");
    expect(stars.length).toBeGreaterThan(1);
    expect(new Set(stars.map((b) => b.text.text))).toEqual(new Set(["☆ Star"]));

    const post = await starInEphemeral(ALICE, answer, CLOUD_KAFKA);
    expect(post.body.replace_original).toBe(true);
    expect(starOf(post.body.blocks, CLOUD_KAFKA)?.text.text).toBe("★ Starred");
    // Only that button changed: the rest of the answer is as it was.
    const others = buttonsOf(post.body.blocks).filter(
      (b) => b.action_id === "talk_star" && b.value !== CLOUD_KAFKA,
    );
    expect(others.length).toBe(stars.length - 1);
    expect(new Set(others.map((b) => b.text.text))).toEqual(new Set(["☆ Star"]));
    expect(post.body.text).toBe(answer.text);

    // Asked again, Alice sees her star; Bob, asking the same, does not.
    const again = await talkCommand(bot.base, ALICE, "kafka", fake.responseUrl("cmd-2"));
    expect(starOf(again.blocks, CLOUD_KAFKA)?.text.text).toBe("★ Starred");
    const bobs = await talkCommand(bot.base, BOB, "kafka", fake.responseUrl("cmd-3"));
    expect(starOf(bobs.blocks, CLOUD_KAFKA)?.text.text).toBe("☆ Star");
  });

  it("stars a talk from a digest: the clicker alone is told, the channel message stays as it is", async () => {
    const digest = await fake.waitFor(
      () => fake.accepted("chat.postMessage").find((c) => c.params.channel === "C0DIGEST"),
      15_000,
    );
    expect(String(digest.params.text)).toContain("Tesla Virtual Power Plant");
    const star = starOf(digest.params.blocks, TESLA);
    expect(star?.text.text).toBe("☆ Star");
    const ts = String(digest.response.ts);

    const updatesBefore = fake.callsTo("chat.update").length;
    const status = await clickButton(bot.base, {
      user: ALICE,
      element: star as NonNullable<typeof star>,
      container: { type: "message", message_ts: ts, channel_id: "C0DIGEST", is_ephemeral: false },
      channel: "C0DIGEST",
      message: { ts, text: digest.params.text, blocks: digest.params.blocks },
      responseUrl: fake.responseUrl("star-digest"),
    });
    expect(status).toBe(200);
    const post = await responded("star-digest");
    expect(post.body.response_type).toBe("ephemeral");
    expect(post.body.replace_original).not.toBe(true);
    expect(String(post.body.text)).toMatch(
      /^Starred: \*Tesla Virtual Power Plant\* {2}· {2}reminder 10 min before {2}· {2}`\/talk agenda`$/,
    );
    // The digest everyone sees is neither replaced nor edited.
    expect(fake.callsTo("chat.update").length).toBe(updatesBefore);
    expect(
      fake.responseUrlPosts.filter((p) => p.id === "star-digest" && p.body.replace_original),
    ).toEqual([]);
  });

  it("lists the starred talks with /talk agenda, in a channel mention (ephemeral) and in a DM", async () => {
    const agenda = await talkCommand(bot.base, ALICE, "agenda", fake.responseUrl("agenda-1"));
    expect(agenda.response_type).toBe("ephemeral");
    expect(agenda.text).toBe("Your agenda: 2 starred talks, next: Tesla Virtual Power Plant");
    const blocks = textOf(agenda.blocks);
    expect(blocks).toContain("Tesla Virtual Power Plant");
    // The untimed talk is named as not scheduled yet.
    expect(blocks).toContain("Not scheduled yet: Cloud-Native and Scalable Kafka Architecture");
    expect(starOf(agenda.blocks, TESLA)?.text.text).toBe("★ Starred");
    // Stars are private: Bob's agenda is empty.
    const bobs = await talkCommand(bot.base, BOB, "my agenda", fake.responseUrl("agenda-2"));
    expect(bobs.text).toBe("Your agenda is empty");

    // @talkbot my agenda in #general: only Alice sees the answer.
    const postsBefore = fake.callsTo("chat.postMessage").length;
    const ts = "1583248100.000200";
    expect(
      await sendEvent(bot.base, "Ev0MENTION1", {
        type: "app_mention",
        user: ALICE,
        text: "<@U0TALKBOT> my agenda",
        ts,
        channel: "C0CONF",
        event_ts: ts,
      }),
    ).toBe(200);
    const ephemeral = await fake.waitFor(() =>
      fake.accepted("chat.postEphemeral").find((c) => c.params.user === ALICE),
    );
    expect(ephemeral.params.channel).toBe("C0CONF");
    expect(ephemeral.params.thread_ts).toBe(ts);
    expect(String(ephemeral.params.text)).toBe(agenda.text);
    expect(textOf(ephemeral.params.blocks)).toContain("Tesla Virtual Power Plant");
    // Nothing was posted for the channel to see.
    expect(fake.callsTo("chat.postMessage").length).toBe(postsBefore);

    // "my agenda" in a DM with talkbot: answered in the DM.
    const dmTs = "1583248200.000300";
    expect(
      await sendEvent(bot.base, "Ev0DM1", {
        type: "message",
        channel_type: "im",
        channel: "DU0ALICE",
        user: ALICE,
        text: "my agenda",
        ts: dmTs,
        event_ts: dmTs,
      }),
    ).toBe(200);
    const inDm = await fake.waitFor(() =>
      fake.accepted("chat.postMessage").find((c) => c.params.channel === "DU0ALICE"),
    );
    expect(String(inDm.params.text)).toBe(agenda.text);
    expect(starOf(inDm.params.blocks, TESLA)?.text.text).toBe("★ Starred");
    expect(fake.callsTo("chat.postEphemeral").filter((c) => c.params.user === ALICE)).toHaveLength(
      1,
    );

    // talkbot's own messages in the DM (its answers, reminders) come back as message.im
    // events too: never answered. "@talkbot my agenda" typed in the DM is.
    const botTs = "1583248210.000300";
    expect(
      await sendEvent(bot.base, "Ev0DMBOT", {
        type: "message",
        channel_type: "im",
        channel: "DU0ALICE",
        user: "U0TALKBOT",
        bot_id: "B0TALKBOT",
        text: "Your agenda: 2 starred talks",
        ts: botTs,
        event_ts: botTs,
      }),
    ).toBe(200);
    const mentionTs = "1583248220.000300";
    expect(
      await sendEvent(bot.base, "Ev0DM2", {
        type: "message",
        channel_type: "im",
        channel: "DU0ALICE",
        user: ALICE,
        text: "<@U0TALKBOT> my agenda",
        ts: mentionTs,
        event_ts: mentionTs,
      }),
    ).toBe(200);
    const dmAnswers = () =>
      fake.accepted("chat.postMessage").filter((c) => c.params.channel === "DU0ALICE");
    await fake.waitFor(() => dmAnswers().length >= 2);
    expect(dmAnswers().map((c) => c.params.text)).toEqual([agenda.text, agenda.text]);
  });

  it("publishes App Home with the starred talk when opened, and again when a star changes", async () => {
    const homes = () =>
      fake.accepted("views.publish").filter((c) => c.params.user_id === ALICE) as ApiCall[];
    const viewOf = (call: ApiCall) =>
      (typeof call.params.view === "string" ? JSON.parse(call.params.view) : call.params.view) as {
        type: string;
        blocks: unknown[];
      };
    expect(homes()).toEqual([]);
    expect(
      await sendEvent(bot.base, "Ev0HOME1", {
        type: "app_home_opened",
        user: ALICE,
        channel: "DU0ALICE",
        tab: "home",
        event_ts: "1583248300.000400",
      }),
    ).toBe(200);
    const first = viewOf(await fake.waitFor(() => homes()[0]));
    expect(first.type).toBe("home");
    expect(first.blocks.length).toBeLessThanOrEqual(100);
    expect(textOf(first.blocks)).toContain("My next");
    expect(textOf(first.blocks)).toContain("Tesla Virtual Power Plant");
    expect(starOf(first.blocks, TESLA)?.text.text).toBe("★ Starred");
    expect(textOf(first.blocks)).not.toContain("Designing a Real-Time Global Sportsbook");
    // The calendar link is there, as a public URL is set.
    expect(textOf(first.blocks)).toMatch(/http:\/\/127\.0\.0\.1:\d+\/calendar\/[\w-]+\.ics/);

    // Starring another talk from a search answer republishes her Home with it.
    const answer = await talkCommand(bot.base, ALICE, "sportsbook", fake.responseUrl("cmd-4"));
    await starInEphemeral(ALICE, answer, SPORTSBOOK);
    const second = viewOf(await fake.waitFor(() => homes()[1], 5_000));
    expect(second.blocks.length).toBeLessThanOrEqual(100);
    expect(textOf(second.blocks)).toContain("Designing a Real-Time Global Sportsbook");
    expect(starOf(second.blocks, SPORTSBOOK)?.text.text).toBe("★ Starred");
    // Bob never opened his Home: nothing is published for him.
    expect(fake.callsTo("views.publish").filter((c) => c.params.user_id === BOB)).toEqual([]);

    // ☆ Star on a talk "On now" in the Home itself (a view: no message, no response_url).
    const onNow = starOf(second.blocks, EBPF);
    expect(onNow?.text.text).toBe("☆ Star");
    const view = { type: "view", view_id: "V0HOME" };
    expect(
      await clickButton(bot.base, {
        user: ALICE,
        element: onNow as NonNullable<typeof onNow>,
        container: view,
      }),
    ).toBe(200);
    const third = viewOf(await fake.waitFor(() => homes()[2]));
    expect(starOf(third.blocks, EBPF)?.text.text).toBe("★ Starred");
    expect(fake.accepted("views.publish").filter((c) => c.params.user_id === ALICE)).toHaveLength(
      3,
    );

    // The reminder choice in the Home: 15 minutes, shown as chosen.
    const remind = { type: "static_select", action_id: "talk_remind" };
    expect(
      await clickButton(bot.base, {
        user: ALICE,
        element: {
          ...remind,
          selected_option: { text: { type: "plain_text", text: "15 min before" }, value: "15" },
        } as never,
        container: view,
      }),
    ).toBe(200);
    const fourth = viewOf(await fake.waitFor(() => homes()[3]));
    expect(textOf(fourth.blocks)).toContain("Reminder by DM 15 min before each starred talk");
    expect(textOf(fourth.blocks)).toContain(
      '"initial_option":{"text":{"type":"plain_text","text":"15 min before"},"value":"15"}',
    );

    // /talk remind off answers through response_url, and the Home follows.
    expect(
      await talkCommand(bot.base, ALICE, "remind off", fake.responseUrl("remind-off")),
    ).toEqual({});
    expect(String((await responded("remind-off")).body.text)).toMatch(
      /^Done: no more reminder DMs/,
    );
    const fifth = viewOf(await fake.waitFor(() => homes()[4]));
    expect(textOf(fifth.blocks)).toContain("Reminders are off");
    // Back to the default, for the tests after this one.
    expect(await talkCommand(bot.base, ALICE, "remind 10", fake.responseUrl("remind-10"))).toEqual(
      {},
    );
    expect(String((await responded("remind-10")).body.text)).toMatch(
      /^Done: reminder by dm 10 min before each starred talk \(4 starred\)/,
    );
  });

  it("links a single talk's .ics from Details, served without a token", async () => {
    const answer = await talkCommand(bot.base, BOB, "tesla", fake.responseUrl("cmd-5"));
    const details = buttonsOf(answer.blocks).find(
      (b) => b.action_id === "talk_details" && b.value === TESLA,
    );
    expect(details).toBeDefined();
    expect(
      await clickButton(bot.base, {
        user: BOB,
        element: details as NonNullable<typeof details>,
        container: {
          type: "message",
          message_ts: "1583248400.000100",
          channel_id: "C0CONF",
          is_ephemeral: true,
        },
        channel: "C0CONF",
        message: { text: answer.text, blocks: answer.blocks },
        responseUrl: fake.responseUrl("details-1"),
      }),
    ).toBe(200);
    const post = await responded("details-1");
    const link = (
      post.body.blocks as { type: string; elements?: { action_id: string; url?: string }[] }[]
    )
      .flatMap((b) => (b.type === "actions" ? (b.elements ?? []) : []))
      .find((e) => e.action_id === "talk_calendar");
    expect(link?.url).toBe(`${publicUrl}/calendar/talk/${encodeURIComponent(TESLA)}.ics`);
    const res = await fetch(link?.url ?? "");
    expect(res.status).toBe(200);
    const events = parseIcs(await res.text()).events;
    expect(events.map((e) => e.summary)).toEqual(["Tesla Virtual Power Plant"]);
    expect(events[0]?.startDate.toJSDate().toISOString()).toBe("2020-03-03T16:10:00.000Z");
    // Bob's star state shows in Details too: he starred nothing.
    expect(starOf(post.body.blocks, TESLA)?.text.text).toBe("☆ Star");
  });

  it("serves the calendar feed at the URL /talk calendar gives, with the starred talks at their UTC instants; a reset token answers 404", async () => {
    const ask = async (text: string, id: string): Promise<string> => {
      const ack = await talkCommand(bot.base, ALICE, text, fake.responseUrl(id));
      // Answered through response_url, after the store was asked.
      expect(ack).toEqual({});
      const post = await responded(id);
      expect(post.body.response_type).toBe("ephemeral");
      const url = /(http:\/\/127\.0\.0\.1:\d+\/calendar\/[\w-]+\.ics)/.exec(String(post.body.text));
      expect(url, String(post.body.text)).not.toBeNull();
      return (url as RegExpExecArray)[1] as string;
    };
    const url = await ask("calendar", "cal-1");
    expect(url.startsWith(`${publicUrl}/calendar/`)).toBe(true);
    // The token is at least 128 bits of base64url (22 characters).
    expect(/\/calendar\/([\w-]+)\.ics$/.exec(url)?.[1]?.length).toBeGreaterThanOrEqual(22);
    // App Home showed the same personal feed.
    const home = fake.accepted("views.publish").find((c) => c.params.user_id === ALICE);
    expect(JSON.stringify(home?.params.view)).toContain(url);

    const res = await fetch(url);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/calendar/);
    const ics = parseIcs(await res.text());
    // The timed starred talks; the untimed one cannot be in a calendar.
    const byTitle = new Map(ics.events.map((e) => [e.summary, e]));
    expect([...byTitle.keys()].sort()).toEqual([
      "Designing a Real-Time Global Sportsbook (From Scratch!)",
      "Tesla Virtual Power Plant",
      "eBPF - Rethinking the Linux Kernel",
    ]);
    const tesla = byTitle.get("Tesla Virtual Power Plant");
    expect(tesla?.startDate.toJSDate().toISOString()).toBe("2020-03-03T16:10:00.000Z");
    expect(tesla?.endDate.toJSDate().toISOString()).toBe("2020-03-03T17:00:00.000Z");
    expect(tesla && startZone(tesla)).toBe("Europe/London");
    expect(tesla?.location).toBe("Fleming, 3rd flr.");
    const sportsbook = byTitle.get("Designing a Real-Time Global Sportsbook (From Scratch!)");
    expect(sportsbook?.startDate.toJSDate().toISOString()).toBe("2020-03-03T17:25:00.000Z");
    expect(
      byTitle.get("eBPF - Rethinking the Linux Kernel")?.startDate.toJSDate().toISOString(),
    ).toBe("2020-03-03T14:55:00.000Z");
    // A calendar app polling an unchanged feed gets 304.
    const etag = res.headers.get("etag");
    expect(etag).toBeTruthy();
    const again = await fetch(url, { headers: { "if-none-match": etag ?? "" } });
    expect(again.status).toBe(304);

    // A token never issued is the same plain 404.
    const unknown = await fetch(`${publicUrl}/calendar/${"A".repeat(43)}.ics`);
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toBe("Not found");

    // Reset: the old URL is gone, the new one serves the same agenda.
    const fresh = await ask("calendar reset", "cal-2");
    expect(fresh).not.toBe(url);
    const old = await fetch(url);
    expect(old.status).toBe(404);
    expect(await old.text()).toBe("Not found");
    const renewed = await fetch(fresh);
    expect(renewed.status).toBe(200);
    expect(parseIcs(await renewed.text()).events).toHaveLength(3);
  });

  it("logged no failure along the way", () => {
    expect(bot.stderr()).not.toMatch(/ERROR|talkbot stopped/);
  });
});

describe("the calendar feed in Socket Mode: its own server on PORT", () => {
  it("serves a person's feed there once they star a talk over the socket; nothing else is served there", async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const sm = await startTalkbot(
      fake.apiUrl,
      {
        SLACK_APP_TOKEN: "xapp-1-test",
        PORT: String(port),
        TALKBOT_PUBLIC_URL: url,
        TALKBOT_STATE_DIR: stateDir(),
        TALKBOT_NOW: "2020-03-03T15:15:00Z",
      },
      running,
      /calendar feeds on port (\d+)/,
    );
    try {
      await fake.waitFor(() => fake.socketConnected, 10_000);
      const carol = "U0CAROL";
      const command = (text: string, id: string) =>
        fake.sendEnvelope("slash_commands", {
          command: "/talk",
          text,
          user_id: carol,
          channel_id: "C0CONF",
          team_id: "T0CONF",
          api_app_id: "A0TALKBOT",
          response_url: fake.responseUrl(id),
          trigger_id: "1.2.3",
        });
      const answer = (await command("tesla", "sm-1")) ?? {};
      const star = starOf(answer.blocks, TESLA);
      expect(star?.text.text).toBe("☆ Star");
      await fake.sendEnvelope("interactive", {
        type: "block_actions",
        user: { id: carol, username: "carol", team_id: "T0CONF" },
        api_app_id: "A0TALKBOT",
        container: {
          type: "message",
          message_ts: "1583248500.000100",
          channel_id: "C0CONF",
          is_ephemeral: true,
        },
        channel: { id: "C0CONF", name: "general" },
        message: { type: "message", text: answer.text, blocks: answer.blocks },
        response_url: fake.responseUrl("sm-star"),
        actions: [{ ...star, block_id: "b1", action_ts: "1583248501.000200" }],
      });
      expect(starOf((await responded("sm-star")).body.blocks, TESLA)?.text.text).toBe("★ Starred");
      await command("calendar", "sm-cal");
      const text = String((await responded("sm-cal")).body.text);
      const feed = new RegExp(`(${url}/calendar/[\\w-]+\\.ics)`).exec(text)?.[1];
      expect(feed, text).toBeDefined();
      const res = await fetch(feed as string);
      expect(res.status).toBe(200);
      const events = parseIcs(await res.text()).events;
      expect(events.map((e) => e.summary)).toEqual(["Tesla Virtual Power Plant"]);
      expect(events[0]?.startDate.toJSDate().toISOString()).toBe("2020-03-03T16:10:00.000Z");
      // Only the calendar lives on this port.
      expect((await fetch(`${url}/healthz`)).status).toBe(404);
      sm.child.kill("SIGTERM");
      expect(await sm.exit).toBe(0);
      expect(sm.stderr()).not.toMatch(/ERROR/);
    } finally {
      await killHard(sm);
    }
  });
});
