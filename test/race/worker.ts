/**
 * One racing bot for race.test.ts: opens the store the parent names (DATABASE_URL
 * or TALKBOT_STATE_DIR), queues every post of the race through the real delivery
 * engine and Slack port against the parent's fake Slack, and exits when it has
 * nothing left to do. The parent SIGKILLs workers at random and starts new ones.
 */
import { systemClock } from "../../src/clock.ts";
import { createDeliveryEngine, type Deliverable } from "../../src/delivery/engine.ts";
import { holderId } from "../../src/delivery/holder.ts";
import { ChannelDirectory } from "../../src/slack/delivery/channels.ts";
import { createDeliveryClient } from "../../src/slack/delivery/slack-client.ts";
import { slackPort } from "../../src/slack/delivery/slack-port.ts";
import { openStore } from "../../src/store/open-store.ts";

const env = process.env;
const posts = Number(env.RACE_POSTS);
const channels = Number(env.RACE_CHANNELS);
const store = await openStore(
  env.DATABASE_URL
    ? { engine: "postgres", url: env.DATABASE_URL }
    : { engine: "sqlite", stateDir: env.TALKBOT_STATE_DIR as string },
);
const client = createDeliveryClient({
  botToken: "xoxb-race",
  apiUrl: env.SLACK_API_URL,
  timeoutMs: Number(env.RACE_POST_TIMEOUT_MS),
});
const quiet = () => {};
const logger = { debug: quiet, info: quiet, warn: quiet, error: quiet };
const engine = createDeliveryEngine<Deliverable>({
  store,
  port: slackPort(client, new ChannelDirectory(), (d) => ({ text: d.key, blocks: [] })),
  clock: systemClock,
  logger,
  holder: holderId(),
  leaseMs: Number(env.RACE_LEASE_MS),
  pacingMs: 0,
  initialBackoffMs: 20,
  maxBackoffMs: 200,
});
const deadline = new Date(Date.now() + 10 * 60_000);
// Each worker starts at a different place, so they collide all over the list.
const offset = Math.floor(Math.random() * posts);
for (let i = 0; i < posts; i++) {
  const n = (i + offset) % posts;
  const channel = `C0RACE${String(n % channels).padStart(3, "0")}`;
  engine.enqueue({ key: `race:${n}`, kind: "race", channel, deadline });
}
await engine.idle();
await store.close();
process.stdout.write("done\n");
