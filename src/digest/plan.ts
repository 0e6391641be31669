import { slugify } from "../catalog/ids.ts";
import {
  type Catalog,
  type ConferenceEvent,
  isBreak,
  type Talk,
  type Track,
} from "../catalog/schema.ts";
import {
  coveredByCombined,
  type DigestSettings,
  inCombined,
  planForTrack,
  roomRulesFor,
  type TrackPlan,
} from "./settings.ts";

/**
 * What a digest announces: one track's slot; one room's (config `digests.rooms`);
 * or, in the combined digest, every listed track's. `tracks` are those of its
 * talks, by name, for the combined digest's groups.
 */
export type DigestScope =
  | { kind: "track"; track: Track }
  | { kind: "room"; room: string; tracks: Track[] }
  | { kind: "all"; tracks: Track[] };

/**
 * One up-next message: every talk of one track, one room or every track that
 * starts at one instant. Pure data derived from the catalog and the settings;
 * nothing here reads a clock.
 */
export interface PlannedDigest {
  /**
   * What it announces, stable across restarts, rebuilds and track renames:
   * `digest:event:track identity:slot start (UTC ISO):channel` (see track-identity.ts),
   * `digest-room:event:room slug:slot:channel`, `digest-all:event:slot:channel`.
   */
  key: string;
  kind: "digest";
  scope: DigestScope;
  event: ConferenceEvent;
  channel: string;
  leadMinutes: number;
  slotStart: Date;
  dueAt: Date;
  /**
   * After this it is not posted but reported as missed: the slot start, or for a
   * zero lead ("announce as it starts") one minute after it.
   */
  deadline: Date;
  /** The slot's calendar day where the event runs (YYYY-MM-DD). */
  day: string;
  talks: Talk[];
}

/** The track a track digest announces; null for room and combined digests. */
export function trackOf(d: Pick<PlannedDigest, "scope">): Track | null {
  return d.scope.kind === "track" ? d.scope.track : null;
}

/** The tracks of a digest's talks: to name them. */
export function tracksOf(d: Pick<PlannedDigest, "scope">): Track[] {
  return d.scope.kind === "track" ? [d.scope.track] : d.scope.tracks;
}

/** "Rust", "room K.1.105", "all tracks": for log lines and the CLI. */
export function scopeName(d: Pick<PlannedDigest, "scope">): string {
  const { scope } = d;
  if (scope.kind === "track") return scope.track.name;
  return scope.kind === "room" ? `room ${scope.room}` : "all tracks";
}

/** What the planner needs to know of the ledger: has this digest already been settled? */
export interface LedgerView {
  has(key: string): boolean;
}

export interface DueDigests {
  /** Due now and their slot has not begun: post them. */
  due: PlannedDigest[];
  /** Never posted and their slot has begun: too late to announce, report them. */
  missed: PlannedDigest[];
}

export interface DueOptions {
  /**
   * How far back a begun slot still counts as missed. Older ones are history, not
   * news: a bot started long after a conference reports nothing.
   */
  missedWithinMs?: number;
}

const ZERO_LEAD_GRACE_MS = 60_000;

export const DEFAULT_MISSED_WITHIN_MS = 12 * 60 * 60 * 1000;

/** How a track is known to the keys: its id, unless a rename handed it an older identity. */
export type TrackIdentities = ReadonlyMap<string, string>;

export function digestKey(
  eventId: string,
  trackIdentity: string,
  slotStart: Date,
  channel: string,
): string {
  return `digest:${eventId}:${trackIdentity}:${slotStart.toISOString()}:${channel}`;
}

/** A room is known to its keys by its name's slug, as `cli rooms` lists it. */
export function roomDigestKey(
  eventId: string,
  room: string,
  slotStart: Date,
  channel: string,
): string {
  return `digest-room:${eventId}:${slugify(room) || "unnamed"}:${slotStart.toISOString()}:${channel}`;
}

export function combinedDigestKey(eventId: string, slotStart: Date, channel: string): string {
  return `digest-all:${eventId}:${slotStart.toISOString()}:${channel}`;
}

function announced(talk: Talk): talk is Talk & { trackId: string; start: string } {
  return talk.trackId !== null && talk.start !== undefined && !isBreak(talk);
}

/** The talks of one digest in the making, and what it will be. */
interface Slot {
  key: string;
  scope: DigestScope;
  event: ConferenceEvent;
  channel: string;
  leadMinutes: number;
  talks: (Talk & { start: string })[];
}

/**
 * Every digest the catalog calls for, in the order they fall due. A talk is in
 * its track's digest, in the digest of each room rule naming its room, and in
 * the combined digest; an excluded track's talks are in none of them.
 */
export function planDigests(
  catalog: Catalog,
  settings: DigestSettings,
  identities: TrackIdentities = new Map(),
): PlannedDigest[] {
  const events = new Map(catalog.events.map((e) => [e.id, e]));
  const tracks = new Map(catalog.tracks.map((t) => [t.id, t]));
  const decisions = new Map<string, TrackPlan>();
  const slots = new Map<string, Slot>();
  const add = (slot: Omit<Slot, "talks">, talk: Talk & { start: string }) => {
    const found = slots.get(slot.key);
    if (found) found.talks.push(talk);
    else slots.set(slot.key, { ...slot, talks: [talk] });
  };
  for (const talk of catalog.talks) {
    if (!announced(talk)) continue;
    const track = tracks.get(talk.trackId);
    const event = events.get(talk.eventId);
    if (!track || !event) continue;
    let decision = decisions.get(track.id);
    if (!decision) {
      decision = planForTrack(settings, track);
      decisions.set(track.id, decision);
    }
    if (decision.kind === "excluded") continue;
    const slotStart = new Date(talk.start);
    if (decision.kind === "post" && !coveredByCombined(settings, track, decision.channel)) {
      const { channel, leadMinutes } = decision;
      const identity = identities.get(track.id) ?? track.id;
      const key = digestKey(event.id, identity, slotStart, channel);
      add({ key, scope: { kind: "track", track }, event, channel, leadMinutes }, talk);
    }
    for (const rule of talk.room ? roomRulesFor(settings, talk.room) : []) {
      const room = talk.room as string;
      add(
        {
          key: roomDigestKey(event.id, room, slotStart, rule.channel),
          scope: { kind: "room", room, tracks: [] },
          event,
          channel: rule.channel,
          leadMinutes: rule.leadMinutes ?? settings.defaultLeadMinutes,
        },
        talk,
      );
    }
    const combined = settings.combined;
    if (combined && inCombined(settings, track)) {
      add(
        {
          key: combinedDigestKey(event.id, slotStart, combined.channel),
          scope: { kind: "all", tracks: [] },
          event,
          channel: combined.channel,
          leadMinutes: combined.leadMinutes ?? settings.defaultLeadMinutes,
        },
        talk,
      );
    }
  }
  return [...slots.values()].map((slot) => digestOf(slot, tracks)).sort(byDue);
}

function digestOf(slot: Slot, tracks: ReadonlyMap<string, Track>): PlannedDigest {
  const first = slot.talks[0] as Talk & { start: string };
  const slotStart = new Date(first.start);
  const dueAt = new Date(slotStart.getTime() - slot.leadMinutes * 60_000);
  let scope = slot.scope;
  const talks: Talk[] = slot.talks;
  if (scope.kind === "track") talks.sort(byRoomThenTitle);
  else {
    const ofTalks = [...new Set(talks.flatMap((t) => tracks.get(t.trackId ?? "") ?? []))].sort(
      (a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id),
    );
    // The combined digest groups its talks by track; a room's lists them by title.
    const rank = new Map(ofTalks.map((t, i) => [t.id, scope.kind === "all" ? i : 0]));
    const rankOf = (t: Talk) => rank.get(t.trackId ?? "") ?? 0;
    talks.sort((a, b) => rankOf(a) - rankOf(b) || byRoomThenTitle(a, b));
    scope = { ...scope, tracks: ofTalks };
  }
  return {
    key: slot.key,
    kind: "digest",
    scope,
    event: slot.event,
    channel: slot.channel,
    leadMinutes: slot.leadMinutes,
    slotStart,
    dueAt,
    deadline: new Date(Math.max(slotStart.getTime(), dueAt.getTime() + ZERO_LEAD_GRACE_MS)),
    // The start is written with the event's own offset, so its date part is the local day.
    day: first.start.slice(0, 10),
    talks,
  };
}

/** The digests of slots on one local day (each event read in its own zone). */
export function planDay(catalog: Catalog, settings: DigestSettings, day: string): PlannedDigest[] {
  return planDigests(catalog, settings).filter((d) => d.day === day);
}

/** Which of the planned digests are due at `now`, and which were missed. */
export function dueAmong(
  plan: readonly PlannedDigest[],
  now: Date,
  ledger: LedgerView,
  options: DueOptions = {},
): DueDigests {
  const t = now.getTime();
  const horizon = t - (options.missedWithinMs ?? DEFAULT_MISSED_WITHIN_MS);
  const due: PlannedDigest[] = [];
  const missed: PlannedDigest[] = [];
  for (const d of plan) {
    if (d.dueAt.getTime() > t) continue;
    if (ledger.has(d.key)) continue;
    if (d.deadline.getTime() > t) due.push(d);
    else if (d.slotStart.getTime() > horizon) missed.push(d);
  }
  return { due, missed };
}

export function dueDigests(
  now: Date,
  catalog: Catalog,
  ledger: LedgerView,
  settings: DigestSettings,
  options: DueOptions = {},
): DueDigests {
  return dueAmong(planDigests(catalog, settings), now, ledger, options);
}

function byRoomThenTitle(a: Talk, b: Talk): number {
  return (
    (a.room ?? "").localeCompare(b.room ?? "") ||
    (a.title ?? "").localeCompare(b.title ?? "") ||
    a.id.localeCompare(b.id)
  );
}

function byDue(a: PlannedDigest, b: PlannedDigest): number {
  return (
    a.dueAt.getTime() - b.dueAt.getTime() ||
    a.slotStart.getTime() - b.slotStart.getTime() ||
    a.channel.localeCompare(b.channel) ||
    scopeName(a).localeCompare(scopeName(b)) ||
    a.key.localeCompare(b.key)
  );
}
