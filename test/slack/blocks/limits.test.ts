import { describe, expect, it } from "vitest";
import { button } from "../../../src/slack/blocks/buttons.ts";
import { BlockBudget, fitMrkdwn } from "../../../src/slack/blocks/limits.ts";

describe("fitMrkdwn", () => {
  it("escapes the three control characters and nothing else", () => {
    expect(fitMrkdwn("<!here> & <@U1> 'quotes' \"too\"", 100)).toBe(
      "&lt;!here&gt; &amp; &lt;@U1&gt; 'quotes' \"too\"",
    );
  });

  it("fits the escaped text, cutting before escaping so no entity is split", () => {
    const text = fitMrkdwn("a & b & c & d & e & f & g & h", 20);
    expect(text.length).toBeLessThanOrEqual(20);
    expect(text).toMatch(/…$/);
    expect(text).not.toMatch(/&(a|am)?…$/);
    expect(fitMrkdwn("<".repeat(5000), 3000).length).toBeLessThanOrEqual(3000);
  });
});

describe("button", () => {
  it("cuts the label to 75 characters and refuses a value over 2,000", () => {
    const b = button("x".repeat(200), "a", "v");
    expect(b?.text.text.length).toBeLessThanOrEqual(75);
    expect(button("Details", "a", "v".repeat(2001))).toBeNull();
  });
});

describe("BlockBudget", () => {
  it("takes a group whole or not at all, keeping the reserve free", () => {
    const budget = new BlockBudget(3, 10_000);
    const d = { type: "divider" } as const;
    expect(budget.tryAdd([d, d])).toBe(true);
    expect(budget.tryAdd([d, d])).toBe(false);
    expect(budget.tryAdd([d], { blocks: 1, chars: 0 })).toBe(false);
    expect(budget.tryAdd([d])).toBe(true);
    expect(budget.blocks).toHaveLength(3);
  });
});
