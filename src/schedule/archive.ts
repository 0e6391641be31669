/**
 * Where the last applied release of each schedule source is kept, so that a
 * restart serves it even while the source is down, and asks the source for
 * something newer than it (conditional request) instead of starting over.
 * The store implements it; `MemoryReleaseArchive` is for tests.
 */
export interface ArchivedRelease {
  /** The id of the release this body was applied in (`onRelease`'s `releaseId`). */
  releaseId: string;
  /** The source's text as imported. */
  body: string;
  /** The validators it was served with, for the next conditional request. */
  etag?: string;
  lastModified?: string;
}

export interface ReleaseArchive {
  /** The last release applied from this source, or null if none was. */
  last(sourceKey: string): Promise<ArchivedRelease | null>;
  /** Replaces the source's record; called once the release was handed to `onRelease`. */
  save(sourceKey: string, rec: ArchivedRelease): Promise<void>;
}

export class MemoryReleaseArchive implements ReleaseArchive {
  readonly records = new Map<string, ArchivedRelease>();
  /** How many saves each source had, for tests. */
  readonly saves = new Map<string, number>();

  async last(sourceKey: string): Promise<ArchivedRelease | null> {
    const rec = this.records.get(sourceKey);
    return rec ? { ...rec } : null;
  }

  async save(sourceKey: string, rec: ArchivedRelease): Promise<void> {
    this.records.set(sourceKey, { ...rec });
    this.saves.set(sourceKey, (this.saves.get(sourceKey) ?? 0) + 1);
  }
}
