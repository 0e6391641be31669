import { createInterface } from "node:readline";
import type { Readable, Writable } from "node:stream";
import type { Catalog } from "../catalog/schema.ts";
import type { Clock } from "../clock.ts";
import type { TalkSearch } from "../search/types.ts";
import { parseLocalInput } from "./parse-input.ts";
import { renderResults } from "./render-results.ts";

export interface LocalDeps {
  getSearch: () => TalkSearch;
  getCatalog: () => Catalog;
  clock: Clock;
  input: Readable;
  output: Writable;
  /** Whether a person is typing (prompt and banner) or input is piped. */
  interactive: boolean;
  /** Starts whatever prints in the background (digests); stopped when input ends. */
  startBackground?: (print: (text: string) => void) => { stop(): void | Promise<void> };
  pageSize?: number;
}

export const banner = `talkbot — the conference companion for Slack, running locally in your terminal.
No Slack credentials are set, so it answers here. To connect it to Slack, set
SLACK_BOT_TOKEN and SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET (HTTP mode):
see "Connect to Slack" in README.md.
`;

/** A terminal session that answers what you would type in Slack; resolves at end of input. */
export async function runLocal(deps: LocalDeps): Promise<void> {
  const limit = deps.pageSize ?? 5;
  const write = (text: string) => deps.output.write(text.endsWith("\n") ? text : `${text}\n`);
  const rl = createInterface({
    input: deps.input,
    output: deps.interactive ? deps.output : undefined,
    terminal: deps.interactive,
  });
  if (deps.interactive) {
    write(banner);
    write('Type "/talk kafka", "@talkbot what\'s next?", "help" or "quit".\n');
  }
  const background = deps.startBackground?.((text) => {
    write(text);
    if (deps.interactive) rl.prompt(true);
  });
  const last: { query: string; offset: number } = { query: "", offset: -1 };
  const answer = (query: string, offset: number) => {
    const result = deps.getSearch().search(query, { now: deps.clock.now(), limit, offset });
    last.query = query;
    last.offset = offset;
    write(renderResults(result, deps.getCatalog()));
  };
  rl.setPrompt("talkbot> ");
  if (deps.interactive) rl.prompt();
  try {
    for await (const line of rl) {
      const input = parseLocalInput(line);
      if (input.kind === "quit") break;
      if (input.kind === "more") {
        if (last.offset >= 0) answer(last.query, last.offset + limit);
        else write('Nothing to page through yet: search first, e.g. "/talk kafka".');
      } else if (input.kind === "query") {
        answer(input.query, 0);
      }
      if (deps.interactive) rl.prompt();
    }
  } finally {
    rl.close();
    await background?.stop();
  }
}
