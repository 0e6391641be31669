/**
 * Schedule exports carry abstracts as HTML (FOSDEM, pretalx), as Markdown-ish plain
 * text (frab, Sessionize), or as a mix of both. This turns the HTML parts into text a
 * reader can take in on Slack or a terminal, and leaves the plain parts alone: only
 * real HTML tag names are touched, so "<https://…>" or "<insert name>" survive.
 */

import { decodeEntities } from "../entities.ts";

const blockTags =
  "p|div|h[1-6]|ul|ol|dl|blockquote|pre|table|tr|section|article|header|footer|figure|hr";
const inlineTags =
  "a|b|i|u|s|em|strong|code|span|small|big|sup|sub|abbr|cite|q|del|ins|mark|kbd|samp|var|tt|font|img|td|th|thead|tbody|dt|dd|figcaption|wbr|center";

const breakTag = /<br\s*\/?>/gi;
const itemOpen = /<li\b[^>]*>/gi;
const orderedList = /<ol\b[^>]*>([\s\S]*?)<\/ol\s*>/gi;
const itemClose = /<\/li\s*>/gi;
const blockTag = new RegExp(`</?(?:${blockTags})\\b[^>]*>`, "gi");
const link = /<a\b[^>]*?\bhref\s*=\s*(?:"([^"]*)"|'([^']*)')[^>]*>([\s\S]*?)<\/a\s*>/gi;
// "<https://x>Label</a>": an <a href> whose start tag lost its "a href=" (seen in 36C3).
const brokenLink = /<(https?:\/\/[^\s<>"]+)>([^<]*)<\/a\s*>/gi;
const inlineTag = new RegExp(`</?(?:${inlineTags})\\b[^>]*>`, "gi");
const htmlLayout = /<(?:p|br|div|li|h[1-6])\b[^>]*>/i;

/** Readable text from an HTML (or plain) fragment: paragraphs, list items and link targets kept. */
export function htmlToText(input: string): string {
  let s = input.replace(/\r\n?/g, "\n");
  if (s.includes("<")) {
    // In HTML, a source line break is just a space; in plain text it is the layout.
    // A blank line still separates paragraphs: frab and pretalx render abstracts as
    // Markdown with HTML mixed in, and authors lean on both.
    if (htmlLayout.test(s)) {
      s = s
        .split(/[ \t]*\n[ \t]*\n\s*/)
        .map((paragraph) => paragraph.replace(/[ \t]*\n[ \t]*/g, " "))
        .join("\n\n");
    }
    s = s
      .replace(link, (_m, dq: string | undefined, sq: string | undefined, inner: string) => {
        const href = decodeEntities(dq ?? sq ?? "").trim();
        const label = inner.replace(inlineTag, "").trim();
        if (!href || href.startsWith("#") || href.startsWith("javascript:")) return label;
        if (
          !label ||
          decodeEntities(label) === href ||
          `mailto:${decodeEntities(label)}` === href
        ) {
          return label || href;
        }
        return `${label} (${href})`;
      })
      .replace(brokenLink, (_m, href: string, label: string) =>
        label.trim() ? `${label.trim()} (${href})` : href,
      )
      .replace(breakTag, "\n")
      .replace(orderedList, (_m, items: string) => {
        let n = 0;
        return `<p>${items.replace(itemOpen, () => `\n${++n}. `)}</p>`;
      })
      .replace(itemOpen, "\n- ")
      .replace(itemClose, "\n")
      .replace(blockTag, "\n\n")
      .replace(inlineTag, "");
  }
  s = decodeEntities(s).replace(/\u00a0/g, " ");
  return tidyLines(s.split("\n").map((line) => line.replace(/[ \t]+/g, " ").trim()));
}

const listItem = /^(?:-|\d+\.)(?: |$)/;

/** At most one blank line in a row, none between list items, an item's text on its own line. */
function tidyLines(lines: string[]): string {
  const out: string[] = [];
  let blank = false;
  for (const line of lines) {
    if (line === "") {
      blank = out.length > 0;
      continue;
    }
    const last = out.at(-1);
    // "- " or "1. " alone: the item's text came on the next line (<li><p>…).
    if (last !== undefined && /^(?:-|\d+\.)$/.test(last)) {
      out[out.length - 1] = `${last} ${line}`;
    } else {
      const listContinues = last !== undefined && listItem.test(last) && listItem.test(line);
      if (blank && !listContinues) out.push("");
      out.push(line);
    }
    blank = false;
  }
  while (out.length > 0 && /^(?:-|\d+\.)?$/.test(out.at(-1) ?? "")) out.pop();
  return out.join("\n");
}
