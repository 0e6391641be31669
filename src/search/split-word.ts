import { fold, stem } from "./normalize.ts";
import type { Expansion, TermDictionary } from "./term-dictionary.ts";

/**
 * "microfrontends" typed where the text says "micro frontends": the two known
 * words it is made of (longest first half first), and the documents where they
 * stand side by side. Both words somewhere in a talk is not enough: "keynote"
 * is not a talk with a "key" here and a "note" there.
 */
export function splitWord(
  word: string,
  dictionary: TermDictionary,
  docsWithBoth: (left: number, right: number) => number[],
  texts: readonly Partial<Record<string, string[]>>[],
): { parts: Expansion[]; docs: Set<number> } | undefined {
  for (let i = word.length - 3; i >= 3; i--) {
    const head = word.slice(0, i);
    const tail = word.slice(i);
    const left = dictionary.id(head);
    const right = dictionary.id(tail) ?? dictionary.id(stem(tail));
    if (left === undefined || right === undefined) continue;
    // The tail as a prefix of its stem, so "microfrontends" finds "micro frontend" too.
    const together = new RegExp(
      `(^|[^\\p{L}\\p{N}])${escapeRegExp(head)}[\\s-]?${escapeRegExp(stem(tail))}`,
      "u",
    );
    const docs = new Set<number>();
    for (const doc of docsWithBoth(left, right)) {
      const fields = Object.values(texts[doc] ?? {});
      if (fields.some((list) => list?.some((t) => together.test(fold(t))))) docs.add(doc);
    }
    return {
      parts: [
        { term: left, kind: "exact", quality: 0.9 },
        { term: right, kind: "exact", quality: 0.9 },
      ],
      docs,
    };
  }
  return undefined;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
