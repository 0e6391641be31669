import type { PlannedDigest } from "./plan.ts";
import { type DigestView, digestView } from "./view.ts";

/** The digest as the terminal shows it: the same content as the Slack message. */
export function digestText(digest: PlannedDigest): string {
  return digestTextOf(digestView(digest));
}

function digestTextOf(view: DigestView): string {
  const lines = [`Up next: ${view.track} (${view.when})`];
  if (view.event) lines[0] += ` · ${view.event}`;
  for (const talk of view.talks) {
    lines.push(`  • ${talk.title}`);
    if (talk.speakers.length > 0) lines.push(`    ${talk.speakers.join("; ")}`);
    if (talk.room) lines.push(`    Room: ${talk.room}`);
    if (talk.line) lines.push(`    ${talk.line}`);
  }
  return lines.join("\n");
}
