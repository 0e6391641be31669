import { runSteps, STEP_EVERY, type Steps } from "../steps.ts";
import { terms } from "./normalize.ts";
import type { ResultSet } from "./result-set.ts";
import { splitWord } from "./split-word.ts";
import { type Expansion, TermDictionary } from "./term-dictionary.ts";
import type { MatchField } from "./types.ts";

/** The searchable fields of a talk, in bit order. */
export const FIELDS = [
  "title",
  "speaker",
  "company",
  "role",
  "track",
  "tag",
  "room",
  "abstract",
  "host",
  "bio",
] as const satisfies readonly MatchField[];

export type TextField = (typeof FIELDS)[number];

export type FieldTexts = Partial<Record<TextField, string[]>>;

/**
 * How much one occurrence in each field is worth, and how much a long field
 * dilutes it (BM25's b). A title, speaker or company hit outweighs a passing
 * mention in an abstract several times over.
 */
const WEIGHTS: Record<TextField, { weight: number; b: number }> = {
  title: { weight: 7, b: 0.4 },
  speaker: { weight: 7, b: 0.2 },
  company: { weight: 5, b: 0.2 },
  role: { weight: 1.5, b: 0.3 },
  track: { weight: 3, b: 0.3 },
  tag: { weight: 4, b: 0.2 },
  room: { weight: 2.5, b: 0.2 },
  abstract: { weight: 1, b: 0.75 },
  // The track's host: a person the catalog knows, though not a speaker of the talk.
  host: { weight: 2, b: 0.2 },
  // A speaker's bio says what they know, not what the talk is about: a faint signal.
  bio: { weight: 0.4, b: 0.75 },
};

const K1 = 1.2;

/** Fields that name a talk (not prose): title, speaker, company, track, tag, room. */
const NAME_FIELD_BITS = FIELDS.reduce(
  (bits, f, i) => (f === "abstract" || f === "role" || f === "bio" ? bits : bits | (1 << i)),
  0,
);

/**
 * A document matching a smaller share than this of the best document's share of
 * the query (by how telling each word is) matched a side word, not the question:
 * "machine learning" should not list a talk on "learning" alone. A long query
 * is a description, and a talk matching part of it well can still be the answer.
 */
function minRelativeCoverage(words: number): number {
  return words <= 3 ? 0.6 : 0.35;
}

/** The words of a query the best documents matched, and those they did not. */
export interface Coverage {
  matched: string[];
  /** Words no talk matched at all, and words the best talks lack. */
  missing: string[];
}

/** Words of a query beyond this many are ignored: a pasted paragraph is not a question. */
export const MAX_QUERY_TERMS = 32;

/**
 * All postings in three flat arrays, term by term: the documents holding term
 * t are `docs[start[t]] … docs[start[t + 1] - 1]`, in document order. (One
 * typed array per term cost more to build than the rest of the index.)
 */
interface Postings {
  start: Int32Array;
  docs: Int32Array;
  /** Field-weighted, length-normalised term frequency, before idf. */
  weights: Float32Array;
  /** Bit i set when the term occurs in FIELDS[i]. */
  fields: Uint16Array;
}

/** An inverted index over talks' fields with BM25F-style weights. */
export class TextIndex {
  readonly dictionary: TermDictionary;
  private readonly postings: Postings;
  /** Bit i set when the term occurs in FIELDS[i] of any document. */
  private readonly termFields: Uint16Array;
  /** The texts indexed, to confirm that a split word's parts stand side by side. */
  private readonly texts: readonly FieldTexts[];
  private readonly docCount: number;
  /** Per-document accumulators reused by every search (searches are synchronous). */
  private readonly scratch: {
    total: Float64Array;
    coverage: Float64Array;
    matchedWords: Uint16Array;
    masks: Uint16Array;
    best: Float64Array;
    bestMask: Uint16Array;
    touched: Int32Array;
    groupDocs: Int32Array;
  };

  /** An index over `docs` (documents are their positions); `TextIndex.build` builds it in pieces. */
  constructor(docs: readonly FieldTexts[], parts: Built = runSteps(buildParts(docs))) {
    this.docCount = docs.length;
    this.texts = docs;
    const n = docs.length;
    this.scratch = {
      total: new Float64Array(n),
      coverage: new Float64Array(n),
      matchedWords: new Uint16Array(n),
      masks: new Uint16Array(n),
      best: new Float64Array(n),
      bestMask: new Uint16Array(n),
      touched: new Int32Array(n),
      groupDocs: new Int32Array(n),
    };
    this.postings = parts.postings;
    this.termFields = parts.termFields;
    this.dictionary = parts.dictionary;
  }

  /** The index over `docs`, built in pieces (see Steps). */
  static *build(docs: readonly FieldTexts[]): Steps<TextIndex> {
    return new TextIndex(docs, yield* buildParts(docs));
  }

  /** Inverse document frequency of a term (BM25's, always positive). */
  idf(term: number): number {
    const df = this.documentFrequency(term);
    return Math.log(1 + (this.docCount - df + 0.5) / (df + 0.5));
  }

  documentFrequency(term: number): number {
    const { start } = this.postings;
    return (start[term + 1] ?? 0) - (start[term] ?? 0);
  }

  /**
   * Ranks documents for free text into `out`. Each query word counts once per
   * document, through its best spelling there (exact, prefix, or
   * typo-corrected); documents matching more of the words, weighted by how
   * telling each word is, score higher, and those matching much less than the
   * best are left out. `allowed`, when given, restricts the documents
   * considered; hits under `floor` times the best score are left out. Returns
   * which words the best documents matched.
   */
  search(
    text: string,
    out: ResultSet,
    options: { allowed?: Uint8Array; floor?: number; matched?: number } = {},
  ): Coverage {
    const { allowed, floor = 0, matched = 0 } = options;
    const groups = this.groups(text);
    const coverage: Coverage = { matched: [], missing: groups.missing };
    if (groups.found.length === 0) return coverage;

    const {
      total,
      coverage: share,
      matchedWords,
      masks,
      best,
      bestMask,
      touched,
      groupDocs,
    } = this.scratch;
    const postings = this.postings;
    let touchedCount = 0;
    let possible = 0;
    for (const group of groups.found) {
      possible += group.idf;
      let groupCount = 0;
      for (const e of group.expansions) {
        const factor = e.quality * group.idf;
        const to = postings.start[e.term + 1] as number;
        for (let i = postings.start[e.term] as number; i < to; i++) {
          const doc = postings.docs[i] as number;
          if (allowed && allowed[doc] === 0) continue;
          if (group.only && !group.only.has(doc)) continue;
          const value = factor * (postings.weights[i] as number);
          const previous = best[doc] as number;
          if (previous === 0) groupDocs[groupCount++] = doc;
          if (value > previous) {
            best[doc] = value;
            bestMask[doc] = postings.fields[i] as number;
          }
        }
      }
      for (let g = 0; g < groupCount; g++) {
        const doc = groupDocs[g] as number;
        if (matchedWords[doc] === 0) touched[touchedCount++] = doc;
        total[doc] = (total[doc] as number) + (best[doc] as number);
        share[doc] = (share[doc] as number) + group.idf;
        matchedWords[doc] = (matchedWords[doc] as number) + 1;
        masks[doc] = (masks[doc] as number) | (bestMask[doc] as number);
        best[doc] = 0;
      }
    }

    // Matching more of what was asked matters more than matching one word well.
    let top = 0;
    let widest = 0;
    let widestDoc = -1;
    for (let t = 0; t < touchedCount; t++) {
      const doc = touched[t] as number;
      const part = (share[doc] as number) / possible;
      share[doc] = part;
      const score = (total[doc] as number) * part * part;
      total[doc] = score;
      if (score > top) top = score;
      if (part > widest + 1e-9 || (part > widest - 1e-9 && score > (total[widestDoc] ?? 0))) {
        widest = part;
        widestDoc = doc;
      }
    }
    const minCoverage = minRelativeCoverage(groups.found.length);
    for (let t = 0; t < touchedCount; t++) {
      const doc = touched[t] as number;
      const score = total[doc] as number;
      const wide = (share[doc] as number) >= widest * minCoverage - 1e-9;
      if (score >= top * floor && wide) out.add(doc, score, (masks[doc] as number) | matched);
    }
    if (widestDoc >= 0) {
      for (const group of groups.found) {
        const holds = group.expansions.some((e) => this.holds(e.term, widestDoc));
        const inDoc = holds && (!group.only || group.only.has(widestDoc));
        (inDoc ? coverage.matched : coverage.missing).push(group.word);
      }
    }
    for (let t = 0; t < touchedCount; t++) {
      const doc = touched[t] as number;
      total[doc] = 0;
      share[doc] = 0;
      matchedWords[doc] = 0;
      masks[doc] = 0;
    }
    return coverage;
  }

  /** Whether `term` occurs in document `doc` (postings are in document order). */
  private holds(term: number, doc: number): boolean {
    const { start, docs } = this.postings;
    let lo = start[term] as number;
    let hi = start[term + 1] as number;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const d = docs[mid] as number;
      if (d === doc) return true;
      if (d < doc) lo = mid + 1;
      else hi = mid;
    }
    return false;
  }

  /** Documents holding both terms, from their postings (both in document order). */
  private docsWithBoth(a: number, b: number): number[] {
    const { start, docs } = this.postings;
    const out: number[] = [];
    let i = start[a] as number;
    let j = start[b] as number;
    const iEnd = start[a + 1] as number;
    const jEnd = start[b + 1] as number;
    while (i < iEnd && j < jEnd) {
      const x = docs[i] as number;
      const y = docs[j] as number;
      if (x === y) {
        out.push(x);
        i++;
        j++;
      } else if (x < y) i++;
      else j++;
    }
    return out;
  }

  /**
   * The query's words as groups of index terms that can stand for each. A
   * one-letter word ("1" of "1=1") is not a topic; a four-letter word is
   * corrected only to names, never to prose ("rust" is not "must"); a word
   * the index does not know may be two known words run together, where the
   * text has them side by side ("keynote" for "key note", not "key" here and
   * "note" there).
   */
  private groups(text: string): {
    found: { word: string; expansions: Expansion[]; idf: number; only?: Set<number> }[];
    missing: string[];
  } {
    const found: { word: string; expansions: Expansion[]; idf: number; only?: Set<number> }[] = [];
    const missing: string[] = [];
    for (const word of [...new Set(terms(text))].slice(0, MAX_QUERY_TERMS)) {
      if (word.length === 1 && /[a-z0-9]/.test(word)) continue;
      const expansions = this.dictionary
        .lookup(word, { prefix: true, fuzzy: true })
        .filter(
          (e) =>
            e.kind !== "fuzzy" ||
            word.length > 4 ||
            ((this.termFields[e.term] as number) & NAME_FIELD_BITS) !== 0,
        );
      if (expansions.length > 0) {
        found.push({ word, expansions, idf: this.groupIdf(expansions) });
        continue;
      }
      const split = splitWord(word, this.dictionary, (a, b) => this.docsWithBoth(a, b), this.texts);
      if (split && split.docs.size > 0) {
        const idf = Math.max(...split.parts.map((p) => this.idf(p.term)));
        found.push({ word, expansions: split.parts, idf, only: split.docs });
      } else missing.push(word);
    }
    return { found, missing };
  }

  /**
   * A misspelt word is as telling as the word it most likely meant: the most
   * frequent of its closest spellings, not the rarest stray match.
   */
  private groupIdf(expansions: Expansion[]): number {
    const exact = expansions.find((e) => e.kind === "exact");
    if (exact) return this.idf(exact.term);
    let chosen = expansions[0] as Expansion;
    for (const e of expansions) {
      if (
        e.quality > chosen.quality + 1e-9 ||
        (Math.abs(e.quality - chosen.quality) < 1e-9 &&
          this.documentFrequency(e.term) > this.documentFrequency(chosen.term))
      ) {
        chosen = e;
      }
    }
    return this.idf(chosen.term);
  }
}

/** What the constructor works out from the documents. */
interface Built {
  postings: Postings;
  termFields: Uint16Array;
  dictionary: TermDictionary;
}

function* buildParts(docs: readonly FieldTexts[]): Steps<Built> {
  // Terms become numbers as they are first seen; per-document counting then
  // runs on flat arrays indexed by term number instead of a map per document.
  const ids = new Map<string, number>();
  const vocabulary: string[] = [];
  const tokenised: number[][][] = [];
  for (const doc of docs) {
    if (tokenised.length % STEP_EVERY === 0) yield;
    tokenised.push(
      FIELDS.map((f) => {
        const out: number[] = [];
        for (const text of doc[f] ?? []) {
          for (const term of terms(text)) {
            let id = ids.get(term);
            if (id === undefined) {
              id = vocabulary.length;
              ids.set(term, id);
              vocabulary.push(term);
            }
            out.push(id);
          }
        }
        return out;
      }),
    );
  }
  const averages = FIELDS.map((_, f) => {
    let sum = 0;
    let count = 0;
    for (const fields of tokenised) {
      const len = fields[f]?.length ?? 0;
      if (len > 0) {
        sum += len;
        count++;
      }
    }
    return count > 0 ? sum / count : 1;
  });

  const v = vocabulary.length;
  const tf = new Int32Array(v);
  const docWeight = new Float64Array(v);
  const docMask = new Uint16Array(v);
  const df = new Int32Array(v);
  // How many (document, term) entries there are, so that they go into arrays of
  // their final size: growing plain arrays of millions of entries stalled for
  // hundreds of milliseconds at a time.
  const lastDoc = new Int32Array(v).fill(-1);
  let entries = 0;
  for (const [doc, fields] of tokenised.entries()) {
    if (doc % STEP_EVERY === 0) yield;
    for (const list of fields) {
      for (const id of list) {
        if (lastDoc[id] !== doc) {
          lastDoc[id] = doc;
          entries++;
        }
      }
    }
  }
  // The entries in document order, sorted into term order below.
  const entryTerm = new Int32Array(entries);
  const entryWeight = new Float64Array(entries);
  const entryMask = new Uint16Array(entries);
  const entryDoc = new Int32Array(entries);
  let entry = 0;
  const fieldTerms: number[] = [];
  const docTerms: number[] = [];
  for (const [doc, fields] of tokenised.entries()) {
    if (doc % STEP_EVERY === 0) yield;
    docTerms.length = 0;
    fields.forEach((list, f) => {
      if (list.length === 0) return;
      const { weight, b } = WEIGHTS[FIELDS[f] as TextField];
      const norm = 1 - b + (b * list.length) / (averages[f] ?? 1);
      fieldTerms.length = 0;
      for (const id of list) {
        if (tf[id] === 0) fieldTerms.push(id);
        tf[id] = (tf[id] as number) + 1;
      }
      for (const id of fieldTerms) {
        const count = tf[id] as number;
        if (docWeight[id] === 0) docTerms.push(id);
        docWeight[id] =
          (docWeight[id] as number) + (weight * count * (K1 + 1)) / (count + K1 * norm);
        docMask[id] = (docMask[id] as number) | (1 << f);
        tf[id] = 0;
      }
    });
    for (const id of docTerms) {
      entryTerm[entry] = id;
      entryDoc[entry] = doc;
      entryWeight[entry] = docWeight[id] as number;
      entryMask[entry] = docMask[id] as number;
      entry++;
      df[id] = (df[id] as number) + 1;
      docWeight[id] = 0;
      docMask[id] = 0;
    }
  }

  const start = new Int32Array(v + 1);
  for (let t = 0; t < v; t++) start[t + 1] = (start[t] as number) + (df[t] as number);
  const next = start.slice(0, v);
  const postings: Postings = {
    start,
    docs: new Int32Array(entries),
    weights: new Float32Array(entries),
    fields: new Uint16Array(entries),
  };
  for (let e = 0; e < entries; e++) {
    if (e % (STEP_EVERY * 256) === 0) yield;
    const t = entryTerm[e] as number;
    const at = next[t] as number;
    next[t] = at + 1;
    postings.docs[at] = entryDoc[e] as number;
    postings.weights[at] = entryWeight[e] as number;
    postings.fields[at] = entryMask[e] as number;
  }
  const termFields = new Uint16Array(v);
  for (let t = 0; t < v; t++) {
    for (let i = start[t] as number; i < (start[t + 1] as number); i++) {
      termFields[t] = (termFields[t] as number) | (postings.fields[i] as number);
    }
  }
  yield;
  const dictionary = new TermDictionary(vocabulary);
  yield;
  return { postings, termFields, dictionary };
}
