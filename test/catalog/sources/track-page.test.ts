import { describe, expect, it } from "vitest";
import { detectLayout } from "../../../src/catalog/sources/index.ts";
import { parseTrackPage, to24h } from "../../../src/catalog/sources/track-page.ts";
import { realSource } from "./real.ts";

const real = realSource("001");

describe("track page (001): the real document", () => {
  const { talks, tracks } = parseTrackPage(real);
  const [main, ...byDay] = tracks;

  it("reads the track: name, room, day, host, description", () => {
    expect(main).toMatchObject({
      name: "Architectures You've Always Wondered About",
      room: "Fleming, 3rd flr.",
      day: { kind: "weekday", weekday: 2 },
      host: "Wes Reisz",
      description:
        "Hard-earned lessons from the names you know on scalability, reliability, security, and performance.",
    });
    expect(main?.hostBio).toMatch(/^Wesley Reisz is the VP of Technology at Section/);
    expect(main?.hostBio).toMatch(/weekly listener base of around 14K\.$/);
  });

  it("has six time-slotted talks with exact titles and 24-hour times", () => {
    expect(talks.map((t) => [t.startTime, t.endTime, t.title])).toEqual([
      ["10:35", "11:25", "Evolution of Financial Exchange Architectures"],
      ["11:50", "12:40", "Managing Systems in an Age of Dynamic Complexity"],
      ["13:40", "14:30", "Lessons From DAZN: Scaling Your Project with Micro-Frontends"],
      ["14:55", "15:45", "eBPF - Rethinking the Linux Kernel"],
      ["16:10", "17:00", "Tesla Virtual Power Plant"],
      ["17:25", "18:15", "Designing a Real-Time Global Sportsbook (From Scratch!)"],
    ]);
    for (const t of talks) {
      expect(t.track).toBe("Architectures You've Always Wondered About");
      expect(t.room).toBe("Fleming, 3rd flr.");
      expect(t.day).toMatchObject({ kind: "weekday", weekday: 2 });
    }
  });

  it("names as speakers only the people the abstracts say give the talk — never the host", () => {
    expect(talks.map((t) => t.speakers)).toEqual([
      [{ name: "Martin Thompson" }],
      [],
      [{ name: "Luca Mezzalira", company: "DAZN" }],
      [],
      [],
      [],
    ]);
    const names = talks.flatMap((t) => t.speakers.map((s) => s.name));
    expect(names).not.toContain("Wes Reisz");
    expect(names).not.toContain("Wesley Reisz");
  });

  it("keeps every abstract paragraph, list items included", () => {
    const tesla = talks[4]?.abstract ?? "";
    expect(tesla).toMatch(/^A Virtual Power Plant \(VPP\) is a network/);
    expect(tesla).toContain(
      "including:\n\n- The use of distributed, actor-model programming for virtually representing physical assets",
    );
    expect(tesla).toMatch(
      /- The development of responsive user-interfaces for operations and energy-market participation\.$/,
    );
    expect(talks[1]?.abstract).toMatch(/^Why is it that a single server/);
    expect(talks[1]?.abstract).toContain("fail spectacularly—many major cloud outages");
    expect(talks[5]?.abstract).toMatch(/architectural patterns and technologies we have used\.$/);
    expect(talks.every((t) => !t.abstract.includes("Last Year's Tracks"))).toBe(true);
  });

  it("reads the event's tracks by day with their descriptions: six a day", () => {
    expect(byDay).toHaveLength(18);
    const names = (day: number) =>
      byDay.filter((t) => t.day?.kind === "dayOfMonth" && t.day.day === day).map((t) => t.name);
    expect(names(2)).toEqual([
      "Next Generation Microservices: Building Distributed Systems the Right Way",
      "Streaming Data Architectures",
      "Driving Full Cycle Engineering Teams at Every Level",
      "When Things Go Wrong: GDPR, Ethics, & Politics",
      "JavaScript: Pushing the Client Beyond the Browser",
      "Modern CS in the Real World",
    ]);
    expect(names(3)).toEqual([
      "Architectures You've Always Wondered About",
      "The Future of the API: REST, gRPC, GraphQL and More",
      "Building High Performing Teams",
      "Machine Learning: The Latest Innovations",
      "Bare Knuckle Performance",
      "Modern Compilation Targets",
    ]);
    expect(names(4)).toEqual([
      "Growing Unicorns in the EU: Building, Leading and Scaling Financial Tech Start Ups",
      "Kubernetes and Cloud Architectures",
      "Chaos and Resilience: Architecting for Success",
      "Leading Distributed Teams",
      "Scaling Security, from Device to Cloud",
      "Evolving Java",
    ]);
    expect(byDay[0]?.day).toEqual({
      kind: "dayOfMonth",
      day: 2,
      month: 3,
      weekday: 1,
      text: "Monday, 2 March",
    });
    expect(byDay[17]).toMatchObject({
      name: "Evolving Java",
      description:
        "JVM futures, JIT directions and improvements to the runtimes stack is the theme of this year’s JVM track.",
    });
    expect(byDay[3]?.description).toBe(
      "Privacy, confidentiality, safety and security: learning from the frontlines, from both good and bad experiences",
    );
  });

  it("is recognised from its content", () => {
    expect(detectLayout(real)).toBe("track-page");
  });
});

describe("12-hour times", () => {
  it("converts to 24-hour", () => {
    expect(to24h("10", "35", "a")).toBe("10:35");
    expect(to24h("12", "40", "p")).toBe("12:40");
    expect(to24h("1", "40", "p")).toBe("13:40");
    expect(to24h("12", "00", "a")).toBe("00:00");
    expect(to24h("9", undefined, "P")).toBe("21:00");
  });
});

const base = [
  "Lessons on building things.",
  "Track: Building Things",
  "Location: Room 1",
  "Day of week: Wednesday",
  "Track Host: Ada Lovelace",
  "Ada is a host.",
  "9:00am - 9:50am",
  "First Talk",
  "Charles Babbage explains the engine.",
  "12:10pm - 1:00pm",
  "Second Talk",
  "A talk without a named speaker.",
  "Tracks",
  "Wednesday, 4 March",
  "-",
  "Building Things",
  "Lessons on building things.",
  "-",
  "Other Things",
  "Other lessons.",
].join("\n");

function summary(text: string) {
  const { talks, tracks } = parseTrackPage(text);
  return {
    tracks: tracks.map((t) => ({
      ...t,
      day: t.day?.kind === "weekday" ? t.day.weekday : t.day?.kind,
    })),
    talks: talks.map((t) => ({
      title: t.title,
      startTime: t.startTime,
      endTime: t.endTime,
      room: t.room,
      speakers: t.speakers,
      abstract: t.abstract,
    })),
  };
}

describe("track page: variations of the layout", () => {
  const expected = summary(base);

  it("the hand-made baseline", () => {
    expect(expected.tracks[0]).toEqual({
      name: "Building Things",
      day: 3,
      host: "Ada Lovelace",
      hostBio: "Ada is a host.",
      description: "Lessons on building things.",
      room: "Room 1",
    });
    expect(expected.tracks.slice(1).map((t) => t.name)).toEqual([
      "Building Things",
      "Other Things",
    ]);
    expect(expected.talks).toEqual([
      {
        title: "First Talk",
        startTime: "09:00",
        endTime: "09:50",
        room: "Room 1",
        speakers: [{ name: "Charles Babbage" }],
        abstract: "Charles Babbage explains the engine.",
      },
      {
        title: "Second Talk",
        startTime: "12:10",
        endTime: "13:00",
        room: "Room 1",
        speakers: [],
        abstract: "A talk without a named speaker.",
      },
    ]);
  });

  it("header fields in another order", () => {
    const text = base.replace(
      "Track: Building Things\nLocation: Room 1\nDay of week: Wednesday",
      "Day of week: Wednesday\nLocation: Room 1\nTrack: Building Things",
    );
    expect(summary(text)).toEqual(expected);
  });

  it("extra blank lines and other ways of writing times", () => {
    const text = `\n\n${base}\n\n`
      .replace(/\n/g, "\n\n\n")
      .replace("9:00am - 9:50am", "9:00 AM – 9:50 AM")
      .replace("12:10pm - 1:00pm", "12:10 p.m. to 1 p.m.");
    expect(summary(text)).toEqual(expected);
  });

  it("stray markup", () => {
    const text = base
      .replace("First Talk", "<h3>First Talk</h3>")
      .replace(
        "Charles Babbage explains the engine.",
        "<p>Charles Babbage explains the engine.</p>",
      )
      .replace("Track: Building Things", "<b>Track:</b> Building Things");
    expect(summary(text)).toEqual(expected);
  });

  it("missing room and host: the talks have no room, the description stays", () => {
    const text = base
      .replace("Location: Room 1\n", "")
      .replace("Track Host: Ada Lovelace\nAda is a host.\n", "");
    const s = summary(text);
    expect(s.tracks[0]).toEqual({
      name: "Building Things",
      day: 3,
      description: "Lessons on building things.",
    });
    expect(s.talks.map((t) => t.room)).toEqual([undefined, undefined]);
  });

  it("a Speakers: line names the speakers, with role and company", () => {
    const text = base.replace(
      "A talk without a named speaker.",
      "Speakers: Grace Hopper (Rear Admiral, US Navy), Alan Turing\nA talk without a named speaker.",
    );
    expect(summary(text).talks[1]?.speakers).toEqual([
      { name: "Grace Hopper", role: "Rear Admiral", company: "US Navy" },
      { name: "Alan Turing" },
    ]);
  });

  it("the tracks list without '-' separators", () => {
    const text = base.replace(/\n-\n/g, "\n");
    expect(summary(text).tracks).toEqual(expected.tracks);
  });
});
