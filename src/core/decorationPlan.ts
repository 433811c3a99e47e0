/**
 * The span → range plan behind the editor's decorations: which ranges each decoration type
 * gets for one document. Pure, so it is unit-tested; the extension only turns offsets into
 * positions and calls `setDecorations` for every key (empty lists clear stale ranges).
 */
import type { Entry } from './present/entries';
import { OffsetMap } from './text/offsets';

/** Reliability tiers, from most to least reliable; a scale value maps onto one by its rank. */
export const RELIABILITY_TIERS = ['reliability1', 'reliability2', 'reliability3', 'reliability4', 'reliability5'] as const;

/** One decoration type per key; the extension creates them once. */
export const DECORATION_KEYS = [
  'quote',
  'term',
  'speaker',
  'person',
  'claim',
  'boilerplate',
  'note',
  'confirmed',
  ...RELIABILITY_TIERS,
] as const;

export type DecorationKey = (typeof DECORATION_KEYS)[number];

/** Highlight switches, one per kind the user can toggle. */
export interface HighlightToggles {
  quotes: boolean;
  terms: boolean;
  speakers: boolean;
  people: boolean;
  claims: boolean;
  boilerplate: boolean;
  notes: boolean;
  reliability: boolean;
}

export const ALL_HIGHLIGHTS_ON: HighlightToggles = {
  quotes: true,
  terms: true,
  speakers: true,
  people: true,
  claims: true,
  boilerplate: true,
  notes: true,
  reliability: true,
};

/** A half-open range in UTF-16 offsets of the document text (what `positionAt` takes). */
export interface Utf16Range {
  start: number;
  end: number;
}

export type DecorationPlan = Record<DecorationKey, Utf16Range[]>;

/** Maps a reliability value onto a tier by its position in the scale (unknown values: none). */
export function reliabilityTier(value: string, scale: readonly string[]): (typeof RELIABILITY_TIERS)[number] | undefined {
  const rank = scale.indexOf(value);
  if (rank < 0 || scale.length === 0) return undefined;
  // Spread any scale length over the five tiers, keeping the first and last at the ends.
  const tier = scale.length === 1 ? 0 : Math.round((rank * (RELIABILITY_TIERS.length - 1)) / (scale.length - 1));
  return RELIABILITY_TIERS[tier];
}

const TOGGLE_OF: Record<Entry['kind'], keyof HighlightToggles> = {
  quote: 'quotes',
  term: 'terms',
  person: 'people',
  claim: 'claims',
  boilerplate: 'boilerplate',
  note: 'notes',
};

/** Where a plan is made for: a code point window of the text, and the text's offset map if known. */
export interface PlanScope {
  /** Reuse of the caller's map of `text` (building one is a pass over the whole text). */
  map?: OffsetMap;
  /** Only ranges that overlap this code point window are planned (dense documents, see below). */
  window?: { start: number; end: number };
}

/**
 * Plans the decorations of one document. `text` is the document text the entries' code point
 * offsets refer to. Rejected detections are not shown; a confirmed detection also gets the
 * `confirmed` mark; an entry with a reliability gets the mark of its tier.
 *
 * With `scope.window` only what overlaps the window is planned: for a source with thousands of
 * detections the editor decorates the part around what is visible, because building and
 * sending every range blocked the extension host for over 50 ms (issue 9).
 */
export function planDecorations(
  text: string,
  entries: readonly Entry[],
  toggles: HighlightToggles,
  scale: readonly string[],
  scope: PlanScope = {},
): DecorationPlan {
  const plan = Object.fromEntries(DECORATION_KEYS.map((k) => [k, [] as Utf16Range[]])) as DecorationPlan;
  const map = scope.map ?? new OffsetMap(text);
  const limit = map.codePointLength;
  const windowStart = scope.window?.start ?? 0;
  const windowEnd = scope.window?.end ?? limit;
  const range = (start: number, end: number): Utf16Range | undefined => {
    const s = Math.max(0, Math.min(start, limit));
    const e = Math.max(s, Math.min(end, limit));
    if (e <= windowStart || s >= windowEnd) return undefined;
    return e > s ? { start: map.toUtf16(s), end: map.toUtf16(e) } : undefined;
  };
  const push = (key: DecorationKey, start: number, end: number): void => {
    const r = range(start, end);
    if (r) plan[key].push(r);
  };
  // A cue is shared by several quotes of one sentence; decorate it once.
  const cues = new Set<string>();

  for (const e of entries) {
    if (e.status === 'rejected') continue;
    if (e.end <= windowStart || e.start >= windowEnd) {
      // Outside the window; a quote's cue may still lie inside it (it is outside the quote).
      const cue = e.kind === 'quote' ? e.quote?.cue : undefined;
      if (!cue || cue.end <= windowStart || cue.start >= windowEnd) continue;
    }
    if (toggles[TOGGLE_OF[e.kind]]) push(e.kind, e.start, e.end);
    if (e.quote?.cue && toggles.speakers && e.kind === 'quote') {
      const key = `${e.quote.cue.start}:${e.quote.cue.end}`;
      if (!cues.has(key)) {
        cues.add(key);
        push('speaker', e.quote.cue.start, e.quote.cue.end);
      }
    }
    if (e.status === 'confirmed' && toggles[TOGGLE_OF[e.kind]]) push('confirmed', e.start, e.end);
    if (e.reliability !== undefined && toggles.reliability) {
      const tier = reliabilityTier(e.reliability, scale);
      if (tier) push(tier, e.start, e.end);
    }
  }
  return plan;
}
