import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from "@slack/bolt";
import { describe, expect, it } from "vitest";
import { talkCommandCallback } from "../../../src/slack/listeners/commands/talk.ts";
import { throwingSearch } from "../fixtures.ts";
import { asArgs, deps, fakeBolt } from "./fakes.ts";

type Args = SlackCommandMiddlewareArgs & AllMiddlewareArgs;

function run(d: ReturnType<typeof deps>["deps"], text: string) {
  const bolt = fakeBolt();
  const command = { text, user_id: "U0ALICE", channel_id: "C0CONF", command: "/talk" };
  return { bolt, done: talkCommandCallback(d)(asArgs<Args>({ ...bolt, command })) };
}

describe("/talk", () => {
  it("acks once with the results as an ephemeral message", async () => {
    const { deps: d, search } = deps();
    const { bolt, done } = run(d, "kafka");
    await done;
    expect(bolt.acks).toHaveLength(1);
    expect(bolt.acks[0]).toMatchObject({
      response_type: "ephemeral",
      text: "1 talk for “kafka”: Kafka in production",
    });
    expect(search.calls[0]?.options).toEqual({
      now: new Date("2020-03-03T09:00:00Z"),
      limit: 5,
      offset: 0,
    });
    expect(bolt.posts).toEqual([]);
  });

  it("searches for what the person typed, not Slack's escaped form", async () => {
    const { deps: d, search } = deps();
    await run(d, "Q&amp;A &lt;tag&gt;").done;
    expect(search.calls[0]?.query).toBe("Q&A <tag>");
  });

  it("answers a failure with an apology and a reference that is in the log", async () => {
    const { deps: d, logger } = deps({ search: throwingSearch() });
    const { bolt, done } = run(d, "kafka");
    await done;
    const ack = bolt.acks[0] as { text: string; response_type: string };
    expect(ack.response_type).toBe("ephemeral");
    const ref = /reference `([0-9a-f]{8})`/.exec(ack.text)?.[1];
    expect(ref).toBeDefined();
    const logged = logger.lines.find((l) => l.level === "error");
    expect(String(logged?.args[0])).toContain(`[ref ${ref}]`);
    expect(String(logged?.args[0])).toContain('query="kafka"');
    expect(logged?.args[1]).toMatchObject({ message: "index exploded" });
  });
});
