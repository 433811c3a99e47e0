/**
 * Re-anchoring: finding each annotation again in a source text that changed since the
 * sidecar was written (edited outside VS Code, re-scraped, line endings converted).
 *
 * The order is: (1) the stored position still holds the exact quote; (2) the exact quote
 * elsewhere, chosen by how much of its prefix/suffix context matches, then by distance to
 * the old position; (3) an approximate match of the quote (Myers' bit-parallel algorithm from
 * `approx-string-match`, the library Hypothesis uses for the same job) scored on quote,
 * prefix, suffix and distance. Anything below the thresholds is an orphan: kept in the file,
 * listed to the user, never moved onto other text. Short quotes need their context to match
 * even for an exact hit and are never matched approximately, so "Yes." cannot jump to a
 * random "Yes." elsewhere.
 *
 * Searching is done on UTF-16 (JS string) offsets and converted to code points at the end.
 */
import search from 'approx-string-match';
import { OffsetMap } from '../text/offsets';
import { CONTEXT_LENGTH, type AnchorResult, type AnnotationTarget, type Sidecar, type SidecarAnnotation } from './model';
import { createTarget } from './selectors';

/** Tunables of {@link anchorTarget}; the defaults are what the extension and CLI use. */
export interface AnchorOptions {
  /** Quotes shorter than this (code points) are never matched approximately. Default 16. */
  minFuzzyLength: number;
  /**
   * Quotes with fewer different non-space characters than this ("the the the", "———") carry
   * too little information to be matched approximately. Default 8.
   */
  minFuzzyDistinct: number;
  /** Quotes shorter than this need matching context even for an exact hit elsewhere. Default 24. */
  minExactAloneLength: number;
  /**
   * Context characters that must agree for a short exact hit: at least this many and at least
   * half of the stored prefix + suffix (or all of it, if there is less). Default 8.
   */
  minContextChars: number;
  /** Largest share of the quote that may differ in an approximate match. Default 0.25. */
  maxFuzzyErrorRate: number;
  /** Lowest combined score (0..1) accepted for an approximate match. Default 0.8. */
  minFuzzyScore: number;
  /** Lowest prefix/suffix similarity (0..1, weighed by their lengths) for an approximate match. Default 0.5. */
  minFuzzyContext: number;
  /**
   * Where the text around the annotation probably moved (code points; e.g. the shift the
   * previous annotation needed). Looked at first, so most annotations of a large document
   * are found without scanning all of it. Default 0.
   */
  expectedShift?: number;
}

/** The thresholds used unless the caller overrides them. */
export const DEFAULT_ANCHOR_OPTIONS: Readonly<AnchorOptions> = {
  minFuzzyLength: 16,
  minFuzzyDistinct: 8,
  minExactAloneLength: 24,
  minContextChars: 8,
  maxFuzzyErrorRate: 0.25,
  minFuzzyScore: 0.8,
  minFuzzyContext: 0.5,
};

/** Above this many exact occurrences only the nearest ones to the old position are scored. */
const MAX_EXACT_CANDIDATES = 2000;
/** Longest quote that is searched approximately (the cost grows with quote length × text length). */
const MAX_FUZZY_QUOTE = 2000;

/** Finds `target` in `text`. Pass `map` when anchoring many targets in the same text. */
export function anchorTarget(
  text: string,
  target: AnnotationTarget,
  map?: OffsetMap,
  options: Partial<AnchorOptions> = {},
): AnchorResult {
  const opts = { ...DEFAULT_ANCHOR_OPTIONS, ...options };
  const m = map ?? new OffsetMap(text);
  const { exact } = target.quote;
  const { start, end } = target.position;
  const length = m.codePointLength;
  const exactCodePoints = codePointCount(exact);

  // (1) The position still holds the quote.
  if (start >= 0 && start <= end && end <= length && text.slice(m.toUtf16(start), m.toUtf16(end)) === exact) {
    return { status: 'anchored', method: 'position', start, end, score: 1 };
  }
  if (exact === '') {
    return { status: 'orphan', reason: 'the annotation covers no text and its position is no longer valid' };
  }
  const oldStart16 = m.toUtf16(Math.min(Math.max(0, start), length));
  const variants = lineEndingVariants(target.quote);

  // (2a) Near where it is expected: a hit whose stored context matches completely is as good
  // as any hit elsewhere could be, so the rest of a large text need not be scanned.
  const expected16 = m.toUtf16(Math.min(Math.max(0, start + (opts.expectedShift ?? 0)), length));
  for (const variant of variants) {
    const from = Math.max(0, Math.min(oldStart16, expected16) - NEAR_WINDOW);
    const to = Math.max(oldStart16, expected16) + NEAR_WINDOW + variant.exact.length;
    let best: { at: number; distance: number } | undefined;
    for (let at = text.indexOf(variant.exact, from); at !== -1 && at + variant.exact.length <= to; at = text.indexOf(variant.exact, at + 1)) {
      if (contextAt(text, at, variant) !== variant.prefix.length + variant.suffix.length) continue;
      const distance = Math.min(Math.abs(at - oldStart16), Math.abs(at - expected16));
      if (!best || distance < best.distance) best = { at, distance };
    }
    if (best) return anchored(m, best.at, best.at + variant.exact.length, 'exact', 1);
  }

  // (2) The exact quote anywhere. A CRLF <-> LF conversion of the file changes multi-line
  // quotes, so their line-ending variants are tried as well.
  let sawShortOccurrence = false;
  for (const variant of variants) {
    const occurrences = findAll(text, variant.exact, oldStart16);
    if (occurrences.length === 0) continue;
    let best: { at: number; context: number; distance: number } | undefined;
    for (const at of occurrences) {
      const context = contextAt(text, at, variant);
      const distance = Math.abs(at - oldStart16);
      if (!best || context > best.context || (context === best.context && distance < best.distance)) {
        best = { at, context, distance };
      }
    }
    const b = best as { at: number; context: number; distance: number };
    const available = variant.prefix.length + variant.suffix.length;
    // Half of the stored context (or all of it when there is little) must agree: generic
    // neighbours such as 'said: “' alone do not make another "Yes." the same quote.
    const required = Math.min(available, Math.max(opts.minContextChars, Math.ceil(available / 2)));
    if (exactCodePoints >= opts.minExactAloneLength || b.context >= required) {
      return anchored(m, b.at, b.at + variant.exact.length, 'exact', available === 0 ? 1 : 0.5 + (0.5 * b.context) / available);
    }
    sawShortOccurrence = true;
  }

  // (3) Approximately, with context.
  if (exactCodePoints < opts.minFuzzyLength) {
    return {
      status: 'orphan',
      reason: sawShortOccurrence
        ? `the quote is short (${exactCodePoints} characters) and its surrounding text changed, so it is not moved to another occurrence`
        : 'the quoted text is no longer in the source',
    };
  }
  if (distinctNonSpace(exact) < opts.minFuzzyDistinct) {
    return { status: 'orphan', reason: 'the quoted text changed, and it is too repetitive to be found approximately' };
  }
  // Search with the line endings the text uses now.
  const q = variants.find((v) => /\r\n/.test(text) === /\r\n/.test(v.exact + v.prefix + v.suffix)) ?? target.quote;
  if (q.exact.length > MAX_FUZZY_QUOTE) {
    return { status: 'orphan', reason: 'the quoted text changed and is too long to search for approximately' };
  }
  const maxErrors = Math.floor(q.exact.length * opts.maxFuzzyErrorRate);
  // Approximate search costs about (text length × quote length / 32); in a large source it
  // looks only around where the quote was and where its neighbours moved, so one changed
  // quote never blocks the editor for long. Text that moved further is found by step (2) or
  // becomes an orphan.
  const regionStart = Math.max(0, Math.min(oldStart16, expected16) - FUZZY_REGION);
  const regionEnd = Math.min(text.length, Math.max(oldStart16, expected16) + q.exact.length + FUZZY_REGION);
  const region = text.slice(regionStart, regionEnd);
  const candidates = fuzzyCandidates(region, q, maxErrors).map((c) => ({ ...c, start: c.start + regionStart, end: c.end + regionStart }));
  const scored = candidates.map((match) => {
    const quoteScore = 1 - match.errors / q.exact.length;
    const prefixScore = contextSimilarity(text.slice(Math.max(0, match.start - q.prefix.length - CONTEXT_LENGTH / 4), match.start), q.prefix, 'before');
    const suffixScore = contextSimilarity(text.slice(match.end, match.end + q.suffix.length + CONTEXT_LENGTH / 4), q.suffix, 'after');
    const posScore = 1 - Math.abs(match.start - oldStart16) / Math.max(1, text.length);
    // Weights after Hypothesis' quote matcher (quote 50, prefix 20, suffix 20, position 2), with
    // each context's weight scaled by its length: one stored character of prefix (the quote
    // started the text) is not twenty points of evidence.
    const prefixWeight = (20 * q.prefix.length) / CONTEXT_LENGTH;
    const suffixWeight = (20 * q.suffix.length) / CONTEXT_LENGTH;
    const score = (50 * quoteScore + prefixWeight * prefixScore + suffixWeight * suffixScore + 2 * posScore) / (52 + prefixWeight + suffixWeight);
    // Context evidence is weighed by how much context there is: a 4-character suffix (the
    // quote ended the text) says little next to a mismatching 32-character prefix.
    const contextChars = q.prefix.length + q.suffix.length;
    const context = contextChars === 0 ? 1 : (prefixScore * q.prefix.length + suffixScore * q.suffix.length) / contextChars;
    return { start: match.start, end: match.end, score, context };
  });
  scored.sort((a, b) => b.score - a.score);
  const best = scored[0];
  if (!best) return { status: 'orphan', reason: 'the quoted text is no longer in the source' };
  // A rival elsewhere that scores about as well means the text is too repetitive to tell.
  const rival = scored.find((c) => c.end <= best.start || c.start >= best.end);
  if (rival && rival.score > best.score - AMBIGUITY_MARGIN) {
    return { status: 'orphan', reason: 'the quoted text changed and several places match it about equally well' };
  }
  if (best.score >= opts.minFuzzyScore && best.context >= opts.minFuzzyContext) {
    return anchored(m, best.start, best.end, 'fuzzy', best.score);
  }
  return {
    status: 'orphan',
    reason: `the quoted text changed too much to be placed with confidence (best match ${Math.round(best.score * 100)}%)`,
  };
}

/** How much better (0..1 score) the best approximate match must be than one elsewhere. */
const AMBIGUITY_MARGIN = 0.05;

/**
 * Candidate places for an approximate match. `approx-string-match` returns only the matches
 * with the fewest errors in the whole text, so a random near-copy with fewer errors would hide
 * the real place; the quote is therefore also searched right after each place its prefix
 * occurs and right before each place its suffix occurs.
 */
function fuzzyCandidates(text: string, q: { exact: string; prefix: string; suffix: string }, maxErrors: number): { start: number; end: number; errors: number }[] {
  const found = search(text, q.exact, maxErrors);
  const span = q.exact.length + maxErrors;
  const windows: [number, number][] = [];
  const prefixTail = q.prefix.slice(-Math.min(q.prefix.length, CONTEXT_LENGTH / 2));
  const suffixHead = q.suffix.slice(0, Math.min(q.suffix.length, CONTEXT_LENGTH / 2));
  if (prefixTail.length >= 8) {
    for (const p of search(text, prefixTail, Math.floor(prefixTail.length / 4)).slice(0, MAX_CONTEXT_HITS)) windows.push([p.end, p.end + span]);
  }
  if (suffixHead.length >= 8) {
    for (const p of search(text, suffixHead, Math.floor(suffixHead.length / 4)).slice(0, MAX_CONTEXT_HITS)) windows.push([p.start - span, p.start]);
  }
  for (const [from, to] of windows) {
    const lo = Math.max(0, from - maxErrors);
    const hi = Math.min(text.length, to + maxErrors);
    for (const match of search(text.slice(lo, hi), q.exact, maxErrors)) {
      found.push({ start: match.start + lo, end: match.end + lo, errors: match.errors });
    }
  }
  const seen = new Set<string>();
  return found.filter((c) => {
    const key = `${c.start}:${c.end}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Context hits searched around at most; more means the context itself is not distinctive. */
const MAX_CONTEXT_HITS = 50;

function anchored(m: OffsetMap, start16: number, end16: number, method: 'exact' | 'fuzzy', score: number): AnchorResult {
  return { status: 'anchored', method, start: m.toCodePoint(start16), end: m.toCodePoint(end16), score };
}

/** Characters each side of the old and expected positions searched approximately (UTF-16 units). */
const FUZZY_REGION = 65_536;

/** Characters each side of the near search (UTF-16 units). */
const NEAR_WINDOW = 65_536;

/** How many characters of the stored prefix (backwards) and suffix (forwards) agree with the text around `at`. */
function contextAt(text: string, at: number, q: { exact: string; prefix: string; suffix: string }): number {
  return commonSuffixLength(text.slice(Math.max(0, at - q.prefix.length), at), q.prefix) +
    commonPrefixLength(text.slice(at + q.exact.length, at + q.exact.length + q.suffix.length), q.suffix);
}

/** The quote as stored, plus its LF-only and CRLF forms when it spans lines. */
function lineEndingVariants(q: { exact: string; prefix: string; suffix: string }): { exact: string; prefix: string; suffix: string }[] {
  const out = [q];
  if (!/[\r\n]/.test(q.exact + q.prefix + q.suffix)) return out;
  const lf = (s: string) => s.replace(/\r\n?/g, '\n');
  const crlf = (s: string) => lf(s).replace(/\n/g, '\r\n');
  for (const f of [lf, crlf]) {
    const v = { exact: f(q.exact), prefix: f(q.prefix), suffix: f(q.suffix) };
    if (!out.some((o) => o.exact === v.exact && o.prefix === v.prefix && o.suffix === v.suffix)) out.push(v);
  }
  return out;
}

function distinctNonSpace(s: string): number {
  const seen = new Set<string>();
  for (const c of s) if (!/\s/.test(c)) seen.add(c);
  return seen.size;
}

function codePointCount(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}

/** All occurrences of `needle`; when there are very many, the ones nearest `near`. */
function findAll(text: string, needle: string, near: number): number[] {
  const found: number[] = [];
  for (let i = text.indexOf(needle); i !== -1; i = text.indexOf(needle, i + 1)) found.push(i);
  if (found.length <= MAX_EXACT_CANDIDATES) return found;
  return found.sort((a, b) => Math.abs(a - near) - Math.abs(b - near)).slice(0, MAX_EXACT_CANDIDATES);
}

function commonSuffixLength(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a.charCodeAt(a.length - 1 - n) === b.charCodeAt(b.length - 1 - n)) n++;
  return n;
}

function commonPrefixLength(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a.charCodeAt(n) === b.charCodeAt(n)) n++;
  return n;
}

/**
 * How well `context` (the stored prefix or suffix) matches the text next to a candidate: 1 for
 * identical, 0 for unrelated. An empty stored context means the quote was at the start (end) of
 * the text, which counts as a match only at the start (end) again.
 */
function contextSimilarity(window: string, context: string, side: 'before' | 'after'): number {
  if (context === '') return window === '' ? 1 : 0.5;
  const distance = side === 'before'
    ? anchoredEditDistance(reverse(context), reverse(window))
    : anchoredEditDistance(context, window);
  return Math.max(0, 1 - distance / context.length);
}

function reverse(s: string): string {
  let out = '';
  for (let i = s.length - 1; i >= 0; i--) out += s[i];
  return out;
}

/**
 * Edit distance between `pattern` and the best-fitting prefix of `text` (the alignment starts
 * at text[0], i.e. right next to the candidate, and may end anywhere). O(|pattern| × |text|),
 * both about 32 characters here.
 */
function anchoredEditDistance(pattern: string, text: string): number {
  let previous = new Array<number>(text.length + 1);
  for (let j = 0; j <= text.length; j++) previous[j] = j;
  for (let i = 1; i <= pattern.length; i++) {
    const current = new Array<number>(text.length + 1);
    current[0] = i;
    for (let j = 1; j <= text.length; j++) {
      const substitution = (previous[j - 1] as number) + (pattern.charCodeAt(i - 1) === text.charCodeAt(j - 1) ? 0 : 1);
      current[j] = Math.min(substitution, (previous[j] as number) + 1, (current[j - 1] as number) + 1);
    }
    previous = current;
  }
  return Math.min(...previous);
}

/** The outcome of {@link reanchorAll}. */
export interface ReanchorResult {
  /** A copy of the sidecar: anchored annotations get targets rebuilt on the new text; orphans keep theirs. */
  sidecar: Sidecar;
  /** Where each annotation (by id) sits now, or why it is an orphan. */
  anchors: Map<string, AnchorResult>;
  /** Ids of the orphans, in file order. */
  orphans: string[];
}

/**
 * Re-anchors every annotation of `sidecar` in `text`. No annotation is ever dropped and
 * `modified` is not touched (moving is not an edit). Pass `sha256` (of `text`) to record in
 * the returned sidecar which text its positions now refer to.
 */
export function reanchorAll(sidecar: Sidecar, text: string, sha256?: string, options: Partial<AnchorOptions> = {}): ReanchorResult {
  const run = new ReanchorRun(sidecar, text, options);
  while (!run.done) run.step();
  return run.result(sha256);
}

/**
 * {@link reanchorAll} for the editor: the same result, computed in slices of about
 * `budgetMs` milliseconds with the event loop free in between, so re-anchoring a large
 * source never blocks the extension host for long.
 */
export async function reanchorAllAsync(
  sidecar: Sidecar,
  text: string,
  sha256?: string,
  options: Partial<AnchorOptions> & { budgetMs?: number } = {},
): Promise<ReanchorResult> {
  const run = new ReanchorRun(sidecar, text, options);
  const budget = options.budgetMs ?? 20;
  while (!run.done) {
    const t0 = Date.now();
    // At least one annotation per slice, so even a zero budget makes progress.
    do run.step();
    while (!run.done && Date.now() - t0 < budget);
    if (!run.done) await new Promise<void>((resolve) => setTimeout(resolve, 0));
  }
  return run.result(sha256);
}

/** The state of one re-anchoring pass, advanced one annotation at a time. */
class ReanchorRun {
  private readonly map: OffsetMap;
  private readonly anchors = new Map<string, AnchorResult>();
  private readonly orphans: string[] = [];
  private readonly annotations: SidecarAnnotation[] = [];
  private index = 0;
  /** The shift the last placed annotation needed: the next one probably moved as much. */
  private shift = 0;

  constructor(
    private readonly sidecar: Sidecar,
    private readonly text: string,
    private readonly options: Partial<AnchorOptions>,
  ) {
    this.map = new OffsetMap(text);
  }

  get done(): boolean {
    return this.index >= this.sidecar.annotations.length;
  }

  step(): void {
    const annotation = this.sidecar.annotations[this.index++] as SidecarAnnotation;
    const { text, map } = this;
    const result = anchorTarget(text, annotation.target, map, { ...this.options, expectedShift: this.shift });
    this.anchors.set(annotation.id, result);
    if (result.status === 'orphan') {
      this.orphans.push(annotation.id);
      this.annotations.push(annotation);
      return;
    }
    const p = annotation.target.position;
    this.shift = result.start - p.start;
    const unchanged = result.method === 'position' && annotation.target.quote.prefix === contextBefore(text, map, p.start) &&
      annotation.target.quote.suffix === contextAfter(text, map, p.end);
    this.annotations.push(unchanged ? annotation : { ...annotation, target: createTarget(text, result.start, result.end, map) });
  }

  result(sha256: string | undefined): ReanchorResult {
    const source = sha256 === undefined ? this.sidecar.source : { ...this.sidecar.source, sha256 };
    return { sidecar: { ...this.sidecar, source, annotations: this.annotations }, anchors: this.anchors, orphans: this.orphans };
  }
}

function contextBefore(text: string, map: OffsetMap, start: number): string {
  return text.slice(map.toUtf16(Math.max(0, start - CONTEXT_LENGTH)), map.toUtf16(start));
}

function contextAfter(text: string, map: OffsetMap, end: number): string {
  return text.slice(map.toUtf16(end), map.toUtf16(Math.min(map.codePointLength, end + CONTEXT_LENGTH)));
}
