import { excerptOf, firstSentence } from "../catalog/titles.ts";
import { lookupOf, type TalkView, talkView } from "../present/talk-view.ts";
import { whenText } from "../time/format.ts";
import type { PlannedDigest } from "./plan.ts";

/** What a digest says, as plain text: Slack blocks and the terminal both render this. */
export interface DigestView {
  key: string;
  track: string;
  event: string | null;
  /** "Tue 3 Mar 2020, 10:35 GMT": the slot's start in the event's own zone. */
  when: string;
  slotStart: Date;
  talks: (TalkView & { line: string })[];
}

/** One line of a talk's abstract: its first sentence, cut to `max` characters. */
function oneLine(abstract: string, max = 160): string {
  return excerptOf(firstSentence(abstract), max);
}

export function digestView(digest: PlannedDigest): DigestView {
  const lookup = lookupOf({ events: [digest.event], tracks: [digest.track], talks: [] });
  const zone = digest.event.timeZone ?? "UTC";
  return {
    key: digest.key,
    track: digest.track.name,
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
