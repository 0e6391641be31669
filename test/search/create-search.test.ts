import { describe, expect, it } from "vitest";
import { createSearch } from "../../src/search/create-search.ts";
import { talkOf } from "../support/catalogs.ts";
import { smallCatalog } from "./small-catalog.ts";

const search = createSearch(smallCatalog());
/** Tuesday 3 March 2020, 10:00 in London: day one, before the first slot. */
const morning = new Date("2020-03-03T10:00:00Z");

function ids(query: string, now = morning, limit = 20): string[] {
  return search.search(query, { now, limit }).hits.map((h) => h.talk.id);
}

describe("free text", () => {
  it("puts a title and topic match above a passing mention in an abstract", () => {
    expect(ids("kafka")).toEqual(["kafka-streams", "untimed", "flink"]);
  });

  it("forgives typos in topics and names", () => {
    expect(ids("kafak")[0]).toBe("kafka-streams");
    expect(ids("Martin Tompson")).toEqual(["exchange"]);
    expect(ids("thompsn")).toEqual(["exchange"]);
    expect(ids("microfrontends")).toEqual(["frontends"]);
  });

  it("finds speakers by company", () => {
    expect(ids("DAZN")).toEqual(["frontends"]);
    expect(ids("confluent")).toEqual(["kafka-streams"]);
  });

  it("folds accents, so Laetitia finds Lætitia", () => {
    expect(ids("laetitia avrot")).toEqual(["postgres"]);
  });

  it("still answers a multi-word query when one word matches nothing", () => {
    expect(ids("terraform infrastructure code")[0]).toBe("terraform");
    expect(ids("kafka qqqxxyzz")[0]).toBe("kafka-streams");
  });

  it("ranks talks matching more of the words first", () => {
    expect(ids("stream processing kafka")[0]).toBe("kafka-streams");
    expect(ids("stream processing flink")[0]).toBe("flink");
  });

  it("returns nothing for nonsense rather than the least bad match", () => {
    const result = search.search("zzqxjvw", { now: morning });
    expect(result.hits).toEqual([]);
    expect(result.total).toBe(0);
    expect(result.help).toBe(false);
  });

  it("strips filler people type around the topic", () => {
    expect(ids("what's on about kafka")).toEqual(ids("kafka"));
    expect(ids("any talks on terraform?")).toEqual(["terraform"]);
  });

  it("says which fields matched", () => {
    const [hit] = search.search("Martin Thompson", { now: morning }).hits;
    expect(hit?.matched).toEqual(["speaker"]);
    const [dazn] = search.search("dazn", { now: morning }).hits;
    expect(dazn?.matched).toContain("company");
  });

  it("never shows breaks", () => {
    expect(ids("lunch")).toEqual([]);
    expect(ids("sandwiches")).toEqual([]);
    expect(ids("today")).not.toContain("lunch");
  });

  it("never shows breaks, however the export capitalised the format", () => {
    const catalog = smallCatalog();
    catalog.talks = catalog.talks.map((t) => (t.id === "lunch" ? { ...t, format: "Break" } : t));
    expect(createSearch(catalog).search("lunch", { now: morning }).total).toBe(0);
  });
});

describe("time words", () => {
  it("now: the talks in progress", () => {
    expect(ids("now", new Date("2020-03-03T10:40:00Z"))).toEqual(["exchange", "kafka-streams"]);
  });

  it("now between talks: nothing in progress, and the next slot", () => {
    const between = new Date("2020-03-03T11:30:00Z");
    expect(ids("now", between)).toEqual(["flink", "frontends"]);
    expect(search.search("now", { now: between }).notice).toBe(
      "Nothing in progress right now; next at 11:50.",
    );
  });

  it("next: the next slot of each track, ties by start then title", () => {
    expect(ids("next", new Date("2020-03-03T11:00:00Z"))).toEqual(["flink", "frontends"]);
  });

  it("next on the last evening means the next conference morning", () => {
    expect(ids("next", new Date("2020-03-03T19:00:00Z"))).toEqual(["react", "terraform"]);
  });

  it("today and tomorrow are days in the event's zone", () => {
    expect(ids("today")).toEqual(["exchange", "kafka-streams", "flink", "frontends"]);
    expect(ids("tomorrow")).toEqual(["react", "terraform", "loom"]);
  });

  it("a weekday is the next such day", () => {
    expect(ids("wednesday")).toEqual(ids("tomorrow"));
    expect(ids("thursday")).toEqual([]);
  });

  it("reads today in each event's own zone", () => {
    // 23:30 UTC on 5 Feb is already 6 Feb in Brussels.
    expect(ids("today", new Date("2021-02-05T23:30:00Z"))).toEqual(["postgres"]);
    expect(ids("today", new Date("2021-02-05T22:30:00Z"))).toEqual([]);
  });

  it("reads days at the talk's own offset when the event has no zone", () => {
    const catalog = smallCatalog();
    catalog.events.push({ id: "nozone", name: null, timeZone: null, sources: ["hand-made"] });
    catalog.talks.push(
      talkOf("late", {
        eventId: "nozone",
        title: "Late Night Lightning Talks",
        start: "2020-03-04T00:30:00+02:00",
        sources: ["hand-made"],
      }),
    );
    const search = createSearch(catalog);
    // 22:40 UTC on the 3rd is already the 4th at +02:00.
    const at = new Date("2020-03-03T22:40:00Z");
    expect(search.search("today lightning", { now: at }).hits.map((h) => h.talk.id)).toEqual([
      "late",
    ]);
    expect(search.search("now", { now: at }).hits.map((h) => h.talk.id)).toEqual(["late"]);
  });

  it("finds days at the edges of the world's zones and six days ahead", () => {
    const catalog = smallCatalog();
    catalog.events.push(
      { id: "kiri", name: null, timeZone: "Pacific/Kiritimati", sources: ["hand-made"] },
      { id: "pago", name: null, timeZone: "Pacific/Pago_Pago", sources: ["hand-made"] },
    );
    const at = (id: string, eventId: string, start: string) =>
      talkOf(id, { eventId, title: `Edge talk ${id}`, start, sources: ["hand-made"] });
    catalog.talks.push(
      // 00:05 on Friday 6 March at UTC+14 is 10:05 UTC on Thursday 5 March.
      at("kiri-early", "kiri", "2020-03-06T00:05:00+14:00"),
      // 23:50 on Wednesday 4 March at UTC-11 is 10:50 UTC on Thursday 5 March.
      at("pago-late", "pago", "2020-03-04T23:50:00-11:00"),
      // Six days after Friday 6 March at UTC+14: Thursday 12 March.
      at("kiri-week", "kiri", "2020-03-12T23:30:00+14:00"),
    );
    const search = createSearch(catalog);
    const now = new Date("2020-03-05T10:30:00Z"); // Friday in Kiritimati, Wednesday in Pago Pago
    const found = (q: string) =>
      search.search(`${q} edge`, { now, limit: 50 }).hits.map((h) => h.talk.id);
    expect(found("today")).toEqual(["kiri-early", "pago-late"]);
    expect(found("thursday")).toEqual(["kiri-week"]);
  });

  it("combines with free text", () => {
    expect(ids("kafka today")).toEqual(["kafka-streams", "flink"]);
  });

  it("a topic not on the day asked answers with the event's other days, and says so", () => {
    expect(ids("kafka tomorrow")).toEqual(["kafka-streams", "flink"]);
    expect(search.search("kafka tomorrow", { now: morning }).notice).toBe(
      "No “kafka” talks tomorrow (Wed 4 Mar 2020); 2 on Tue 3 Mar 2020:",
    );
  });

  it("talks without a start never match a time word", () => {
    expect(ids("kafka today")).not.toContain("untimed");
    expect(ids("unconference")).toEqual(["untimed"]);
  });

  it("marks time matches", () => {
    const [hit] = search.search("today", { now: morning }).hits;
    expect(hit?.matched).toEqual(["time"]);
  });
});

describe("track, speaker and room", () => {
  it("track:<name> and track <name> restrict to a track", () => {
    expect(ids("track:architectures")).toEqual(["exchange", "frontends"]);
    expect(ids("track architectures you've always wondered")).toEqual(["exchange", "frontends"]);
  });

  it("combines a track with next", () => {
    expect(ids("next track:architectures")).toEqual(["exchange"]);
    expect(ids("next track architectures", new Date("2020-03-03T11:00:00Z"))).toEqual([
      "frontends",
    ]);
  });

  it("forgives typos in track names", () => {
    expect(ids("track:arkitectures")).toEqual(["exchange", "frontends"]);
    expect(ids("track jaav")).toEqual(["terraform", "loom"]);
  });

  it("a track name prefers the exact word: java is not javascript", () => {
    expect(ids("track java")).toEqual(["terraform", "loom"]);
  });

  it("words after a track name are free text", () => {
    expect(ids("track java threads")).toEqual(["loom"]);
  });

  it("speaker, by and room", () => {
    expect(ids("speaker martin")).toEqual(["exchange"]);
    expect(ids("by luca")).toEqual(["frontends"]);
    expect(ids("room churchill")).toEqual(["kafka-streams", "flink"]);
    expect(ids("speaker:mezalira")).toEqual(["frontends"]);
  });

  it("describes the filters it recognised", () => {
    const result = search.search("next track:architectures", { now: morning });
    expect(result.filters).toEqual([
      "track: Architectures You've Always Wondered About",
      "next in each track",
    ]);
  });

  it("says whether time words decided the answer, and not when an unknown name did", () => {
    const timed = (q: string) => search.search(q, { now: morning }).timed;
    expect(timed("next")).toBe(true);
    expect(timed("kafka today")).toBe(true);
    expect(timed("kafka")).toBe(false);
    expect(timed("track:kubernetes today")).toBe(false);
  });

  it("suggests existing tracks when the track named does not exist", () => {
    const result = search.search("track:kubernetes", { now: morning });
    expect(result.hits).toEqual([]);
    expect(result.suggestions).toContain("Java");
  });

  it("a track without talks is found, and has no talks", () => {
    const catalog = smallCatalog();
    catalog.tracks.push({ id: "k8s", eventId: "conf", name: "Kubernetes and Cloud" });
    const result = createSearch(catalog).search("track:kubernetes", { now: morning });
    expect(result.hits).toEqual([]);
    expect(result.filters).toEqual(["track: Kubernetes and Cloud"]);
  });

  it("treats names differing only by a curly apostrophe as one", () => {
    const catalog = smallCatalog();
    catalog.tracks.push({
      id: "arch2",
      eventId: "brx",
      name: "Architectures You’ve Always Wondered About",
    });
    const result = createSearch(catalog).search('track:"architectures of doom"', { now: morning });
    expect(result.suggestions).toEqual(["Architectures You've Always Wondered About"]);
  });

  it("suggests the closest names when nothing matched", () => {
    const result = search.search('track:"architectures of doom"', { now: morning });
    expect(result.hits).toEqual([]);
    expect(result.suggestions).toEqual(["Architectures You've Always Wondered About"]);
  });
});

describe("help and paging", () => {
  it("an empty query is help plus what is next", () => {
    const result = search.search("  ", { now: morning });
    expect(result.help).toBe(true);
    expect(result.hits.map((h) => h.talk.id)).toEqual(["exchange", "kafka-streams"]);
  });

  it("help is help", () => {
    expect(search.search("help", { now: morning }).help).toBe(true);
  });

  it("pages with limit and offset, total counting everything", () => {
    const first = search.search("today", { now: morning, limit: 2 });
    const second = search.search("today", { now: morning, limit: 2, offset: 2 });
    expect(first.total).toBe(4);
    expect(first.hits.map((h) => h.talk.id)).toEqual(["exchange", "kafka-streams"]);
    expect(second.hits.map((h) => h.talk.id)).toEqual(["flink", "frontends"]);
    expect(second.offset).toBe(2);
    expect(second.limit).toBe(2);
  });

  it("orders equal scores by start time, then title", () => {
    const hits = search.search("track:architectures", { now: morning }).hits;
    expect(hits.map((h) => h.score)).toEqual([1, 1]);
    expect(hits.map((h) => h.talk.id)).toEqual(["exchange", "frontends"]);
  });
});

describe("a talk with a day but no time (a recap's 'Day 2')", () => {
  const catalog = smallCatalog();
  catalog.talks.push(
    talkOf("dated-only", {
      eventId: "conf",
      trackId: "data",
      title: "Kafka lessons from the hallway",
      abstract: "What people said about Kafka between sessions.",
      date: "2020-03-04",
      sources: ["hand-made"],
    }),
  );
  const dated = createSearch(catalog);
  const wednesdayMorning = new Date("2020-03-04T08:00:00Z");
  const found = (q: string, now = wednesdayMorning) =>
    dated.search(q, { now, limit: 50 }).hits.map((h) => h.talk.id);

  it("is found by the day words of its day, alone or with text", () => {
    expect(found("today")).toContain("dated-only");
    expect(found("kafka today")).toContain("dated-only");
    expect(found("wednesday", new Date("2020-03-02T08:00:00Z"))).toContain("dated-only");
    expect(found("tomorrow", new Date("2020-03-03T08:00:00Z"))).toContain("dated-only");
  });

  it("is not found on other days, nor by now or next, which need a time", () => {
    expect(found("today", new Date("2020-03-03T08:00:00Z"))).not.toContain("dated-only");
    expect(found("now")).not.toContain("dated-only");
    expect(found("next")).not.toContain("dated-only");
    expect(found("kafka next")).not.toContain("dated-only");
  });
});
