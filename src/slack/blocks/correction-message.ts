import type { Correction } from "../../schedule/corrections.ts";
import { digestMessage } from "./digest-message.ts";
import { fitMrkdwn, type SlackMessage } from "./limits.ts";

/** How long the "Updated …" line may be: the digest's talks keep the rest of the room. */
const NOTE_MAX = 1_000;

export const emptySlotText =
  "_This slot is empty now: its talks moved or were cancelled (see above)._";

/**
 * A posted digest as it now is, built exactly as digests are, with the line that
 * says what changed ("Updated 14:05: … moved to 15:30, K.1.105") under the slot's
 * time. A slot left empty says so. Every catalog string is escaped.
 */
export function correctionMessage(c: Correction): SlackMessage {
  return digestMessage(c.digest, {
    note: `:pencil2: ${fitMrkdwn(c.context, NOTE_MAX)}`,
    emptyText: emptySlotText,
    textLead: "Updated: up next in",
  });
}
