/** The query language in a few lines, for the `search` CLI (which takes queries without `/talk`). */
export const QUERY_HELP: readonly string[] = [
  "Type words from a title, a speaker, a company or a topic: kafka, Martin Thompson, DAZN",
  "Typos are forgiven: kafak, microfrontends",
  "now: what is on right now; next: the next talk in each track",
  "today, tomorrow, or a weekday (tuesday): talks on that day",
  "track <name> or track:<name>; speaker <name> (or by <name>); room <name>",
  "Mix them: kafka today, next track:architectures, by luca tomorrow",
];
