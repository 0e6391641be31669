import { FixedClock } from "../../src/clock.ts";
import { createSlackApp, type SlackApp, type SlackAppDeps } from "../../src/slack/app.ts";

/** The signing secret every HTTP-mode end-to-end test signs with. */
export const testSigningSecret = "8f742231b10e8888abcd99b1b2b3b4b5";

/**
 * The real app in HTTP mode on an ephemeral loopback port, talking to the fake
 * Slack at `apiUrl`, with the clock on the morning of QCon London 2020's Tuesday.
 */
export async function startHttpApp(
  apiUrl: string,
  deps: Pick<SlackAppDeps, "current" | "logger">,
): Promise<{ slack: SlackApp; base: string; events: string }> {
  const slack = await createSlackApp({
    ...deps,
    config: {
      mode: "http",
      botToken: "xoxb-test",
      signingSecret: testSigningSecret,
      port: 0,
      apiUrl,
    },
    clock: new FixedClock(new Date("2020-03-03T09:00:00Z")),
  });
  const { port } = await slack.start();
  const base = `http://127.0.0.1:${port}`;
  return { slack, base, events: `${base}/slack/events` };
}
