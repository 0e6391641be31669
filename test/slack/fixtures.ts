import type { Logger } from "@slack/bolt";
import { LogLevel } from "@slack/bolt";
import type { Catalog, Talk } from "../../src/catalog/schema.ts";
import type { SearchOptions, SearchResult, TalkSearch } from "../../src/search/types.ts";
import { talkOf } from "../support/catalogs.ts";

export const hostile = {
  channel: "<!channel>",
  mention: "<@U123>",
  link: "<https://evil.example|Keynote>",
};

export function talk(id: string, over: Partial<Talk> = {}): Talk {
  return talkOf(id, {
    eventId: "qcon",
    trackId: "arch",
    title: `Kafka in production ${id}`,
    abstract: "How we run Kafka at scale. Then a lot more about partitions and consumers.",
    speakers: [
      {
        name: "Ada Lovelace",
        role: "Principal Engineer",
        company: "Analytical Engines",
        bio: "Ada writes programs.",
      },
    ],
    start: "2020-03-03T10:35:00+00:00",
    end: "2020-03-03T11:25:00+00:00",
    room: "Fleming",
    tags: ["kafka"],
    sources: ["x.txt"],
    ...over,
  });
}

export function catalogOf(talks: Talk[]): Catalog {
  return {
    events: [
      { id: "qcon", name: "QCon London 2020", timeZone: "Europe/London", sources: ["x.txt"] },
    ],
    tracks: [{ id: "arch", eventId: "qcon", name: "Architectures You've Always Wondered About" }],
    talks,
  };
}

export const seedCatalog = catalogOf([
  talk("t1", { title: "Kafka in production" }),
  talk("t2", {
    title: "Streaming & you",
    speakers: [{ name: "Grace Hopper", company: "Navy" }],
  }),
  talk("t3", { title: "Microservices without tears", tags: ["microservices"] }),
]);

/** A catalog written by an attacker: every field tries to ping, mention or fake a link. */
export function hostileCatalog(count = 60): Catalog {
  const evil = `${hostile.channel} ${hostile.mention} ${hostile.link} & friends`;
  const long = `${evil} ${"word ".repeat(1200)}`;
  return {
    events: [{ id: "qcon", name: evil, timeZone: "Europe/London", sources: ["x.txt"] }],
    tracks: [{ id: "arch", eventId: "qcon", name: `${evil} ${"track ".repeat(100)}` }],
    talks: Array.from({ length: count }, (_, i) =>
      talk(`evil-${i}`, {
        title: `${evil} ${"title ".repeat(200)}`,
        abstract: long,
        room: `${evil} room`,
        speakers: Array.from({ length: 30 }, (_, s) => ({
          name: `${hostile.mention} Speaker ${s}`,
          role: hostile.channel,
          company: hostile.link,
          bio: long,
        })),
      }),
    ),
  };
}

/**
 * A stand-in for the real search (tested on its own): matches a query word in
 * the title, pages like the real one, suggests a name when nothing matches.
 */
export function fakeSearch(
  catalog: Catalog,
): TalkSearch & { calls: { query: string; options: SearchOptions }[] } {
  const calls: { query: string; options: SearchOptions }[] = [];
  return {
    calls,
    search(query: string, options: SearchOptions): SearchResult {
      calls.push({ query, options });
      const limit = options.limit ?? 10;
      const offset = options.offset ?? 0;
      const q = query.trim().toLowerCase();
      const help = q === "" || q === "help";
      const all = help
        ? catalog.talks.slice(0, 2)
        : catalog.talks.filter((t) => q === "*" || (t.title ?? "").toLowerCase().includes(q));
      return {
        query,
        help,
        hits: all
          .slice(offset, offset + limit)
          .map((t) => ({ talk: t, score: 1, matched: ["title"] })),
        total: all.length,
        offset,
        limit,
        suggestions: all.length === 0 && !help ? ["Architectures", `${hostile.channel} Ada`] : [],
        filters: [],
      };
    },
  };
}

export function throwingSearch(): TalkSearch {
  return {
    search() {
      throw new Error("index exploded");
    },
  };
}

/** A Logger that keeps what it was told, so tests can assert the reference id was logged. */
export function memoryLogger(): Logger & { lines: { level: string; args: unknown[] }[] } {
  const lines: { level: string; args: unknown[] }[] = [];
  const at =
    (level: string) =>
    (...args: unknown[]) => {
      lines.push({ level, args });
    };
  return {
    lines,
    debug: at("debug"),
    info: at("info"),
    warn: at("warn"),
    error: at("error"),
    setLevel: () => {},
    getLevel: () => LogLevel.DEBUG,
    setName: () => {},
  };
}
