import { describe, expect, it } from "vitest";
import { detectLayout } from "../../../src/catalog/sources/index.ts";
import { parseRecap } from "../../../src/catalog/sources/recap.ts";
import { realSource } from "./real.ts";

const real = realSource("004");

describe("conference recap (004): the real document", () => {
  const { talks, tracks } = parseRecap(real);

  it("has the two tracks the text names, with the day and the host it gives", () => {
    expect(tracks).toEqual([
      {
        name: "Stream Processing in the Modern Age",
        day: { kind: "conferenceDay", n: 1, text: "Day 1: Stream Processing in the Modern Age" },
        host: "Tyler Akidau",
      },
      {
        name: "Architectures You’ve Always Wondered About",
        day: {
          kind: "conferenceDay",
          n: 2,
          text: "Day 2: Architectures You’ve Always Wondered About",
        },
        host: "Wesley Reisz",
      },
    ]);
  });

  it("has twelve talks: ten attended, the author's presentation and the AMA", () => {
    expect(
      talks.map((t) => [
        t.title,
        t.day?.kind === "conferenceDay" ? t.day.n : null,
        t.track ?? null,
      ]),
    ).toEqual([
      ["Drivetribe: A Social Network on Streams", 1, "Stream Processing in the Modern Age"],
      [
        "Next Steps in Stateful Streaming with Apache Flink",
        1,
        "Stream Processing in the Modern Age",
      ],
      [
        "Streaming SQL Foundations: Why I ❤ Streams+Tables",
        1,
        "Stream Processing in the Modern Age",
      ],
      ["Inside a Self-Driving Uber", 2, "Architectures You’ve Always Wondered About"],
      [
        "Logistics as a Service: Building the Ocado Smart Platform",
        2,
        "Architectures You’ve Always Wondered About",
      ],
      [
        "Lambda Architectures: a Snapshot, a Stream, & a Bunch of Deltas",
        2,
        "Architectures You’ve Always Wondered About",
      ],
      ["High Performance Actors", 3, null],
      ["Cloud-Native and Scalable Kafka Architecture", 3, null],
      ["Tasty Topics", 3, null],
      ["Cluster Consensus: When Aeron Met Raft", 3, null],
      ["Actors or Not: Async Event Architectures", null, null],
      ["AMA: Actor-Based Architectures", null, null],
    ]);
  });

  it("names as speakers only those the text says gave or hosted the talk", () => {
    expect(talks.map((t) => t.speakers.map((s) => s.name))).toEqual([
      [],
      ["Stephan Ewen"],
      ["Tyler Akidau"],
      [],
      ["Paul Sweetman", "Alex Harvey"],
      [],
      [],
      [],
      ["Michael Hussey"],
      ["Martin Thompson"],
      [], // the author's own talk: the recap never gives the author's name
      ["Jonas Boner", "Kiki Carter"], // co-hosts; Martin Thompson and Dave Farley were guests
    ]);
  });

  it("marks the AMA's format; the others have none given", () => {
    expect(talks.map((t) => t.format)).toEqual([...Array(11).fill(undefined), "ama"]);
  });

  it("keeps what the recap says of each talk, without link remnants", () => {
    expect(talks[0]?.abstract).toMatch(/^Drivetribe is a popular motoring social network\./);
    expect(talks[0]?.abstract).toMatch(
      /Drivetribe also employs various algebras to deal with duplicate and out of order events:$/,
    );
    expect(talks[3]?.abstract).toContain("attend this talk 😉 And it was definitely worth it!");
    expect(talks[6]?.abstract).toBe(
      "Probably one of the best introductions to actor systems and Akka (Java API) I’ve seen! Focused on real-world performance and reasoning behind some of the Akka design decisions.",
    );
    expect(talks[10]?.abstract).toContain("(¯\\(ツ)/¯)");
    const all = talks.map((t) => `${t.title}\n${t.abstract}`).join("\n");
    expect(all).not.toMatch(/Link to this heading|Slides \||Summary|QCon has 12 years/);
  });

  it("is recognised from its content", () => {
    expect(detectLayout(real)).toBe("recap");
  });
});

const base = [
  "An intro about the conference.",
  "",
  "Day 1: Testing Everything Link to this heading",
  "",
  "I spent the day at the Testing Everything track hosted by Ada Lovelace.",
  "",
  "Property Tests in Practice",
  "",
  "",
  "Grace Hopper talked about generators. Alan Turing and Kurt Gödel were in the audience.",
  "",
  "Mutation Testing at Scale",
  "",
  "Slides | Video",
  "",
  "Great talk by Barbara Liskov about mutants.",
  "",
  "Day 2: a mixed day Link to this heading",
  "",
  "The second day I went to many tracks.",
  "",
  "Fuzzing the Kernel",
  "",
  "Nobody was named here.",
  "",
  "My Talks Link to this heading",
  "",
  "Workshop: Testing Legacy Code Link to this heading",
  "",
  "I ran this workshop together with Edsger Dijkstra.",
  "",
  "Summary Link to this heading",
  "",
  "It was a great conference.",
].join("\n");

function summary(text: string) {
  const { talks, tracks } = parseRecap(text);
  return {
    tracks: tracks.map((t) => [
      t.name,
      t.day?.kind === "conferenceDay" ? t.day.n : null,
      t.host ?? null,
    ]),
    talks: talks.map((t) => ({
      title: t.title,
      day: t.day?.kind === "conferenceDay" ? t.day.n : null,
      track: t.track ?? null,
      speakers: t.speakers.map((s) => s.name),
      format: t.format ?? null,
      abstract: t.abstract,
    })),
  };
}

describe("recap: variations of the layout", () => {
  const expected = summary(base);

  it("the hand-made baseline", () => {
    expect(expected).toEqual({
      tracks: [["Testing Everything", 1, "Ada Lovelace"]],
      talks: [
        {
          title: "Property Tests in Practice",
          day: 1,
          track: "Testing Everything",
          speakers: ["Grace Hopper"],
          format: null,
          abstract:
            "Grace Hopper talked about generators. Alan Turing and Kurt Gödel were in the audience.",
        },
        {
          title: "Mutation Testing at Scale",
          day: 1,
          track: "Testing Everything",
          speakers: ["Barbara Liskov"],
          format: null,
          abstract: "Great talk by Barbara Liskov about mutants.",
        },
        {
          title: "Fuzzing the Kernel",
          day: 2,
          track: null,
          speakers: [],
          format: null,
          abstract: "Nobody was named here.",
        },
        {
          title: "Workshop: Testing Legacy Code",
          day: null,
          track: null,
          speakers: [],
          format: "workshop",
          abstract: "I ran this workshop together with Edsger Dijkstra.",
        },
      ],
    });
  });

  it("headings as HTML or Markdown instead of anchor text", () => {
    const html = base.replace(/^(.*) Link to this heading$/gm, "<h2>$1</h2>");
    expect(summary(html)).toEqual(expected);
    const md = base.replace(/^(.*) Link to this heading$/gm, "## $1");
    expect(summary(md)).toEqual(expected);
  });

  it("extra blank lines and stray markup", () => {
    const text = base
      .replace(/\n/g, "\n\n")
      .replace("Grace Hopper talked", "<p>Grace Hopper talked")
      .replace("about mutants.", "about <em>mutants</em>.</p>");
    expect(summary(text)).toEqual(expected);
  });

  it("a day without a host, and a day heading without the intro", () => {
    const text = base
      .replace(" hosted by Ada Lovelace", "")
      .replace("\nThe second day I went to many tracks.\n", "")
      .replace("Day 2: a mixed day", "Day 2: Fuzzing Day");
    const s = summary(text);
    expect(s.tracks).toEqual([
      ["Testing Everything", 1, null],
      ["Fuzzing Day", 2, null],
    ]);
    expect(s.talks[2]?.track).toBe("Fuzzing Day");
  });

  it("the author's talk with a generic heading takes its title from the text, or none", () => {
    const text = base.replace(
      "Workshop: Testing Legacy Code Link to this heading\n\nI ran this workshop together with Edsger Dijkstra.",
      "Presentation Link to this heading\n\nHere are the slides of my Testing in Production talk.",
    );
    expect(summary(text).talks[3]).toMatchObject({ title: "Testing in Production", speakers: [] });
    const untitled = base.replace(
      "Workshop: Testing Legacy Code Link to this heading\n\nI ran this workshop together with Edsger Dijkstra.",
      "Presentation Link to this heading\n\nIt went well.",
    );
    expect(summary(untitled).talks[3]).toMatchObject({ title: null, abstract: "It went well." });
  });
});
