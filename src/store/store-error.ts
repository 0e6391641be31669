/** The store could not be opened or written: one line naming the setting to fix. */
export class StoreError extends Error {
  readonly exitCode = 1;
  constructor(
    readonly code: string,
    message: string,
    cause?: unknown,
  ) {
    super(message, { cause });
    this.name = "StoreError";
  }
}
