import {
  type Catalog,
  type ConferenceEvent,
  isBreak,
  type Talk,
  type Track,
} from "../catalog/schema.ts";
import { type DigestSettings, planForTrack } from "./settings.ts";

/**
 * One up-next message: every talk of one track that starts at one instant.
 * Pure data derived from the catalog and the settings; nothing here reads a clock.
 */
export interface PlannedDigest {
  /**
   * `digest:event:track identity:slot start (UTC ISO):channel`: what it announces,
   * stable across restarts, rebuilds and track renames (see track-identity.ts).
   */
  key: string;
  kind: "digest";
  event: ConferenceEvent;
  track: Track;
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

const slotKey = (eventId: string, trackId: string, slotStart: string) =>
  `${eventId}\n${trackId}\n${new Date(slotStart).toISOString()}`;

function announced(talk: Talk): talk is Talk & { trackId: string; start: string } {
  return talk.trackId !== null && talk.start !== undefined && !isBreak(talk);
}

/** Every digest the catalog calls for, in the order they fall due. */
export function planDigests(
  catalog: Catalog,
  settings: DigestSettings,
  identities: TrackIdentities = new Map(),
): PlannedDigest[] {
  const events = new Map(catalog.events.map((e) => [e.id, e]));
  const tracks = new Map(catalog.tracks.map((t) => [t.id, t]));
  const slots = new Map<string, { track: Track; event: ConferenceEvent; talks: Talk[] }>();
  for (const talk of catalog.talks) {
    if (!announced(talk)) continue;
    const track = tracks.get(talk.trackId);
    const event = events.get(talk.eventId);
    if (!track || !event) continue;
    const key = slotKey(event.id, track.id, talk.start);
    const slot = slots.get(key);
    if (slot) slot.talks.push(talk);
    else slots.set(key, { track, event, talks: [talk] });
  }

  const out: PlannedDigest[] = [];
  const decisions = new Map<string, ReturnType<typeof planForTrack>>();
  for (const { track, event, talks } of slots.values()) {
    let decision = decisions.get(track.id);
    if (!decision) {
      decision = planForTrack(settings, track);
      decisions.set(track.id, decision);
    }
    if (decision.kind !== "post") continue;
    const first = talks[0] as Talk & { start: string };
    const slotStart = new Date(first.start);
    const dueAt = new Date(slotStart.getTime() - decision.leadMinutes * 60_000);
    talks.sort(byRoomThenTitle);
    out.push({
      key: digestKey(event.id, identities.get(track.id) ?? track.id, slotStart, decision.channel),
      kind: "digest",
      event,
      track,
      channel: decision.channel,
      leadMinutes: decision.leadMinutes,
      slotStart,
      dueAt,
      deadline: new Date(Math.max(slotStart.getTime(), dueAt.getTime() + ZERO_LEAD_GRACE_MS)),
      // The start is written with the event's own offset, so its date part is the local day.
      day: first.start.slice(0, 10),
      talks,
    });
  }
  return out.sort(byDue);
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
    a.track.name.localeCompare(b.track.name) ||
    a.key.localeCompare(b.key)
  );
}
