import { describe, expect, it } from "vitest";
import { excerptOf } from "../../src/catalog/titles.ts";
import { dayText, whenText } from "../../src/time/format.ts";

/** excerptOf as it was before it flattened only a prefix: the behaviour to keep. */
function wholeExcerpt(text: string, max = 200): string {
  const flat = text.replace(/\s+/g, " ").trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  const space = cut.lastIndexOf(" ");
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** Deterministic texts full of the edge cases: whitespace runs of every kind, long words. */
function texts(count: number): string[] {
  let seed = 42;
  const random = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed / 2_147_483_648;
  };
  const spaces = [" ", "  ", "\n", "\t \n", "\u00a0", "\u3000 ", " ".repeat(60)];
  const words = ["a", "talk", "über", "🚀", "x".repeat(90), "Kafka", "&lt;", "streaming,"];
  const pick = (list: string[]) => list[Math.floor(random() * list.length)] ?? "";
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    let text = random() < 0.3 ? pick(spaces) : "";
    const target = Math.floor(random() * 700);
    while (text.length < target) {
      text += pick(words);
      text += random() < 0.8 ? " " : pick(spaces);
    }
    out.push(text);
  }
  return out;
}

describe("excerptOf", () => {
  it("cuts long text on a word boundary with an ellipsis, flattening whitespace", () => {
    expect(excerptOf("  How we\n\trun   Kafka.  ")).toBe("How we run Kafka.");
    expect(excerptOf(`${"word ".repeat(100)}`, 20)).toBe("word word word…");
  });

  it("gives what flattening the whole text gives, whatever the whitespace and length", () => {
    for (const text of texts(3_000)) {
      for (const max of [20, 200]) expect(excerptOf(text, max)).toBe(wholeExcerpt(text, max));
    }
    for (let n = 190; n <= 240; n++) {
      const text = `${"ab ".repeat(n)}`.slice(0, n);
      expect(excerptOf(text)).toBe(wholeExcerpt(text));
      expect(excerptOf(`${text}${" ".repeat(300)}`)).toBe(
        wholeExcerpt(`${text}${" ".repeat(300)}`),
      );
    }
  });
});

describe("whenText", () => {
  it("reads the time in the event's zone, the same on every call", () => {
    const start = new Date("2020-03-03T10:35:00Z");
    const end = new Date("2020-03-03T11:25:00Z");
    for (let i = 0; i < 3; i++) {
      expect(whenText(start, end, "Europe/London")).toBe("Tue 3 Mar 2020, 10:35–11:25 GMT");
      expect(whenText(start, undefined, "Europe/London")).toBe("Tue 3 Mar 2020, 10:35 GMT");
      expect(whenText(start, end, "Asia/Tokyo")).toBe("Tue 3 Mar 2020, 19:35–20:25 GMT+9");
    }
  });
});

describe("dayText", () => {
  it("shows a talk known only by its day as that calendar day, whatever the machine's zone", () => {
    expect(dayText("2018-03-07")).toBe("Wed 7 Mar 2018");
    expect(dayText("2026-01-31")).toBe("Sat 31 Jan 2026");
    expect(dayText("2020-02-30")).toBe("2020-02-30");
  });
});
