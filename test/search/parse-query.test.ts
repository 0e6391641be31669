import { describe, expect, it } from "vitest";
import { parseQuery } from "../../src/search/parse-query.ts";

describe("parseQuery", () => {
  it("separates time words from free text", () => {
    expect(parseQuery("kafka today")).toEqual({
      help: false,
      time: [{ kind: "today" }],
      filters: [],
      text: ["kafka"],
    });
  });

  it("knows weekday names and short forms, but not words like sun", () => {
    expect(parseQuery("Tuesday").time).toEqual([{ kind: "weekday", day: 2 }]);
    expect(parseQuery("thu").time).toEqual([{ kind: "weekday", day: 4 }]);
    expect(parseQuery("sun microsystems").text).toEqual(["sun", "microsystems"]);
  });

  it("reads phrases such as up next and right now", () => {
    expect(parseQuery("what's up next").time).toEqual([{ kind: "next" }]);
    expect(parseQuery("what's on right now").time).toEqual([{ kind: "now" }]);
  });

  it("track:name is one word; track name runs to the next keyword", () => {
    expect(parseQuery("next track:architectures kafka").filters).toEqual([
      { field: "track", words: ["architectures"], closed: true },
    ]);
    expect(parseQuery("track streaming data today").filters).toEqual([
      { field: "track", words: ["streaming", "data"], closed: false },
    ]);
    expect(parseQuery('speaker:"Martin Thompson"').filters).toEqual([
      { field: "speaker", words: ["martin", "thompson"], closed: true },
    ]);
  });

  it("by and room are keywords too", () => {
    expect(parseQuery("talks by luca").filters).toEqual([
      { field: "speaker", words: ["luca"], closed: false },
    ]);
    expect(parseQuery("room fleming").filters[0]?.field).toBe("room");
  });

  it("a keyword with nothing after it is an ordinary word", () => {
    expect(parseQuery("fast track").text).toEqual(["fast", "track"]);
  });

  it("quoted words are never time words", () => {
    expect(parseQuery('"next" generation').time).toEqual([]);
  });

  it("help only when help is all that was asked", () => {
    expect(parseQuery("help").help).toBe(true);
    expect(parseQuery(" ? ").help).toBe(true);
    expect(parseQuery("help desk software").help).toBe(false);
  });
});
