import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ChannelDirectory, joinChannels } from "../../../src/slack/delivery/channels.ts";
import { createDeliveryClient } from "../../../src/slack/delivery/slack-client.ts";
import { quietLogger } from "../../digest/helpers.ts";
import { FakeSlack } from "../../e2e/fake-slack.ts";

let slack: FakeSlack;
beforeAll(async () => {
  slack = await FakeSlack.start({ channels: [{ id: "C0UPNEXT1", name: "up-next" }] });
  slack.on("conversations.join", ({ params }) =>
    params.channel === "G0PRIVATE"
      ? { ok: false, error: "method_not_supported_for_channel_type" }
      : { ok: true, channel: { id: params.channel } },
  );
});
afterAll(async () => {
  await slack.close();
});

describe("joining the digest channels at start", () => {
  it("joins public channels by id, finds #names, and says which need an /invite", async () => {
    const client = createDeliveryClient({ botToken: "xoxb-test", apiUrl: slack.apiUrl });
    const directory = new ChannelDirectory();
    const logger = quietLogger();
    await joinChannels(client, ["C0ARCH001", "#up-next", "G0PRIVATE", "#gone"], directory, logger);
    expect(slack.callsTo("conversations.join").map((c) => c.params.channel)).toEqual([
      "C0ARCH001",
      "C0UPNEXT1",
      "G0PRIVATE",
    ]);
    // The history check reads by id: the #name now has one.
    expect(directory.idOf("#up-next")).toBe("C0UPNEXT1");
    expect(logger.lines.filter((l) => l.level === "warn").map((l) => l.text)).toEqual([
      expect.stringMatching(/could not join G0PRIVATE .*: \/invite @talkbot in G0PRIVATE/),
      expect.stringMatching(/no public channel named #gone was found; .*\/invite @talkbot/),
    ]);
  });
});
