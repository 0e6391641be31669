import { describe, expect, it } from "vitest";
import { parseLocalInput } from "../../src/local/parse-input.ts";

describe("parseLocalInput", () => {
  it("reads a slash command as its query", () => {
    expect(parseLocalInput("/talk kafka today")).toEqual({ kind: "query", query: "kafka today" });
    expect(parseLocalInput("/talk")).toEqual({ kind: "query", query: "" });
  });

  it("strips a mention of the bot", () => {
    expect(parseLocalInput("@talkbot what's next?")).toEqual({
      kind: "query",
      query: "what's next?",
    });
    expect(parseLocalInput("talkbot: track architectures")).toEqual({
      kind: "query",
      query: "track architectures",
    });
  });

  it("does not mistake a word that starts like the bot's name for a mention", () => {
    expect(parseLocalInput("talkbots in production")).toEqual({
      kind: "query",
      query: "talkbots in production",
    });
  });

  it("knows paging, leaving and blank lines", () => {
    expect(parseLocalInput("more")).toEqual({ kind: "more" });
    expect(parseLocalInput(" quit ")).toEqual({ kind: "quit" });
    expect(parseLocalInput("   ")).toEqual({ kind: "blank" });
  });
});
