/**
 * The action ids of talkbot's buttons. Digests carry a Details button too: any
 * message may use `ActionId.details` with a talk id as the value.
 */
export const ActionId = {
  /** value: talk id → the full abstract and speaker bios, ephemeral to the clicker. */
  details: "talk_details",
  /** value: talk id → the talk's card posted to the channel, saying who shared it. */
  share: "talk_share",
  /** value: JSON `{ q, o }` (query, offset) → the next page of the same search. */
  more: "talk_more",
  /** value: talk id → stars it for the clicker, or unstars it if they had starred it. */
  star: "talk_star",
  /** App Home's reminder choice: a static select whose option value is minutes (0 = off). */
  remind: "talk_remind",
  /** "Add to calendar": a link button (Slack still sends the click; it needs only an ack). */
  calendar: "talk_calendar",
} as const;

export type ActionIdName = (typeof ActionId)[keyof typeof ActionId];

export const allActionIds: readonly ActionIdName[] = Object.values(ActionId);

/** What a "More results" button carries: the same query, from the next offset. */
export interface MorePage {
  q: string;
  o: number;
}

export function encodeMore(page: MorePage): string {
  return JSON.stringify(page);
}

export function decodeMore(value: string): MorePage | null {
  try {
    const data: unknown = JSON.parse(value);
    if (typeof data !== "object" || data === null) return null;
    const { q, o } = data as Record<string, unknown>;
    if (typeof q !== "string" || typeof o !== "number" || !Number.isInteger(o) || o < 0) {
      return null;
    }
    return { q, o };
  } catch {
    return null;
  }
}
