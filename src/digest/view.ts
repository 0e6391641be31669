import { excerptOf, firstSentence } from "../catalog/titles.ts";
import { lookupOf, type TalkView, talkView } from "../present/talk-view.ts";
import { whenText } from "../time/format.ts";
import { type DigestScope, type PlannedDigest, tracksOf } from "./plan.ts";

/** What a digest says, as plain text: Slack blocks and the terminal both render this. */
export interface DigestView {
  key: string;
  scope: DigestScope["kind"];
  /** What it announces, for "Up next in …": the track, the room, or the event (combined). */
  name: string;
  /** "Up next: Rust", "Up next in K.1.105", "Up next at FOSDEM 2026". */
  heading: string;
  event: string | null;
  /** "Tue 3 Mar 2020, 10:35 GMT": the slot's start in the event's own zone. */
  when: string;
  slotStart: Date;
  /** In the combined digest grouped by track (each talk's `track`), in track order. */
  talks: (TalkView & { line: string })[];
}

/** One line of a talk's abstract: its first sentence, cut to `max` characters. */
function oneLine(abstract: string, max = 160): string {
  return excerptOf(firstSentence(abstract), max);
}

function naming(d: PlannedDigest): { name: string; heading: string } {
  const { scope } = d;
  if (scope.kind === "track")
    return { name: scope.track.name, heading: `Up next: ${scope.track.name}` };
  if (scope.kind === "room") return { name: scope.room, heading: `Up next in ${scope.room}` };
  const name = d.event.name ?? "every track";
  return { name, heading: d.event.name ? `Up next at ${d.event.name}` : "Up next in every track" };
}

export function digestView(digest: PlannedDigest): DigestView {
  const lookup = lookupOf({ events: [digest.event], tracks: tracksOf(digest), talks: [] });
  const zone = digest.event.timeZone ?? "UTC";
  return {
    key: digest.key,
    scope: digest.scope.kind,
    ...naming(digest),
    event: digest.event.name,
    when: whenText(digest.slotStart, undefined, zone),
    slotStart: digest.slotStart,
    talks: digest.talks.map((t) => {
      const view = talkView(t, lookup);
      // An untitled talk's display title already is its first sentence.
      return { ...view, line: view.untitled ? "" : oneLine(t.abstract) };
    }),
  };
}
