import { terms } from "./normalize.ts";
import { TermDictionary } from "./term-dictionary.ts";
import { MAX_QUERY_TERMS } from "./text-index.ts";

export interface NameMatch {
  /** Index into the names given to the constructor. */
  name: number;
  /** Mean quality of the words' matches, 1 when every word was exact. */
  score: number;
}

/**
 * A small index over names (tracks, speakers, rooms): which names contain all
 * of some words, exactly, by prefix, or with a typo. Used for `track …`,
 * `speaker …`, `room …` and for suggestions when nothing matched.
 */
export class NameIndex {
  readonly names: readonly string[];
  /** Words in the longest name: a filter never needs to try more. */
  readonly maxWords: number;
  private readonly dictionary: TermDictionary;
  /** Term id → the names containing it. */
  private readonly holders: number[][];

  constructor(names: readonly string[]) {
    this.names = names;
    const byTerm = new Map<string, number[]>();
    let maxWords = 0;
    names.forEach((name, i) => {
      const nameTerms = terms(name, { keepStopwords: true });
      maxWords = Math.max(maxWords, nameTerms.length);
      for (const term of new Set(nameTerms)) {
        const list = byTerm.get(term);
        if (list) list.push(i);
        else byTerm.set(term, [i]);
      }
    });
    this.maxWords = maxWords;
    this.dictionary = new TermDictionary(byTerm.keys());
    this.holders = [...byTerm.values()];
  }

  /** Names containing every word; only the best-scoring ones ("java" prefers Java to JavaScript). */
  matchAll(words: readonly string[]): NameMatch[] {
    const wanted = words.flatMap((w) => terms(w, { keepStopwords: true }));
    if (wanted.length === 0) return [];
    let scores: Map<number, number> | undefined;
    for (const word of wanted) {
      const here = this.qualities(word, 0);
      if (scores === undefined) scores = here;
      else {
        const next = new Map<number, number>();
        for (const [name, q] of here) {
          const before = scores.get(name);
          if (before !== undefined) next.set(name, before + q);
        }
        scores = next;
      }
      if (scores.size === 0) return [];
    }
    const matches = [...(scores ?? [])].map(([name, s]) => ({ name, score: s / wanted.length }));
    const top = Math.max(...matches.map((m) => m.score));
    return matches.filter((m) => m.score >= top - 1e-9);
  }

  /**
   * Names sharing any word with the query, allowing one more typo than usual,
   * best first: the "did you mean" list.
   */
  closest(words: readonly string[], limit: number, minQuality = 0): NameMatch[] {
    const wanted = [...new Set(words.flatMap((w) => terms(w)))].slice(0, MAX_QUERY_TERMS);
    if (wanted.length === 0) return [];
    const scores = new Map<number, number>();
    for (const word of wanted) {
      for (const [name, q] of this.qualities(word, 1)) {
        if (q >= minQuality) scores.set(name, (scores.get(name) ?? 0) + q);
      }
    }
    return [...scores]
      .map(([name, s]) => ({ name, score: s / wanted.length }))
      .sort((a, b) => b.score - a.score || a.name - b.name)
      .slice(0, limit);
  }

  private qualities(word: string, extraEdits: number): Map<number, number> {
    const out = new Map<number, number>();
    const expansions = this.dictionary.lookup(word, { prefix: true, fuzzy: true, extraEdits });
    for (const e of expansions) {
      for (const name of this.holders[e.term] ?? []) {
        if ((out.get(name) ?? 0) < e.quality) out.set(name, e.quality);
      }
    }
    return out;
  }
}
