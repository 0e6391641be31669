import { describe, expect, it } from "vitest";
import { parseSource } from "../../../src/catalog/sources/index.ts";
import { realSource } from "./real.ts";

/** Ways a copy of the same page could differ without saying anything else. */
const noise: Record<string, (text: string) => string> = {
  "CRLF line ends": (t) => t.replace(/\n/g, "\r\n"),
  "every line followed by blank lines": (t) => `\n\n${t.replace(/\n/g, "\n\n\n")}\n\n`,
  "trailing spaces and tabs": (t) => t.replace(/\n/g, " \t\n"),
  "wrapped in block markup": (t) => `<div class="content">\n${t}\n</div>\n`,
  "paragraph tags around lines": (t) =>
    t
      .split("\n")
      .map((l) => (l.trim() ? `<p>${l}</p>` : l))
      .join("\n"),
  "non-breaking spaces": (t) => t.replace(/ (?=[a-z])/g, "\u00a0"),
};

describe.each(["000", "001", "002", "003", "004"])("document %s read through noise", (prefix) => {
  const text = realSource(prefix);
  const clean = parseSource(text, prefix);

  it.each(Object.keys(noise))("%s: parsed exactly the same", (name) => {
    const noisy = noise[name]?.(text) ?? text;
    expect(parseSource(noisy, prefix)).toEqual(clean);
  });
});
