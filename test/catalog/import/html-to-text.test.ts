import { describe, expect, it } from "vitest";
import { decodeEntities } from "../../../src/catalog/entities.ts";
import { htmlToText } from "../../../src/catalog/import/html-to-text.ts";

describe("htmlToText", () => {
  it("turns paragraphs into blank-line-separated text, ignoring source line breaks", () => {
    expect(htmlToText("<p>First\nparagraph.</p>\n<p>Second &amp; last.</p>")).toBe(
      "First paragraph.\n\nSecond & last.",
    );
  });

  it("keeps list items as dashed lines and link targets in brackets", () => {
    const html =
      '<p>See:</p><ul>\n<li>the <a href="https://example.org/docs">docs</a></li>\n<li><a href="https://x.org">https://x.org</a></li></ul>';
    expect(htmlToText(html)).toBe("See:\n\n- the docs (https://example.org/docs)\n- https://x.org");
  });

  it("keeps items that wrap their text in paragraphs together, and numbers ordered lists", () => {
    const html =
      "<p>We will explore:</p>\n<ul>\n<li>\n<p>The Negotiation.</p>\n</li>\n<li>\n<p>Governance.</p>\n</li>\n</ul>\n<p>Steps:</p><ol><li>clone</li><li><p>build</p></li></ol><p>Done.</p>";
    expect(htmlToText(html)).toBe(
      "We will explore:\n\n- The Negotiation.\n- Governance.\n\nSteps:\n\n1. clone\n2. build\n\nDone.",
    );
  });

  it("keeps blank-line paragraph breaks in Markdown mixed with HTML (36C3)", () => {
    const mixed =
      "Was ist zu erwarten.\r\n\r\nThemen sind unter anderem:\r\n<ul>\r\n  <li><b>E-ID:</b> das\r\nGesetz</li>\r\n</ul>";
    expect(htmlToText(mixed)).toBe(
      "Was ist zu erwarten.\n\nThemen sind unter anderem:\n\n- E-ID: das Gesetz",
    );
  });

  it("keeps line breaks from <br> and drops inline formatting", () => {
    expect(htmlToText("<strong>Bold</strong> and <em>em</em><br/>next <code>line</code>")).toBe(
      "Bold and em\nnext line",
    );
  });

  it("leaves plain text and its line breaks alone, including things that look like tags", () => {
    const text =
      "Intro\r\n\r\n- one\r\n- two\r\n\r\nCosts <50 Euro, see <https://a.org> or <insert meme>.";
    expect(htmlToText(text)).toBe(
      "Intro\n\n- one\n- two\n\nCosts <50 Euro, see <https://a.org> or <insert meme>.",
    );
  });

  it("keeps typography and decodes numeric references", () => {
    expect(htmlToText("<p>“Quoted” ❤ &#8212; &#x2728; caf&eacute;</p>")).toBe(
      "“Quoted” ❤ — ✨ café",
    );
    expect(decodeEntities("a&nbsp;b &lt;c&gt; &unknown; &#0;")).toBe("a b <c> &unknown; &#0;");
    expect(decodeEntities("&Uuml;ber &szlig; &Eacute;t&eacute; &copy; &yuml;")).toBe(
      "Über ß Été © ÿ",
    );
  });
});
