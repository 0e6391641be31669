import type { KnownBlock } from "@slack/types";
import { queryExamples } from "../../present/query-examples.ts";

export function helpBlocks(): KnownBlock[] {
  const lines = queryExamples.map(([example, what]) => `\`${example}\`  ${what}`);
  return [
    { type: "header", text: { type: "plain_text", text: "Find talks with /talk", emoji: true } },
    { type: "section", text: { type: "mrkdwn", text: lines.join("\n") } },
  ];
}
