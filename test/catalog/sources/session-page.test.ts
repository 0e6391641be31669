import { describe, expect, it } from "vitest";
import { detectLayout } from "../../../src/catalog/sources/index.ts";
import { parseSessionPage } from "../../../src/catalog/sources/session-page.ts";
import { realSource } from "./real.ts";

const page002 = realSource("002");
const page003 = realSource("003");

describe("session page with speakers and bios (002): the real document", () => {
  const { talks, tracks } = parseSessionPage(page002);
  const talk = talks[0];

  it("is one talk, without a title (the page gives none)", () => {
    expect(talks).toHaveLength(1);
    expect(tracks).toEqual([]);
    expect(talk?.title).toBeNull();
  });

  it("has the whole abstract, both paragraphs, without page furniture", () => {
    expect(talk?.abstract).toMatch(
      /^Reactive systems architecture promises resilience and scalability/,
    );
    expect(talk?.abstract).toContain(
      "hard-learned lessons in keeping the system's components running in production.\n\nCome to the talk",
    );
    expect(talk?.abstract).toMatch(/more exotic services in C\+\+, Haskell and more\.$/);
    expect(talk?.abstract).not.toMatch(/About Session|SHARE THIS TALK|SPEAKERS|View Schedule/);
  });

  it("has both speakers with role, company (company first on this page) and full bio", () => {
    expect(talk?.speakers.map(({ bio: _, ...s }) => s)).toEqual([
      {
        name: "Jan Machacek",
        role: "Senior Principal Engineer",
        company: "Disney Streaming Services",
      },
      { name: "Matthew Squire", role: "Technical Team Lead", company: "Disney Streaming Services" },
    ]);
    const jan = talk?.speakers[0]?.bio ?? "";
    expect(jan).toMatch(/^I am a passionate engineer & author/);
    expect(jan).toContain(
      "- Connected health systems (signal processing, sensor fusion, predictions & analysis, strong privacy)\n- Computer vision systems",
    );
    expect(jan).toMatch(/serving as a multiplier in an engineering organisation\.$/);
    expect(talk?.speakers[1]?.bio).toMatch(
      /^Matt is an engineer and technical team lead.*how distributed systems work at scale\.$/s,
    );
    expect(talk?.speakers.some((s) => s.bioTruncated)).toBe(false);
  });

  it("is recognised from its content", () => {
    expect(detectLayout(page002)).toBe("session-page");
  });
});

describe("session page with a 'From the same track' list (003): the real document", () => {
  const { talks } = parseSessionPage(page003);

  it("has the page's own talk and the five of the same track", () => {
    expect(talks.map((t) => [t.title, t.format, t.tags])).toEqual([
      ["Reactive Systems Architecture", "talk", []],
      ["Complex Event Flows in Distributed Systems", "talk", ["Distributed Systems"]],
      ["Lessons From 300k+ Lines of Infrastructure Code", "talk", ["Infrastructure"]],
      [
        "What Lies Between: The Challenge of Operationalising Microservices",
        "talk",
        ["Microservices"],
      ],
      [
        "Cultivating Production Excellence - Taming Complex Distributed Systems",
        "talk",
        ["Microservices"],
      ],
      ["Microservices Open Space", "unconference", ["Microservices"]],
    ]);
  });

  it("has each talk's speakers with role and company", () => {
    expect(talks.map((t) => t.speakers.map(({ bio: _b, bioTruncated: _t, ...s }) => s))).toEqual([
      [
        {
          name: "Jan Machacek",
          role: "Senior Principal Engineer & Founder",
          company: "waltdisneyco & muvrhq",
        },
        { name: "Matthew Squire", role: "Technical Team Leader", company: "BamtechMedia" },
      ],
      [{ name: "Bernd Ruecker", role: "Co-founder and chief technologist", company: "Camunda" }],
      [{ name: "Yevgeniy Brikman", role: "Co-founder", company: "gruntwork_io" }],
      [{ name: "Colin Breck", role: "Sr. Staff Software Engineer", company: "Tesla" }],
      [{ name: "Liz Fong-Jones", role: "Site Reliability Engineer" }],
      [{ name: "Ian Robins" }],
    ]);
  });

  it("keeps the abstracts (cut short where the page cuts them) and marks them", () => {
    const main = talks[0];
    expect(main?.abstract).toMatch(
      /^Reactive systems architecture promises resilience and scalability/,
    );
    expect(main?.abstract).toContain("distributed system’s resilience; together with the results");
    expect(main?.abstract).toMatch(
      /“4 things that make the biggest impact in distributed systems”, together with architectural and code examples to help you to avoid repeating the speakers’ mistakes\.$/,
    );
    expect(main?.abstractTruncated).toBeUndefined();
    expect(talks[2]?.abstract).toContain("the “Infrastructure Cookbook” we developed at Gruntwork");
    expect(talks[4]?.abstract).toContain(
      "how we measure success. In this talk, you'll learn about several...",
    );
    expect(talks.slice(1, 5).every((t) => t.abstractTruncated)).toBe(true);
    expect(talks[5]?.abstract).toBe("");
    expect(main?.speakers[0]?.bio).toMatch(
      /^Jan is a passionate engineer.*\(event-sourcing,\.\.\.$/s,
    );
    expect(main?.speakers[0]?.bioTruncated).toBe(true);
  });

  it("drops the page furniture", () => {
    const all = JSON.stringify(talks);
    for (const furniture of [
      "You are viewing content",
      "Read more",
      "View full Schedule",
      "From the same track",
      "\u00a0",
    ]) {
      expect(all).not.toContain(furniture);
    }
  });

  it("is recognised from its content", () => {
    expect(detectLayout(page003)).toBe("session-page");
  });
});

const sameTrack = [
  "SESSION + Live Q&A",
  "",
  "Main Talk Title",
  "",
  "The main abstract. It has sentences.",
  "",
  "Speaker",
  "",
  "Ada Lovelace",
  "",
  "Chief Engineer @AnalyticalEngines",
  "",
  "Ada writes programs for engines that do not exist yet...",
  "",
  "Read more",
  "",
  "From the same track",
  "",
  "SESSION + Live Q&A Languages",
  "",
  "Second Talk Title",
  "",
  "Second abstract, cut short...",
  "",
  "Grace Hopper",
  "",
  "Rear Admiral @USNavy",
  "",
  "UNCONFERENCE + Live Q&A Languages",
  "",
  "Languages Open Space",
  "",
  "Alan Turing",
  "",
  "View full Schedule",
].join("\n");

function summary(text: string) {
  return parseSessionPage(text).talks.map((t) => ({
    title: t.title,
    abstract: t.abstract,
    format: t.format,
    tags: t.tags,
    speakers: t.speakers.map((s) => [s.name, s.role, s.company].filter(Boolean).join(" / ")),
  }));
}

describe("session page: variations of the layout", () => {
  const expected = summary(sameTrack);

  it("the hand-made baseline", () => {
    expect(expected).toEqual([
      {
        title: "Main Talk Title",
        abstract: "The main abstract. It has sentences.",
        format: "talk",
        tags: [],
        speakers: ["Ada Lovelace / Chief Engineer / AnalyticalEngines"],
      },
      {
        title: "Second Talk Title",
        abstract: "Second abstract, cut short...",
        format: "talk",
        tags: ["Languages"],
        speakers: ["Grace Hopper / Rear Admiral / USNavy"],
      },
      {
        title: "Languages Open Space",
        abstract: "",
        format: "unconference",
        tags: ["Languages"],
        speakers: ["Alan Turing"],
      },
    ]);
  });

  it("without blank lines, or with many", () => {
    expect(summary(sameTrack.replace(/\n\n/g, "\n"))).toEqual(expected);
    expect(summary(sameTrack.replace(/\n\n/g, "\n\n\n\n"))).toEqual(expected);
  });

  it("stray markup and non-breaking spaces", () => {
    const text = sameTrack
      .replace("Main Talk Title", "<h1>Main Talk Title</h1>")
      .replace(
        "The main abstract. It has sentences.",
        "<p>The main abstract.\u00a0 It has sentences.</p> <h4>Abstract",
      )
      .replace("Second Talk Title", "Second Talk Title</a>");
    expect(summary(text)).toEqual(expected);
  });

  it("an entry's speaker before its abstract", () => {
    const text = sameTrack.replace(
      "Second abstract, cut short...\n\nGrace Hopper\n\nRear Admiral @USNavy",
      "Grace Hopper\n\nRear Admiral @USNavy\n\nSecond abstract, cut short...",
    );
    expect(summary(text)).toEqual(expected);
  });

  it("an entry without its format label, a speaker without affiliation", () => {
    const text = sameTrack
      .replace("SESSION + Live Q&A Languages\n", "")
      .replace("Rear Admiral @USNavy\n", "");
    const s = summary(text);
    expect(s).toHaveLength(3);
    expect(s[1]).toEqual({
      title: "Second Talk Title",
      abstract: "Second abstract, cut short...",
      tags: [],
      speakers: ["Grace Hopper"],
    });
    expect(s[2]?.title).toBe("Languages Open Space");
  });

  it("a labels without '+ Live Q&A', and other formats", () => {
    const text = sameTrack
      .replace("SESSION + Live Q&A Languages", "WORKSHOP Languages")
      .replace("UNCONFERENCE + Live Q&A Languages", "AMA + Live Q&A Languages, History");
    const s = summary(text);
    expect([s[1]?.format, s[1]?.tags]).toEqual(["workshop", ["Languages"]]);
    expect([s[2]?.format, s[2]?.tags]).toEqual(["ama", ["Languages", "History"]]);
  });

  it("the bios style: 'About Session', then SPEAKERS with name, affiliation, bio", () => {
    const text = [
      "About Session",
      "An abstract in two paragraphs.",
      "The second paragraph.",
      "SHARE THIS TALK",
      "SPEAKERS",
      "",
      "Ada Lovelace",
      "Analytical Engines, Chief Engineer",
      "Ada writes programs.",
      "- for engines",
      "",
      "",
      "Charles Babbage",
      "Inventor at Analytical Engines",
      "Charles builds engines.",
      "View Schedule",
    ].join("\n");
    const [talk, ...rest] = parseSessionPage(text).talks;
    expect(rest).toEqual([]);
    expect(talk).toEqual({
      title: null,
      abstract: "An abstract in two paragraphs.\n\nThe second paragraph.",
      speakers: [
        {
          name: "Ada Lovelace",
          role: "Chief Engineer",
          company: "Analytical Engines",
          bio: "Ada writes programs.\n\n- for engines",
        },
        {
          name: "Charles Babbage",
          role: "Inventor",
          company: "Analytical Engines",
          bio: "Charles builds engines.",
        },
      ],
      tags: [],
    });
    // A title above "About Session" is the title; no SPEAKERS heading still finds the speakers.
    const titled = parseSessionPage(`The Engine Talk\n${text.replace("SPEAKERS\n", "")}`).talks[0];
    expect(titled?.title).toBe("The Engine Talk");
    expect(titled?.speakers.map((s) => s.name)).toEqual(["Ada Lovelace", "Charles Babbage"]);
  });
});
