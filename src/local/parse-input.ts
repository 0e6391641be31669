export type LocalInput =
  | { kind: "query"; query: string }
  | { kind: "more" }
  /** `details 2`: the second talk of the last answer, in full. */
  | { kind: "details"; n: number }
  /** `star 2` / `unstar 2`: the second talk of the last answer (or of the agenda). */
  | { kind: "star"; n: number; starred: boolean }
  | { kind: "quit" }
  | { kind: "blank" };

/**
 * Reads a terminal line as Slack would see it: `/talk …` is the slash command,
 * `@talkbot …` a mention; anything else is taken as a query too, since that is
 * what someone trying the bot out in a terminal means.
 */
export function parseLocalInput(line: string): LocalInput {
  const text = line.trim();
  if (text === "") return { kind: "blank" };
  if (/^(quit|exit|\/quit|\/exit)$/i.test(text)) return { kind: "quit" };
  if (/^(more|\/talk more)$/i.test(text)) return { kind: "more" };
  const details = /^(?:\/talk\s+)?details?\s+#?(\d{1,4})$/i.exec(text);
  if (details) return { kind: "details", n: Number(details[1]) };
  const star = /^(?:\/talk\s+)?(un)?star\s+#?(\d{1,4})$/i.exec(text);
  if (star) return { kind: "star", n: Number(star[2]), starred: !star[1] };
  const command = /^\/talk(?:\s+|$)(.*)$/is.exec(text);
  if (command) return { kind: "query", query: (command[1] ?? "").trim() };
  const mention = /^@?talkbot\b[:,]?\s*(.*)$/is.exec(text);
  if (mention) return { kind: "query", query: (mention[1] ?? "").trim() };
  return { kind: "query", query: text };
}
