import { describe, expect, it } from "vitest";
import { editDistance } from "../../src/search/edit-distance.ts";
import { terms } from "../../src/search/normalize.ts";
import { TermDictionary } from "../../src/search/term-dictionary.ts";

describe("editDistance", () => {
  it("counts a swap of neighbours as one edit", () => {
    expect(editDistance("kafak", "kafka", 2)).toBe(1);
    expect(editDistance("tompson", "thompson", 2)).toBe(1);
    expect(editDistance("kitten", "sitting", 3)).toBe(3);
  });

  it("stops at the bound", () => {
    expect(editDistance("zzqxjvw", "kubernetes", 2)).toBe(3);
  });
});

describe("terms", () => {
  it("folds case, accents and plurals and drops filler", () => {
    expect(terms("What's on about Architectures?")).toEqual(["architecture"]);
    expect(terms("Lætitia Avrot")).toEqual(["laetitia", "avrot"]);
  });

  it("keeps hyphenated words both apart and joined", () => {
    expect(terms("Micro-Frontends")).toEqual(["micro", "frontend", "microfrontend"]);
  });

  it("keeps language names with symbols", () => {
    expect(terms("C++ and C# on .NET")).toEqual(["cpp", "csharp", "dotnet"]);
  });
});

describe("TermDictionary", () => {
  const dict = new TermDictionary(["kafka", "kayak", "kubernetes", "kube", "thompson", "rust"]);
  const found = (word: string, fuzzy = true) =>
    dict.lookup(word, { prefix: true, fuzzy }).map((e) => `${dict.terms[e.term]}:${e.kind}`);

  it("finds exact words and longer words by prefix", () => {
    expect(found("kube")).toEqual(["kube:exact", "kubernetes:prefix"]);
  });

  it("finds typos within the allowed edits", () => {
    expect(found("kafak")).toEqual(expect.arrayContaining(["kafka:fuzzy"]));
    expect(found("kubernets")).toEqual(["kubernetes:fuzzy"]);
    expect(found("tompson")).toEqual(["thompson:fuzzy"]);
  });

  it("finds two-edit typos in long words, even two letters missing from the term", () => {
    const long = new TermDictionary(["architecture", "kubernetes"]);
    const near = (w: string) => long.lookup(w, { fuzzy: true }).map((e) => long.terms[e.term]);
    expect(near("arkitecture")).toEqual(["architecture"]);
    expect(near("kubrnetis")).toEqual(["kubernetes"]);
  });

  it("leaves short words and nonsense alone", () => {
    expect(found("rusk")).toEqual(["rust:fuzzy"]);
    expect(found("rst")).toEqual([]);
    expect(found("zzqxjvw")).toEqual([]);
  });

  it("does not guess when the word itself is known", () => {
    expect(found("rust")).toEqual(["rust:exact"]);
  });
});
