import { excerptOf } from "../catalog/titles.ts";
import type { SearchResult } from "../search/types.ts";
import { dayText } from "../time/format.ts";
import type { CatalogLookup } from "./talk-view.ts";

/** What a person sees of a track, as plain (unescaped) text, for every surface. */
export interface TrackView {
  name: string;
  /** "QCon London 2020 · Wed 4 Mar 2020" */
  when: string;
  host?: string;
  description: string;
  /** "6 talks", or "no sessions listed yet". */
  talks: string;
}

export function trackViews(
  tracks: NonNullable<SearchResult["tracks"]>,
  lookup: CatalogLookup,
): TrackView[] {
  return tracks.flatMap(({ id, talks }) => {
    const track = lookup.tracks.get(id);
    if (!track) return [];
    const event = lookup.events.get(track.eventId)?.name;
    return [
      {
        name: track.name,
        when: [event, track.date && dayText(track.date)].filter(Boolean).join(" · "),
        host: track.host,
        description: excerptOf(track.description ?? "", 300),
        talks: talks === 0 ? "no sessions listed yet" : `${talks} talk${talks === 1 ? "" : "s"}`,
      },
    ];
  });
}

/** One line per track: "Wed 4 Mar 2020 · Evolving Java · host … · no sessions listed yet". */
export function trackLine(view: TrackView): string {
  return [view.when, view.name, view.host && `host ${view.host}`, view.talks]
    .filter(Boolean)
    .join(" · ");
}
