import { createInterface } from "node:readline";
import type { Readable, Writable } from "node:stream";
import type { Catalog, Talk } from "../catalog/schema.ts";
import type { Clock } from "../clock.ts";
import { lookupFor } from "../present/catalog-index.ts";
import { talkView } from "../present/talk-view.ts";
import type { TalkSearch } from "../search/types.ts";
import { parseLocalInput } from "./parse-input.ts";
import { renderDetails } from "./render-details.ts";
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

// One phrase a line, so no terminal width breaks a variable name or a sentence in two.
export const banner = `talkbot — the conference companion for Slack, running locally in your terminal.
No Slack credentials are set, so it answers here.
To connect it to Slack, see "Connect to Slack" in README.md:
  Socket Mode: set SLACK_BOT_TOKEN and SLACK_APP_TOKEN;
  HTTP mode:   set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET.
`;

/** A terminal session that answers what you would type in Slack; resolves at end of input. */
export async function runLocal(deps: LocalDeps): Promise<void> {
  const limit = deps.pageSize ?? 5;
  const write = (text: string): void => {
    deps.output.write(text.endsWith("\n") ? text : `${text}\n`);
  };
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
  // The last answer: what `more` pages on and what `details N` numbers refer to.
  const last: { query: string; offset: number; total: number; shown: Talk[] } = {
    query: "",
    offset: -1,
    total: 0,
    shown: [],
  };
  const answer = (query: string, offset: number) => {
    const result = deps.getSearch().search(query, { now: deps.clock.now(), limit, offset });
    last.query = result.query;
    last.offset = offset;
    last.total = result.total;
    last.shown = result.hits.map((h) => h.talk);
    write(renderResults(result, deps.getCatalog()));
  };
  const more = (): void => {
    if (last.offset < 0) {
      write('Nothing to page through yet: search first, e.g. "/talk kafka".');
    } else if (last.total === 0) {
      write(`Nothing more: "${last.query}" found no talks.`);
    } else if (last.offset + limit >= last.total) {
      write(`That's all ${last.total} talk${last.total === 1 ? "" : "s"} for "${last.query}".`);
    } else {
      answer(last.query, last.offset + limit);
    }
  };
  const details = (n: number): void => {
    const talk = last.shown[n - last.offset - 1];
    if (talk) {
      write(renderDetails(talkView(talk, lookupFor(deps.getCatalog()))));
    } else if (last.shown.length > 0) {
      const range = `${last.offset + 1}–${last.offset + last.shown.length}`;
      write(`No talk ${n} on this page: pick ${range}.`);
    } else {
      write("Search first, then ask for details 1.");
    }
  };
  rl.setPrompt("talkbot> ");
  if (deps.interactive) rl.prompt();
  try {
    for await (const line of rl) {
      const input = parseLocalInput(line);
      if (input.kind === "quit") break;
      if (input.kind === "more") more();
      else if (input.kind === "details") details(input.n);
      else if (input.kind === "query") {
        answer(input.query, 0);
      }
      if (deps.interactive) rl.prompt();
    }
  } finally {
    rl.close();
    await background?.stop();
  }
}
