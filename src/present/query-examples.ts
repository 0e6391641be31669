/**
 * The query language in examples, as Slack's help and the terminal's show it
 * (the search module defines what each form means). Backticks mark what to type.
 */
export const queryExamples: readonly [string, string][] = [
  ["/talk kafka", "free text: titles, speakers, companies, topics, rooms"],
  ["/talk speaker martin", "talks by a speaker"],
  ["/talk track architectures", "a track (also `track:architectures`)"],
  ["/talk room fleming", "a room"],
  ["/talk now", "what is on right now (also `next`, `today`, `tomorrow`, `tuesday`)"],
  ["/talk kafka today", "words combine"],
  ["@talkbot what's next?", "mention me in a channel: I answer in a thread"],
];
