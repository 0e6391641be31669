import type { ConferenceEvent, Talk } from "../catalog/schema.ts";
import type { Deliverable } from "../delivery/engine.ts";
import { type Agenda, REMIND_CHOICES } from "./agenda.ts";

const LONGEST_LEAD_MS = Math.max(...REMIND_CHOICES) * 60_000;

/** One DM: "your starred talk starts in N minutes". */
export interface PlannedReminder extends Deliverable {
  kind: "reminder";
  userId: string;
  talk: Talk;
  event: ConferenceEvent | undefined;
  /** When it may go out: the talk's start less their lead. */
  dueAt: Date;
  /** The talk's start: after it, a reminder is pointless. */
  deadline: Date;
  leadMinutes: number;
}

export interface TalkLookup {
  talk(id: string): Talk | undefined;
  event(id: string): ConferenceEvent | undefined;
}

/**
 * Keyed by the talk's start as well as by who and what: a talk that moves gets a
 * new key (so it is reminded again at its new time), and the old one is no longer
 * planned, so an unsent reminder for the old time is dropped. Changing one's lead
 * does not change the key: a reminder already sent is not sent again.
 */
export function reminderKey(userId: string, talk: Talk): string {
  return `reminder:${talk.eventId}:${talk.id}:${userId}:${talk.start ?? "untimed"}`;
}

/** The reminder `userId` should get for `talkId` now, or null (unstarred, off, moved, gone). */
export function reminderFor(
  agenda: Agenda,
  lookup: TalkLookup,
  userId: string,
  talkId: string,
): PlannedReminder | null {
  const talk = lookup.talk(talkId);
  if (!talk?.start || !agenda.isStarred(userId, talkId)) return null;
  const lead = agenda.remindMinutes(userId);
  if (lead <= 0) return null;
  const start = new Date(talk.start);
  return {
    key: reminderKey(userId, talk),
    kind: "reminder",
    // A DM: chat.postMessage with the user id posts in the bot's DM with them.
    channel: userId,
    userId,
    talk,
    event: lookup.event(talk.eventId),
    dueAt: new Date(start.getTime() - lead * 60_000),
    deadline: start,
    leadMinutes: lead,
  };
}

/**
 * Every reminder whose time has come and whose talk has not started, earliest
 * start first. Only talks someone starred are looked at, so this stays cheap with
 * a large catalog.
 */
export function dueReminders(
  agenda: Agenda,
  lookup: TalkLookup,
  talkIds: Iterable<string>,
  now: Date,
): PlannedReminder[] {
  const t = now.getTime();
  const due: PlannedReminder[] = [];
  for (const talkId of talkIds) {
    const talk = lookup.talk(talkId);
    if (!talk?.start) continue;
    const start = Date.parse(talk.start);
    // Nobody's lead is longer than the longest choice: later talks have nothing due yet.
    if (start <= t || start - t > LONGEST_LEAD_MS) continue;
    for (const userId of agenda.starrersOf(talkId)) {
      const r = reminderFor(agenda, lookup, userId, talkId);
      if (r && r.dueAt.getTime() <= t) due.push(r);
    }
  }
  return due.sort((a, b) => a.deadline.getTime() - b.deadline.getTime());
}
