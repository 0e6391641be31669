import type { ActionsBlock, Button, KnownBlock } from "@slack/types";
import { ActionId } from "../action-ids.ts";
import { button } from "./buttons.ts";

export const starLabel = "☆ Star";
export const starredLabel = "★ Starred";

/** The star toggle for one talk; a click stars it, or unstars it when already starred. */
export function starButton(talkId: string, starred = false): Button | null {
  return button(starred ? starredLabel : starLabel, ActionId.star, talkId);
}

/**
 * The same blocks with each star button showing whether `isStarred` says its talk
 * is starred. Cards are cached and shared between readers with every star
 * showing "☆ Star"; only a message one person sees gets their state, so only the
 * blocks that change are copied.
 */
export function markStars<T extends KnownBlock>(
  blocks: readonly T[],
  isStarred: (talkId: string) => boolean,
): T[] {
  return blocks.map((block) => {
    if (block.type !== "actions") return block;
    const elements = (block as ActionsBlock).elements;
    let changed = false;
    const marked = elements.map((el) => {
      if (el.type !== "button" || el.action_id !== ActionId.star || !el.value) return el;
      const want = isStarred(el.value) ? starredLabel : starLabel;
      if (el.text.text === want) return el;
      changed = true;
      return { ...el, text: { ...el.text, text: want } };
    });
    return changed ? ({ ...block, elements: marked } as T) : block;
  });
}
