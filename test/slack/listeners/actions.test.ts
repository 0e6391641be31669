import { describe, expect, it } from "vitest";
import { ActionId } from "../../../src/slack/action-ids.ts";
import type { ButtonArgs } from "../../../src/slack/listeners/actions/action-args.ts";
import { detailsActionCallback } from "../../../src/slack/listeners/actions/details.ts";
import { moreActionCallback } from "../../../src/slack/listeners/actions/more.ts";
import { shareActionCallback } from "../../../src/slack/listeners/actions/share.ts";
import { platformError } from "../../digest/helpers.ts";
import { catalogOf, talk } from "../fixtures.ts";
import { asArgs, deps, fakeBolt } from "./fakes.ts";

function click(actionId: string, value: string, over: Record<string, unknown> = {}) {
  const bolt = fakeBolt();
  const args = asArgs<ButtonArgs>({
    ...bolt,
    action: { type: "button", action_id: actionId, value },
    body: {
      type: "block_actions",
      user: { id: "U0BOB" },
      channel: { id: "C0CONF" },
      container: { type: "message", is_ephemeral: true },
      response_url: "https://hooks.slack.test/respond/1",
      ...over,
    },
  });
  return { bolt, args };
}

describe("Details", () => {
  it("acks and answers only the clicker with the full abstract and bios", async () => {
    const { deps: d } = deps();
    const { bolt, args } = click(ActionId.details, "t1");
    await detailsActionCallback(d)(args);
    expect(bolt.acks).toEqual([undefined]);
    expect(bolt.responds).toHaveLength(1);
    expect(bolt.responds[0]).toMatchObject({ response_type: "ephemeral", replace_original: false });
    expect(JSON.stringify(bolt.responds[0])).toContain("Ada writes programs.");
    expect(bolt.posts).toEqual([]);
  });

  it("works from a channel message without a response_url (a digest), via chat.postEphemeral", async () => {
    const { deps: d } = deps();
    const { bolt, args } = click(ActionId.details, "t1", {
      response_url: undefined,
      container: { type: "message", is_ephemeral: false },
    });
    await detailsActionCallback(d)(args);
    expect(bolt.ephemerals).toHaveLength(1);
    expect(bolt.ephemerals[0]).toMatchObject({ channel: "C0CONF", user: "U0BOB" });
  });

  it("says a talk is gone when the catalog no longer has it", async () => {
    const { deps: d } = deps();
    const { bolt, args } = click(ActionId.details, "removed-talk");
    await detailsActionCallback(d)(args);
    expect(String(bolt.responds[0]?.text)).toContain("no longer in the schedule");
  });
});

describe("Share in channel", () => {
  it("posts the talk's card to the channel as the bot, saying who shared it", async () => {
    const { deps: d } = deps();
    const { bolt, args } = click(ActionId.share, "t2");
    await shareActionCallback(d)(args);
    expect(bolt.acks).toEqual([undefined]);
    expect(bolt.posts).toHaveLength(1);
    expect(bolt.posts[0]).toMatchObject({
      channel: "C0CONF",
      text: "<@U0BOB> shared a talk: Streaming &amp; you",
    });
  });

  it("tells the clicker to invite the bot when Slack will not let it post", async () => {
    const { deps: d, logger } = deps();
    const { bolt, args } = click(ActionId.share, "t2");
    bolt.failPostsWith(platformError("not_in_channel"));
    await shareActionCallback(d)(args);
    expect(String(bolt.responds[0]?.text)).toContain("/invite @talkbot");
    expect(logger.lines.filter((l) => l.level === "error")).toEqual([]);
  });

  it("apologises with a reference for any other failure", async () => {
    const { deps: d } = deps();
    const { bolt, args } = click(ActionId.share, "t2");
    bolt.failPostsWith(new Error("socket hang up"));
    await shareActionCallback(d)(args);
    expect(String(bolt.responds[0]?.text)).toMatch(/reference `[0-9a-f]{8}`/);
  });
});

describe("More results", () => {
  const many = catalogOf(Array.from({ length: 12 }, (_, i) => talk(`k${i}`)));

  it("answers the next page of the same query, replacing an ephemeral answer", async () => {
    const { deps: d, search } = deps({ catalog: many });
    const { bolt, args } = click(ActionId.more, JSON.stringify({ q: "kafka", o: 5 }));
    await moreActionCallback(d)(args);
    expect(search.calls[0]).toMatchObject({ query: "kafka", options: { offset: 5, limit: 5 } });
    expect(bolt.responds[0]).toMatchObject({ replace_original: true, response_type: "ephemeral" });
    expect(String(bolt.responds[0]?.text)).toContain(
      "12 talks for “kafka”: Kafka in production k5",
    );
  });

  it("keeps a public thread reply and sends the page only to the clicker", async () => {
    const { deps: d } = deps({ catalog: many });
    const { bolt, args } = click(ActionId.more, JSON.stringify({ q: "kafka", o: 5 }), {
      container: { type: "message", is_ephemeral: false },
    });
    await moreActionCallback(d)(args);
    expect(bolt.responds[0]).toMatchObject({ replace_original: false, response_type: "ephemeral" });
  });

  it("refuses a value it did not write", async () => {
    const { deps: d } = deps();
    const { bolt, args } = click(ActionId.more, "{not json");
    await moreActionCallback(d)(args);
    expect(String(bolt.responds[0]?.text)).toContain("older version of talkbot");
  });
});
