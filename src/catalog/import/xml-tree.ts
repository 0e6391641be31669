/**
 * A small, strict XML reader for schedule exports: elements, attributes, text,
 * CDATA, comments, processing instructions and a DOCTYPE. It checks well-formedness
 * (every tag closed in order, quoted attributes, no stray "<" or "&", one root) and
 * reports the first fault by line and column.
 *
 * Why not a general XML library: a FOSDEM-sized export (2.7 MB) is read several times
 * in tests and benchmarks, and one scan with indexOf and sticky regexes is several
 * times faster than validating and then building a generic object tree.
 */
import { decodeEntities } from "../entities.ts";
import { lineColumn } from "./text-position.ts";

export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  /** The element's own text (not its children's), entities decoded, CDATA as written. */
  text: string;
  /** Offset of the start tag in the document (for "line N" in messages). */
  offset: number;
  /** Where its content starts and ends in the document (see `innerXml`). */
  contentStart: number;
  contentEnd: number;
}

export class XmlSyntaxError extends Error {
  constructor(
    readonly where: string,
    readonly reason: string,
  ) {
    super(`${where}: ${reason}`);
    this.name = "XmlSyntaxError";
  }
}

const name = "[\\p{L}_:][\\p{L}\\p{N}_:.\\-]*";
const startTag = new RegExp(
  `<(${name})((?:\\s+${name}\\s*=\\s*(?:"[^"<]*"|'[^'<]*'))*)\\s*(/?)>`,
  "uy",
);
const endTag = new RegExp(`</(${name})\\s*>`, "uy");
const attribute = new RegExp(`(${name})\\s*=\\s*(?:"([^"<]*)"|'([^']*)')`, "gu");
const badAmpersand = /&(?![\p{L}_][\p{L}\p{N}_.-]*;|#[0-9]+;|#x[0-9a-fA-F]+;)/u;

/** Parses a whole document and returns its root element; throws XmlSyntaxError. */
export function parseXmlTree(xml: string): XmlElement {
  const fail = (offset: number, reason: string): never => {
    throw new XmlSyntaxError(lineColumn(xml, offset), reason);
  };
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  let i = xml.charCodeAt(0) === 0xfeff ? 1 : 0;

  const addText = (from: number, to: number) => {
    if (from >= to) return;
    const raw = xml.slice(from, to);
    const top = stack.at(-1);
    if (!top) {
      if (raw.trim()) fail(from + raw.search(/\S/), "text outside the root element");
      return;
    }
    if (raw.includes("&")) {
      const bad = badAmpersand.exec(raw);
      if (bad) fail(from + bad.index, 'a "&" that does not start an entity (write &amp;)');
      top.text += decodeEntities(raw);
    } else top.text += raw;
  };

  while (i < xml.length) {
    const lt = xml.indexOf("<", i);
    if (lt === -1) {
      addText(i, xml.length);
      break;
    }
    addText(i, lt);
    const next = xml.charCodeAt(lt + 1);
    if (next === 47 /* / */) {
      endTag.lastIndex = lt;
      const m = endTag.exec(xml);
      if (!m) fail(lt, "malformed closing tag");
      const closing = (m as RegExpExecArray)[1];
      const open = stack.pop();
      if (!open) fail(lt, `closing tag </${closing}> without an opening tag`);
      const el = open as XmlElement;
      if (el.name !== closing) {
        fail(
          lt,
          `closing tag </${closing}> does not match <${el.name}> opened at ${lineColumn(xml, el.offset)}`,
        );
      }
      el.contentEnd = lt;
      i = endTag.lastIndex;
      continue;
    }
    if (next === 33 /* ! */) {
      if (xml.startsWith("<!--", lt)) {
        const end = xml.indexOf("-->", lt + 4);
        if (end === -1) fail(lt, "comment never closed (missing -->)");
        i = end + 3;
      } else if (xml.startsWith("<![CDATA[", lt)) {
        const end = xml.indexOf("]]>", lt + 9);
        if (end === -1) fail(lt, "CDATA section never closed (missing ]]>)");
        const top = stack.at(-1);
        if (!top) fail(lt, "CDATA outside the root element");
        (top as XmlElement).text += xml.slice(lt + 9, end);
        i = end + 3;
      } else if (xml.startsWith("<!DOCTYPE", lt) && stack.length === 0 && !root) {
        const close = xml.indexOf(">", lt);
        const bracket = xml.indexOf("[", lt);
        const end = bracket !== -1 && bracket < close ? xml.indexOf("]", bracket) : close;
        const gt = end === -1 ? -1 : xml.indexOf(">", end);
        if (gt === -1) fail(lt, "DOCTYPE never closed");
        i = gt + 1;
      } else fail(lt, 'unexpected "<!"');
      continue;
    }
    if (next === 63 /* ? */) {
      const end = xml.indexOf("?>", lt + 2);
      if (end === -1) fail(lt, "processing instruction never closed (missing ?>)");
      i = end + 2;
      continue;
    }
    startTag.lastIndex = lt;
    const m = startTag.exec(xml);
    if (!m) {
      fail(lt, 'malformed tag (a "<" in text must be written &lt;; attribute values need quotes)');
    }
    const [, tagName = "", attrText = "", selfClosing] = m as RegExpExecArray;
    if (root && stack.length === 0) fail(lt, `second root element <${tagName}>`);
    const attrs: Record<string, string> = {};
    if (attrText) {
      for (const a of attrText.matchAll(attribute)) {
        attrs[a[1] ?? ""] = decodeEntities(a[2] ?? a[3] ?? "");
      }
    }
    const contentStart = startTag.lastIndex;
    const el: XmlElement = {
      name: tagName,
      attrs,
      children: [],
      text: "",
      offset: lt,
      contentStart,
      contentEnd: contentStart,
    };
    const parent = stack.at(-1);
    if (parent) parent.children.push(el);
    else root = el;
    if (!selfClosing) stack.push(el);
    i = contentStart;
  }
  const open = stack.at(-1);
  if (open)
    fail(
      xml.length,
      `the file ends before <${open.name}> (opened at ${lineColumn(xml, open.offset)}) is closed`,
    );
  if (!root) fail(xml.length, "no root element: the file holds no XML element");
  return root as XmlElement;
}

/** The raw markup between an element's tags, for fields holding unescaped HTML. */
export function innerXml(xml: string, el: XmlElement): string {
  return xml.slice(el.contentStart, el.contentEnd);
}

/** The first child element called `name`. */
export function child(el: XmlElement | undefined, name: string): XmlElement | undefined {
  return el?.children.find((c) => c.name === name);
}

/** Every child element called `name`. */
export function children(el: XmlElement | undefined, name: string): XmlElement[] {
  return el ? el.children.filter((c) => c.name === name) : [];
}
