/**
 * Which digests already in the channels a release makes wrong, and what each
 * should say instead: one correction per posted message, edited in place (the
 * Slack side is chat.update at the message's ts). Pure: the posted records, the
 * catalog now in force and the digest settings in; corrections out.
 *
 * Which posted digests are corrected: every one whose slot has not ended when the
 * release is applied, whatever its day (a long lead posts tomorrow's digests
 * today). A slot that is over is history: nobody acts on it any more, an edit
 * there would only make noise (Slack shows "edited"), and Slack may refuse edits
 * of old messages anyway. A slot that has begun but not ended is still corrected:
 * people walking between rooms read it then.
 */
import type { ScheduleDiff, TalkChange } from "../catalog/diff.ts";
import type { Catalog, ConferenceEvent, Talk, Track } from "../catalog/schema.ts";
import { displayTitle } from "../catalog/titles.ts";
import type { Deliverable } from "../delivery/engine.ts";
import {
  type DigestScope,
  type PlannedDigest,
  planDigests,
  type TrackIdentities,
  trackOf,
} from "../digest/plan.ts";
import {
  coveredByCombined,
  type DigestSettings,
  planForTrack,
  roomRulesFor,
} from "../digest/settings.ts";
import type { DeliveryRecord } from "../store/store.ts";
import { clockText, placeText } from "./change-time.ts";
import {
  type DigestPayload,
  digestPayload,
  parseDigestPayload,
  type ShownTalk,
  shownTalk,
} from "./digest-payload.ts";

/** What changed for one talk in one posted digest, as its readers knew it. */
export type SlotNote =
  /** It left this slot: to another time, room or track (`start`/`room`/`track` say where now). */
  | {
      kind: "moved";
      talkId: string;
      title: string;
      start?: string;
      room?: string;
      /** Set when it is now in another track. */
      track?: string;
    }
  | { kind: "cancelled"; talkId: string; title: string }
  | { kind: "retitled"; talkId: string; from: string; to: string }
  /** Same slot, another room; `renamedFrom` when the room was only renamed. */
  | { kind: "room"; talkId: string; title: string; room: string | null; renamedFrom?: string }
  | { kind: "speakers"; talkId: string; title: string; speakers: string[] }
  /** It is in this slot now and the message did not show it (added, or moved here). */
  | { kind: "new"; talkId: string; title: string };

export interface Correction extends Deliverable {
  /** `correction:<releaseId>:<digest key>`: each message corrected at most once per release. */
  key: string;
  kind: "correction";
  releaseId: string;
  /** The key of the digest it corrects. */
  digestKey: string;
  /** Where the message is: the channel id and ts the digest was posted with. */
  channel: string;
  ts: string;
  /** The slot's end: after it, the message is history and is left alone. */
  deadline: Date;
  /** The digest as it now is; no talks when the slot was left empty. */
  digest: PlannedDigest;
  notes: SlotNote[];
  /** "Updated 14:05: Rust in the kernel moved to 15:30, K.1.105", plain text (escape to show). */
  context: string;
  /** When the release was applied (the "Updated" time); orders corrections of one message. */
  updatedAt: Date;
  /** Which application of the release this is, when the caller counts them (follow.ts). */
  sequence?: number;
}

export interface CorrectionInput {
  releaseId: string;
  /** The catalog of the release, now in force. */
  catalog: Catalog;
  settings: DigestSettings;
  /** Track id → identity, as the planner keys digests (src/digest/track-identity.ts). */
  identities: TrackIdentities;
  /**
   * The store's delivery records of kinds "digest" and "correction" (any status):
   * what was posted, and which corrections were made, tried or given up.
   */
  records: readonly DeliveryRecord[];
  /** Only digests whose slot has not ended at this instant are corrected. */
  now: Date;
  /** When the release was applied, for the "Updated" line (default `now`). */
  appliedAt?: Date;
  /**
   * The release's diff: names room renames as such, and tells what a digest
   * posted before payloads kept each talk (ids only) showed.
   */
  changes?: ScheduleDiff;
  /** Which application of the release this is (AppliedRelease.sequence), kept in the payload. */
  sequence?: number;
}

const DEFAULT_SLOT_MS = 60 * 60_000;
/** More notes than this and the "Updated" line ends with "and N more changes". */
const MAX_NOTES_IN_LINE = 5;

export function correctionKey(releaseId: string, digestKey: string): string {
  return `correction:${releaseId}:${digestKey}`;
}

/** The digest a correction key corrects (the release part never holds a colon). */
export function correctedDigestKey(key: string): string | null {
  const m = /^correction:[^:]*:(.+)$/.exec(key);
  return m?.[1] ?? null;
}

interface Shown {
  /** The record whose payload is what the message shows now. */
  record: DeliveryRecord;
  payload: DigestPayload;
}

/** Every correction `input.releaseId` calls for, in slot order. */
export function correctionsFor(input: CorrectionInput): Correction[] {
  const { catalog, now } = input;
  const appliedAt = input.appliedAt ?? now;
  const byKey = new Map(input.records.map((r) => [r.key, r]));
  const shownNow = latestShown(input.records);
  const plan = new Map(
    planDigests(catalog, input.settings, input.identities).map((d) => [d.key, d]),
  );
  const talks = new Map(catalog.talks.map((t) => [t.id, t]));
  const lookup = {
    events: new Map(catalog.events.map((e) => [e.id, e])),
    tracks: new Map(catalog.tracks.map((t) => [t.id, t])),
    talks,
  };
  const before = new Map(
    (input.changes?.changes ?? []).flatMap((c) => (c.before ? [[c.talkId, c] as const] : [])),
  );
  const renames = new Map(
    (input.changes?.roomRenames ?? []).map((r) => [`${r.eventId}\u0000${r.from}`, r.to]),
  );

  const out: Correction[] = [];
  for (const [digestKey, { record, payload }] of shownNow) {
    const digestRecord = byKey.get(digestKey);
    const channel = digestRecord?.channel;
    const ts = digestRecord?.ts;
    if (!channel || !ts) continue;
    const slotStart = new Date(payload.slot);
    const planned = plan.get(digestKey);
    let digest: PlannedDigest;
    if (planned) digest = planned;
    else {
      const empty = emptyDigest(digestKey, payload, digestRecord, lookup, input);
      if (!empty) continue;
      digest = empty;
    }
    const shown = shownTalks(payload, talks, before);
    const deadline = slotEnd(slotStart, shown, digest.talks);
    if (deadline.getTime() <= now.getTime()) continue;
    const zone = digest.event.timeZone ?? "UTC";
    const notes = notesFor(shown, digest, talks, lookup.tracks, renames);
    if (notes.length === 0) continue;

    const key = freeKey(input.releaseId, digestKey, byKey, record.key);
    if (key === null) continue;
    out.push({
      key,
      kind: "correction",
      releaseId: input.releaseId,
      digestKey,
      channel,
      ts,
      deadline,
      digest,
      notes,
      context: updatedLine(notes, appliedAt, zone, slotStart),
      updatedAt: appliedAt,
      ...(input.sequence !== undefined ? { sequence: input.sequence } : {}),
    });
  }
  return out.sort(
    (a, b) =>
      a.digest.slotStart.getTime() - b.digest.slotStart.getTime() || a.key.localeCompare(b.key),
  );
}

/** The payload a correction's message carries: what it shows now, and what it corrects. */
export function correctionPayload(c: Correction): string {
  return JSON.stringify(
    digestPayload(c.digest, {
      digest: c.digestKey,
      release: c.releaseId,
      ...(c.sequence !== undefined ? { sequence: c.sequence } : {}),
    }),
  );
}

/**
 * For each posted digest, the record whose payload the message shows now: the
 * digest's own, or the last correction made to it. Digests without a payload
 * (imported from the file ledger of older versions) cannot be compared: left out.
 */
function latestShown(records: readonly DeliveryRecord[]): Map<string, Shown> {
  const out = new Map<string, Shown>();
  for (const r of records) {
    if (r.kind !== "digest" || r.status !== "posted") continue;
    const payload = parseDigestPayload(r.payload);
    if (payload) out.set(r.key, { record: r, payload });
  }
  // In the order they were made: by the application they show where the payload
  // says (two within one millisecond), else when they were recorded.
  const corrections = records
    .filter((r) => r.kind === "correction" && r.status === "posted")
    .map((r) => ({ r, payload: parseDigestPayload(r.payload) }))
    .sort(
      (a, b) =>
        (a.payload?.sequence ?? -1) - (b.payload?.sequence ?? -1) ||
        (a.r.settledAt ?? "").localeCompare(b.r.settledAt ?? "") ||
        a.r.key.localeCompare(b.r.key),
    );
  for (const { r, payload } of corrections) {
    const digestKey = payload?.digest ?? correctedDigestKey(r.key);
    if (!payload || !digestKey || !out.has(digestKey)) continue;
    out.set(digestKey, { record: r, payload });
  }
  return out;
}

/**
 * The correction's key: `correction:<release>:<digest>`, unless that one was
 * already made and later overwritten by another release's correction (the
 * schedule went back to this release: A, B, then A again), which needs a key of
 * its own (`<release>~2`). Null when it was made and is what the message shows,
 * or was tried and given up (failed, missed), or was found made (or superseded)
 * by the history check: never twice.
 */
function freeKey(
  releaseId: string,
  digestKey: string,
  records: ReadonlyMap<string, DeliveryRecord>,
  shownKey: string,
): string | null {
  for (let n = 1; ; n++) {
    const key = correctionKey(n === 1 ? releaseId : `${releaseId}~${n}`, digestKey);
    const rec = records.get(key);
    if (!rec || rec.status === "claimed") return key;
    // Made, and shown now; tried and given up; or found superseded in history
    // after a lost answer (no payload then: what it shows is not known): never again.
    if (rec.status !== "posted" || rec.key === shownKey || !rec.payload) return null;
  }
}

/** What the message showed of each talk, in its order. */
function shownTalks(
  payload: DigestPayload,
  talks: ReadonlyMap<string, Talk>,
  before: ReadonlyMap<string, TalkChange>,
): ShownTalk[] {
  if (payload.shown) return payload.shown;
  // Written before payloads kept each talk: what the release changed tells what it was.
  return payload.talks.flatMap((id): ShownTalk[] => {
    const now = talks.get(id);
    const was = before.get(id)?.before;
    if (was) {
      const title = was.title ?? (now ? displayTitle(now) : "Untitled talk");
      return [
        {
          id,
          title,
          ...(was.title === null ? { untitled: true as const } : {}),
          room: was.room ?? null,
          speakers: was.speakers,
          ...(was.end ? { end: was.end } : {}),
        },
      ];
    }
    return now ? [shownTalk(now)] : [];
  });
}

/** The slot runs until its last talk (as shown or as now) ends; an hour when no talk says. */
function slotEnd(start: Date, shown: readonly ShownTalk[], current: readonly Talk[]): Date {
  const ends = [...shown.map((s) => s.end), ...current.map((t) => t.end)]
    .filter((e): e is string => e !== undefined)
    .map((e) => Date.parse(e))
    .filter((e) => !Number.isNaN(e) && e > start.getTime());
  return new Date(ends.length > 0 ? Math.max(...ends) : start.getTime() + DEFAULT_SLOT_MS);
}

/**
 * A posted digest the plan no longer has: its slot was left empty. Null when the
 * reason is the configuration rather than the schedule (the track is excluded or
 * posts elsewhere now, the room or combined digest is no longer configured for
 * that channel): that is not the release's to correct.
 */
function emptyDigest(
  digestKey: string,
  payload: DigestPayload,
  record: DeliveryRecord | undefined,
  lookup: { events: Map<string, ConferenceEvent>; tracks: Map<string, Track> },
  input: Pick<CorrectionInput, "settings" | "changes">,
): PlannedDigest | null {
  const event = lookup.events.get(payload.event);
  if (!event) return null;
  const scope = emptyScope(digestKey, payload, event, lookup.tracks, input);
  if (!scope) return null;
  const slotStart = new Date(payload.slot);
  const channel = record?.channel ?? "";
  return {
    key: digestKey,
    kind: "digest",
    scope,
    event,
    channel,
    leadMinutes: 0,
    slotStart,
    dueAt: slotStart,
    deadline: slotStart,
    day: slotStart.toISOString().slice(0, 10),
    talks: [],
  };
}

function emptyScope(
  digestKey: string,
  payload: DigestPayload,
  event: ConferenceEvent,
  tracks: Map<string, Track>,
  { settings, changes }: Pick<CorrectionInput, "settings" | "changes">,
): DigestScope | null {
  const postsTo = (channel: string | undefined) =>
    channel !== undefined && digestKey.endsWith(`:${channel}`);
  if (payload.scope === "room") {
    const room = payload.room ?? "";
    return roomRulesFor(settings, room).some((r) => postsTo(r.channel))
      ? { kind: "room", room, tracks: [] }
      : null;
  }
  if (payload.scope === "all") {
    return postsTo(settings.combined?.channel) ? { kind: "all", tracks: [] } : null;
  }
  const trackId = payload.track ?? "";
  const known = tracks.get(trackId);
  if (known) {
    const decision = planForTrack(settings, known);
    if (decision.kind !== "post" || !postsTo(decision.channel)) return null;
    if (coveredByCombined(settings, known, decision.channel)) return null;
    return { kind: "track", track: known };
  }
  // A track that is gone: named as the release before knew it.
  const oldName = changes?.changes.find((c) => c.before?.trackId === trackId)?.before?.trackName;
  return { kind: "track", track: { id: trackId, eventId: event.id, name: oldName ?? trackId } };
}

function sameSpeakers(a: readonly string[], b: readonly string[]): boolean {
  const sa = new Set(a);
  const sb = new Set(b);
  return sa.size === sb.size && [...sa].every((n) => sb.has(n));
}

function notesFor(
  shown: readonly ShownTalk[],
  digest: PlannedDigest,
  talks: ReadonlyMap<string, Talk>,
  tracks: ReadonlyMap<string, Track>,
  renames: ReadonlyMap<string, string>,
): SlotNote[] {
  const notes: SlotNote[] = [];
  const now = new Map(digest.talks.map((t) => [t.id, t]));
  const was = new Set(shown.map((s) => s.id));
  for (const s of shown) {
    const current = now.get(s.id);
    if (!current) {
      const elsewhere = talks.get(s.id);
      if (!elsewhere) {
        notes.push({ kind: "cancelled", talkId: s.id, title: s.title });
        continue;
      }
      // Only a track's digest says a talk left for another track: a room's or the
      // combined digest shows every track.
      const track = trackOf(digest);
      const otherTrack =
        track && elsewhere.trackId !== track.id
          ? elsewhere.trackId
            ? (tracks.get(elsewhere.trackId)?.name ?? elsewhere.trackId)
            : "no track"
          : undefined;
      notes.push({
        kind: "moved",
        talkId: s.id,
        title: s.title,
        ...(elsewhere.start ? { start: elsewhere.start } : {}),
        ...(elsewhere.room ? { room: elsewhere.room } : {}),
        ...(otherTrack ? { track: otherTrack } : {}),
      });
      continue;
    }
    const title = displayTitle(current);
    const untitled = current.title === null && s.untitled === true;
    if (!untitled && title !== s.title) {
      notes.push({ kind: "retitled", talkId: s.id, from: s.title, to: title });
    }
    const room = current.room ?? null;
    if (room !== s.room) {
      const renamedTo = s.room ? renames.get(`${current.eventId}\u0000${s.room}`) : undefined;
      notes.push({
        kind: "room",
        talkId: s.id,
        title,
        room,
        ...(renamedTo !== undefined && renamedTo === room && s.room ? { renamedFrom: s.room } : {}),
      });
    }
    const speakers = current.speakers.map((p) => p.name.trim());
    if (!sameSpeakers(speakers, s.speakers)) {
      notes.push({ kind: "speakers", talkId: s.id, title, speakers });
    }
  }
  for (const t of digest.talks) {
    if (!was.has(t.id)) notes.push({ kind: "new", talkId: t.id, title: displayTitle(t) });
  }
  return notes;
}

/** One note in words, times in the event's zone (a day is named when it is not the slot's). */
export function noteText(note: SlotNote, zone: string, slotStart: Date): string {
  switch (note.kind) {
    case "moved": {
      const place = placeText(note, zone, slotStart);
      if (!place) return `${note.title} moved to ${note.track ?? "no time yet"}`;
      return `${note.title} moved to ${place}${note.track ? ` (${note.track})` : ""}`;
    }
    case "cancelled":
      return `${note.title} cancelled`;
    case "retitled":
      return `${note.from} retitled: ${note.to}`;
    case "room":
      if (note.renamedFrom) return `room ${note.renamedFrom} is now called ${note.room}`;
      return note.room
        ? `${note.title} moved to ${note.room}`
        : `${note.title}: room to be announced`;
    case "speakers":
      return note.speakers.length > 0
        ? `${note.title}: now with ${note.speakers.join(", ")}`
        : `${note.title}: no speakers listed now`;
    case "new":
      return `${note.title} new in this slot`;
  }
}

/** "Updated 14:05: Rust in the kernel moved to 15:30, K.1.105; Foo cancelled". */
export function updatedLine(
  notes: readonly SlotNote[],
  at: Date,
  zone: string,
  slotStart: Date,
): string {
  // A room renamed for the whole event reads once, however many talks it holds.
  const parts = [...new Set(notes.map((n) => noteText(n, zone, slotStart)))];
  const shown = parts.slice(0, MAX_NOTES_IN_LINE);
  const rest = parts.length - shown.length;
  const more = rest > 0 ? `; and ${rest} more change${rest === 1 ? "" : "s"}` : "";
  return `Updated ${clockText(at, zone)}: ${shown.join("; ")}${more}`;
}
