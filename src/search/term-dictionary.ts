import { allowedEdits, editDistance, letterMask, mayBeWithin } from "./edit-distance.ts";

export type ExpansionKind = "exact" | "prefix" | "fuzzy";

export interface Expansion {
  /** Index of the term in the dictionary. */
  term: number;
  kind: ExpansionKind;
  /** 1 for the word itself, less the further the term is from what was typed. */
  quality: number;
}

export interface LookupOptions {
  /** Also terms that start with the word (from 4 letters typed). */
  prefix?: boolean;
  /** Also terms a typo or two away, when the word itself is unknown. */
  fuzzy?: boolean;
  /** Extra edits allowed beyond the usual for the word's length (suggestions use 1). */
  extraEdits?: number;
}

const MIN_PREFIX = 4;
const MAX_PREFIX_EXPANSIONS = 40;
const MIN_INDEXED_DELETE = 4;
/**
 * Longer words are not typo-corrected: no real word is this long, and the
 * candidates of a two-edit lookup grow with the square of the length.
 */
const MAX_FUZZY_LENGTH = 40;

/**
 * The vocabulary of an index, looked up exactly, by prefix, or by typo.
 *
 * Typos use the symmetric-delete trick: every term is also filed under each
 * spelling with one letter removed, so a query word finds its neighbours through
 * a handful of map lookups instead of comparing against the whole vocabulary.
 * Candidates are then confirmed with a real edit distance.
 */
export class TermDictionary {
  readonly terms: readonly string[];
  private readonly ids = new Map<string, number>();
  private readonly sorted: number[];
  private readonly deletes = new Map<string, number[]>();
  /** Term ids by length, for the exhaustive pass behind two-edit typos. */
  private readonly byLength: number[][] = [];
  /** Each term's letters as bits (see letterMask). */
  private readonly letters: Int32Array;

  constructor(terms: Iterable<string>) {
    const list: string[] = [];
    for (const term of terms) {
      if (this.ids.has(term)) continue;
      this.ids.set(term, list.length);
      list.push(term);
    }
    this.terms = list;
    this.letters = Int32Array.from(list, letterMask);
    // The default sort compares UTF-16 code units, as `compare` does, and is far faster.
    this.sorted = [...list].sort().map((term) => this.ids.get(term) as number);
    list.forEach((term, id) => {
      const sameLength = this.byLength[term.length];
      if (sameLength) sameLength.push(id);
      else this.byLength[term.length] = [id];
      if (term.length < MIN_INDEXED_DELETE) return;
      for (const variant of deletesOf(term)) {
        const bucket = this.deletes.get(variant);
        if (bucket) {
          if (bucket[bucket.length - 1] !== id) bucket.push(id);
        } else this.deletes.set(variant, [id]);
      }
    });
  }

  get size(): number {
    return this.terms.length;
  }

  id(term: string): number | undefined {
    return this.ids.get(term);
  }

  lookup(word: string, options: LookupOptions = {}): Expansion[] {
    const out: Expansion[] = [];
    const exact = this.ids.get(word);
    if (exact !== undefined) out.push({ term: exact, kind: "exact", quality: 1 });
    if (options.prefix && word.length >= MIN_PREFIX) out.push(...this.prefixed(word, exact));
    if (options.fuzzy && exact === undefined && word.length <= MAX_FUZZY_LENGTH) {
      out.push(...this.near(word, options.extraEdits ?? 0));
    }
    return out;
  }

  private prefixed(word: string, exact: number | undefined): Expansion[] {
    const out: Expansion[] = [];
    let lo = 0;
    let hi = this.sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (compare(this.terms[this.sorted[mid] ?? 0] ?? "", word) < 0) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < this.sorted.length && out.length < MAX_PREFIX_EXPANSIONS; i++) {
      const id = this.sorted[i] ?? 0;
      const term = this.terms[id] ?? "";
      if (!term.startsWith(word)) break;
      if (id === exact) continue;
      // "kube" → "kubernetes" is a good guess; "data" → "database" a weaker one.
      out.push({ term: id, kind: "prefix", quality: 0.45 + 0.3 * (word.length / term.length) });
    }
    return out;
  }

  private near(word: string, extraEdits: number): Expansion[] {
    const max = allowedEdits(word.length) + (word.length >= 4 ? extraEdits : 0);
    if (max === 0) return [];
    const candidates = new Set<number>();
    const consider = (variant: string) => {
      const id = this.ids.get(variant);
      if (id !== undefined) candidates.add(id);
      const bucket = this.deletes.get(variant);
      if (bucket) for (const c of bucket) candidates.add(c);
    };
    consider(word);
    const once = deletesOf(word);
    for (const v of once) consider(v);
    if (max >= 2) for (const v of once) for (const w of deletesOf(v)) consider(w);
    const out: Expansion[] = [];
    const distances: number[] = [];
    const confirm = (id: number) => {
      const d = editDistance(word, this.terms[id] ?? "", max);
      if (d === 0 || d > max) return;
      out.push({ term: id, kind: "fuzzy", quality: Math.min(0.85, 1 - (1.2 * d) / word.length) });
      distances.push(d);
    };
    for (const id of candidates) confirm(id);
    // The deletion index finds typos with at most one letter missing from the
    // term's side; "arkitecture" for "architecture" needs two. When it found
    // nothing for a long word, compare with every term of a similar length.
    if (out.length === 0 && max >= 2) {
      const mask = letterMask(word);
      for (let len = word.length - max; len <= word.length + max; len++) {
        for (const id of this.byLength[len] ?? []) {
          if (mayBeWithin(mask, this.letters[id] as number, max) && !candidates.has(id))
            confirm(id);
        }
      }
    }
    // Only the closest spellings: "poetering" means Poettering (one edit),
    // not "peering" (two), however often peering occurs.
    const closest = Math.min(...distances);
    return out.filter((_, i) => distances[i] === closest);
  }
}

function deletesOf(word: string): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i < word.length; i++) out.add(word.slice(0, i) + word.slice(i + 1));
  return out;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
