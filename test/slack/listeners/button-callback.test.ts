import { describe, expect, it } from "vitest";
import type { ButtonArgs } from "../../../src/slack/listeners/actions/action-args.ts";
import { buttonCallback } from "../../../src/slack/listeners/actions/button-callback.ts";
import { asArgs, deps, fakeBolt } from "./fakes.ts";

function click(bolt = fakeBolt()) {
  return asArgs<ButtonArgs>({
    ...bolt,
    action: { type: "button", action_id: "talk_details", value: "t1" },
    body: { type: "block_actions", user: { id: "U0BOB" }, response_url: "https://r.test/1" },
  });
}

describe("buttonCallback", () => {
  it("acks before the work, and answers a failure with the reference it logged", async () => {
    const { deps: d, logger } = deps();
    const bolt = fakeBolt();
    const order: string[] = [];
    const args = click(bolt);
    const ack = args.ack;
    args.ack = async () => {
      order.push("ack");
      await ack();
    };
    await buttonCallback("details", d, async () => {
      order.push("work");
      throw new Error("boom");
    })(args);
    expect(order).toEqual(["ack", "work"]);
    const ref = /\[ref ([0-9a-f]{8})\] listener failed: listener="details" user="U0BOB"/.exec(
      String(logger.lines[0]?.args[0]),
    )?.[1];
    expect(ref).toBeDefined();
    expect(String(bolt.responds[0]?.text)).toContain(`reference \`${ref}\``);
  });

  it("logs an apology it cannot send, and ends the click there", async () => {
    const { deps: d, logger } = deps();
    const bolt = fakeBolt();
    const args = click(bolt);
    args.respond = async () => {
      throw new Error("response_url expired");
    };
    await buttonCallback("more", d, async () => {
      throw new Error("boom");
    })(args);
    expect(logger.lines.map((l) => l.level)).toEqual(["error", "error"]);
    expect(String(logger.lines[1]?.args[0])).toContain('step="apology"');
  });
});
