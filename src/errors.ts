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

/**
 * How every entry point (main, the CLI, the catalog build) ends: with the exit
 * code `run` resolves to; or, when it fails, with a TalkbotError's message
 * alone and its exit code, or anything else (a bug) with its stack and 1.
 */
export function exitWith(run: Promise<number>, bugPrefix?: string): void {
  run.then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      if (err instanceof TalkbotError) {
        console.error(err.message);
        process.exitCode = err.exitCode;
      } else {
        console.error(...(bugPrefix ? [bugPrefix, err] : [err]));
        process.exitCode = 1;
      }
    },
  );
}
