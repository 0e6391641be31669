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
} as const;

export type ActionIdName = (typeof ActionId)[keyof typeof ActionId];

export const allActionIds: readonly ActionIdName[] = Object.values(ActionId);
