/**
 * One message per digest channel per release, listing what changed among the
 * talks its tracks announce that have not ended yet; the combined digest's
 * channel hears of every track it lists. (Room digest channels get no notices:
 * their corrected digests say what changed there.) Pure: the release's diff,
 * the catalog now in force and the digest settings in; notices out.
 */
import type { RoomRename, ScheduleDiff, TalkSlot } from "../catalog/diff.ts";
import type { Catalog, Track } from "../catalog/schema.ts";
import type { Deliverable } from "../delivery/engine.ts";
import { type DigestSettings, inCombined, planForTrack } from "../digest/settings.ts";
import { changesByTrack, type TrackChangeItem } from "./changes-by-track.ts";
import { bothSides, deadlineFrom, lastOver, zonesOf } from "./relevance.ts";

export interface NoticeTrack {
  eventId: string;
  trackId: string;
  trackName: string;
  /** The event's zone: times are shown to each reader in theirs, with this as fallback. */
  timeZone: string;
  /** In programme order; a talk that changed several ways has one item per way. */
  items: TrackChangeItem[];
}

export interface ChangeNotice extends Deliverable {
  /** `notice:<changeId>:<channel>`. */
  key: string;
  kind: "notice";
  /** What it tells: `<previous release>><release>#<which application>` (follow.ts). */
  changeId: string;
  /** The digest channel, as configured (an id or #name). */
  channel: string;
  /** When the last talk it lists ends: after that it is not worth posting. */
  deadline: Date;
  /** Tracks by name. */
  tracks: NoticeTrack[];
  /** Rooms renamed that hold talks of these tracks still to come: told once, not per talk. */
  roomRenames: (RoomRename & { timeZone: string })[];
}

export interface NoticeInput {
  /** What changed into what (ChangeNotice.changeId): the notice's key names it. */
  changeId: string;
  changes: ScheduleDiff;
  /** The catalog now in force. */
  catalog: Catalog;
  /** The catalog before, to name tracks the release removed (optional). */
  previous?: Catalog | null;
  settings: DigestSettings;
  /** Changes to talks that ended before this are left out. */
  now: Date;
}

export function noticeKey(changeId: string, channel: string): string {
  return `notice:${changeId}:${channel}`;
}

/** Which slots of an item its track's readers care about. */
function slotsOf(item: TrackChangeItem): (TalkSlot | null)[] {
  const c = item.change;
  switch (item.kind) {
    case "removed":
    case "left":
      return [c.before];
    case "moved":
      return bothSides(c);
    default:
      return [c.after];
  }
}

export function noticesFor(input: NoticeInput): ChangeNotice[] {
  const { settings, now } = input;
  if (!settings.enabled) return [];
  const zoneOf = zonesOf(input.catalog, input.previous);
  const tracks = new Map<string, Track>();
  for (const t of input.previous?.tracks ?? []) tracks.set(t.id, t);
  for (const t of input.catalog.tracks) tracks.set(t.id, t);
  // A track's own digest channel, and the combined digest's when it lists the track.
  const channelCache = new Map<string, string[]>();
  const channelsOf = (eventId: string, trackId: string, name: string | null): string[] => {
    let channels = channelCache.get(trackId);
    if (channels === undefined) {
      const track = tracks.get(trackId) ?? { id: trackId, eventId, name: name ?? trackId };
      const plan = planForTrack(settings, track);
      const shared = inCombined(settings, track) ? settings.combined?.channel : undefined;
      channels = [...new Set([plan.kind === "post" ? plan.channel : undefined, shared])].filter(
        (c): c is string => c !== undefined,
      );
      channelCache.set(trackId, channels);
    }
    return channels;
  };

  const byChannel = new Map<
    string,
    { tracks: NoticeTrack[]; last: number; renames: Set<RoomRename> }
  >();
  const entry = (channel: string) => {
    let e = byChannel.get(channel);
    if (!e) {
      e = { tracks: [], last: Number.NEGATIVE_INFINITY, renames: new Set() };
      byChannel.set(channel, e);
    }
    return e;
  };
  const t = now.getTime();

  for (const group of changesByTrack(input.changes)) {
    if (!group.trackId) continue;
    const channels = channelsOf(group.eventId, group.trackId, group.trackName);
    if (channels.length === 0) continue;
    let last = Number.NEGATIVE_INFINITY;
    const items = group.items.filter((item) => {
      const over = lastOver(slotsOf(item));
      if (over <= t) return false;
      last = Math.max(last, over);
      return true;
    });
    if (items.length === 0) continue;
    for (const channel of channels) {
      const e = entry(channel);
      e.last = Math.max(e.last, last);
      e.tracks.push({
        eventId: group.eventId,
        trackId: group.trackId,
        trackName: group.trackName ?? tracks.get(group.trackId)?.name ?? group.trackId,
        timeZone: zoneOf(group.eventId),
        items,
      });
    }
  }

  // A renamed room is told in every channel whose tracks have talks still to come there.
  const changeOf = new Map(input.changes.changes.map((c) => [c.talkId, c]));
  for (const rename of input.changes.roomRenames) {
    for (const talkId of rename.talkIds) {
      const slot = changeOf.get(talkId)?.after;
      if (!slot?.trackId) continue;
      const over = lastOver([slot]);
      if (over <= t) continue;
      for (const channel of channelsOf(slot.eventId, slot.trackId, slot.trackName ?? null)) {
        const e = entry(channel);
        e.renames.add(rename);
        e.last = Math.max(e.last, over);
      }
    }
  }

  return [...byChannel.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([channel, e]) => ({
      key: noticeKey(input.changeId, channel),
      kind: "notice" as const,
      changeId: input.changeId,
      channel,
      deadline: deadlineFrom(e.last, now),
      tracks: e.tracks,
      roomRenames: [...e.renames].map((r) => ({ ...r, timeZone: zoneOf(r.eventId) })),
    }));
}
