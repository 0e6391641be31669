import type { PlannedDigest } from "./plan.ts";
import { type DigestView, digestView } from "./view.ts";

/** The digest as the terminal shows it: the same content as the Slack message. */
export function digestText(digest: PlannedDigest): string {
  return digestTextOf(digestView(digest));
}

function digestTextOf(view: DigestView): string {
  const lines = [`${view.heading} (${view.when})`];
  if (view.event && view.scope !== "all") lines[0] += ` · ${view.event}`;
  let group: string | undefined;
  for (const talk of view.talks) {
    if (view.scope === "all" && talk.track !== group) {
      group = talk.track;
      lines.push(`  ${group ?? "No track"}`);
    }
    const indent = view.scope === "all" ? "    " : "  ";
    lines.push(`${indent}• ${talk.title}`);
    if (talk.speakers.length > 0) lines.push(`${indent}  ${talk.speakers.join("; ")}`);
    if (talk.room && view.scope !== "room") lines.push(`${indent}  Room: ${talk.room}`);
    if (talk.line && view.scope !== "all") lines.push(`${indent}  ${talk.line}`);
  }
  return lines.join("\n");
}
