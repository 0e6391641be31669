import { describe, expect, it } from "vitest";
import { parseAbstractList } from "../../../src/catalog/sources/abstract-list.ts";
import { detectLayout } from "../../../src/catalog/sources/index.ts";
import { realSource } from "./real.ts";

const real = realSource("000");

describe("abstract list (000): the real document", () => {
  const { talks, tracks } = parseAbstractList(real);

  it("has ten talks, none titled, no tracks", () => {
    expect(talks).toHaveLength(10);
    expect(talks.every((t) => t.title === null)).toBe(true);
    expect(tracks).toEqual([]);
  });

  it("gives each talk exactly its speaker with role and company, whatever the order", () => {
    expect(talks.map((t) => t.speakers)).toEqual([
      [{ name: "Oleksii Petrov", role: "Solution Architect", company: "Husqvarna Group" }],
      [{ name: "Valentyn Lapotkov", role: "Senior Software Engineer", company: "StartupSoft" }],
      [{ name: "Volodymyr Chugai", role: "Head of Product Management Department", company: "DOT" }],
      [{ name: "Anton Pryhodko", role: "Systems Architect", company: "EPAM" }],
      [{ name: "Andriy Lupa", role: "Tech Lead", company: "Day.io" }],
      [{ name: "Hlib Smoliakov", role: "DevOps Technical Lead", company: "Uklon" }],
      [{ name: "Oleksandr Zozulya", role: "CTO", company: "Stfalcon" }],
      [{ name: "Maksym Mova", role: "Engineering Manager", company: "MacPaw" }],
      [{ name: "Dmytro Hnatiuk", role: "Principal Software Engineer", company: "Wise" }],
      [{ name: "Yurii Panaiotov", role: "Solutions Architect", company: "Silpo (E-commerce)" }],
    ]);
  });

  it("keeps each abstract whole, with its typography", () => {
    const first = talks[0]?.abstract ?? "";
    expect(first.startsWith("Have you ever wondered what’s really going on under the hood")).toBe(
      true,
    );
    expect(first).toContain("Not those “sort of a cluster” setups");
    expect(first).toContain("a bit of magic ✨ and a whole lot of hard truths");
    expect(talks[1]?.abstract).toMatch(/^JavaScript and Golang are two different worlds/);
    expect(talks[1]?.abstract).toMatch(/adapt more easily between these ecosystems\.$/);
    expect(talks[8]?.abstract).toMatch(/^Taking a system from 66 million/);
    expect(talks[8]?.abstract).toContain("not for the faint of heart—especially");
    expect(talks[9]?.abstract).toMatch(/without failures\.$/);
  });

  it("removes the markup remnants `</p> <h4>Abstract`", () => {
    const ninth = talks[8]?.abstract ?? "";
    expect(ninth).toMatch(/with clarity and confidence\.$/);
    for (const t of talks) {
      expect(t.abstract).not.toMatch(/<\/?\w|Abstract$/);
    }
  });

  it("is recognised from its content", () => {
    expect(detectLayout(real)).toBe("abstract-list");
  });
});

const three = [
  "First abstract about Kafka. It is long enough.",
  "Ada Lovelace",
  "(Chief Engineer @ Analytical Engines Ltd),Second abstract about Go. Also long enough.",
  "Grace Hopper",
  "(US Navy, Computer Scientist),Third abstract about COBOL.",
  "Alan Turing",
  "(Bletchley Park, Mathematician),",
].join("\n");

const expected = [
  {
    abstract: "First abstract about Kafka. It is long enough.",
    speakers: [{ name: "Ada Lovelace", role: "Chief Engineer", company: "Analytical Engines Ltd" }],
  },
  {
    abstract: "Second abstract about Go. Also long enough.",
    speakers: [{ name: "Grace Hopper", role: "Computer Scientist", company: "US Navy" }],
  },
  {
    abstract: "Third abstract about COBOL.",
    speakers: [{ name: "Alan Turing", role: "Mathematician", company: "Bletchley Park" }],
  },
];

const simple = (text: string) =>
  parseAbstractList(text).talks.map((t) => ({ abstract: t.abstract, speakers: t.speakers }));

describe("abstract list: variations of the layout", () => {
  it("the hand-made baseline", () => {
    expect(simple(three)).toEqual(expected);
  });

  it("extra blank lines, CRLF line ends and trailing spaces", () => {
    const text = `\n\n${three.split("\n").join("  \r\n\r\n\r\n")}\r\n\r\n`;
    expect(simple(text)).toEqual(expected);
  });

  it("stray markup and entities", () => {
    const text = three
      .replace("First abstract about Kafka.", "<p>First abstract about Kafka.")
      .replace("Also long enough.", "Also long enough.</p> <h4>Abstract")
      .replace("Third abstract about COBOL.", "Third abstract about COBOL.<br/>")
      .replace("Grace Hopper", "<strong>Grace Hopper</strong>");
    expect(simple(text)).toEqual(expected);
    expect(simple(three.replace("Kafka.", "Kafka &amp; Pulsar."))[0]?.abstract).toBe(
      "First abstract about Kafka & Pulsar. It is long enough.",
    );
  });

  it("affiliation before the name", () => {
    const text = [
      "First abstract about Kafka. It is long enough.",
      "(Chief Engineer @ Analytical Engines Ltd)",
      "Ada Lovelace",
      "Second abstract about Go. Also long enough.",
      "(US Navy, Computer Scientist)",
      "Grace Hopper",
      "Third abstract about COBOL.",
      "(Bletchley Park, Mathematician)",
      "Alan Turing",
    ].join("\n");
    expect(simple(text)).toEqual(expected);
  });

  it("each speaker before their abstract", () => {
    const text = [
      "Ada Lovelace",
      "(Chief Engineer @ Analytical Engines Ltd)",
      "First abstract about Kafka. It is long enough.",
      "Grace Hopper",
      "(US Navy, Computer Scientist)",
      "Second abstract about Go. Also long enough.",
      "Alan Turing",
      "(Bletchley Park, Mathematician)",
      "Third abstract about COBOL.",
    ].join("\n");
    expect(simple(text)).toEqual(expected);
  });

  it("a missing affiliation, and a missing name", () => {
    const text = three.replace("(US Navy, Computer Scientist),", "").replace("Alan Turing\n", "");
    expect(simple(text)).toEqual([
      expected[0],
      {
        abstract: "Second abstract about Go. Also long enough.",
        speakers: [{ name: "Grace Hopper" }],
      },
      { abstract: "Third abstract about COBOL.", speakers: [] },
    ]);
  });

  it("an affiliation without parentheses", () => {
    const text = three.replace(
      "(US Navy, Computer Scientist),Third abstract about COBOL.",
      "Computer Scientist at US Navy\nThird abstract about COBOL.",
    );
    expect(simple(text)[2]).toEqual(expected[2]);
    expect(simple(text)[1]?.speakers).toEqual([
      { name: "Grace Hopper", role: "Computer Scientist", company: "US Navy" },
    ]);
  });

  it("an abstract over several lines stays one talk", () => {
    const text = three.replace(
      "First abstract about Kafka. It is long enough.",
      "First abstract about Kafka.\n- point one\n- point two\nIt is long enough.",
    );
    expect(simple(text)[0]?.abstract).toBe(
      "First abstract about Kafka.\n\n- point one\n- point two\n\nIt is long enough.",
    );
    expect(simple(text)).toHaveLength(3);
  });
});
