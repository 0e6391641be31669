import { TalkbotError } from "../errors.ts";

/** A catalog that cannot be used, with where the problem is so an organizer can fix it. */
export class CatalogError extends TalkbotError {
  readonly file: string;
  readonly problems: readonly string[];

  constructor(file: string, problems: readonly string[], options?: { cause?: unknown }) {
    const head = `${file}: catalog refused (${problems.length} problem${problems.length === 1 ? "" : "s"})`;
    super("catalog_invalid", [head, ...problems.map((p) => `  - ${p}`)].join("\n"), options);
    this.file = file;
    this.problems = problems;
  }
}
