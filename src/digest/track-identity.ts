import type { Catalog } from "../catalog/schema.ts";
import type { Store } from "../store/store.ts";

export interface KnownTrack {
  identity: string;
  talkIds: string[];
}

/**
 * Which identity each track of one event is keyed by. A track keeps the identity
 * it had; a track with a new id takes over the identity of a track that is gone
 * when most of its talks came from there (a rename: same talks, new name and id),
 * so renaming a track never announces its slots a second time.
 */
export function inheritIdentities(
  known: ReadonlyMap<string, KnownTrack>,
  tracks: readonly { id: string; talkIds: readonly string[] }[],
): Map<string, string> {
  const present = new Set(tracks.map((t) => t.id));
  const identityOfTalk = new Map<string, string>();
  const taken = new Set<string>();
  for (const [trackId, k] of known) if (present.has(trackId)) taken.add(k.identity);
  const free = new Set<string>();
  for (const [trackId, k] of known) {
    if (present.has(trackId) || taken.has(k.identity)) continue;
    free.add(k.identity);
    for (const talk of k.talkIds) identityOfTalk.set(talk, k.identity);
  }
  const out = new Map<string, string>();
  for (const t of tracks) {
    const kept = known.get(t.id);
    if (kept) {
      out.set(t.id, kept.identity);
      continue;
    }
    const votes = new Map<string, number>();
    for (const talk of t.talkIds) {
      const id = identityOfTalk.get(talk);
      if (id && free.has(id)) votes.set(id, (votes.get(id) ?? 0) + 1);
    }
    let best: string | undefined;
    let bestVotes = 0;
    for (const [id, n] of votes) if (n > bestVotes) [best, bestVotes] = [id, n];
    if (best && bestVotes * 2 > t.talkIds.length) {
      out.set(t.id, best);
      free.delete(best);
    } else {
      out.set(t.id, t.id);
    }
  }
  return out;
}

/**
 * The identities for every track of `catalog`, read from and saved to the store, so
 * they hold across restarts and across replicas. Keyed by track id. With `save:
 * false` (the CLI, beside a running bot) nothing is written.
 */
export async function trackIdentities(
  store: Store,
  catalog: Catalog,
  options: { save?: boolean } = {},
): Promise<Map<string, string>> {
  const talksOf = new Map<string, string[]>();
  for (const talk of catalog.talks) {
    if (!talk.trackId) continue;
    const list = talksOf.get(talk.trackId) ?? [];
    list.push(talk.id);
    talksOf.set(talk.trackId, list);
  }
  const out = new Map<string, string>();
  for (const event of catalog.events) {
    const tracks = catalog.tracks
      .filter((t) => t.eventId === event.id)
      .map((t) => ({ id: t.id, talkIds: (talksOf.get(t.id) ?? []).sort() }));
    if (tracks.length === 0) continue;
    const known = await store.trackIdentities(event.id);
    const ids = inheritIdentities(known, tracks);
    const changed = tracks.filter((t) => {
      const k = known.get(t.id);
      return !k || k.identity !== ids.get(t.id) || k.talkIds.join("\n") !== t.talkIds.join("\n");
    });
    if (options.save !== false) {
      await store.saveTrackIdentities(
        event.id,
        changed.map((t) => ({
          trackId: t.id,
          identity: ids.get(t.id) ?? t.id,
          talkIds: t.talkIds,
        })),
      );
    }
    for (const [k, v] of ids) out.set(k, v);
  }
  return out;
}
