import { createInterface } from "node:readline";
import type { Readable, Writable } from "node:stream";
import { reminderText } from "../agenda/agenda.ts";
import { agendaView } from "../agenda/agenda-view.ts";
import {
  type PersonalCommand,
  parsePersonalCommand,
  remindChoicesText,
} from "../agenda/personal-command.ts";
import type { Talk } from "../catalog/schema.ts";
import { type Deps, defaultPageSize } from "../deps.ts";
import { talkView } from "../present/talk-view.ts";
import type { Snapshot } from "../snapshot.ts";
import { parseLocalInput } from "./parse-input.ts";
import { agendaOrder, renderAgenda } from "./render-agenda.ts";
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

/** The one person at the terminal, as the agenda knows them. */
export const LOCAL_USER = "local";

function reminderLine(minutes: number, talk: Talk, now: Date): string {
  if (minutes <= 0) return "reminders are off";
  if (!talk.start) return "no time yet, so no reminder";
  if (Date.parse(talk.start) <= now.getTime()) return "already started, so no reminder";
  return `reminder ${minutes} min before`;
}

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
    write(
      'Type "/talk kafka", "@talkbot what\'s next?", "help" or "quit"; "star 1" stars the first talk of an answer, "agenda" lists your stars.\n',
    );
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
  const agenda = deps.agenda;
  /** `star N`: the talks numbered as the last answer numbered them. */
  const star = async (n: number, starred: boolean): Promise<void> => {
    const talk = last.shown[n - last.offset - 1];
    if (!agenda) {
      write("Stars are not available in this session.");
    } else if (talk && last.snapshot) {
      await agenda.star(LOCAL_USER, talk.id, starred);
      const title = talkView(talk, last.snapshot.lookup).title;
      write(
        starred
          ? `Starred: ${title} · ${reminderLine(agenda.remindMinutes(LOCAL_USER), talk, deps.clock.now())} · "agenda" lists your stars`
          : `Unstarred: ${title}`,
      );
    } else if (last.shown.length > 0) {
      write(
        `No talk ${n} on this page: pick ${last.offset + 1}–${last.offset + last.shown.length}.`,
      );
    } else {
      write('Search first (or "agenda"), then "star 1".');
    }
  };
  const personal = async (command: PersonalCommand): Promise<void> => {
    if (!agenda) return write("Stars are not available in this session.");
    const snapshot = deps.current();
    if (command.kind === "agenda") {
      const view = agendaView(
        agenda.starsOf(LOCAL_USER),
        (id) => snapshot.talk(id),
        deps.clock.now(),
      );
      // "star N" and "details N" then number the agenda's talks.
      last.query = "agenda";
      last.offset = 0;
      last.shown = agendaOrder(view);
      last.total = last.shown.length;
      last.snapshot = snapshot;
      write(renderAgenda(view, snapshot.lookup, agenda.remindMinutes(LOCAL_USER)));
    } else if (command.kind === "remind") {
      await agenda.setRemindMinutes(LOCAL_USER, command.minutes);
      write(`${reminderText(command.minutes)}.`);
    } else if (command.kind === "remind-help") {
      write(
        `Reminders can come ${remindChoicesText} minutes before each starred talk: "remind 15" or "remind off".`,
      );
    } else {
      write(
        "The calendar feed is for Slack: set TALKBOT_PUBLIC_URL and run talkbot with Slack credentials.",
      );
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
      else if (input.kind === "star") await star(input.n, input.starred);
      else if (input.kind === "query") {
        const command = agenda ? parsePersonalCommand(input.query) : null;
        if (command) await personal(command);
        else answer(input.query, 0);
      }
      if (session.interactive) rl.prompt();
    }
  } finally {
    rl.close();
    await background?.stop();
  }
}
