import { TalkbotError } from "../errors.ts";

/** The store could not be opened or written: one line naming the setting to fix. */
export class StoreError extends TalkbotError {}
