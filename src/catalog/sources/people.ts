/**
 * Recognising people: a line that is just a person's name, and the people a piece
 * of running text says gave (or hosted) the talk it describes.
 */
import { companyScore, roleScore } from "../role-company.ts";
import { WEEKDAYS, words } from "./text.ts";

const PARTICLES = new Set([
  "van",
  "von",
  "de",
  "da",
  "der",
  "den",
  "du",
  "di",
  "la",
  "le",
  "del",
  "bin",
  "al",
  "ten",
  "ter",
]);
const NAME_WORD = /^\p{Lu}[\p{L}'’.-]*$/u;

/** Words that begin sentences or headings but never a person's name. */
const NOT_A_NAME = new Set(
  [
    "a",
    "an",
    "the",
    "this",
    "that",
    "these",
    "those",
    "in",
    "on",
    "at",
    "for",
    "from",
    "with",
    "by",
    "and",
    "but",
    "or",
    "our",
    "we",
    "it",
    "its",
    "my",
    "his",
    "her",
    "their",
    "great",
    "best",
    "most",
    "top",
    "day",
    "last",
    "next",
    "first",
    "second",
    "third",
    "then",
    "when",
    "why",
    "how",
    "what",
    "who",
    "view",
    "read",
    "share",
    "speaker",
    "speakers",
    "track",
    "session",
    "about",
    "from",
    "learn",
    "join",
    "come",
    "here",
    "there",
    "if",
    "after",
    "before",
    "based",
    "during",
    "today",
    ...WEEKDAYS,
  ].map((w) => w.toLowerCase()),
);

/** True for a line that is only a person's name ("Jan Machacek", "Liz Fong-Jones"). */
export function looksLikeName(line: string): boolean {
  const t = line.trim();
  if (t.length < 4 || t.length > 60) return false;
  if (/[0-9@:;,!?()"“”|/\\<>=+*#&]/.test(t)) return false;
  if (t === t.toUpperCase()) return false; // headings in capitals
  const ws = words(t);
  if (ws.length < 2 || ws.length > 5) return false;
  const first = ws[0] ?? "";
  const last = ws[ws.length - 1] ?? "";
  if (!NAME_WORD.test(first) || !NAME_WORD.test(last)) return false;
  if (NOT_A_NAME.has(first.toLowerCase())) return false;
  if (!ws.every((w) => NAME_WORD.test(w) || PARTICLES.has(w))) return false;
  if (/\.$/.test(t) && !/\b\p{Lu}\.$/u.test(t)) return false;
  return roleScore(t) === 0 && companyScore(t) === 0;
}

/** A short line that reads like "Role @ Company", "Company, Role", a role alone… */
export function looksLikeAffiliation(line: string): boolean {
  const t = line.trim();
  if (!t || t.length > 140) return false;
  const ws = words(t);
  if (ws.length > 16) return false;
  if (/[.!?]$/.test(t) && !/\b(?:Inc|Ltd|Corp|Co|Jr|Sr)\.$/.test(t)) return false;
  if (looksLikeName(t)) return false;
  return /@|\s+at\s+|,/.test(t) || roleScore(t) > 0 || companyScore(t) > 0;
}

// A name in running text: two or three capitalised words ("Martin Thompson").
const NAME_SRC = String.raw`\p{Lu}[\p{Ll}'’-]+(?:[- ]\p{Lu}[\p{Ll}'’-]+){1,2}`;
const VERBS = [
  "talked",
  "talks",
  "discussed",
  "discusses",
  "explained",
  "explains",
  "described",
  "describes",
  "presented",
  "presents",
  "showed",
  "shows",
  "shared",
  "shares",
  "covered",
  "covers",
  "gave",
  "gives",
  "did",
  "does",
  "spoke",
  "speaks",
  "walked",
  "walks",
  "introduced",
  "introduces",
  "demonstrated",
  "demonstrates",
  "will",
  "went",
  "takes",
  "took",
  "dives",
  "dived",
  "told",
  "tells",
  "looks",
  "looked",
  "argues",
  "argued",
  "outlines",
  "outlined",
  "reveals",
  "revealed",
];

const BY_NAME = new RegExp(
  String.raw`\b(?:talk|talks|presentation|session|part|keynote|workshop|panel|demo|lecture)\s+(?:(?:given|presented|delivered|hosted|led|run)\s+)?by\s+(${NAME_SRC}(?:(?:,\s*|\s+and\s+|\s*&\s*)${NAME_SRC})*)`,
  "gu",
);
const NAME_VERB = new RegExp(
  String.raw`(${NAME_SRC})(?:,\s[^,.;]{1,160},)?\s+(?:\p{Ll}+ly\s+)?(?:${VERBS.join("|")})\b`,
  "gu",
);
const HOST_WITH = new RegExp(
  String.raw`\bhost(?:ed|s|ing)?\b[^.!?]*?\bwith\s+(${NAME_SRC}(?:(?:,\s*|,?\s+and\s+|\s*&\s*)${NAME_SRC})*)`,
  "gu",
);
const SUBJECT_IS = new RegExp(String.raw`^(${NAME_SRC})\s+(?:is|was|has)\b`, "u");
const NAME_IN_LIST = new RegExp(NAME_SRC, "gu");
/** "Based on his work at DAZN, Luca Mezzalira explains…": the company the text gives. */
const WORK_AT = new RegExp(
  String.raw`\b(?:his|her|their)\s+work\s+(?:at|for|with)\s+(\p{Lu}[\p{L}\d&.'’-]*(?:\s\p{Lu}[\p{L}\d&.'’-]*){0,3}),\s+(${NAME_SRC})`,
  "gu",
);

export interface ProseSpeaker {
  name: string;
  company?: string;
}

function plausible(name: string): boolean {
  const first = name.split(/[\s-]/)[0] ?? "";
  return !NOT_A_NAME.has(first.toLowerCase()) && roleScore(name) === 0 && companyScore(name) === 0;
}

/**
 * The people a talk's running text says gave or hosted it: "Stephan Ewen talked about…",
 * "Great talk by Michael Hussey", "In this talk, Martin Thompson, then …, discusses",
 * "host an AMA session together with Jonas Boner and Kiki Carter". People merely
 * mentioned ("people like Martin Thompson … among our guests") are not speakers.
 */
export function speakersInProse(text: string): ProseSpeaker[] {
  const found: { name: string; at: number }[] = [];
  const add = (name: string, at: number) => {
    if (plausible(name) && !found.some((f) => f.name === name)) found.push({ name, at });
  };
  const flat = text.replace(/\s+/g, " ").trim();
  const subject = SUBJECT_IS.exec(flat);
  if (subject?.[1]) add(subject[1], 0);
  for (const re of [BY_NAME, HOST_WITH]) {
    for (const m of flat.matchAll(re)) {
      for (const n of (m[1] ?? "").matchAll(NAME_IN_LIST))
        add(n[0], (m.index ?? 0) + (n.index ?? 0));
    }
  }
  for (const m of flat.matchAll(NAME_VERB)) if (m[1]) add(m[1], m.index ?? 0);
  const companies = new Map<string, string>();
  for (const m of flat.matchAll(WORK_AT)) if (m[1] && m[2]) companies.set(m[2], m[1]);
  return found
    .sort((a, b) => a.at - b.at)
    .map((f) => {
      const company = companies.get(f.name);
      return company ? { name: f.name, company } : { name: f.name };
    });
}
