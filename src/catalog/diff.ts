import type { Catalog, Talk } from "./schema.ts";

/**
 * "retracked": the talk now belongs to another track (so another channel's digest), e.g.
 * 36C3's "Framing digital industry…" moving from Art & Culture to Resilience.
 */
export type ChangeKind = "added" | "removed" | "moved" | "retitled" | "speakers" | "retracked";

/** What readers were told about a talk in one release: enough to find and correct a post. */
export interface TalkSlot {
  eventId: string;
  trackId: string | null;
  /** The track's name in that release, for messages. */
  trackName?: string;
  title: string | null;
  /** Local day (`YYYY-MM-DD`) the talk is on, i.e. the day's digest it appeared in. */
  date?: string;
  start?: string;
  end?: string;
  room?: string;
  speakers: string[];
}

/** One talk that changed between two releases, every way it changed. */
export interface TalkChange {
  /** Stable id (frab guid, Sessionize id): the same talk in both releases. */
  talkId: string;
  kinds: ChangeKind[];
  /** The talk as it was (null when added). */
  before: TalkSlot | null;
  /** The talk as it is now (null when removed, i.e. cancelled). */
  after: TalkSlot | null;
  /** For "moved": which of start, end and room changed. */
  moved: ("start" | "end" | "room")[];
  /** True when the room change is only a room being renamed for the whole event. */
  roomRenamed: boolean;
  speakersAdded: string[];
  speakersRemoved: string[];
}

/** A room that changed name: every talk in it moved to the new name, and the old name is gone. */
export interface RoomRename {
  eventId: string;
  from: string;
  to: string;
  talkIds: string[];
}

/** A digest (event, track, day) that showed or will show a changed talk, so may need correcting. */
export interface AffectedDay {
  eventId: string;
  trackId: string | null;
  date: string;
}

export interface ScheduleDiff {
  /** Every changed talk once, in programme order (by its new start, or its old one if removed). */
  changes: TalkChange[];
  added: TalkChange[];
  removed: TalkChange[];
  moved: TalkChange[];
  retitled: TalkChange[];
  speakersChanged: TalkChange[];
  retracked: TalkChange[];
  roomRenames: RoomRename[];
  affected: AffectedDay[];
  /** Talks present in both releases with nothing a reader would notice changed. */
  unchanged: number;
}

function slotOf(t: Talk, trackNames: Map<string, string>): TalkSlot {
  const trackName = t.trackId ? trackNames.get(t.trackId) : undefined;
  return {
    eventId: t.eventId,
    trackId: t.trackId,
    ...(trackName ? { trackName } : {}),
    title: t.title,
    ...(t.date ? { date: t.date } : {}),
    ...(t.start ? { start: t.start } : {}),
    ...(t.end ? { end: t.end } : {}),
    ...(t.room ? { room: t.room } : {}),
    speakers: t.speakers.map((s) => s.name.trim()),
  };
}

/** Same instant whatever offset it is written with; both absent counts as the same. */
function sameInstant(a: string | undefined, b: string | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return Date.parse(a) === Date.parse(b);
}

/**
 * What changed from `before` to `after`, talk by talk, keyed by talk id. Pure: the
 * bot uses it to tell channels what changed and to correct digests already posted.
 */
export function diff(before: Catalog, after: Catalog): ScheduleDiff {
  const oldTalks = new Map(before.talks.map((t) => [t.id, t]));
  const newTalks = new Map(after.talks.map((t) => [t.id, t]));
  const oldTracks = new Map(before.tracks.map((t) => [t.id, t.name]));
  const newTracks = new Map(after.tracks.map((t) => [t.id, t.name]));
  const changes: TalkChange[] = [];
  let unchanged = 0;

  const blank = (talkId: string): TalkChange => ({
    talkId,
    kinds: [],
    before: null,
    after: null,
    moved: [],
    roomRenamed: false,
    speakersAdded: [],
    speakersRemoved: [],
  });

  for (const [id, old] of oldTalks) {
    const now = newTalks.get(id);
    const change = blank(id);
    change.before = slotOf(old, oldTracks);
    if (!now) {
      change.kinds.push("removed");
      changes.push(change);
      continue;
    }
    change.after = slotOf(now, newTracks);
    if (!sameInstant(old.start, now.start)) change.moved.push("start");
    if (!sameInstant(old.end, now.end)) change.moved.push("end");
    if ((old.room ?? "") !== (now.room ?? "")) change.moved.push("room");
    if (change.moved.length > 0) change.kinds.push("moved");
    if ((old.title ?? "").trim() !== (now.title ?? "").trim()) change.kinds.push("retitled");
    const was = new Set(change.before.speakers);
    const is = new Set(change.after.speakers);
    change.speakersAdded = change.after.speakers.filter((n) => !was.has(n));
    change.speakersRemoved = change.before.speakers.filter((n) => !is.has(n));
    if (change.speakersAdded.length > 0 || change.speakersRemoved.length > 0) {
      change.kinds.push("speakers");
    }
    if (old.trackId !== now.trackId) change.kinds.push("retracked");
    if (change.kinds.length > 0) changes.push(change);
    else unchanged++;
  }
  for (const [id, now] of newTalks) {
    if (oldTalks.has(id)) continue;
    const change = blank(id);
    change.after = slotOf(now, newTracks);
    change.kinds.push("added");
    changes.push(change);
  }

  changes.sort(programmeOrder);
  const roomRenames = findRoomRenames(before, after, changes);
  const of = (kind: ChangeKind) => changes.filter((c) => c.kinds.includes(kind));
  return {
    changes,
    added: of("added"),
    removed: of("removed"),
    moved: of("moved"),
    retitled: of("retitled"),
    speakersChanged: of("speakers"),
    retracked: of("retracked"),
    roomRenames,
    affected: affectedDays(changes),
    unchanged,
  };
}

function programmeOrder(a: TalkChange, b: TalkChange): number {
  const when = (c: TalkChange) => {
    const start = c.after?.start ?? c.before?.start;
    return start ? Date.parse(start) : Number.POSITIVE_INFINITY;
  };
  const wa = when(a);
  const wb = when(b);
  if (wa !== wb) return wa < wb ? -1 : 1;
  const room = (c: TalkChange) => c.after?.room ?? c.before?.room ?? "";
  return room(a).localeCompare(room(b)) || a.talkId.localeCompare(b.talkId);
}

/**
 * A room "moved" every one of its talks to a name the old release did not use, and
 * its own name is no longer used: that is a rename (36C3's "Adams" became "Ada"), and
 * readers are better told once than once per talk. The talks stay listed as moved,
 * flagged `roomRenamed`, because posts that named the old room still need correcting.
 */
function findRoomRenames(before: Catalog, after: Catalog, changes: TalkChange[]): RoomRename[] {
  const roomsIn = (c: Catalog) =>
    new Set(c.talks.flatMap((t) => (t.room ? [`${t.eventId}\u0000${t.room}`] : [])));
  const oldRooms = roomsIn(before);
  const newRooms = roomsIn(after);
  const afterIds = new Set(after.talks.map((t) => t.id));
  // For each old (event, room): where did the talks that survived go?
  const destinations = new Map<string, { to: Set<string>; changes: TalkChange[] }>();
  for (const c of changes) {
    if (!c.before?.room || !c.after) continue;
    const key = `${c.before.eventId}\u0000${c.before.room}`;
    const entry = destinations.get(key) ?? { to: new Set<string>(), changes: [] };
    entry.to.add(`${c.after.eventId}\u0000${c.after.room ?? ""}`);
    entry.changes.push(c);
    destinations.set(key, entry);
  }
  const renames: RoomRename[] = [];
  for (const [key, entry] of destinations) {
    const [eventId = "", from = ""] = key.split("\u0000");
    const [target] = entry.to;
    if (entry.to.size !== 1 || !target || newRooms.has(key) || oldRooms.has(target)) continue;
    const [toEvent = "", to = ""] = target.split("\u0000");
    if (toEvent !== eventId || !to) continue;
    // Unchanged talks of that room would have kept the old name, so a rename means
    // every surviving talk of the room appears here.
    const survivors = before.talks.filter(
      (t) => t.eventId === eventId && t.room === from && afterIds.has(t.id),
    ).length;
    // One talk changing to a new room is a move; a rename needs a room's worth of them.
    if (survivors !== entry.changes.length || survivors < 2) continue;
    for (const c of entry.changes) c.roomRenamed = true;
    renames.push({ eventId, from, to, talkIds: entry.changes.map((c) => c.talkId) });
  }
  return renames.sort((a, b) => a.eventId.localeCompare(b.eventId) || a.from.localeCompare(b.from));
}

function affectedDays(changes: TalkChange[]): AffectedDay[] {
  const seen = new Map<string, AffectedDay>();
  for (const c of changes) {
    for (const slot of [c.before, c.after]) {
      if (!slot?.date) continue;
      const key = `${slot.eventId}\u0000${slot.trackId ?? ""}\u0000${slot.date}`;
      if (!seen.has(key)) {
        seen.set(key, { eventId: slot.eventId, trackId: slot.trackId, date: slot.date });
      }
    }
  }
  return [...seen.values()].sort(
    (a, b) =>
      a.eventId.localeCompare(b.eventId) ||
      a.date.localeCompare(b.date) ||
      (a.trackId ?? "").localeCompare(b.trackId ?? ""),
  );
}
