import type { ScheduleDiff, TalkChange, TalkSlot } from "../catalog/diff.ts";

/**
 * What one track's readers are told about a release. A talk that changed track is
 * in both: it "left" the old one and "joined" the new one (with its other changes).
 */
export type TrackChangeKind =
  | "added"
  | "removed"
  | "moved"
  | "retitled"
  | "speakers"
  | "left"
  | "joined";

export interface TrackChangeItem {
  kind: TrackChangeKind;
  change: TalkChange;
}

export interface TrackChanges {
  eventId: string;
  trackId: string | null;
  /** The track's name in the release that has it (the new one, or the old for a talk that left). */
  trackName: string | null;
  items: TrackChangeItem[];
}

const order: TrackChangeKind[] = [
  "added",
  "removed",
  "joined",
  "left",
  "moved",
  "retitled",
  "speakers",
];

/** A talk whose only change is its room being renamed for the whole event: told once, not per talk. */
export function onlyRoomRenamed(c: TalkChange): boolean {
  return c.roomRenamed && c.moved.length === 1 && c.kinds.length === 1;
}

/**
 * A release's changes grouped by the track whose digests showed (or will show) the
 * talk, in programme order within a track; tracks by name. A move that is only a
 * room rename is left out (`ScheduleDiff.roomRenames` tells it once).
 */
export function changesByTrack(d: ScheduleDiff): TrackChanges[] {
  const groups = new Map<string, TrackChanges>();
  const add = (slot: TalkSlot, kind: TrackChangeKind, change: TalkChange) => {
    const key = `${slot.eventId}\u0000${slot.trackId ?? ""}`;
    let group = groups.get(key);
    if (!group) {
      group = {
        eventId: slot.eventId,
        trackId: slot.trackId,
        trackName: slot.trackName ?? null,
        items: [],
      };
      groups.set(key, group);
    }
    group.items.push({ kind, change });
  };
  for (const c of d.changes) {
    if (onlyRoomRenamed(c)) continue;
    const home = c.after ?? c.before;
    if (!home) continue;
    const kinds: TrackChangeKind[] = [];
    for (const kind of c.kinds) {
      if (kind === "retracked") {
        if (c.before) add(c.before, "left", c);
        kinds.push("joined");
      } else if (kind === "moved" && c.roomRenamed && c.moved.length === 1) {
        // The room was renamed, and something else changed too: told as that.
      } else kinds.push(kind);
    }
    kinds.sort((a, b) => order.indexOf(a) - order.indexOf(b));
    for (const kind of kinds) add(home, kind, c);
  }
  return [...groups.values()].sort(
    (a, b) =>
      (a.trackName ?? "\uffff").localeCompare(b.trackName ?? "\uffff") ||
      a.eventId.localeCompare(b.eventId),
  );
}
