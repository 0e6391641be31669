import type { TalkView } from "../present/talk-view.ts";

/** The terminal twin of Slack's Details: the full abstract and every speaker's role, company and bio. */
export function renderDetails(view: TalkView): string {
  const lines = [view.title];
  const where = [view.track && `Track: ${view.track}`, view.room && `Room: ${view.room}`, view.when]
    .filter(Boolean)
    .join(" · ");
  if (where) lines.push(where);
  if (view.tags.length > 0) lines.push(`Topics: ${view.tags.join(", ")}`);
  lines.push("", view.abstract.trim() || "No abstract yet.");
  for (const s of view.speakerDetails) {
    const about = [s.role, s.company].filter(Boolean).join(", ");
    lines.push("", about ? `${s.name} — ${about}` : s.name);
    if (s.bio)
      lines.push(
        ...s.bio
          .trim()
          .split("\n")
          .map((l) => `  ${l}`),
      );
  }
  return `${lines.join("\n")}\n`;
}
