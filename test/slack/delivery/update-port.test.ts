import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { diff } from "../../../src/catalog/diff.ts";
import { createDeliveryEngine } from "../../../src/delivery/engine.ts";
import { DeliveryError } from "../../../src/delivery/failure.ts";
import { type PlannedDigest, planDigests, trackOf } from "../../../src/digest/plan.ts";
import type { DigestSettings } from "../../../src/digest/settings.ts";
import { type Correction, correctionsFor } from "../../../src/schedule/corrections.ts";
import { parseDigestPayload } from "../../../src/schedule/digest-payload.ts";
import { ChannelDirectory } from "../../../src/slack/delivery/channels.ts";
import { createDeliveryClient } from "../../../src/slack/delivery/slack-client.ts";
import { DELIVERY_EVENT_TYPE, slackPort } from "../../../src/slack/delivery/slack-port.ts";
import { renderDigest } from "../../../src/slack/delivery/start-digests.ts";
import { updatePort } from "../../../src/slack/delivery/update-port.ts";
import type { Store } from "../../../src/store/store.ts";
import { FixedClock, instantSleep, memoryStore, quietLogger } from "../../digest/helpers.ts";
import { FakeSlack } from "../../e2e/fake-slack.ts";
import { berlinTime, release36c3 } from "../../schedule/posted.ts";

const channel = "C0UPNEXT";
const settings: DigestSettings = {
  enabled: true,
  defaultChannel: channel,
  defaultLeadMinutes: 10,
  rules: [],
};

let slack: FakeSlack;
let store: Store;
const clock = new FixedClock(berlinTime("2019-12-30T11:20"));
const logger = quietLogger();
beforeAll(async () => {
  slack = await FakeSlack.start();
  store = await memoryStore();
});
afterAll(async () => {
  await store.close();
  await slack.close();
});

const client = () =>
  createDeliveryClient({ botToken: "xoxb-test", apiUrl: slack.apiUrl, timeoutMs: 300 });

function engineFor<T extends PlannedDigest | Correction>(
  port: Parameters<typeof createDeliveryEngine<T>>[0]["port"],
) {
  return createDeliveryEngine<T>({
    store,
    port,
    clock,
    logger,
    holder: "test",
    sleep: instantSleep(),
    initialBackoffMs: 1,
  });
}

const messageAt = (ts: string) => slack.history.get(channel)?.find((m) => m.ts === ts);

async function correctionsOf(release: number, releaseId: string) {
  return correctionsFor({
    releaseId,
    catalog: release36c3(release),
    settings,
    identities: new Map(),
    records: await store.deliveries(),
    now: clock.now(),
    changes: diff(release36c3(release - 1), release36c3(release)),
  });
}

describe("corrections by chat.update, through the delivery engine", () => {
  let first: Correction[] = [];

  it("edits each changed digest at its own ts, the correction's key in its metadata", async () => {
    // The 11:30 digests of day 4, posted as the bot posts them.
    const slot = berlinTime("2019-12-30T11:30").getTime();
    const digests = planDigests(release36c3(0), settings).filter(
      (d) => d.slotStart.getTime() === slot,
    );
    const posting = engineFor<PlannedDigest>(
      slackPort(client(), new ChannelDirectory(), renderDigest),
    );
    for (const d of digests) posting.enqueue(d);
    await posting.idle();
    expect(slack.history.get(channel)).toHaveLength(5);

    first = await correctionsOf(1, "r1");
    expect(first).toHaveLength(2);
    const correcting = engineFor<Correction>(updatePort(client()));
    for (const c of first) correcting.enqueue(c);
    await correcting.idle();

    expect(slack.accepted("chat.update")).toHaveLength(2);
    expect(slack.history.get(channel)).toHaveLength(5);
    const hardware = first.find(
      (c) => trackOf(c.digest)?.name === "Hardware & Making",
    ) as Correction;
    const edited = messageAt(hardware.ts);
    expect(edited?.edited).toBeDefined();
    expect(edited?.metadata).toEqual({
      event_type: DELIVERY_EVENT_TYPE,
      event_payload: {
        key: hardware.key,
        digest: hardware.digestKey,
        release: "r1",
        at: clock.now().getTime(),
      },
    });
    expect(JSON.stringify(edited?.blocks)).toContain(
      "Updated 11:20: Understanding millions of gates moved to 12:50, Adams",
    );
    const rec = await store.delivery(hardware.key);
    expect(rec).toMatchObject({ status: "posted", channel, ts: hardware.ts });
    expect(parseDigestPayload(rec?.payload)).toMatchObject({
      digest: hardware.digestKey,
      release: "r1",
      talks: ["8cd18c98-4e30-4f3c-ab82-90178e7076ad"],
    });
  });

  it("corrects nothing twice: the same release again finds nothing, a requeued correction is settled", async () => {
    expect(await correctionsOf(1, "r1")).toEqual([]);
    const again = engineFor<Correction>(updatePort(client()));
    for (const c of first) again.enqueue(c);
    await again.idle();
    expect(slack.accepted("chat.update")).toHaveLength(2);
  });

  it("after a lost answer, reads the message and records the edit Slack made, without editing again", async () => {
    clock.set(berlinTime("2019-12-30T11:24"));
    const next = await correctionsOf(2, "r2");
    // The room Adams was renamed Ada: the corrected Hardware & Making digest named it.
    expect(next.map((c) => c.context)).toEqual(["Updated 11:24: room Adams is now called Ada"]);
    slack.fail("chat.update", { stall: true });
    const engine = engineFor<Correction>(updatePort(client()));
    engine.enqueue(next[0] as Correction);
    await engine.idle();
    const calls = slack.callsTo("chat.update").filter((c) => c.params.ts === next[0]?.ts);
    expect(calls).toHaveLength(2); // the first correction, and this one's single (stalled) edit
    expect(slack.callsTo("conversations.history").at(-1)?.params).toMatchObject({
      channel,
      latest: next[0]?.ts,
      oldest: next[0]?.ts,
      // Form-encoded, as the Web API client sends them.
      inclusive: "true",
      limit: "1",
      include_all_metadata: "true",
    });
    // Recorded with what the message now shows, so the next release compares with it.
    const recorded = await store.delivery(next[0]?.key as string);
    expect(recorded).toMatchObject({ status: "posted" });
    expect(JSON.parse(recorded?.payload ?? "null")).toMatchObject({ release: "r2" });
  });

  it("takes a message that shows a later release's correction as done: never puts an older schedule back", async () => {
    const port = updatePort(client());
    const hardware = first.find(
      (c) => trackOf(c.digest)?.name === "Hardware & Making",
    ) as Correction;
    // r1's correction of it, whose answer was lost, now that r2's is in the message.
    expect(await port.find(hardware, 0)).toEqual({ channel, ts: hardware.ts });
    const later = {
      ...hardware,
      key: "correction:r9:x",
      updatedAt: berlinTime("2019-12-30T11:29"),
    };
    expect(await port.find(later, 0)).toBeNull();
    // A message that is not there (deleted): not done; the edit will say why.
    expect(await port.find({ ...hardware, ts: "1.000001" }, 0)).toBeNull();
  });

  it("settles Slack's refusals to edit as permanent, with what to do", async () => {
    const port = updatePort(client());
    const c = first[0] as Correction;
    slack.fail("chat.update", { error: "edit_window_closed" });
    const refused = await port.post(c).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(DeliveryError);
    expect((refused as DeliveryError).failure).toMatchObject({
      kind: "permanent",
      what: "edit_window_closed",
      hint: expect.stringMatching(/editing/),
    });
    const gone = await port.post({ ...c, ts: "1.000001" }).catch((e: unknown) => e);
    expect((gone as DeliveryError).failure).toMatchObject({
      kind: "permanent",
      what: "message_not_found",
    });
    slack.fail("chat.update", { error: "cant_update_message" });
    const notOurs = await port.post(c).catch((e: unknown) => e);
    expect((notOurs as DeliveryError).failure.kind).toBe("permanent");
  });
});
