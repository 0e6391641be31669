import { TalkbotError } from "../errors.ts";

/** A command line that cannot be run as given; the message says what to type instead. */
export class UsageError extends TalkbotError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super("usage", message, options);
  }
}
