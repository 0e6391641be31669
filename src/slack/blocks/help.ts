import type { KnownBlock } from "@slack/types";

/** The query language in examples; the search module defines what each form means. */
export const helpExamples: readonly [string, string][] = [
  ["/talk kafka", "free text: titles, speakers, companies, topics, rooms"],
  ["/talk speaker martin", "talks by a speaker"],
  ["/talk track architectures", "a track (also `track:architectures`)"],
  ["/talk room fleming", "a room"],
  ["/talk now", "what is on right now (also `next`, `today`, `tomorrow`, `tuesday`)"],
  ["/talk kafka today", "words combine"],
  ["@talkbot what's next?", "mention me in a channel: I answer in a thread"],
];

export function helpBlocks(): KnownBlock[] {
  const lines = helpExamples.map(([example, what]) => `\`${example}\`  ${what}`);
  return [
    { type: "header", text: { type: "plain_text", text: "Find talks with /talk", emoji: true } },
    { type: "section", text: { type: "mrkdwn", text: lines.join("\n") } },
  ];
}
