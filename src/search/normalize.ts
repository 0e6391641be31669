/**
 * One text pipeline for the index and the query, so that both sides agree on
 * what a word is: case and accents folded, a few programming-language names kept
 * whole, English plurals reduced, filler words dropped.
 */

/** Words that never carry the topic of a query, including the filler people type. */
export const STOPWORDS: ReadonlySet<string> = new Set(
  (
    "a about above after again against all am an and any anything are as at be because been " +
    "being below between both but by can could did do does doing don during each few find for " +
    "from further get give had has have having he her here hers herself him himself his how i " +
    "if in into is it its itself just let like list look looking me more most my myself need " +
    "no nor not now of off on once only or other our ours ourselves out over own please s same " +
    "see she should show so some something such t talk talks session sessions than that the " +
    "their theirs them themselves then there these they this those through to too under until " +
    "up very want was we were what whats when where which while who whom why will with would " +
    "you your yours yourself yourselves"
  ).split(" "),
);

const LANGUAGE_NAMES: ReadonlyArray<[RegExp, string]> = [
  [/c\+\+/g, " cpp "],
  [/c#/g, " csharp "],
  [/f#/g, " fsharp "],
  [/(^|[^\p{L}\p{N}])\.net\b/gu, "$1 dotnet "],
];

/** Any character outside ASCII (astral ones arrive as surrogates, also in range). */
const NON_ASCII = /[\u0080-\uffff]/;

/** Letters that Unicode does not decompose but a keyboard spells with two or plain ones. */
const LETTERS: Record<string, string> = {
  æ: "ae",
  œ: "oe",
  ø: "o",
  ß: "ss",
  ł: "l",
  đ: "d",
  ı: "i",
};

/** German umlauts as a German keyboard without them spells them. */
const UMLAUTS: Record<string, string> = { ä: "ae", ö: "oe", ü: "ue" };
const UMLAUT = /[äöü]/g;

/**
 * Lower case without accents, typographic apostrophes made plain. With
 * `umlauts: "expand"` (what a query is read with) ü becomes "ue", not "u":
 * the index holds both spellings of a word written with ü (see `terms`), and
 * "ue" also finds text that was written "ueberwachung" in the first place.
 */
export function fold(text: string, options: { umlauts?: "expand" } = {}): string {
  let out = text.toLowerCase();
  // Most text is plain ASCII: skip the Unicode work, the costliest part of indexing.
  if (NON_ASCII.test(out)) {
    if (options.umlauts === "expand") {
      out = out.normalize("NFC").replace(UMLAUT, (c) => UMLAUTS[c] ?? c);
    }
    out = out.normalize("NFKD").replace(/\p{M}+/gu, "");
    out = out.replace(/[æœøßłđı]/g, (c) => LETTERS[c] ?? c).replace(/[’‘`´]/g, "'");
  }
  if (/[+#]|\.net/.test(out)) {
    for (const [pattern, replacement] of LANGUAGE_NAMES) out = out.replace(pattern, replacement);
  }
  return out;
}

/**
 * Reduces common English inflections so "architectures" finds "architecture".
 * Deliberately light: an aggressive stemmer merges names and product words.
 */
export function stem(word: string): string {
  if (word.length <= 3 || /\d/.test(word)) return word;
  if (word.endsWith("ies") && word.length > 4) return `${word.slice(0, -3)}y`;
  if (/(ss|us|is|os|ys)$/.test(word)) return word;
  if (/(sh|ch|x|z)es$/.test(word)) return word.slice(0, -2);
  if (word.endsWith("s")) return word.slice(0, -1);
  return word;
}

const WORD = /[\p{L}\p{N}]+(?:['-][\p{L}\p{N}]+)*/gu;
/**
 * A word before folding: marks and typographic apostrophes are still in it. A
 * pictograph (❤, 🚀) is a word of its own: titles use them, and people search them.
 */
const RAW_WORD = /[\p{L}\p{M}\p{N}]+(?:['’‘-][\p{L}\p{M}\p{N}]+)*|\p{Extended_Pictographic}/gu;
const ASCII_WORD = /[a-z0-9]+(?:['-][a-z0-9]+)*/g;

/** Folded forms of non-ASCII words already seen (Unicode normalisation is slow). */
const foldedWords = new Map<string, string>();
const MAX_CACHED = 200_000;

function foldWord(raw: string): string {
  let word = foldedWords.get(raw);
  if (word === undefined) {
    word = fold(raw);
    if (foldedWords.size < MAX_CACHED) foldedWords.set(raw, word);
  }
  return word;
}

/**
 * Terms of a text in order. A hyphenated or apostrophe'd word yields its parts
 * and also the parts run together ("micro-frontends" → micro, frontend,
 * microfrontend), so either spelling finds it.
 */
export function terms(text: string, options: { keepStopwords?: boolean } = {}): string[] {
  const out: string[] = [];
  let lower = text.toLowerCase();
  if (/[+#]|\.net/.test(lower)) {
    for (const [pattern, replacement] of LANGUAGE_NAMES)
      lower = lower.replace(pattern, replacement);
  }
  // Folding word by word, and only the words that need it, is most of indexing speed.
  const ascii = !NON_ASCII.test(lower);
  for (const raw of lower.match(ascii ? ASCII_WORD : RAW_WORD) ?? []) {
    const word = ascii || !NON_ASCII.test(raw) ? raw : foldWord(raw);
    if (!word.includes("-") && !word.includes("'")) {
      pushTerm(out, word, options.keepStopwords);
      // "Überwachung" is also findable as typed without umlauts: "ueberwachung".
      if (!ascii && /[äöü]|\u0308/.test(raw)) {
        const expanded = fold(raw, { umlauts: "expand" });
        if (expanded !== word) pushTerm(out, expanded, options.keepStopwords);
      }
      continue;
    }
    const parts = word.split(/['-]/);
    for (const part of parts) pushTerm(out, part, options.keepStopwords);
    if (parts.length > 1) {
      const last = parts[parts.length - 1] ?? "";
      // "what's", "o'reilly": the joined form only when the tail is more than a clitic.
      if (word.includes("-") || last.length > 2) pushTerm(out, parts.join(""), true);
    }
  }
  return out;
}

/** Stems of words already seen: texts repeat their vocabulary, and indexing is mostly this. */
const stems = new Map<string, string>();

function pushTerm(out: string[], word: string, keepStopwords = false): void {
  if (word.length === 0) return;
  if (!keepStopwords && STOPWORDS.has(word)) return;
  let stemmed = stems.get(word);
  if (stemmed === undefined) {
    stemmed = stem(word);
    if (stems.size < MAX_CACHED) stems.set(word, stemmed);
  }
  out.push(stemmed);
}

/** Folded words of a text without stemming or stop-word removal, for the query parser. */
export function words(text: string): string[] {
  return fold(text).match(WORD) ?? [];
}
