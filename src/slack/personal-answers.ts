import type { Agenda } from "../agenda/agenda.ts";
import { reminderText } from "../agenda/agenda.ts";
import { agendaView } from "../agenda/agenda-view.ts";
import { type PersonalCommand, remindChoicesText } from "../agenda/personal-command.ts";
import type { Talk } from "../catalog/schema.ts";
import { type CatalogLookup, talkView } from "../present/talk-view.ts";
import type { AgendaStore } from "../store/agenda-store.ts";
import { agendaMessage } from "./blocks/agenda-message.ts";
import { fitMrkdwn, type SlackMessage } from "./blocks/limits.ts";
import { noticeMessage } from "./blocks/notice-message.ts";
import { escapeMrkdwn } from "./mrkdwn.ts";

/** What the personal answers read of the catalog in force. */
export interface TalkFinder {
  talk(id: string): Talk | undefined;
  lookup: CatalogLookup;
}

/** `/talk agenda`: from memory, like a search. */
export function agendaAnswer(
  agenda: Agenda,
  userId: string,
  catalog: TalkFinder,
  now: Date,
): SlackMessage {
  const view = agendaView(agenda.starsOf(userId), (id) => catalog.talk(id), now);
  return agendaMessage(view, catalog.lookup, { remindMinutes: agenda.remindMinutes(userId) });
}

export async function remindAnswer(
  agenda: Agenda,
  userId: string,
  minutes: number,
): Promise<SlackMessage> {
  await agenda.setRemindMinutes(userId, minutes);
  const count = agenda.starsOf(userId).length;
  return noticeMessage(
    minutes > 0
      ? `Done: ${reminderText(minutes).toLowerCase()} (${count} starred). \`/talk remind off\` stops them.`
      : "Done: no more reminder DMs. Your stars stay in `/talk agenda`; `/talk remind 10` turns reminders back on.",
  );
}

export function remindHelp(given: string): SlackMessage {
  const what = given ? `“${fitMrkdwn(given, 40)}” is not a choice. ` : "";
  return noticeMessage(
    `${what}Reminders can come ${remindChoicesText} minutes before each starred talk: e.g. \`/talk remind 15\` or \`/talk remind off\`.`,
  );
}

export interface CalendarSetup {
  /** TALKBOT_PUBLIC_URL; null when not set. */
  publicUrl: string | null;
  store: Pick<AgendaStore, "calendarToken" | "resetCalendarToken">;
  newToken: () => string;
  feedUrl: (publicUrl: string, token: string) => string;
}

/** `/talk calendar [reset]`: the person's own subscription URL, only to them. */
export async function calendarAnswer(
  setup: CalendarSetup,
  userId: string,
  reset: boolean,
): Promise<SlackMessage> {
  if (!setup.publicUrl) {
    return noticeMessage(
      "The calendar feed is not available here: the organizers need to set TALKBOT_PUBLIC_URL to the address where talkbot can be reached (see README, “Your agenda”).",
    );
  }
  const token = reset
    ? await setup.store.resetCalendarToken(userId, setup.newToken)
    : await setup.store.calendarToken(userId, setup.newToken);
  const url = escapeMrkdwn(setup.feedUrl(setup.publicUrl, token));
  const lead = reset
    ? "Your old calendar link no longer works. Your new one"
    : "Your calendar feed";
  return noticeMessage(
    `${lead}: ${url}\nSubscribe to it in your calendar app (Google Calendar: Other calendars → From URL; Apple Calendar: File → New Calendar Subscription). It holds your starred talks and follows the schedule. It is yours alone: anyone with the link sees your agenda, and \`/talk calendar reset\` replaces it.`,
  );
}

/** What a click on ☆ Star answers in a message others see too (digests, shared cards). */
export function starredText(
  talk: Talk,
  lookup: CatalogLookup,
  starred: boolean,
  remindMinutes: number,
  now: Date,
): string {
  const title = fitMrkdwn(talkView(talk, lookup).title, 200);
  if (!starred) return `Unstarred: *${title}*. \`/talk agenda\` shows what you still have.`;
  const start = talk.start ? Date.parse(talk.start) : Number.NaN;
  const reminder =
    remindMinutes <= 0
      ? "reminders are off (`/talk remind 10`)"
      : Number.isNaN(start)
        ? "no time yet, so no reminder until it has one"
        : start <= now.getTime()
          ? "it has already started, so no reminder"
          : `reminder ${remindMinutes} min before`;
  return `Starred: *${title}*  ·  ${reminder}  ·  \`/talk agenda\``;
}

/** Everything the personal answers and the star button need. */
export interface PersonalDeps {
  agenda: Agenda;
  calendar: CalendarSetup;
  /** The catalog in force. */
  finder: () => TalkFinder;
}

/** The answer to a personal command, for `/talk`, a mention or a DM. */
export async function personalAnswer(
  deps: PersonalDeps,
  command: PersonalCommand,
  userId: string,
  now: Date,
): Promise<SlackMessage> {
  switch (command.kind) {
    case "agenda":
      return agendaAnswer(deps.agenda, userId, deps.finder(), now);
    case "remind":
      return remindAnswer(deps.agenda, userId, command.minutes);
    case "remind-help":
      return remindHelp(command.given);
    case "calendar":
      return calendarAnswer(deps.calendar, userId, command.reset);
  }
}
