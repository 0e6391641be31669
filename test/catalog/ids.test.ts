import { describe, expect, it } from "vitest";
import { shortSlug, slugify } from "../../src/catalog/ids.ts";
import { excerptOf, truncate } from "../../src/catalog/titles.ts";

describe("slugify, the one rule for ids built and imported", () => {
  it("drops apostrophes rather than splitting words at them", () => {
    // The seed catalog's ids were made this way; imports now make them alike.
    expect(slugify("Architectures You've Always Wondered About")).toBe(
      "architectures-youve-always-wondered-about",
    );
    expect(slugify("Women’s Day `quoted´")).toBe("womens-day-quoted");
    expect(slugify("Audio, Video & Graphics")).toBe("audio-video-graphics");
    expect(slugify("Ünïcödé  Café")).toBe("unicode-cafe");
  });

  it("cuts long slugs at a dash", () => {
    expect(shortSlug("one two three four five", 12)).toBe("one-two");
  });
});

describe("truncate, the one word-boundary cut", () => {
  it("cuts at the last space when it is not too far back, and marks the cut", () => {
    expect(truncate("short", 10)).toBe("short");
    expect(truncate("the quick brown fox jumps", 16)).toBe("the quick brown…");
    expect(truncate("supercalifragilistic", 10)).toBe("supercali…");
  });

  it("is how excerpts are cut, after white space is flattened", () => {
    const text = `${"word ".repeat(100)}\n\n  end`;
    expect(excerptOf(text, 50)).toBe(truncate(text.replace(/\s+/g, " ").trim(), 50));
    expect(excerptOf("  a\n b  ", 50)).toBe("a b");
  });
});
