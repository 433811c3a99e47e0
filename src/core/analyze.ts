/**
 * Analysis of one document: text model → people → quotes → boilerplate → claims, then every
 * span converted from UTF-16 to code point offsets (what leaves the core).
 */
import type { BlockMemo } from './blockMemo';
import { detectBoilerplate } from './detect/boilerplate';
import { detectClaims } from './detect/claims';
import { detectPeople } from './detect/people';
import { detectQuotes } from './detect/quotes';
import { OffsetMap } from './text/offsets';
import { segment } from './text/segment';
import type { AnalyzeOptions, Boilerplate, DocumentAnalysis, Quote, Span } from './types';

/**
 * Analyses one document. With a `memo` kept per document between calls, block-local work is
 * reused for blocks whose text did not change (see `BlockMemo`); the result is the same as
 * without one. `text` is the content as the caller has it; every output offset is
 * a code point offset into exactly that string, so `[...text].slice(start, end).join('')`
 * equals the item's `text`.
 *
 * CRLF line endings are kept as they are (both characters count; blocks and spans never
 * include them). A leading byte order mark (U+FEFF; `decodeSource` already strips it from
 * files) is not removed either: it stays code point 0, so offsets do not shift against the
 * text the caller holds, and it is analysed as if it were a space so it never sticks to the
 * first word.
 */
export function analyzeDocument(path: string, text: string, options: AnalyzeOptions = {}, memo?: BlockMemo): DocumentAnalysis {
  const work = text.charCodeAt(0) === 0xfeff ? ` ${text.slice(1)}` : text;
  const blocks = segment(work);
  const people = detectPeople(work, blocks, memo);
  const detectedQuotes = detectQuotes(work, blocks, people, memo);
  const boilerplate = detectBoilerplate(work, blocks, options, memo);
  // A quoted title inside page furniture ('Be the first to comment on "…"', 'One thought on
  // “…”') is not speech: quotes that lie mostly inside boilerplate are dropped.
  const sortedBoilerplate = [...boilerplate].sort((a, b) => a.start - b.start);
  const quotes = detectedQuotes.filter((q) => !mostlyInside(q, sortedBoilerplate));
  const claims = detectClaims(work, blocks, quotes, people, boilerplate, memo);
  memo?.endAnalysis();

  const map = new OffsetMap(text);
  if (map.isIdentity && work === text) {
    // No astral characters and no BOM: the detectors' UTF-16 spans already are code point
    // spans of `text`, with their text. Copying every span cost ~15 % of a whole analysis.
    return { path, quotes, people, claims, boilerplate };
  }
  // Without a BOM the detectors' span texts already are slices of `text`.
  const sameText = work === text;
  const cp = <T extends Span>(s: T): T => {
    const start = map.toCodePoint(s.start);
    const end = map.toCodePoint(s.end);
    return { ...s, start, end, text: sameText ? s.text : text.slice(s.start, s.end) };
  };
  return {
    path,
    quotes: quotes.map((q): Quote => ({ ...cp(q), cue: q.cue ? cp(q.cue) : null })),
    people: people.map((p) => ({ ...p, mentions: p.mentions.map(cp) })),
    claims: claims.map(cp),
    boilerplate: boilerplate.map(cp),
  };
}

/** True when boilerplate (sorted by start, non-overlapping lines) covers most of `q`. */
function mostlyInside(q: Span, sorted: readonly Boilerplate[]): boolean {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as Boilerplate).end <= q.start) lo = mid + 1;
    else hi = mid;
  }
  let covered = 0;
  for (let i = lo; i < sorted.length; i++) {
    const b = sorted[i] as Boilerplate;
    if (b.start >= q.end) break;
    covered += Math.min(q.end, b.end) - Math.max(q.start, b.start);
  }
  return covered * 2 > q.end - q.start;
}
