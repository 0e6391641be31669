/**
 * What a posted digest showed, kept as JSON with its delivery record
 * (deliveries.payload): read back to decide whether a release changed what the
 * message shows, and to correct it. A correction keeps the same shape, plus the
 * digest it corrects and the release it shows.
 */
import type { Talk } from "../catalog/schema.ts";
import { displayTitle } from "../catalog/titles.ts";
import type { PlannedDigest } from "../digest/plan.ts";

/** One talk as the message showed it: only what a reader sees and a release may change. */
export interface ShownTalk {
  id: string;
  /** As displayed: the title, or an untitled talk's stand-in. */
  title: string;
  /** The catalog's own title, null when untitled (then `title` follows the speakers). */
  untitled?: true;
  room: string | null;
  speakers: string[];
  /** ISO with offset, when the catalog has one: how long the slot runs. */
  end?: string;
}

export interface DigestPayload {
  event: string;
  /** Room and combined digests say so; a track digest (every record before them) does not. */
  scope?: "room" | "all";
  /**
   * A track digest's track id when it was posted. Absent on room and combined
   * digests, so a version that knew only track digests passes their records by.
   */
  track?: string;
  /** A room digest's room, as the catalog named it. */
  room?: string;
  /** The slot's start, UTC ISO. */
  slot: string;
  /** Talk ids, in the order shown. */
  talks: string[];
  /** What each talk showed; absent in records written before corrections existed. */
  shown?: ShownTalk[];
  /** On a correction: the key of the digest it corrects. */
  digest?: string;
  /** On a correction: the release whose schedule it shows. */
  release?: string;
  /**
   * On a correction: which application of a release it shows (AppliedRelease.sequence):
   * orders two corrections of one message settled within the same millisecond.
   */
  sequence?: number;
}

export function shownTalk(t: Talk): ShownTalk {
  return {
    id: t.id,
    title: displayTitle(t),
    ...(t.title === null ? { untitled: true as const } : {}),
    room: t.room ?? null,
    speakers: t.speakers.map((s) => s.name.trim()),
    ...(t.end ? { end: t.end } : {}),
  };
}

/** The payload of a digest as `d` shows it (and, for a correction, what it corrects). */
export function digestPayload(
  d: Pick<PlannedDigest, "event" | "scope" | "slotStart" | "talks">,
  correction?: { digest: string; release: string; sequence?: number },
): DigestPayload {
  const { scope } = d;
  return {
    event: d.event.id,
    ...(scope.kind === "track"
      ? { track: scope.track.id }
      : scope.kind === "room"
        ? { scope: "room" as const, room: scope.room }
        : { scope: "all" as const }),
    slot: d.slotStart.toISOString(),
    talks: d.talks.map((t) => t.id),
    shown: d.talks.map(shownTalk),
    ...(correction ? { digest: correction.digest, release: correction.release } : {}),
    ...(correction?.sequence !== undefined ? { sequence: correction.sequence } : {}),
  };
}

/** A stored payload read back, or null when there is none or it is not one of ours. */
export function parseDigestPayload(text: string | null | undefined): DigestPayload | null {
  if (!text) return null;
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return null;
  }
  const p = data as Partial<DigestPayload> | null;
  if (
    !p ||
    typeof p !== "object" ||
    typeof p.event !== "string" ||
    !scoped(p) ||
    typeof p.slot !== "string" ||
    Number.isNaN(Date.parse(p.slot)) ||
    !Array.isArray(p.talks) ||
    !p.talks.every((t) => typeof t === "string")
  ) {
    return null;
  }
  const shown = Array.isArray(p.shown) && p.shown.every(isShown) ? p.shown : undefined;
  return {
    event: p.event,
    ...(p.scope ? { scope: p.scope } : {}),
    ...(typeof p.track === "string" ? { track: p.track } : {}),
    ...(typeof p.room === "string" ? { room: p.room } : {}),
    slot: p.slot,
    talks: p.talks,
    ...(shown ? { shown } : {}),
    ...(typeof p.digest === "string" ? { digest: p.digest } : {}),
    ...(typeof p.release === "string" ? { release: p.release } : {}),
    ...(typeof p.sequence === "number" ? { sequence: p.sequence } : {}),
  };
}

/** A track digest names its track, a room digest its room; a combined digest needs neither. */
function scoped(p: Partial<DigestPayload>): boolean {
  if (p.scope === undefined) return typeof p.track === "string";
  if (p.scope === "room") return typeof p.room === "string";
  return p.scope === "all";
}

function isShown(v: unknown): v is ShownTalk {
  const s = v as Partial<ShownTalk> | null;
  return (
    !!s &&
    typeof s.id === "string" &&
    typeof s.title === "string" &&
    (s.room === null || typeof s.room === "string") &&
    Array.isArray(s.speakers)
  );
}
