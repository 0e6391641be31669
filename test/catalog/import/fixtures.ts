import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** ../shared/fixtures beside the checkout (CI has it there too). */
export const fixtures = fileURLToPath(new URL("../../../../shared/fixtures/", import.meta.url));

export const fosdemXml = `${fixtures}frab/fosdem-2026.xml`;
export const c36c3 = ["1-awk", "2-bison", "3-dd", "4-hexdump"].map(
  (r) => `${fixtures}frab/36c3-${r}.json`,
);
export const sessionizeJson = `${fixtures}sessionize/ai-engineer-worlds-fair-2025-all.json`;

export function raw(path: string): string {
  return readFileSync(path, "utf8");
}

/** The five XML entities plus numeric ones: enough to read raw frab text by hand. */
export function xmlUnescape(s: string): string {
  return s
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(Number.parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, "&");
}

/** "+01:00" wall-clock arithmetic done by hand: `iso` plus `minutes`, same offset. */
export function addMinutesKeepingOffset(iso: string, minutes: number): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?([+-]\d{2}:\d{2})$/.exec(iso);
  if (!m) throw new Error(`not an offset date-time: ${iso}`);
  const [, y, mo, d, h, mi, s = "00", off] = m;
  const t = new Date(
    Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi) + minutes, Number(s)),
  );
  return `${t.toISOString().slice(0, 19)}${off}`;
}
