/**
 * Claim detection: sentences that assert something a fact-checker could verify.
 *
 * Each sentence is scored from independent cues — quantities, dates and durations,
 * attribution (reported speech, "according to"), accusations and denials, causal and
 * comparative assertions, laws and sanctions — combined as independent evidence
 * (`1 - Π(1 - w)`), then damped by opinion markers ("I think", "should", "we hope").
 * Questions, very short fragments and sentences inside boilerplate are skipped.
 * All offsets are UTF-16 offsets of `text`.
 */
import type { Block, Boilerplate, Claim, Person, Quote, Span } from '../types';

/** Minimum score for a sentence to be reported as a claim. */
export const CLAIM_THRESHOLD = 0.4;

// Cue vocabularies, looked up per token: one pass over a sentence's words with Set lookups is
// several times faster than a dozen case-insensitive alternation regexes per sentence.
const words = (list: string): ReadonlySet<string> => new Set(list.split(/\s+/).filter((w) => w.length > 0));

/** Month names; "may" only counts next to a number (it is mostly the modal verb). */
const MONTHS = words('january february march april june july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec');
const DATE_WORDS = words('monday tuesday wednesday thursday friday saturday sunday yesterday today tonight');
const TIME_UNITS = words('hour hours day days week weeks month months year years decade decades minute minutes');
const NUMBER_WORDS = words(
  'two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred thousand million billion trillion dozen dozens hundreds thousands millions billions twice double triple tripled doubled halved',
);
const MAGNITUDES = words('hundred thousand million billion trillion m bn k');
const UNIT_NOUNS = words(
  'people persons civilians soldiers troops refugees residents children deaths dead killed wounded injured victims casualties cases votes voters jobs tons tonnes barrels dollars euros pounds rubles roubles hryvnias lira km kilometres kilometers miles metres meters percent homes houses buildings aircraft tanks missiles drones rounds countries nations members officials ministers delegations cities plants reactors hectares acres times',
);
const CURRENCY = words('$ € £ ₽ ₴ %');
const COMPARATIVE_WORDS = words('nearly almost');
const COMPARATIVE_AFTER_THE = words('first second third last largest biggest smallest highest lowest fastest worst best most least only');
const COMPARATIVE_PAIRS = words('more+than less+than fewer+than at+least as+many as+much up+to compared+with compared+to higher+than lower+than larger+than bigger+than smaller+than first+time');
const CHANGE_VERBS = words('increased decreased rose fell dropped grew declined surged doubled tripled halved');
const CAUSAL_WORDS = words('because therefore caused causing triggered prompted');
const CAUSAL_PAIRS = words('due+to led+to lead+to leads+to leading+to resulted+in results+in in+response thanks+to owing+to so+that which+angered after+which result+of');
const ACCUSATION_WORDS = words('rejected dismissed dismisses refuted lies false falsely propaganda deny denies denied denying denial');
const EVENT_WORDS = words(
  'attacked invaded invasion bombed bombing shelled shelling killed captured seized occupied met arrived signed launched imposed evacuated displaced visited held besieged approved passed elected resigned arrested collapsed died injured won lost founded closed opened destroyed withdrew withdrawn announced',
);
const LAW_WORDS = words(
  'law laws legislation bill decree sanction sanctions sanctioned ban bans banned embargo treaty agreement resolution court tribunal judge prison jail jailed sentence sentences sentenced punish punished punishable illegal unlawful ruling charged statute regulation airspace',
);
const ATTRIBUTION_VERBS = words(
  'said says told added stated announced confirmed reported wrote tweeted claimed insisted warned argued noted explained declared acknowledged admitted revealed estimated urged described stressed emphasised emphasized called concluded found showed testified',
);
const OPINION_AFTER_PRONOUN = words('think believe feel hope expect wish want guess suppose doubt');
const OPINION_WORDS = words('should ought shameful disgraceful wonderful terrible awful beautiful');
const OPINION_PAIRS = words('would+like must+not pin+hopes high+hopes m+sure my+view our+view my+opinion our+opinion');

const TOKEN_RE = /[a-z0-9]+|[$€£₽₴%]/g;
const YEAR_RE = /^(?:1[89]|20)\d\d$/;

// One lexicon lookup per token: each word maps to a bit set of the vocabularies it is in.
const B_MONTH = 1 << 0;
const B_DATE = 1 << 1;
const B_TIME_UNIT = 1 << 2;
const B_NUMBER_WORD = 1 << 3;
const B_MAGNITUDE = 1 << 4;
const B_UNIT = 1 << 5;
const B_COMPARATIVE = 1 << 6;
const B_AFTER_THE = 1 << 7;
const B_CHANGE = 1 << 8;
const B_CAUSAL = 1 << 9;
const B_ACCUSATION = 1 << 10;
const B_EVENT = 1 << 11;
const B_LAW = 1 << 12;
const B_ATTRIBUTION = 1 << 13;
const B_OPINION_VERB = 1 << 14;
const B_OPINION = 1 << 15;
const B_CURRENCY = 1 << 16;
/** Function words that only matter next to other cues ("the first", "a day", "I think"). */
const B_CONTEXT = 1 << 17;

const LEXICON = new Map<string, number>();
const addBits = (set: ReadonlySet<string>, bit: number): void => {
  for (const w of set) LEXICON.set(w, (LEXICON.get(w) ?? 0) | bit);
};
addBits(MONTHS, B_MONTH);
addBits(DATE_WORDS, B_DATE);
addBits(TIME_UNITS, B_TIME_UNIT);
addBits(NUMBER_WORDS, B_NUMBER_WORD);
addBits(MAGNITUDES, B_MAGNITUDE);
addBits(UNIT_NOUNS, B_UNIT);
addBits(COMPARATIVE_WORDS, B_COMPARATIVE);
addBits(COMPARATIVE_AFTER_THE, B_AFTER_THE);
addBits(CHANGE_VERBS, B_CHANGE);
addBits(CAUSAL_WORDS, B_CAUSAL);
addBits(ACCUSATION_WORDS, B_ACCUSATION);
addBits(EVENT_WORDS, B_EVENT);
addBits(LAW_WORDS, B_LAW);
addBits(ATTRIBUTION_VERBS, B_ATTRIBUTION);
addBits(OPINION_AFTER_PRONOUN, B_OPINION_VERB);
addBits(OPINION_WORDS, B_OPINION);
addBits(CURRENCY, B_CURRENCY);
addBits(words('the a an one i we in last next ago lasted'), B_CONTEXT);

/** Two-word cues, keyed by their first word: first word → second word → cue bit. */
const PAIRS = new Map<string, Map<string, number>>();
const addPairs = (set: ReadonlySet<string>, bit: number): void => {
  for (const p of set) {
    const [a, b] = p.split('+') as [string, string];
    const m = PAIRS.get(a) ?? new Map<string, number>();
    m.set(b, (m.get(b) ?? 0) | bit);
    PAIRS.set(a, m);
  }
};
addPairs(COMPARATIVE_PAIRS, B_COMPARATIVE);
addPairs(CAUSAL_PAIRS, B_CAUSAL);
addPairs(OPINION_PAIRS, B_OPINION);
addPairs(words('war+crimes war+crime'), B_ACCUSATION);
addPairs(words('according+to'), B_ATTRIBUTION);

/** Word stems (inflected forms are many) checked only for words outside the lexicon. */
const STEMS: readonly [string, number][] = [
  ['accus', B_ACCUSATION], ['alleg', B_ACCUSATION], ['blam', B_ACCUSATION], ['violat', B_ACCUSATION], ['fabricat', B_ACCUSATION],
  ['constitution', B_LAW], ['indict', B_LAW], ['convict', B_LAW],
];
const STEM_INITIALS = new Set(STEMS.map(([s]) => s[0] as string));

function isNumberToken(t: string): boolean {
  const c = t.charCodeAt(0);
  return c >= 48 && c <= 57;
}

function bitsOf(w: string): number {
  const b = LEXICON.get(w);
  if (b !== undefined) return b;
  if (w.length >= 5 && STEM_INITIALS.has(w[0] as string)) {
    for (const [stem, bit] of STEMS) if (w.startsWith(stem)) return bit;
  }
  return 0;
}

/** True when the sentence ends with "?" (optionally inside closing quotes or brackets). */
function endsWithQuestion(s: string): boolean {
  let e = s.length - 1;
  while (e >= 0 && `"'”’»)] \t`.includes(s[e] as string)) e--;
  return e >= 0 && s[e] === '?';
}

/** Counts whitespace-separated words (any script). */
function countWords(s: string): number {
  let n = 0;
  let inWord = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const space = c === 32 || c === 9 || c === 10 || c === 13 || c === 0xa0;
    if (!space && !inWord) n++;
    inWord = !space;
  }
  return n;
}

const F_QUANTITY = 1 << 0;
const F_NUMBER = 1 << 1;
const F_DATE = 1 << 2;
const F_DURATION = 1 << 3;
const F_COMPARATIVE = 1 << 4;
/** An explicit comparison ("more than", "rose by") rather than a bare superlative. */
const F_COMPARISON = 1 << 11;
const F_CAUSAL = 1 << 5;
const F_ACCUSATION = 1 << 6;
const F_EVENT = 1 << 7;
const F_LAW = 1 << 8;
const F_ATTRIBUTION = 1 << 9;
const F_OPINION = 1 << 10;

/** Lexicon bits of the current sentence's tokens, reused across sentences (no allocation). */
let bitsBuffer = new Int32Array(256);

/** Scans a lower-cased sentence once and returns the cue flags (F_*) found. */
function scanCues(lower: string): number {
  const t = lower.match(TOKEN_RE) ?? [];
  const n = t.length;
  if (bitsBuffer.length < n + 5) bitsBuffer = new Int32Array(Math.max(n + 5, bitsBuffer.length * 2));
  const bits = bitsBuffer;
  bits.fill(0, 0, n + 5);
  for (let i = 0; i < n; i++) bits[i] = isNumberToken(t[i] as string) ? 0 : bitsOf(t[i] as string);
  let f = 0;
  for (let i = 0; i < n; i++) {
    const w = t[i] as string;
    const b = bits[i] as number;
    const prevBits = i > 0 ? (bits[i - 1] as number) : 0;
    const nextBits = bits[i + 1] as number;
    const next = t[i + 1] ?? '';
    if (isNumberToken(w)) {
      const prev = i > 0 ? (t[i - 1] as string) : '';
      if (YEAR_RE.test(w) && !(nextBits & (B_UNIT | B_TIME_UNIT))) f |= F_DATE;
      else if ((prevBits | nextBits) & B_MONTH || prev === 'may' || next === 'may' || next === 'am' || next === 'pm') f |= F_DATE;
      else if (nextBits & B_TIME_UNIT || (next === 'and' && (bits[i + 4] as number) & B_TIME_UNIT)) f |= F_DURATION | F_NUMBER;
      else {
        // "44 million people", "12 %", "$3.5 billion": skip decimals and magnitudes to the noun.
        let j = i + 1;
        while (j < n && j < i + 4 && (isNumberToken(t[j] as string) || (bits[j] as number) & B_MAGNITUDE)) j++;
        const unitBits = bits[j] as number;
        if (unitBits & B_UNIT || t[j] === '%' || (t[j] === 'per' && t[j + 1] === 'cent') || prevBits & B_CURRENCY || j > i + 1) f |= F_QUANTITY;
        else f |= F_NUMBER;
      }
      continue;
    }
    if (b === 0 && !PAIRS.has(w)) continue;
    if (b & B_NUMBER_WORD) {
      if (nextBits & B_TIME_UNIT) f |= F_DURATION;
      let j = i + 1;
      while (j < n && j < i + 4 && (bits[j] as number) & (B_NUMBER_WORD | B_MAGNITUDE)) j++;
      if ((bits[j] as number) & B_UNIT || t[j] === '%' || t[j] === 'percent' || (t[j] === 'of' && (w === 'hundreds' || w === 'thousands' || w === 'millions' || w === 'dozens'))) f |= F_QUANTITY;
      else f |= F_NUMBER;
    }
    if (b & (B_MONTH | B_DATE) || (w === 'ago' && prevBits & B_TIME_UNIT) || ((w === 'last' || w === 'next') && (nextBits & B_TIME_UNIT || next === 'night'))) f |= F_DATE;
    if (((w === 'a' || w === 'an' || w === 'one') && nextBits & B_TIME_UNIT) || w === 'lasted') f |= F_DURATION;
    if (b & B_COMPARATIVE || (w === 'the' && nextBits & B_AFTER_THE)) f |= F_COMPARATIVE;
    if (b & B_CHANGE && (next === 'by' || next === 'to' || next === 'from')) f |= F_COMPARISON;
    if (b & B_CAUSAL) f |= F_CAUSAL;
    if (b & B_ACCUSATION) f |= F_ACCUSATION;
    if (b & B_EVENT) f |= F_EVENT;
    if (b & B_LAW) f |= F_LAW;
    if (b & B_ATTRIBUTION) f |= F_ATTRIBUTION;
    if (b & B_OPINION || ((w === 'i' || w === 'we') && nextBits & B_OPINION_VERB) || (w === 'in' && (next === 'my' || next === 'our') && (t[i + 2] === 'view' || t[i + 2] === 'opinion'))) f |= F_OPINION;
    const pair = PAIRS.get(w)?.get(next);
    if (pair !== undefined) {
      if (pair & B_COMPARATIVE) f |= F_COMPARISON;
      if (pair & B_CAUSAL) f |= F_CAUSAL;
      if (pair & B_OPINION) f |= F_OPINION;
      if (pair & B_ACCUSATION) f |= F_ACCUSATION;
      if (pair & B_ATTRIBUTION) f |= F_ATTRIBUTION;
    }
  }
  return f;
}

/**
 * Scores every sentence of `blocks` and returns the claims (score ≥ `CLAIM_THRESHOLD`), in
 * document order. `quotes` and `people` add attribution evidence; sentences mostly inside a
 * `boilerplate` span are skipped.
 */
export function detectClaims(
  text: string,
  blocks: readonly Block[],
  quotes: readonly Quote[] = [],
  people: readonly Person[] = [],
  boilerplate: readonly Boilerplate[] = [],
): Claim[] {
  const claims: Claim[] = [];
  const attributedQuotes = new SpanCursor(quotes.filter((q) => q.kind === 'speech' && q.speaker !== null));
  const mentions = new SpanCursor(people.flatMap((p) => p.mentions));
  const bp = new SpanCursor(boilerplate);
  for (const block of blocks) {
    for (const sentence of block.sentences) {
      if (bp.coveredLength(sentence) * 2 > sentence.end - sentence.start) continue;
      const scored = scoreSentence(sentence.text, {
        hasAttributedQuote: attributedQuotes.coveredLength(sentence) > 0,
        mentionsPerson: mentions.coveredLength(sentence) > 0,
        isHeading: block.type === 'heading',
      });
      if (scored && scored.score >= CLAIM_THRESHOLD) {
        claims.push({ start: sentence.start, end: sentence.end, text: text.slice(sentence.start, sentence.end), ...scored });
      }
    }
  }
  return claims;
}

/** Context of a sentence that the text alone does not give. */
export interface SentenceContext {
  hasAttributedQuote?: boolean;
  mentionsPerson?: boolean;
  isHeading?: boolean;
}

/** Scores one sentence; null when it cannot be a claim (question, fragment). */
export function scoreSentence(sentence: string, ctx: SentenceContext = {}): { score: number; reasons: string[] } | null {
  if (endsWithQuestion(sentence)) return null;
  if (countWords(sentence) < 4) return null;
  const f = scanCues(sentence.toLowerCase());

  const reasons: string[] = [];
  let miss = 1;
  const add = (reason: string, weight: number): void => {
    reasons.push(reason);
    miss *= 1 - weight;
  };
  if (f & F_QUANTITY) add('quantity', 0.6);
  else if (f & F_NUMBER) add('number', 0.45);
  if (f & F_DATE) add('date', 0.3);
  if (f & F_DURATION) add('duration', 0.3);
  // Explicit comparisons and causal links are checkable on their own; a bare superlative
  // ("the best") needs other support.
  if (f & F_COMPARISON) add('comparative', 0.4);
  else if (f & F_COMPARATIVE) add('comparative', 0.3);
  if (f & F_CAUSAL) add('causal', 0.4);
  if (f & F_ACCUSATION) add('accusation', 0.45);
  if (f & F_EVENT) add('event', 0.2);
  if (f & F_LAW) add('law-sanctions', 0.4);
  if (ctx.hasAttributedQuote) add('attributed-quote', 0.4);
  else if (f & F_ATTRIBUTION) add('attributed', ctx.mentionsPerson ? 0.4 : 0.3);

  if (reasons.length === 0) return null;
  let score = 1 - miss;
  if (f & F_OPINION) {
    score *= 0.5;
    reasons.push('opinion-damped');
  }
  if (ctx.isHeading) score *= 0.8;
  return { score: Math.round(score * 100) / 100, reasons };
}

/**
 * Overlap queries for sentences visited in document order: a cursor over spans sorted by
 * start, so a whole document costs O(sentences + spans) instead of their product.
 */
class SpanCursor {
  private readonly spans: Span[];
  private next = 0;
  /** Largest end among spans already passed, to catch a long span that started earlier. */
  private readonly active: Span[] = [];

  constructor(spans: readonly Span[]) {
    this.spans = [...spans].sort((a, b) => a.start - b.start);
  }

  /** Number of UTF-16 units of `span` covered by the spans (overlaps counted once each). */
  coveredLength(span: Span): number {
    while (this.next < this.spans.length && (this.spans[this.next] as Span).start < span.end) {
      this.active.push(this.spans[this.next] as Span);
      this.next++;
    }
    let covered = 0;
    let w = 0;
    for (const x of this.active) {
      if (x.end <= span.start) continue; // finished before this (and every later) sentence
      this.active[w++] = x;
      covered += Math.max(0, Math.min(x.end, span.end) - Math.max(x.start, span.start));
    }
    this.active.length = w;
    return covered;
  }
}
