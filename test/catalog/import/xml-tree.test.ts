import { describe, expect, it } from "vitest";
import { child, children, innerXml, parseXmlTree } from "../../../src/catalog/import/xml-tree.ts";

function fault(xml: string): string {
  try {
    parseXmlTree(xml);
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error("expected a syntax error");
}

describe("parseXmlTree", () => {
  it("reads elements, attributes, text, CDATA, and skips comments, PIs and DOCTYPE", () => {
    const xml = `\ufeff<?xml version="1.0"?>
<!DOCTYPE schedule [ <!ELEMENT schedule ANY> ]>
<!-- exported by frab -->
<schedule version='2'>
  <track slug="a&amp;b">Audio &amp; Video</track>
  <abstract><![CDATA[<p>1 < 2 & "raw"</p>]]></abstract>
  <empty/>
  <html><p>Hi <b>there</b></p></html>
  <named>caf&eacute; &#8211; &#x2728;</named>
</schedule>`;
    const root = parseXmlTree(xml);
    expect(root.name).toBe("schedule");
    expect(root.attrs).toEqual({ version: "2" });
    const track = child(root, "track");
    expect([track?.text, track?.attrs.slug]).toEqual(["Audio & Video", "a&b"]);
    expect(child(root, "abstract")?.text).toBe('<p>1 < 2 & "raw"</p>');
    expect(child(root, "empty")).toMatchObject({ text: "", children: [] });
    const html = child(root, "html");
    expect(html && innerXml(xml, html)).toBe("<p>Hi <b>there</b></p>");
    expect(child(root, "named")?.text).toBe("café – ✨");
    expect(children(root, "track")).toHaveLength(1);
  });

  it("says where a document is not well-formed", () => {
    expect(fault("<a>\n  <b></a>")).toBe(
      "line 2, column 6: closing tag </a> does not match <b> opened at line 2, column 3",
    );
    expect(fault("<a>\n<b>text")).toBe(
      "line 2, column 8: the file ends before <b> (opened at line 2, column 1) is closed",
    );
    expect(fault("<a>1 < 2</a>")).toMatch(/^line 1, column 6: malformed tag/);
    expect(fault("<a>R&D</a>")).toMatch(/^line 1, column 5: a "&" that does not start an entity/);
    expect(fault('<a x=1 y="2"/>')).toMatch(/^line 1, column 1: malformed tag/);
    expect(fault("<a/><b/>")).toBe("line 1, column 5: second root element <b>");
    expect(fault("hello <a/>")).toBe("line 1, column 1: text outside the root element");
    expect(fault("</a>")).toBe("line 1, column 1: closing tag </a> without an opening tag");
    expect(fault("<a><!-- never closed</a>")).toMatch(/^line 1, column 4: comment never closed/);
    expect(fault("  ")).toBe("line 1, column 3: no root element: the file holds no XML element");
  });
});
