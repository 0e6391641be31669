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

  it("passes plain words through, and folds any other white space to single spaces", () => {
    expect(queryFromSlackText("next track architectures")).toBe("next track architectures");
    expect(queryFromSlackText("kafka\tstreams\n")).toBe("kafka streams");
    expect(queryFromSlackText(" kafka")).toBe("kafka");
    expect(queryFromSlackText("kafka ")).toBe("kafka");
    expect(queryFromSlackText("event  sourcing")).toBe("event sourcing");
    expect(queryFromSlackText("\u00a0kafka\u2003now")).toBe("kafka now");
    expect(queryFromSlackText("a > b")).toBe("a > b");
  });

  it("drops special mentions and caps very long input", () => {
    expect(queryFromSlackText("<!here> kafka")).toBe("kafka");
    expect(queryFromSlackText("x".repeat(5000))).toHaveLength(500);
    expect(queryFromSlackText(`${"ab ".repeat(400)}`)).toBe("ab ".repeat(167).slice(0, 500));
  });
});
