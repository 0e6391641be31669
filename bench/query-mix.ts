/**
 * A deterministic mix of queries like attendees type, drawn from the catalog
 * itself: title words, speakers, companies, topics, typos, several words, time
 * words, track/speaker/room filters, filler phrases, nonsense and help.
 */
import type { Catalog, Talk } from "../src/catalog/schema.ts";
import { STOPWORDS } from "../src/search/normalize.ts";
import { prng } from "./generate-catalog.ts";

export interface MixQuery {
  query: string;
  now: Date;
  kind: string;
}

const WEEKDAYS = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];

function contentWords(text: string): string[] {
  return (text.match(/[\p{L}\p{N}][\p{L}\p{N}'-]*/gu) ?? []).filter(
    (w) => w.length > 2 && !STOPWORDS.has(w.toLowerCase()),
  );
}

export function queryMix(catalog: Catalog, count: number, seed = 7): MixQuery[] {
  const random = prng(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const talks = catalog.talks.filter((t) => t.format !== "break");
  const timed = talks.filter((t) => t.start);
  const tracks = new Map(catalog.tracks.map((t) => [t.id, t]));
  const speakers = talks.flatMap((t) => t.speakers);
  const companies = speakers.flatMap((s) => (s.company ? [s.company] : []));
  const rooms = talks.flatMap((t) => (t.room ? [t.room] : []));

  const someTalk = (): Talk => pick(talks);
  const titleWords = (t: Talk) => contentWords(t.title ?? t.abstract.slice(0, 80));
  const anyWord = (): string => {
    for (let i = 0; i < 20; i++) {
      const words = titleWords(someTalk());
      if (words.length > 0) return pick(words);
    }
    return "talk";
  };
  const typo = (word: string): string => {
    const i = 1 + Math.floor(random() * (word.length - 2));
    const kind = Math.floor(random() * 3);
    if (kind === 0)
      return word.slice(0, i) + (word[i + 1] ?? "") + (word[i] ?? "") + word.slice(i + 2);
    if (kind === 1) return word.slice(0, i) + word.slice(i + 1);
    return `${word.slice(0, i)}${pick([..."aeiourstnl"])}${word.slice(i + 1)}`;
  };
  const conferenceMoment = (): Date => {
    const t = timed.length > 0 ? pick(timed) : undefined;
    const base = t?.start ? Date.parse(t.start) : Date.parse("2020-03-03T10:00:00Z");
    return new Date(base + Math.round((random() - 0.5) * 120) * 60_000);
  };

  const makers: [number, string, () => string][] = [
    [
      25,
      "title",
      () => {
        const words = titleWords(someTalk());
        const start = Math.floor(random() * Math.max(1, words.length - 1));
        return words.slice(start, start + 1 + Math.floor(random() * 3)).join(" ");
      },
    ],
    [10, "speaker", () => (speakers.length > 0 ? pick(speakers).name : anyWord())],
    [
      5,
      "speaker-surname",
      () => (speakers.length > 0 ? (pick(speakers).name.split(" ").pop() ?? "") : anyWord()),
    ],
    [7, "company", () => (companies.length > 0 ? pick(companies) : anyWord())],
    [
      8,
      "topic",
      () => {
        const t = someTalk();
        if (t.tags.length > 0 && random() < 0.5) return pick(t.tags);
        const words = contentWords(t.abstract).filter((w) => w.length >= 5);
        return words.length > 0 ? pick(words) : anyWord();
      },
    ],
    [
      10,
      "typo",
      () => {
        for (let i = 0; i < 20; i++) {
          const w = anyWord();
          if (w.length >= 5) return typo(w.toLowerCase());
        }
        return "kafak";
      },
    ],
    [
      7,
      "multi-word",
      () => [anyWord(), anyWord(), pick(contentWords(someTalk().abstract)) ?? ""].join(" "),
    ],
    [
      10,
      "time",
      () => {
        const form = Math.floor(random() * 7);
        if (form === 0) return "now";
        if (form === 1) return "next";
        if (form === 2) return "today";
        if (form === 3) return "tomorrow";
        if (form === 4) return pick(WEEKDAYS);
        if (form === 5) return `${anyWord()} today`;
        const track = pick(catalog.tracks);
        return `next track:${contentWords(track?.name ?? "x")[0] ?? "x"}`;
      },
    ],
    [
      8,
      "filter",
      () => {
        const form = Math.floor(random() * 3);
        if (form === 0) {
          const t = someTalk();
          const name = (t.trackId && tracks.get(t.trackId)?.name) || "general";
          return `track ${contentWords(name).slice(0, 2).join(" ")}`;
        }
        if (form === 1 && speakers.length > 0)
          return `speaker ${pick(speakers).name.split(" ").pop()}`;
        return rooms.length > 0 ? `room ${pick(rooms)}` : `by ${anyWord()}`;
      },
    ],
    [
      5,
      "nonsense",
      () =>
        Array.from({ length: 6 + Math.floor(random() * 4) }, () =>
          pick([..."bcdfghjklmnpqrstvwxz"]),
        ).join(""),
    ],
    [3, "help", () => (random() < 0.5 ? "" : "help")],
    [2, "filler", () => `${pick(["what's on about", "talks on", "anything about"])} ${anyWord()}`],
  ];
  const total = makers.reduce((sum, [w]) => sum + w, 0);

  const mix: MixQuery[] = [];
  for (let i = 0; i < count; i++) {
    let r = random() * total;
    let chosen = makers[0] as (typeof makers)[number];
    for (const m of makers) {
      r -= m[0];
      if (r < 0) {
        chosen = m;
        break;
      }
    }
    mix.push({ query: chosen[2](), now: conferenceMoment(), kind: chosen[1] });
  }
  return mix;
}
