/**
 * Which layout a source document has, decided from its content (never its file
 * name), and the parser for it.
 */
import { abstractListScore, parseAbstractList } from "./abstract-list.ts";
import { parseRecap, recapScore } from "./recap.ts";
import { parseSessionPage, sessionPageScore } from "./session-page.ts";
import { parseTrackPage, trackPageScore } from "./track-page.ts";
import { type Layout, type ParsedSource, SourceError } from "./types.ts";

interface LayoutParser {
  layout: Layout;
  score(text: string): number;
  parse(text: string): ParsedSource;
}

/** In order of precedence when two layouts score the same. */
export const layouts: readonly LayoutParser[] = [
  { layout: "track-page", score: trackPageScore, parse: parseTrackPage },
  { layout: "recap", score: recapScore, parse: parseRecap },
  { layout: "session-page", score: sessionPageScore, parse: parseSessionPage },
  { layout: "abstract-list", score: abstractListScore, parse: parseAbstractList },
];

export function detectLayout(text: string, file = "source"): Layout {
  let best: { layout: Layout; score: number } | undefined;
  for (const l of layouts) {
    const score = l.score(text);
    if (score > 0 && (!best || score > best.score)) best = { layout: l.layout, score };
  }
  if (!best) {
    throw new SourceError(
      file,
      "cannot tell its layout: expected an abstract list, a track page, a session page or a conference recap (see Adding a source in README.md)",
    );
  }
  return best.layout;
}

/** Parses a source document with the parser for its layout. */
export function parseSource(text: string, file = "source"): ParsedSource {
  const layout = detectLayout(text, file);
  const parser = layouts.find((l) => l.layout === layout);
  if (!parser) throw new SourceError(file, `no parser for layout ${layout}`);
  const parsed = parser.parse(text);
  if (parsed.talks.length === 0) {
    throw new SourceError(file, `read as a ${layout} but no talks were found in it`);
  }
  return parsed;
}

export type {
  DayRef,
  Layout,
  ParsedSource,
  ParsedSpeaker,
  ParsedTalk,
  ParsedTrack,
} from "./types.ts";
export { SourceError } from "./types.ts";
