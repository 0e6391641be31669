import { describe, expect, it } from "vitest";
import { queryFromSlackText } from "../../src/slack/query-text.ts";

describe("queryFromSlackText", () => {
  it("drops the bot's own mention wherever it is", () => {
    expect(queryFromSlackText("<@U0BOT> kafka", "U0BOT")).toBe("kafka");
    expect(queryFromSlackText("what's next <@U0BOT|talkbot>?", "U0BOT")).toBe("what's next ?");
  });

  it("keeps what people typed: labels of links, channels and other mentions, unescaped", () => {
    expect(
      queryFromSlackText("<@U0BOT> <https://qconlondon.com|QCon> &amp; <#C123|general>", "U0BOT"),
    ).toBe("QCon & general");
    expect(queryFromSlackText("talks by <@U0ADA|ada>", "U0BOT")).toBe("talks by ada");
    expect(queryFromSlackText("see <https://example.com>", "U0BOT")).toBe(
      "see https://example.com",
    );
    expect(queryFromSlackText("&lt;!channel&gt; Q&amp;A")).toBe("<!channel> Q&A");
  });

  it("drops special mentions and caps very long input", () => {
    expect(queryFromSlackText("<!here> kafka")).toBe("kafka");
    expect(queryFromSlackText("x".repeat(5000))).toHaveLength(500);
  });
});
