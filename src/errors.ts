/**
 * An error whose message is meant for the person running talkbot: a setting, a
 * file or a command line they can fix. Entry points print the message alone (no
 * stack trace) and exit with `exitCode`; anything else is a bug and keeps its stack.
 * `code` is stable, for tests and for anyone matching on it instead of the text.
 */
export class TalkbotError extends Error {
  readonly code: string;
  readonly exitCode: number;

  constructor(code: string, message: string, options: { cause?: unknown; exitCode?: number } = {}) {
    super(message, "cause" in options ? { cause: options.cause } : undefined);
    this.name = new.target.name;
    this.code = code;
    this.exitCode = options.exitCode ?? 1;
  }
}
