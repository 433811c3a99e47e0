/**
 * Sentence boundaries inside one block of text. Rule-based on purpose: news prose is regular
 * enough, and a rule splitter is fast and predictable. Libraries considered: `compromise`
 * (too large for the bundle and slower than this), `sbd` / `sentence-splitter` (extra
 * dependencies for the same handful of rules).
 *
 * Rules: a sentence ends at `.`, `!`, `?` or `…` (plus any closing quotes / brackets that
 * follow, also a French spaced ` »`) when whitespace and a plausible sentence start follow.
 * Not a boundary: known abbreviations ("Mr.", "Dr.", "Gen.", "Feb."), dotted acronyms
 * ("U.S.", "a.m.") unless a typical sentence opener follows, single-letter initials
 * ("J. Smith"), decimals and numbers ("3.5", "No. 4") — a decimal has no space after its dot
 * so it never looks like a boundary.
 */
import type { Span } from '../types';

/** Lower-cased abbreviations (without the final dot) that do not end a sentence. */
const ABBREVIATIONS = new Set([
  'mr', 'mrs', 'ms', 'mx', 'dr', 'prof', 'sr', 'jr', 'st', 'mt', 'ft', 'gen', 'col', 'lt', 'maj', 'capt', 'cpt',
  'sgt', 'cmdr', 'adm', 'gov', 'sen', 'rep', 'pres', 'rev', 'hon', 'amb', 'insp', 'supt', 'messrs', 'mme', 'mlle',
  'no', 'nos', 'vs', 'v', 'etc', 'e.g', 'i.e', 'cf', 'approx', 'ca', 'inc', 'ltd', 'co', 'corp', 'dept', 'est', 'fig',
  'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec',
  'mon', 'tue', 'tues', 'wed', 'thu', 'thur', 'thurs', 'fri', 'sat', 'sun', 'al', 'op', 'vol', 'pp', 'ed', 'eds',
]);

/** Words that usually open a sentence: after a dotted acronym ("U.S.") they mark a boundary. */
const SENTENCE_OPENERS = new Set([
  'the', 'a', 'an', 'he', 'she', 'it', 'they', 'we', 'i', 'you', 'but', 'and', 'in', 'on', 'at', 'this', 'that',
  'these', 'those', 'there', 'his', 'her', 'their', 'its', 'our', 'however', 'meanwhile', 'after', 'before', 'when',
  'while', 'if', 'as', 'so', 'yet', 'still', 'also', 'for', 'according',
]);

const OPENERS = '"\'“‘«„‚(‹[¿¡';

// The character tests below look at one UTF-16 unit. ASCII units (nearly every unit of
// English news) are answered from a table; other units go through the original string tests,
// so both paths agree exactly (a lone surrogate matches no `\p{…}` class, as before).

/** ASCII units that may start a sentence: upper case, digits, opening quotes / brackets, `#@-*`. */
const ASCII_SENTENCE_START = new Uint8Array(128);
for (let c = 65; c <= 90; c++) ASCII_SENTENCE_START[c] = 1;
for (let c = 48; c <= 57; c++) ASCII_SENTENCE_START[c] = 1;
for (const ch of `"'([#@-*`) ASCII_SENTENCE_START[ch.charCodeAt(0)] = 1;

/** ASCII units of a word before a dot: letters, digits and inner dots. */
const ASCII_WORD_OR_DOT = new Uint8Array(128);
for (let c = 65; c <= 90; c++) ASCII_WORD_OR_DOT[c] = 1;
for (let c = 97; c <= 122; c++) ASCII_WORD_OR_DOT[c] = 1;
for (let c = 48; c <= 57; c++) ASCII_WORD_OR_DOT[c] = 1;
ASCII_WORD_OR_DOT[46] = 1;

const UPPER = /\p{Lu}/u;
const LETTER = /\p{L}/u;
const WORD_OR_DOT = /[\p{L}\p{N}.]/u;
const WHITE_SPACE = /\s/;
const DIGIT_OR_MARK = /[0-9#@•\-–—*]/;

function isUpperStart(ch: string | undefined): boolean {
  if (ch === undefined) return false;
  return ch !== ch.toLowerCase() || UPPER.test(ch);
}

function isSentenceStartChar(ch: string | undefined): boolean {
  if (ch === undefined) return false;
  if (isUpperStart(ch)) return true;
  if (OPENERS.includes(ch)) return true;
  if (DIGIT_OR_MARK.test(ch)) return true;
  // Scripts without case (Arabic, CJK...) cannot be checked; any letter may start a sentence.
  return LETTER.test(ch) && ch === ch.toLowerCase() && ch === ch.toUpperCase();
}

/** `isSentenceStartChar` for the unit `c` at `text[k]`. */
function isSentenceStartAt(text: string, k: number, c: number): boolean {
  if (c < 128) return ASCII_SENTENCE_START[c] === 1;
  return isSentenceStartChar(text[k]);
}

/** `/\s/` on one UTF-16 unit. */
function isRegexSpace(text: string, k: number, c: number): boolean {
  if (c < 128) return c === 32 || (c >= 9 && c <= 13);
  return WHITE_SPACE.test(text[k] as string);
}

/** Start of the word (letters, digits and inner dots) that ends right before `dotIndex`. */
function wordStartBefore(text: string, dotIndex: number): number {
  let i = dotIndex;
  while (i > 0) {
    const c = text.charCodeAt(i - 1);
    if (c < 128 ? ASCII_WORD_OR_DOT[c] !== 1 : !WORD_OR_DOT.test(text[i - 1] as string)) break;
    i--;
  }
  return i;
}

/** The next word after `from` (skipping opening punctuation). */
function wordAfter(text: string, from: number, end: number): string {
  let i = from;
  while (i < end && OPENERS.includes(text[i] as string)) i++;
  let j = i;
  while (j < end && LETTER.test(text[j] as string)) j++;
  return text.slice(i, j);
}

const SINGLE_CAPITAL = /^\p{Lu}$/u;
const DOTTED_ACRONYM = /^(?:\p{L}\.)+\p{L}$/u;

/** The rules of `isNonBoundaryDot` applied to every one-unit ASCII word ("J", "v"), computed once. */
const ASCII_ONE_UNIT_NON_BOUNDARY = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const word = String.fromCharCode(c);
  if (ABBREVIATIONS.has(word.toLowerCase()) || SINGLE_CAPITAL.test(word)) ASCII_ONE_UNIT_NON_BOUNDARY[c] = 1;
}

function isNonBoundaryDot(text: string, dotIndex: number, nextWordStart: number, end: number): boolean {
  const wordStart = wordStartBefore(text, dotIndex);
  if (wordStart === dotIndex) return false;
  // A one-unit ASCII word (mostly initials) is answered from a table, without a substring.
  if (dotIndex - wordStart === 1) {
    const c = text.charCodeAt(wordStart);
    if (c < 128) return ASCII_ONE_UNIT_NON_BOUNDARY[c] === 1;
  }
  const word = text.slice(wordStart, dotIndex);
  if (ABBREVIATIONS.has(word.toLowerCase())) return true;
  // Single capital initial: "J. K. Rowling", "Dmytro I. Kuleba".
  if (SINGLE_CAPITAL.test(word)) return true;
  // Dotted acronym "U.S", "a.m", "U.N": a boundary only before a typical sentence opener.
  if (DOTTED_ACRONYM.test(word)) {
    const next = wordAfter(text, nextWordStart, end).toLowerCase();
    return !SENTENCE_OPENERS.has(next);
  }
  return false;
}

/**
 * Finds the next terminal mark (`.` `!` `?` `…`) in one text. The regex scan runs natively
 * and, with `test`, makes no match object. It is not bounded by the block's end, so it
 * remembers its last answer: when the next block starts before that mark, the answer still
 * holds, and a run of blocks without marks costs one scan instead of one per block. Share one
 * finder across the blocks of one text (in order), never across texts.
 */
export class TerminalFinder {
  private readonly pattern = /[.!?…]/g;
  private searchedFrom = -1;
  private found = -1;

  /** Position of the first terminal mark at or after `from`, or `text.length` when none. */
  next(text: string, from: number): number {
    if (from >= this.searchedFrom && from <= this.found) return this.found;
    this.pattern.lastIndex = from;
    this.found = this.pattern.test(text) ? this.pattern.lastIndex - 1 : text.length;
    this.searchedFrom = from;
    return this.found;
  }
}

/**
 * Splits `text.slice(start, end)` into sentences; returns spans in the offsets of `text`
 * (UTF-16), trimmed of surrounding whitespace. Never returns an empty span. `terminals` may
 * be shared by the calls for successive blocks of the same text. `rangeText`, when the caller
 * already has `text.slice(start, end)`, is reused as the text of a sentence spanning it all
 * (most blocks are one sentence: one string fewer each).
 */
export function splitSentences(text: string, start = 0, end = text.length, terminals = new TerminalFinder(), rangeText?: string): Span[] {
  // Made at the first boundary: a one-sentence block (most blocks) gets a one-element array
  // literal instead of an empty array whose first push allocates room for seventeen.
  let out: Span[] | null = null;
  let sentenceStart = start;
  let i = start;
  while (i < end) {
    i = terminals.next(text, i);
    if (i >= end) break;
    const ch = text.charCodeAt(i);
    let j = i + 1;
    while (j < end && isTerminal(text.charCodeAt(j))) j++;
    // An elision mark "[…]" / "(...)" is not the end of a sentence.
    if (i > start && (text.charCodeAt(i - 1) === 91 || text.charCodeAt(i - 1) === 40)) {
      i = j;
      continue;
    }
    // Closing quotes / brackets belong to the sentence they close; a French closing » may be
    // preceded by a (non-breaking) space.
    for (;;) {
      if (j < end && isCloser(text.charCodeAt(j))) {
        j++;
        continue;
      }
      if (j + 1 < end && text.charCodeAt(j + 1) === 0xbb) {
        const c = text.charCodeAt(j);
        if (c === 32 || c === 0xa0 || c === 0x202f) {
          j += 2;
          continue;
        }
      }
      break;
    }
    let k = j;
    while (k < end && isRegexSpace(text, k, text.charCodeAt(k))) k++;
    if (k === j || k >= end) {
      i = j;
      continue;
    }
    if (!isSentenceStartAt(text, k, text.charCodeAt(k))) {
      i = j;
      continue;
    }
    if (ch === 46 && j === i + 1 && isNonBoundaryDot(text, i, k, end)) {
      i = j;
      continue;
    }
    pushTrimmed(text, sentenceStart, j, (out ??= []));
    sentenceStart = k;
    i = k;
  }
  if (rangeText !== undefined && sentenceStart === start && !isWhite(text.charCodeAt(start)) && !isWhite(text.charCodeAt(end - 1))) {
    const whole: Span = { start, end, text: rangeText };
    if (out === null) return [whole];
    out.push(whole);
  } else {
    if (out === null) {
      const last = trimmedSpan(text, sentenceStart, end);
      return last === null ? [] : [last];
    }
    pushTrimmed(text, sentenceStart, end, out);
  }
  return out;
}

/** A sentence-final mark: `.` `!` `?` `…`. */
function isTerminal(c: number): boolean {
  return c === 46 || c === 33 || c === 63 || c === 0x2026;
}

/** A closing quote or bracket that belongs to the sentence it closes: `"` `'` `”` `’` `»` `)` `]` `}` `›`. */
function isCloser(c: number): boolean {
  return c === 34 || c === 39 || c === 0x201d || c === 0x2019 || c === 0xbb || c === 41 || c === 93 || c === 125 || c === 0x203a;
}

function isWhite(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x202f || c === 0x2009 || c === 0x3000 || c === 0xfeff || c === 0x2028 || c === 0x2029;
}

function pushTrimmed(text: string, start: number, end: number, out: Span[]): void {
  const span = trimmedSpan(text, start, end);
  if (span !== null) out.push(span);
}

/** `text[start..end)` without surrounding white space as a span, or null when nothing is left. */
function trimmedSpan(text: string, start: number, end: number): Span | null {
  let s = start;
  let e = end;
  while (s < e && isWhite(text.charCodeAt(s))) s++;
  while (e > s && isWhite(text.charCodeAt(e - 1))) e--;
  return e > s ? { start: s, end: e, text: text.slice(s, e) } : null;
}
