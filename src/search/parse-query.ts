import { fold } from "./normalize.ts";

export type TimeWord =
  | { kind: "now" }
  | { kind: "next" }
  | { kind: "today" }
  | { kind: "tomorrow" }
  | { kind: "yesterday" }
  /** 0 Sunday … 6 Saturday. */
  | { kind: "weekday"; day: number }
  /** Talks starting within part of a day, in minutes after local midnight: [from, to). */
  | { kind: "part"; name: string; from: number; to: number }
  /** Talks on at a local time of day (minutes after midnight), like `now` then. */
  | { kind: "clock"; minute: number };

export type NameField = "track" | "speaker" | "room";

export interface NameFilter {
  field: NameField;
  /** The words after the keyword, up to the next keyword or time word. */
  words: string[];
  /**
   * True for `track:name` and quoted names, which end where the user ended them.
   * Otherwise the name is the longest run of `words` that names something, and
   * the rest is free text ("track architectures kafka").
   */
  closed: boolean;
}

export interface ParsedQuery {
  /** Only `help` (or `?`) was asked. */
  help: boolean;
  /** `tracks` or `rooms` (or `list tracks`, `all rooms`, `what tracks are there`) alone. */
  list?: "tracks" | "rooms";
  time: TimeWord[];
  filters: NameFilter[];
  /** What remains for free-text matching, in the user's order. */
  text: string[];
}

const WEEKDAYS: Record<string, number> = {
  sunday: 0,
  monday: 1,
  mon: 1,
  tuesday: 2,
  tue: 2,
  tues: 2,
  wednesday: 3,
  wed: 3,
  thursday: 4,
  thu: 4,
  thur: 4,
  thurs: 4,
  friday: 5,
  fri: 5,
  saturday: 6,
};

const KEYWORDS: Record<string, NameField> = {
  track: "track",
  speaker: "speaker",
  by: "speaker",
  room: "room",
};

const MORNING: TimeWord = { kind: "part", name: "this morning", from: 0, to: 12 * 60 };
const AFTERNOON: TimeWord = { kind: "part", name: "this afternoon", from: 12 * 60, to: 17 * 60 };
const EVENING: TimeWord = { kind: "part", name: "this evening", from: 17 * 60, to: 24 * 60 };
/** Lunch is over by one at every conference we have seen. */
const AFTER_LUNCH: TimeWord = { kind: "part", name: "after lunch", from: 13 * 60, to: 24 * 60 };
const BEFORE_LUNCH: TimeWord = { kind: "part", name: "before lunch", from: 0, to: 12 * 60 };

/** Phrases that mean a time word, checked before single words. */
const TIME_PHRASES: ReadonlyArray<[string[], TimeWord]> = [
  [["up", "next"], { kind: "next" }],
  [["coming", "up"], { kind: "next" }],
  [["right", "now"], { kind: "now" }],
  [["on", "now"], { kind: "now" }],
  [["this", "morning"], MORNING],
  [["this", "afternoon"], AFTERNOON],
  [["this", "evening"], EVENING],
  [["after", "lunch"], AFTER_LUNCH],
  [["before", "lunch"], BEFORE_LUNCH],
];

/** `14:55`, `2pm`, `2:30pm`, `9am`: minutes after midnight. */
function clockMinute(word: string, next?: string): { minute: number; words: number } | undefined {
  const m = /^(\d{1,2})(?::(\d{2}))?(am|pm)?$/.exec(word);
  if (!m) return undefined;
  const suffix = m[3] ?? (next === "am" || next === "pm" ? next : undefined);
  if (m[2] === undefined && suffix === undefined) return undefined;
  let hour = Number(m[1]);
  const minute = Number(m[2] ?? 0);
  if (minute > 59 || hour > 23 || (suffix && (hour < 1 || hour > 12))) return undefined;
  if (suffix === "pm" && hour < 12) hour += 12;
  if (suffix === "am" && hour === 12) hour = 0;
  return { minute: hour * 60 + minute, words: m[3] === undefined && suffix ? 2 : 1 };
}

function timeWord(word: string): TimeWord | undefined {
  switch (word) {
    case "now":
    case "current":
    case "currently":
      return { kind: "now" };
    case "next":
    case "upcoming":
      return { kind: "next" };
    case "today":
      return { kind: "today" };
    case "tonight":
      return EVENING;
    case "morning":
      return MORNING;
    case "afternoon":
      return AFTERNOON;
    case "evening":
      return EVENING;
    case "tomorrow":
    case "tmrw":
      return { kind: "tomorrow" };
    case "yesterday":
      return { kind: "yesterday" };
  }
  const day = WEEKDAYS[word];
  return day === undefined ? undefined : { kind: "weekday", day };
}

/**
 * How people open a question. The words are mostly stop words already, but not
 * all ("talking", "tell"), and a stray one is searched as if it were the topic.
 */
const FILLER: readonly string[][] = [
  "who is talking about",
  "who's talking about",
  "who is talking on",
  "who is speaking about",
  "who's speaking about",
  "who talks about",
  "who speaks about",
  "is there a talk on",
  "is there a talk about",
  "is there anything on",
  "is there anything about",
  "are there talks on",
  "are there talks about",
  "are there any talks on",
  "are there any talks about",
  "any talks about",
  "any talks on",
  "anything on",
  "anything about",
  "please show me",
  "show me",
  "tell me about",
  "i'm looking for",
  "looking for",
  "what's on about",
].map((phrase) => phrase.split(" "));

/** Asking for the list of tracks or rooms rather than for talks in one. */
const LIST =
  /^(?:(?:list|show|all|the|which|what|(?:list|show)(?: me)?(?: all)?(?: the)?)\s+)?(track|room)s(?:\s+are there)?\s*\??$/;

/** Quoted text stays one piece; `track:"…"` and `track:word` stay joined to their keyword. */
const PIECE = /(\w+):\s*"([^"]*)"|(\w+):\s*'([^']*)'|(\w+):(\S+)|"([^"]*)"|(\S+)/g;

interface Piece {
  words: string[];
  keyword?: NameField;
  quoted: boolean;
}

function pieces(query: string): Piece[] {
  const out: Piece[] = [];
  const folded = fold(query, { umlauts: "expand" }).replace(/[“”]/g, '"');
  for (const m of folded.matchAll(PIECE)) {
    const key = m[1] ?? m[3] ?? m[5];
    const keyword = key ? KEYWORDS[key] : undefined;
    if (/^\d{1,2}:\d{2}(am|pm)?$/.test(m[0])) {
      out.push({ words: [m[0]], quoted: false });
      continue;
    }
    if (key && keyword) {
      const value = m[2] ?? m[4] ?? m[6] ?? "";
      out.push({ words: split(value), keyword, quoted: true });
    } else if (m[7] !== undefined) {
      out.push({ words: split(m[7]), quoted: true });
    } else {
      out.push({ words: split(m[0]), quoted: false });
    }
  }
  return out;
}

function split(text: string): string[] {
  return text
    .split(/[^\p{L}\p{N}\p{Extended_Pictographic}'+#.-]+/u)
    .map((w) => w.replace(/^[.'-]+|[.'-]+$/g, ""))
    .filter((w) => w.length > 0);
}

/** Whether the unquoted words from `at` on are `phrase`. */
function wordsAt(
  items: readonly ({ word: string; quoted: boolean } | { filter: NameFilter })[],
  at: number,
  phrase: readonly string[],
): boolean {
  return phrase.every((w, k) => {
    const item = items[at + k];
    return item !== undefined && "word" in item && !item.quoted && item.word === w;
  });
}

/**
 * Reads what an attendee typed: time words, `track`/`speaker`/`room` names and
 * free text. Question openings ("who is talking about") are dropped here; other
 * filler ("talks on") is left in the text, where the matcher drops stop words.
 */
export function parseQuery(query: string): ParsedQuery {
  const parsed: ParsedQuery = { help: false, time: [], filters: [], text: [] };
  const all = pieces(query);
  if (all.length === 1 && !all[0]?.keyword && ["help", "?"].includes(query.trim().toLowerCase())) {
    return { ...parsed, help: true };
  }

  const list = LIST.exec(fold(query).trim());
  if (list) return { ...parsed, list: list[1] === "track" ? "tracks" : "rooms" };

  // Flatten to a word stream, remembering which words are closed keyword values.
  type Item = { word: string; quoted: boolean } | { filter: NameFilter };
  const items: Item[] = [];
  for (const p of all) {
    if (p.keyword) items.push({ filter: { field: p.keyword, words: p.words, closed: true } });
    else for (const word of p.words) items.push({ word, quoted: p.quoted });
  }

  let open: NameFilter | undefined;
  for (let i = 0; i < items.length; i++) {
    const item = items[i] as Item;
    if ("filter" in item) {
      parsed.filters.push(item.filter);
      open = undefined;
      continue;
    }
    const { word, quoted } = item;
    if (!quoted) {
      const filler = FILLER.find((ws) => wordsAt(items, i, ws));
      if (filler) {
        i += filler.length - 1;
        continue;
      }
      const phrase = TIME_PHRASES.find(([ws]) => wordsAt(items, i, ws));
      if (phrase) {
        parsed.time.push(phrase[1]);
        i += phrase[0].length - 1;
        open = undefined;
        continue;
      }
      const following = items[i + 1];
      const clock = clockMinute(
        word,
        following && "word" in following ? following.word : undefined,
      );
      if (clock) {
        parsed.time.push({ kind: "clock", minute: clock.minute });
        i += clock.words - 1;
        open = undefined;
        continue;
      }
      const time = timeWord(word);
      if (time) {
        parsed.time.push(time);
        open = undefined;
        continue;
      }
      const keyword = KEYWORDS[word];
      if (keyword && following && "word" in following) {
        open = { field: keyword, words: [], closed: false };
        parsed.filters.push(open);
        continue;
      }
    }
    if (open) open.words.push(word);
    else parsed.text.push(word);
  }
  parsed.filters = parsed.filters.filter((f) => f.words.length > 0);
  return parsed;
}
