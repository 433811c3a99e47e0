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

const TERMINALS = '.!?…';
const CLOSERS = '"\'”’»)]}›';
const OPENERS = '"\'“‘«„‚(‹[¿¡';

function isUpperStart(ch: string | undefined): boolean {
  if (ch === undefined) return false;
  return ch !== ch.toLowerCase() || /\p{Lu}/u.test(ch);
}

function isSentenceStartChar(ch: string | undefined): boolean {
  if (ch === undefined) return false;
  if (isUpperStart(ch)) return true;
  if (OPENERS.includes(ch)) return true;
  if (/[0-9#@•\-–—*]/.test(ch)) return true;
  // Scripts without case (Arabic, CJK...) cannot be checked; any letter may start a sentence.
  return /\p{L}/u.test(ch) && ch === ch.toLowerCase() && ch === ch.toUpperCase();
}

/** The word (letters and inner dots) that ends right before `dotIndex`. */
function wordBefore(text: string, dotIndex: number): string {
  let i = dotIndex;
  while (i > 0 && /[\p{L}\p{N}.]/u.test(text[i - 1] as string)) i--;
  return text.slice(i, dotIndex);
}

/** The next word after `from` (skipping opening punctuation). */
function wordAfter(text: string, from: number, end: number): string {
  let i = from;
  while (i < end && OPENERS.includes(text[i] as string)) i++;
  let j = i;
  while (j < end && /\p{L}/u.test(text[j] as string)) j++;
  return text.slice(i, j);
}

function isNonBoundaryDot(text: string, dotIndex: number, nextWordStart: number, end: number): boolean {
  const word = wordBefore(text, dotIndex);
  if (word === '') return false;
  const lower = word.toLowerCase();
  if (ABBREVIATIONS.has(lower)) return true;
  // Single capital initial: "J. K. Rowling", "Dmytro I. Kuleba".
  if (/^\p{Lu}$/u.test(word)) return true;
  // Dotted acronym "U.S", "a.m", "U.N": a boundary only before a typical sentence opener.
  if (/^(?:\p{L}\.)+\p{L}$/u.test(word)) {
    const next = wordAfter(text, nextWordStart, end).toLowerCase();
    return !SENTENCE_OPENERS.has(next);
  }
  return false;
}

/**
 * Splits `text.slice(start, end)` into sentences; returns spans in the offsets of `text`
 * (UTF-16), trimmed of surrounding whitespace. Never returns an empty span.
 */
export function splitSentences(text: string, start = 0, end = text.length): Span[] {
  const out: Span[] = [];
  let sentenceStart = start;
  let i = start;
  const terminal = /[.!?…]/g;
  while (i < end) {
    // Jump to the next terminal mark: one regex scan instead of a test per character.
    terminal.lastIndex = i;
    const found = terminal.exec(text);
    if (!found || found.index >= end) break;
    i = found.index;
    const ch = text[i] as string;
    let j = i + 1;
    while (j < end && TERMINALS.includes(text[j] as string)) j++;
    // An elision mark "[…]" / "(...)" is not the end of a sentence.
    if (i > start && (text[i - 1] === '[' || text[i - 1] === '(')) {
      i = j;
      continue;
    }
    // Closing quotes / brackets belong to the sentence they close; a French closing » may be
    // preceded by a (non-breaking) space.
    for (;;) {
      if (j < end && CLOSERS.includes(text[j] as string)) {
        j++;
        continue;
      }
      if (j + 1 < end && /[ \u00a0\u202f]/.test(text[j] as string) && text[j + 1] === '»') {
        j += 2;
        continue;
      }
      break;
    }
    let k = j;
    while (k < end && /\s/.test(text[k] as string)) k++;
    if (k === j || k >= end) {
      i = j;
      continue;
    }
    if (!isSentenceStartChar(text[k])) {
      i = j;
      continue;
    }
    if (ch === '.' && j === i + 1 && isNonBoundaryDot(text, i, k, end)) {
      i = j;
      continue;
    }
    pushTrimmed(text, sentenceStart, j, out);
    sentenceStart = k;
    i = k;
  }
  pushTrimmed(text, sentenceStart, end, out);
  return out;
}

function isWhite(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x202f || c === 0x2009 || c === 0x3000 || c === 0xfeff || c === 0x2028 || c === 0x2029;
}

function pushTrimmed(text: string, start: number, end: number, out: Span[]): void {
  let s = start;
  let e = end;
  while (s < e && isWhite(text.charCodeAt(s))) s++;
  while (e > s && isWhite(text.charCodeAt(e - 1))) e--;
  if (e > s) out.push({ start: s, end: e, text: text.slice(s, e) });
}
