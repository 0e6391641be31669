import { createInterface } from "node:readline";
import type { Readable, Writable } from "node:stream";
import type { Talk } from "../catalog/schema.ts";
import { type Deps, defaultPageSize } from "../deps.ts";
import { talkView } from "../present/talk-view.ts";
import type { Snapshot } from "../snapshot.ts";
import { parseLocalInput } from "./parse-input.ts";
import { renderDetails } from "./render-details.ts";
import { renderResults } from "./render-results.ts";

/** The terminal itself: what Slack is to the listeners. */
export interface LocalSession {
  input: Readable;
  output: Writable;
  /** Whether a person is typing (prompt and banner) or input is piped. */
  interactive: boolean;
  /** Starts whatever prints in the background (digests); stopped when input ends. */
  startBackground?: (print: (text: string) => void) => { stop(): void | Promise<void> };
}

// One phrase a line, so no terminal width breaks a variable name or a sentence in two.
export const banner = `talkbot — the conference companion for Slack, running locally in your terminal.
No Slack credentials are set, so it answers here.
To connect it to Slack, see "Connect to Slack" in README.md:
  Socket Mode: set SLACK_BOT_TOKEN and SLACK_APP_TOKEN;
  HTTP mode:   set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET.
`;

/** A terminal session that answers what you would type in Slack; resolves at end of input. */
export async function runLocal(deps: Deps, session: LocalSession): Promise<void> {
  const limit = deps.pageSize ?? defaultPageSize;
  const write = (text: string): void => {
    session.output.write(text.endsWith("\n") ? text : `${text}\n`);
  };
  const rl = createInterface({
    input: session.input,
    output: session.interactive ? session.output : undefined,
    terminal: session.interactive,
  });
  if (session.interactive) {
    write(banner);
    write('Type "/talk kafka", "@talkbot what\'s next?", "help" or "quit".\n');
  }
  const background = session.startBackground?.((text) => {
    write(text);
    if (session.interactive) rl.prompt(true);
  });
  // The last answer: what `more` pages on and what `details N` numbers refer to,
  // shown as the snapshot that answered it has them.
  const last: {
    query: string;
    offset: number;
    total: number;
    shown: Talk[];
    snapshot: Snapshot | null;
  } = { query: "", offset: -1, total: 0, shown: [], snapshot: null };
  const answer = (query: string, offset: number) => {
    const snapshot = deps.current();
    const result = snapshot.search.search(query, { now: deps.clock.now(), limit, offset });
    last.query = result.query;
    last.offset = offset;
    last.total = result.total;
    last.shown = result.hits.map((h) => h.talk);
    last.snapshot = snapshot;
    write(renderResults(result, snapshot));
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
    if (talk && last.snapshot) {
      write(renderDetails(talkView(talk, last.snapshot.lookup)));
    } else if (last.shown.length > 0) {
      const range = `${last.offset + 1}–${last.offset + last.shown.length}`;
      write(`No talk ${n} on this page: pick ${range}.`);
    } else {
      write("Search first, then ask for details 1.");
    }
  };
  rl.setPrompt("talkbot> ");
  if (session.interactive) rl.prompt();
  try {
    for await (const line of rl) {
      const input = parseLocalInput(line);
      if (input.kind === "quit") break;
      if (input.kind === "more") more();
      else if (input.kind === "details") details(input.n);
      else if (input.kind === "query") {
        answer(input.query, 0);
      }
      if (session.interactive) rl.prompt();
    }
  } finally {
    rl.close();
    await background?.stop();
  }
}
