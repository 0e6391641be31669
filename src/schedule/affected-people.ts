/**
 * Who hears of a release personally: everyone who starred a talk it changed
 * gets one DM listing their changed talks that have not ended yet. Pure: the
 * release's diff and "who starred this talk" in; DMs out. Who starred what is
 * never shown to anyone else: each DM names only its reader's own talks.
 */
import type { ScheduleDiff, TalkChange } from "../catalog/diff.ts";
import type { Deliverable } from "../delivery/engine.ts";
import { bothSides, deadlineFrom, lastOver } from "./relevance.ts";

export interface PersonalChange {
  change: TalkChange;
  /** The event's zone, for the fallback text of times shown in each reader's own. */
  timeZone: string;
}

export interface ChangeDm extends Deliverable {
  /** `change-dm:<changeId>:<userId>`: one per person per change of the schedule. */
  key: string;
  kind: "change-dm";
  /** What it tells: `<previous release>><release>#<which application>` (follow.ts). */
  changeId: string;
  userId: string;
  /** A user id: posted there, the message lands in the bot's DM with them. */
  channel: string;
  /** When the last talk it lists ends. */
  deadline: Date;
  /** Their changed talks, in programme order. */
  changes: PersonalChange[];
}

export interface AffectedInput {
  /** What changed into what (ChangeDm.changeId): the DM's key names it. */
  changeId: string;
  changes: ScheduleDiff;
  /** From the agenda (src/agenda/agenda.ts). */
  starrersOf: (talkId: string) => ReadonlySet<string>;
  /** Each event's zone. */
  zoneOf: (eventId: string) => string;
  /** Changes to talks that ended before this are left out. */
  now: Date;
}

export function changeDmKey(changeId: string, userId: string): string {
  return `change-dm:${changeId}:${userId}`;
}

export function affectedPeople(input: AffectedInput): ChangeDm[] {
  const t = input.now.getTime();
  const people = new Map<string, { changes: PersonalChange[]; last: number }>();
  for (const change of input.changes.changes) {
    const who = input.starrersOf(change.talkId);
    if (who.size === 0) continue;
    // A move matters while the old or the new time is still to come.
    const over = lastOver(bothSides(change));
    if (over <= t) continue;
    const slot = change.after ?? change.before;
    const timeZone = input.zoneOf(slot?.eventId ?? "");
    for (const userId of who) {
      let p = people.get(userId);
      if (!p) {
        p = { changes: [], last: Number.NEGATIVE_INFINITY };
        people.set(userId, p);
      }
      p.changes.push({ change, timeZone });
      p.last = Math.max(p.last, over);
    }
  }
  return [...people.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([userId, p]) => ({
      key: changeDmKey(input.changeId, userId),
      kind: "change-dm" as const,
      changeId: input.changeId,
      userId,
      channel: userId,
      deadline: deadlineFrom(p.last, input.now),
      changes: p.changes,
    }));
}
