import type { App } from "@slack/bolt";
import { describe, expect, it } from "vitest";
import { ActionId, allActionIds } from "../../../src/slack/action-ids.ts";
import type { ButtonArgs } from "../../../src/slack/listeners/actions/action-args.ts";
import { actionIdPattern, registerListeners } from "../../../src/slack/listeners/index.ts";
import { asArgs, deps, fakeBolt } from "./fakes.ts";

describe("registerListeners", () => {
  it("matches exactly talkbot's action ids with the one button listener", () => {
    for (const id of allActionIds) expect(actionIdPattern.test(id)).toBe(true);
    for (const id of ["talk", "talk_detail", "xtalk_details", "talk_details_x", "talk_more "]) {
      expect(actionIdPattern.test(id)).toBe(false);
    }
  });

  it("registers one listener for the buttons and hands each click to its own callback", async () => {
    const actions: { constraint: unknown; listener: (args: ButtonArgs) => Promise<void> }[] = [];
    const recorder = {
      command: () => {},
      event: () => {},
      action: (constraint: unknown, listener: (args: ButtonArgs) => Promise<void>) =>
        actions.push({ constraint, listener }),
    };
    registerListeners(recorder as unknown as App, deps().deps);
    expect(actions).toHaveLength(1);
    expect(actions[0]?.constraint).toEqual({ action_id: actionIdPattern });

    // "Details" of a talk that is not in the catalog: the talk-gone notice, to the clicker only.
    const bolt = fakeBolt();
    await actions[0]?.listener(
      asArgs<ButtonArgs>({
        ...bolt,
        action: { type: "button", action_id: ActionId.details, value: "no-such-talk" },
        body: {
          type: "block_actions",
          user: { id: "U0BOB" },
          channel: { id: "C0CONF" },
          response_url: "https://hooks.slack.test/respond/1",
        },
      }),
    );
    expect(bolt.acks).toEqual([undefined]);
    expect(bolt.responds).toHaveLength(1);
    expect(bolt.responds[0]).toMatchObject({ response_type: "ephemeral" });
  });
});
