import type { SlackMessage } from "./limits.ts";

/** What a user sees when talkbot fails them; the reference ties it to the logged error. */
export const apologyText = (ref: string) =>
  `Sorry, something went wrong on my side. If it keeps happening, tell the organizers and quote reference \`${ref}\`.`;

export const talkGoneText =
  "That talk is no longer in the schedule: search again with /talk to see what is on.";

export const cannotPostText =
  "I can't post in this conversation. Invite me first (`/invite @talkbot`), then share again.";

export const staleButtonText =
  "That button is from an older version of talkbot: search again with /talk.";

/** A one-section message for short notices. */
export function noticeMessage(text: string): SlackMessage {
  return { text, blocks: [{ type: "section", text: { type: "mrkdwn", text } }] };
}
