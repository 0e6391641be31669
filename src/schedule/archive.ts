/**
 * Where the last applied release of each schedule source is kept, so that a
 * restart serves it even while the source is down, and asks the source for
 * something newer than it (conditional request) instead of starting over.
 * The store implements it (src/store/release-store.ts); `MemoryReleaseArchive`
 * is for tests.
 */
import { contentHash } from "./source.ts";

export interface ArchivedRelease {
  /** The id of the release this body was applied in (`onRelease`'s `releaseId`). */
  releaseId: string;
  /** The source's text as imported. */
  body: string;
  /** The validators it was served with, for the next conditional request. */
  etag?: string;
  lastModified?: string;
}

/** A source's text in the release applied before the last one: what the last one was diffed against. */
export interface PreviousRelease {
  releaseId: string;
  body: string;
}

export interface ReleaseArchive {
  /** The last release applied from this source, or null if none was. */
  lastRelease(sourceKey: string): Promise<ArchivedRelease | null>;
  /**
   * Replaces the source's record; called once the release was handed to `onRelease`.
   * The record it replaces becomes the source's `previousRelease` (unless it was
   * the same release saved again), so a restart can still tell what the last
   * release changed.
   */
  saveRelease(sourceKey: string, rec: ArchivedRelease): Promise<void>;
  /** The source's text in the release applied before its last one, or null. */
  previousRelease(sourceKey: string): Promise<PreviousRelease | null>;
}

/**
 * Which release was last applied from a set of sources (TALKBOT_SCHEDULE_URL as a
 * whole), and what it was diffed against: what a restart has already announced.
 */
export interface AppliedRelease {
  releaseId: string;
  /** The release it replaced, or null for the first release (which announced nothing). */
  previousReleaseId: string | null;
  /** When it was applied, on the bot's clock (simulated in rehearsals), ISO: "Updated 14:05". */
  appliedAt: string;
  /**
   * How many releases were applied from these sources, this one included (the
   * same release applied again, by a replica or after a restart, keeps its number).
   */
  sequence: number;
}

export interface AppliedReleases {
  appliedRelease(sourceSet: string): Promise<AppliedRelease | null>;
  /** Replaces the set's record. */
  markReleaseApplied(sourceSet: string, rec: AppliedRelease): Promise<void>;
}

/** The key of a set of sources, in order (the release id depends on the order too). */
export function sourceSetKey(sourceKeys: readonly string[]): string {
  return `sources:${contentHash(sourceKeys.join("\n"))}`;
}

export class MemoryReleaseArchive implements ReleaseArchive, AppliedReleases {
  readonly records = new Map<string, ArchivedRelease>();
  readonly previous = new Map<string, PreviousRelease>();
  readonly applied = new Map<string, AppliedRelease>();
  /** How many saves each source had, for tests. */
  readonly saves = new Map<string, number>();

  async lastRelease(sourceKey: string): Promise<ArchivedRelease | null> {
    const rec = this.records.get(sourceKey);
    return rec ? { ...rec } : null;
  }

  async saveRelease(sourceKey: string, rec: ArchivedRelease): Promise<void> {
    const old = this.records.get(sourceKey);
    if (old && old.releaseId !== rec.releaseId) {
      this.previous.set(sourceKey, { releaseId: old.releaseId, body: old.body });
    }
    this.records.set(sourceKey, { ...rec });
    this.saves.set(sourceKey, (this.saves.get(sourceKey) ?? 0) + 1);
  }

  async previousRelease(sourceKey: string): Promise<PreviousRelease | null> {
    const rec = this.previous.get(sourceKey);
    return rec ? { ...rec } : null;
  }

  async appliedRelease(sourceSet: string): Promise<AppliedRelease | null> {
    const rec = this.applied.get(sourceSet);
    return rec ? { ...rec } : null;
  }

  async markReleaseApplied(sourceSet: string, rec: AppliedRelease): Promise<void> {
    this.applied.set(sourceSet, { ...rec });
  }
}
