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
import type { BlockMemo } from '../blockMemo';
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

// Word table: every word the scanner recognises gets an id and a bit set. Tokens are looked
// up straight from the sentence (case-insensitive hash, no lower-casing, no substrings), so a
// sentence is scanned without allocating a string per word.
const WORD_LIST: string[] = [];
const WORD_IDS = new Map<string, number>();
let wordBits = new Int32Array(512);

function idOf(w: string): number {
  let id = WORD_IDS.get(w);
  if (id === undefined) {
    id = WORD_LIST.length;
    WORD_LIST.push(w);
    WORD_IDS.set(w, id);
    if (id >= wordBits.length) {
      const grown = new Int32Array(wordBits.length * 2);
      grown.set(wordBits);
      wordBits = grown;
    }
  }
  return id;
}

const addBits = (set: ReadonlySet<string>, bit: number): void => {
  for (const w of set) {
    const id = idOf(w);
    wordBits[id] = (wordBits[id] as number) | bit;
  }
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

/** Two-word cues: (first id, second id) → cue bits. */
const PAIR_BITS = new Map<number, number>();
const pairKey = (a: number, b: number): number => a * 65536 + b;
/** First words of two-word cues, so most tokens skip the pair lookup. */
const B_PAIR_START = 1 << 18;
const addPairs = (set: ReadonlySet<string>, bit: number): void => {
  for (const p of set) {
    const [a, b] = p.split('+') as [string, string];
    const ia = idOf(a);
    const key = pairKey(ia, idOf(b));
    PAIR_BITS.set(key, (PAIR_BITS.get(key) ?? 0) | bit);
    wordBits[ia] = (wordBits[ia] as number) | B_PAIR_START;
  }
};
addPairs(COMPARATIVE_PAIRS, B_COMPARATIVE);
addPairs(CAUSAL_PAIRS, B_CAUSAL);
addPairs(OPINION_PAIRS, B_OPINION);
addPairs(words('war+crimes war+crime'), B_ACCUSATION);
addPairs(words('according+to'), B_ATTRIBUTION);

// Words the scanner compares by id.
const W = {
  the: idOf('the'), a: idOf('a'), an: idOf('an'), one: idOf('one'), i: idOf('i'), we: idOf('we'), in: idOf('in'),
  my: idOf('my'), our: idOf('our'), view: idOf('view'), opinion: idOf('opinion'), may: idOf('may'), am: idOf('am'),
  pm: idOf('pm'), and: idOf('and'), per: idOf('per'), cent: idOf('cent'), percent: idOf('percent'), percentSign: idOf('%'),
  of: idOf('of'), by: idOf('by'), to: idOf('to'), from: idOf('from'), ago: idOf('ago'), last: idOf('last'),
  next: idOf('next'), night: idOf('night'), lasted: idOf('lasted'), hundreds: idOf('hundreds'), thousands: idOf('thousands'),
  millions: idOf('millions'), dozens: idOf('dozens'),
};

/** Open-addressing hash table over the word list, keyed by a case-folded hash of the word. */
const TABLE_SIZE = 4096;
const table = new Int32Array(TABLE_SIZE).fill(-1);
/**
 * The full hash of the word in each slot: a probe compares it first, so a word outside the
 * lexicon (nearly every word of a sentence) is rejected without reading the stored string.
 */
const tableHash = new Int32Array(TABLE_SIZE);

function foldedHash(s: string, a: number, b: number): number {
  let h = 2166136261;
  for (let k = a; k < b; k++) {
    let c = s.charCodeAt(k);
    if (c >= 65 && c <= 90) c |= 32;
    h = Math.imul(h ^ c, 16777619);
  }
  return h >>> 0;
}

for (let id = 0; id < WORD_LIST.length; id++) {
  const w = WORD_LIST[id] as string;
  const hash = foldedHash(w, 0, w.length);
  let slot = hash & (TABLE_SIZE - 1);
  while (table[slot] !== -1) slot = (slot + 1) & (TABLE_SIZE - 1);
  table[slot] = id;
  tableHash[slot] = hash | 0;
}

/**
 * Id of the word `s[a..b)` compared case-insensitively, or -1. `hash` is its `foldedHash`
 * (the tokenizer computes it while it reads the word, so the characters are read once more
 * only on a table hit).
 */
function lookupWord(s: string, a: number, b: number, hash: number = foldedHash(s, a, b)): number {
  let slot = hash & (TABLE_SIZE - 1);
  for (;;) {
    const id = table[slot] as number;
    if (id === -1) return -1;
    const w = WORD_LIST[id] as string;
    if (tableHash[slot] === (hash | 0) && w.length === b - a) {
      let k = 0;
      while (k < w.length) {
        let c = s.charCodeAt(a + k);
        if (c >= 65 && c <= 90) c |= 32;
        if (c !== w.charCodeAt(k)) break;
        k++;
      }
      if (k === w.length) return id;
    }
    slot = (slot + 1) & (TABLE_SIZE - 1);
  }
}

/** Word stems (inflected forms are many) checked only for words outside the lexicon. */
const STEMS: readonly [string, number][] = [
  ['accus', B_ACCUSATION], ['alleg', B_ACCUSATION], ['blam', B_ACCUSATION], ['violat', B_ACCUSATION], ['fabricat', B_ACCUSATION],
  ['constitution', B_LAW], ['indict', B_LAW], ['convict', B_LAW],
];

/**
 * `STEMS` by their first two (lower-case ASCII) letters, in `STEMS` order: a word is compared
 * only with the stems it could start with, so nearly every word costs one table read (by
 * first letter alone, common openings such as "co" and "in" sent many words to the loop).
 * `STEM_GROUP_OF[first * 128 + second]` is the group's index plus one, 0 for none.
 */
const STEM_GROUPS: (readonly [string, number])[][] = [];
const STEM_GROUP_OF = new Uint8Array(128 * 128);
for (const entry of STEMS) {
  const key = entry[0].charCodeAt(0) * 128 + entry[0].charCodeAt(1);
  if (STEM_GROUP_OF[key] === 0) {
    STEM_GROUPS.push([]);
    STEM_GROUP_OF[key] = STEM_GROUPS.length;
  }
  (STEM_GROUPS[(STEM_GROUP_OF[key] as number) - 1] as (readonly [string, number])[]).push(entry);
}

function stemBits(s: string, a: number, b: number): number {
  if (b - a < 5) return 0;
  let first = s.charCodeAt(a);
  if (first >= 65 && first <= 90) first |= 32;
  let second = s.charCodeAt(a + 1);
  if (second >= 65 && second <= 90) second |= 32;
  if (first >= 128 || second >= 128) return 0;
  const group = STEM_GROUP_OF[first * 128 + second] as number;
  if (group === 0) return 0;
  const stems = STEM_GROUPS[group - 1] as (readonly [string, number])[];
  for (let g = 0; g < stems.length; g++) {
    const [stem, bit] = stems[g] as readonly [string, number];
    if (b - a < stem.length) continue;
    let k = 2;
    while (k < stem.length) {
      let c = s.charCodeAt(a + k);
      if (c >= 65 && c <= 90) c |= 32;
      if (c !== stem.charCodeAt(k)) break;
      k++;
    }
    if (k === stem.length) return bit;
  }
  return 0;
}

/** True when `s[from..to)` ends with "?" (optionally inside closing quotes or brackets). */
function endsWithQuestion(s: string, from: number, to: number): boolean {
  let e = to - 1;
  while (e >= from && isQuestionTail(s.charCodeAt(e))) e--;
  return e >= from && s.charCodeAt(e) === 63;
}

/** What may follow a final "?": `"` `'` `”` `’` `»` `)` `]`, space and tab (tested by code, no one-character strings). */
function isQuestionTail(c: number): boolean {
  return c === 34 || c === 39 || c === 0x201d || c === 0x2019 || c === 0xbb || c === 41 || c === 93 || c === 32 || c === 9;
}

/** True when `s[from..to)` has at least `min` whitespace-separated words (any script). */
function hasWords(s: string, from: number, to: number, min: number): boolean {
  let n = 0;
  let inWord = false;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    const space = c === 32 || c === 9 || c === 10 || c === 13 || c === 0xa0;
    if (!space && !inWord && ++n >= min) return true;
    inWord = !space;
  }
  return false;
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

// Per-sentence token arrays, reused across sentences (no allocation on the hot path).
let tokId = new Int32Array(256);
let tokBits = new Int32Array(256);
/** 0 = word, 1 = number, 2 = number that reads as a year (1800–2099). */
let tokKind = new Uint8Array(256);

function ensureCapacity(n: number): void {
  if (tokId.length >= n) return;
  const size = Math.max(n, tokId.length * 2);
  tokId = new Int32Array(size);
  tokBits = new Int32Array(size);
  tokKind = new Uint8Array(size);
}

function isYear(s: string, a: number, b: number): boolean {
  if (b - a !== 4) return false;
  const c0 = s.charCodeAt(a);
  const c1 = s.charCodeAt(a + 1);
  return (c0 === 49 && (c1 === 56 || c1 === 57)) || (c0 === 50 && c1 === 48);
}

/** ASCII character classes for the tokenizer: 1 digit, 2 letter, 3 currency / percent sign. */
const CHAR_CLASS = new Uint8Array(128);
for (let c = 48; c <= 57; c++) CHAR_CLASS[c] = 1;
for (let c = 65; c <= 90; c++) CHAR_CLASS[c] = 2;
for (let c = 97; c <= 122; c++) CHAR_CLASS[c] = 2;
CHAR_CLASS[36] = 3;
CHAR_CLASS[37] = 3;

function charClass(c: number): number {
  if (c < 128) return CHAR_CLASS[c] as number;
  return c === 0x20ac || c === 0xa3 || c === 0x20bd || c === 0x20b4 ? 3 : 0;
}

/** ASCII letters and digits as `foldedHash` reads them (letters lower-cased); 0 for the rest. */
const FOLDED_WORD_CHAR = new Uint8Array(128);
for (let c = 48; c <= 57; c++) FOLDED_WORD_CHAR[c] = c;
for (let c = 97; c <= 122; c++) FOLDED_WORD_CHAR[c] = c;
for (let c = 65; c <= 90; c++) FOLDED_WORD_CHAR[c] = c | 32;

/**
 * Splits `s[from..to)` into ASCII word / number / currency tokens; returns their count.
 * Works on the document string with offsets: sentence substrings would be slower to scan.
 * A word's lexicon hash is computed in the same pass that finds its end.
 */
function tokenize(s: string, from: number, to: number): number {
  ensureCapacity(to - from + 6);
  // Locals, not the module's reassignable arrays: the loop then keeps them in registers
  // instead of reloading them around every call.
  const ids = tokId;
  const bitsOut = tokBits;
  const kinds = tokKind;
  const lexiconBits = wordBits;
  let n = 0;
  let i = from;
  while (i < to) {
    const c0 = s.charCodeAt(i);
    const cls = charClass(c0);
    if (cls === 0) {
      i++;
      continue;
    }
    if (cls === 3) {
      const id = lookupWord(s, i, i + 1);
      ids[n] = id;
      bitsOut[n] = id >= 0 ? (lexiconBits[id] as number) : 0;
      kinds[n] = 0;
      n++;
      i++;
      continue;
    }
    const a = i;
    // foldedHash of the token, one character at a time (the token is ASCII letters / digits).
    let h = Math.imul(2166136261 ^ (FOLDED_WORD_CHAR[c0] as number), 16777619);
    i++;
    while (i < to) {
      const d = s.charCodeAt(i);
      if (d >= 128) break;
      const folded = FOLDED_WORD_CHAR[d] as number;
      if (folded === 0) break;
      h = Math.imul(h ^ folded, 16777619);
      i++;
    }
    if (cls === 1) {
      ids[n] = -1;
      bitsOut[n] = 0;
      kinds[n] = isYear(s, a, i) ? 2 : 1;
    } else {
      const id = lookupWord(s, a, i, h >>> 0);
      ids[n] = id;
      bitsOut[n] = id >= 0 ? (lexiconBits[id] as number) : stemBits(s, a, i);
      kinds[n] = 0;
    }
    n++;
  }
  // Padding: lookahead past the end reads "no token".
  for (let k = n; k < n + 5; k++) {
    ids[k] = -1;
    bitsOut[k] = 0;
    kinds[k] = 0;
  }
  return n;
}

/** Scans `s[from..to)` once and returns the cue flags (F_*) found. */
function scanCues(s: string, from: number, to: number): number {
  const n = tokenize(s, from, to);
  const id = tokId;
  const bits = tokBits;
  const kind = tokKind;
  let f = 0;
  for (let i = 0; i < n; i++) {
    const w = id[i] as number;
    const b = bits[i] as number;
    const prevBits = i > 0 ? (bits[i - 1] as number) : 0;
    const prev = i > 0 ? (id[i - 1] as number) : -1;
    const next = id[i + 1] as number;
    const nextBits = bits[i + 1] as number;
    const k = kind[i] as number;
    if (k !== 0) {
      if (k === 2 && !(nextBits & (B_UNIT | B_TIME_UNIT))) f |= F_DATE;
      else if ((prevBits | nextBits) & B_MONTH || prev === W.may || next === W.may || next === W.am || next === W.pm) f |= F_DATE;
      else if (nextBits & B_TIME_UNIT || (next === W.and && (bits[i + 4] as number) & B_TIME_UNIT)) f |= F_DURATION | F_NUMBER;
      else {
        // "44 million people", "12 %", "$3.5 billion": skip decimals and magnitudes to the noun.
        let j = i + 1;
        while (j < n && j < i + 4 && ((kind[j] as number) !== 0 || (bits[j] as number) & B_MAGNITUDE)) j++;
        const unit = id[j] as number;
        if ((bits[j] as number) & B_UNIT || unit === W.percentSign || (unit === W.per && id[j + 1] === W.cent) || prevBits & B_CURRENCY || j > i + 1) f |= F_QUANTITY;
        else f |= F_NUMBER;
      }
      continue;
    }
    if (b === 0) continue;
    if (b & B_NUMBER_WORD) {
      if (nextBits & B_TIME_UNIT) f |= F_DURATION;
      let j = i + 1;
      while (j < n && j < i + 4 && (bits[j] as number) & (B_NUMBER_WORD | B_MAGNITUDE)) j++;
      const unit = id[j] as number;
      if ((bits[j] as number) & B_UNIT || unit === W.percentSign || unit === W.percent || (unit === W.of && (w === W.hundreds || w === W.thousands || w === W.millions || w === W.dozens))) f |= F_QUANTITY;
      else f |= F_NUMBER;
    }
    if (b & (B_MONTH | B_DATE) || (w === W.ago && prevBits & B_TIME_UNIT) || ((w === W.last || w === W.next) && (nextBits & B_TIME_UNIT || next === W.night))) f |= F_DATE;
    if (((w === W.a || w === W.an || w === W.one) && nextBits & B_TIME_UNIT) || w === W.lasted) f |= F_DURATION;
    if (b & B_COMPARATIVE || (w === W.the && nextBits & B_AFTER_THE)) f |= F_COMPARATIVE;
    if (b & B_CHANGE && (next === W.by || next === W.to || next === W.from)) f |= F_COMPARISON;
    if (b & B_CAUSAL) f |= F_CAUSAL;
    if (b & B_ACCUSATION) f |= F_ACCUSATION;
    if (b & B_EVENT) f |= F_EVENT;
    if (b & B_LAW) f |= F_LAW;
    if (b & B_ATTRIBUTION) f |= F_ATTRIBUTION;
    if (b & B_OPINION || ((w === W.i || w === W.we) && nextBits & B_OPINION_VERB) || (w === W.in && (next === W.my || next === W.our) && (id[i + 2] === W.view || id[i + 2] === W.opinion))) f |= F_OPINION;
    if (b & B_PAIR_START && next >= 0) {
      const pair = PAIR_BITS.get(pairKey(w, next));
      if (pair !== undefined) {
        if (pair & B_COMPARATIVE) f |= F_COMPARISON;
        if (pair & B_CAUSAL) f |= F_CAUSAL;
        if (pair & B_OPINION) f |= F_OPINION;
        if (pair & B_ACCUSATION) f |= F_ACCUSATION;
        if (pair & B_ATTRIBUTION) f |= F_ATTRIBUTION;
      }
    }
  }
  return f;
}

/** Memo step: the cue flags of one sentence, keyed by its text (all that `sentenceCues` reads). */
const CUES_STEP = 'claims-cues';

/**
 * Scores every sentence of `blocks` and returns the claims (score ≥ `CLAIM_THRESHOLD`), in
 * document order. `quotes` and `people` add attribution evidence; sentences mostly inside a
 * `boilerplate` span are skipped. With a `memo`, a sentence's text-only part (its cue flags)
 * is reused; the checks against quotes, people and boilerplate, which other blocks' edits can
 * change, run every time.
 */
export function detectClaims(
  text: string,
  blocks: readonly Block[],
  quotes: readonly Quote[] = [],
  people: readonly Person[] = [],
  boilerplate: readonly Boilerplate[] = [],
  memo?: BlockMemo,
): Claim[] {
  const claims: Claim[] = [];
  const attributed = quotes.filter((q) => q.kind === 'speech' && q.speaker !== null);
  const context = new SentenceMarks(blocks);
  let attributedQuotes: SpanCursor | undefined;
  let mentions: SpanCursor | undefined;
  if (context.ok) {
    context.mark(attributed, HAS_ATTRIBUTED_QUOTE);
    for (const person of people) context.mark(person.mentions, MENTIONS_PERSON);
  } else {
    attributedQuotes = new SpanCursor(attributed);
    mentions = new SpanCursor(people.flatMap((p) => p.mentions));
  }
  const bp = new SpanCursor(boilerplate);
  // Sentences are read from the flat arrays `SentenceMarks` filled (one walk over the blocks'
  // objects, not two); a sentence's object is touched again only for its text.
  const { starts, ends, sentences, inHeading } = context;
  for (let index = 0; index < sentences.length; index++) {
    const start = starts[index] as number;
    const end = ends[index] as number;
    if (bp.coveredLength(start, end) * 2 > end - start) continue;
    const marks = context.marks[index] as number;
    const hasAttributedQuote = attributedQuotes ? attributedQuotes.coveredLength(start, end) > 0 : (marks & HAS_ATTRIBUTED_QUOTE) !== 0;
    const mentionsPerson = mentions ? mentions.coveredLength(start, end) > 0 : (marks & MENTIONS_PERSON) !== 0;
    const cues = memo ? memo.lookup(CUES_STEP, (sentences[index] as Span).text, () => sentenceCues(text, start, end)) : sentenceCues(text, start, end);
    if (cues === NOT_A_CLAIM) continue;
    const isHeading = inHeading[index] === 1;
    // The score alone first: most sentences are no claim, and need no reasons array.
    const score = scoreCues(cues, hasAttributedQuote, mentionsPerson, isHeading, null);
    if (score >= CLAIM_THRESHOLD) {
      // The reasons are gathered in a reused list and copied at their size (a new list's
      // first push would reserve seventeen slots for two or three reasons).
      reasonScratch.length = 0;
      scoreCues(cues, hasAttributedQuote, mentionsPerson, isHeading, reasonScratch);
      // A sentence span's text is exactly what it covers: no new substring.
      claims.push({ start, end, text: (sentences[index] as Span).text, score, reasons: reasonScratch.slice() });
    }
  }
  return claims;
}

/** Scratch list for the reasons of one claim (see `detectClaims`). */
const reasonScratch: string[] = [];

/** Context of a sentence that the text alone does not give. */
export interface SentenceContext {
  hasAttributedQuote?: boolean;
  mentionsPerson?: boolean;
  isHeading?: boolean;
}

/** Scores one sentence; null when it cannot be a claim (question, fragment). */
export function scoreSentence(sentence: string, ctx: SentenceContext = {}): { score: number; reasons: string[] } | null {
  const cues = sentenceCues(sentence, 0, sentence.length);
  if (cues === NOT_A_CLAIM) return null;
  const reasons: string[] = [];
  const score = scoreCues(cues, ctx.hasAttributedQuote === true, ctx.mentionsPerson === true, ctx.isHeading === true, reasons);
  return score === NO_EVIDENCE ? null : { score, reasons };
}

/** `sentenceCues` of a sentence that cannot be a claim. */
const NOT_A_CLAIM = -1;
/** `scoreCues` of a sentence without a single cue. */
const NO_EVIDENCE = -1;

/**
 * The cue flags (F_*) of the sentence `s[from..to)` (offsets into the document, so no
 * substring is made), or `NOT_A_CLAIM` for a question or a fragment. Reads nothing outside
 * the sentence.
 */
function sentenceCues(s: string, from: number, to: number): number {
  if (endsWithQuestion(s, from, to)) return NOT_A_CLAIM;
  if (!hasWords(s, from, to, 4)) return NOT_A_CLAIM;
  return scanCues(s, from, to);
}

/**
 * The score of a sentence with cue flags `f` in its context, or `NO_EVIDENCE`. The reasons
 * go to `reasons` when given (one code path for the score and its reasons keeps them in step).
 */
function scoreCues(f: number, hasAttributedQuote: boolean, mentionsPerson: boolean, isHeading: boolean, reasons: string[] | null): number {
  let count = 0;
  let miss = 1;
  const add = (reason: string, weight: number): void => {
    reasons?.push(reason);
    count++;
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
  if (hasAttributedQuote) add('attributed-quote', 0.4);
  else if (f & F_ATTRIBUTION) add('attributed', mentionsPerson ? 0.4 : 0.3);

  if (count === 0) return NO_EVIDENCE;
  let score = 1 - miss;
  if (f & F_OPINION) {
    score *= 0.5;
    reasons?.push('opinion-damped');
  }
  if (isHeading) score *= 0.8;
  return Math.round(score * 100) / 100;
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

  /** Number of UTF-16 units of `[start, end)` covered by the spans (overlaps counted once each). */
  coveredLength(start: number, end: number): number {
    while (this.next < this.spans.length && (this.spans[this.next] as Span).start < end) {
      this.active.push(this.spans[this.next] as Span);
      this.next++;
    }
    let covered = 0;
    let w = 0;
    for (const x of this.active) {
      if (x.end <= start) continue; // finished before this (and every later) sentence
      this.active[w++] = x;
      covered += Math.max(0, Math.min(x.end, end) - Math.max(x.start, start));
    }
    // Setting an array's length is a runtime call: only when spans were dropped.
    if (w !== this.active.length) this.active.length = w;
    return covered;
  }
}

const HAS_ATTRIBUTED_QUOTE = 1;
const MENTIONS_PERSON = 2;

/**
 * Which sentences of the blocks some span overlaps (by a non-empty range), as bits per
 * sentence in document order. Each span finds its first sentence by binary search, so
 * people's mentions (tens of thousands in a long document, one sorted list per person) need
 * neither merging nor sorting. Needs the sentences in order and disjoint, as `segment`
 * makes them; `ok` is false otherwise (the caller then uses a `SpanCursor`).
 */
class SentenceMarks {
  readonly ok: boolean;
  readonly marks: Uint8Array;
  /** The sentences of all blocks in order, with their offsets and whether their block is a heading. */
  readonly sentences: Span[] = [];
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  readonly inHeading: Uint8Array;

  constructor(blocks: readonly Block[]) {
    let count = 0;
    for (const block of blocks) count += block.sentences.length;
    this.starts = new Int32Array(count);
    this.ends = new Int32Array(count);
    this.marks = new Uint8Array(count);
    this.inHeading = new Uint8Array(count);
    let ok = true;
    let i = 0;
    let previousEnd = -Infinity;
    for (const block of blocks) {
      const heading = block.type === 'heading' ? 1 : 0;
      for (const sentence of block.sentences) {
        if (sentence.start < previousEnd || sentence.end <= sentence.start) ok = false;
        previousEnd = sentence.end;
        this.sentences.push(sentence);
        this.starts[i] = sentence.start;
        this.ends[i] = sentence.end;
        this.inHeading[i] = heading;
        i++;
      }
    }
    this.ok = ok;
  }

  /** Sets `bit` on every sentence that a span of `spans` overlaps. */
  mark(spans: readonly Span[], bit: number): void {
    const n = this.ends.length;
    let from = 0;
    let previousStart = -Infinity;
    for (const span of spans) {
      // First sentence ending after the span starts (ends ascend: sentences are disjoint).
      // Spans mostly come in order: the answer then lies at or after the previous one, and an
      // exponential search from there bounds it (so nearby answers cost a few steps).
      let lo = span.start >= previousStart ? from : 0;
      let hi = n;
      for (let step = 1; lo + step <= n; step *= 2) {
        if ((this.ends[lo + step - 1] as number) > span.start) {
          hi = lo + step - 1;
          break;
        }
      }
      previousStart = span.start;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if ((this.ends[mid] as number) <= span.start) lo = mid + 1;
        else hi = mid;
      }
      from = lo;
      for (let k = lo; k < n && (this.starts[k] as number) < span.end; k++) {
        if (Math.min(span.end, this.ends[k] as number) - Math.max(span.start, this.starts[k] as number) > 0) this.marks[k] = (this.marks[k] as number) | bit;
      }
    }
  }
}
