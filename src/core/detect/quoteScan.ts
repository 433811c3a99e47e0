/**
 * Character classes and the word scanner of the quote detector, on UTF-16 code units.
 *
 * The detector looks at every quote character and at the words around every quote; Unicode
 * property regexes (`/\p{L}/u.test(ch)`) and sliced strings per character made that the
 * bulk of its time and garbage. These helpers answer the same questions from char codes: ASCII
 * by arithmetic, other BMP code units from a table filled on first use with the very regex
 * the detector used to run, so every answer (including lone surrogates, which match no
 * property) is the regex's answer.
 */

const ALNUM = /[\p{L}\p{N}]/u;
/** 1 for ASCII letters and digits. */
const ASCII_ALNUM = new Uint8Array(128);
for (let c = 48; c <= 57; c++) ASCII_ALNUM[c] = 1;
for (let c = 65; c <= 90; c++) ASCII_ALNUM[c] = 1;
for (let c = 97; c <= 122; c++) ASCII_ALNUM[c] = 1;
const LETTER = /\p{L}/u;
const UPPER = /\p{Lu}/u;
const LOWER = /\p{Ll}/u;

/** 0 = not computed yet, 1 = no, 2 = yes; one table per class, indexed by code unit. */
const alnumTable = new Uint8Array(0x10000);
const letterTable = new Uint8Array(0x10000);
const upperTable = new Uint8Array(0x10000);
const lowerTable = new Uint8Array(0x10000);

function lookup(table: Uint8Array, re: RegExp, c: number): boolean {
  let v = table[c] as number;
  if (v === 0) {
    v = re.test(String.fromCharCode(c)) ? 2 : 1;
    table[c] = v;
  }
  return v === 2;
}

/** `/[\p{L}\p{N}]/u.test(ch)` for one code unit (a lone surrogate is neither). */
export function isAlnumCode(c: number): boolean {
  if (c < 128) return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  return lookup(alnumTable, ALNUM, c);
}

/** `/\p{L}/u.test(ch)` for one code unit. */
export function isLetterCode(c: number): boolean {
  if (c < 128) return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  return lookup(letterTable, LETTER, c);
}

/** `/\s/.test(ch)` for one code unit (JavaScript white space and line terminators). */
export function isSpaceCode(c: number): boolean {
  if (c < 128) return c === 32 || (c >= 9 && c <= 13);
  return (
    c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}

function isHighSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

/**
 * `/^\p{Lu}/u` (or `/^\p{Ll}/u` with `lower`) on `text.slice(start, end)`: the class of its
 * first code point, where a surrogate pair only counts when both halves are inside the slice.
 */
function firstCodePointIs(text: string, start: number, end: number, lower: boolean): boolean {
  if (start >= end) return false;
  const c = text.charCodeAt(start);
  if (c < 128) return lower ? c >= 97 && c <= 122 : c >= 65 && c <= 90;
  if (isHighSurrogate(c)) {
    if (start + 1 >= end || !isLowSurrogate(text.charCodeAt(start + 1))) return false;
    return (lower ? LOWER : UPPER).test(text.slice(start, start + 2));
  }
  return lower ? lookup(lowerTable, LOWER, c) : lookup(upperTable, UPPER, c);
}

/** `/^\p{Lu}/u.test(text.slice(start, end))`. */
export function startsUpper(text: string, start: number, end: number): boolean {
  return firstCodePointIs(text, start, end, false);
}

/** `/^\p{Ll}/u.test(text.slice(start, end))`. */
export function startsLower(text: string, start: number, end: number): boolean {
  return firstCodePointIs(text, start, end, true);
}

/** First index at or after `i` (before `end`) that is not white space. */
export function skipSpace(text: string, i: number, end: number): number {
  while (i < end && isSpaceCode(text.charCodeAt(i))) i++;
  return i;
}

/** `end` moved back over white space, not before `start`. */
export function trimEnd(text: string, start: number, end: number): number {
  while (end > start && isSpaceCode(text.charCodeAt(end - 1))) end--;
  return end;
}

/**
 * A letter or digit at `i`: ASCII by code, the rest by the Unicode classes. A high surrogate
 * is tested together with the code unit after it, as `/[\p{L}\p{N}]/u.test(text.slice(i, i + 2))`
 * did (so a lone high surrogate before a letter counts: kept for identical results).
 */
function isAlnumAt(text: string, i: number, limit: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 128) return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  if (isHighSurrogate(c)) {
    if (i + 1 >= limit) return false; // the string ends here
    const d = text.charCodeAt(i + 1);
    if (isLowSurrogate(d)) return ALNUM.test(text.slice(i, i + 2));
    return !isHighSurrogate(d) && isAlnumCode(d);
  }
  return lookup(alnumTable, ALNUM, c);
}

/**
 * Word offsets from one scan, in reusable arrays: the scanner runs around every quote, and
 * an object plus a string per word was most of the detector's garbage. Each caller that
 * keeps its words while calling others owns its own buffer.
 */
export class WordBuffer {
  starts = new Int32Array(64);
  ends = new Int32Array(64);
  count = 0;

  start(k: number): number {
    return this.starts[k] as number;
  }

  end(k: number): number {
    return this.ends[k] as number;
  }

  /** The text of word `k` (allocates: only for words that are looked up). */
  word(text: string, k: number): string {
    return text.slice(this.starts[k], this.ends[k]);
  }

  push(s: number, e: number): void {
    if (this.count === this.starts.length) {
      const starts = new Int32Array(this.count * 2);
      const ends = new Int32Array(this.count * 2);
      starts.set(this.starts);
      ends.set(this.ends);
      this.starts = starts;
      this.ends = ends;
    }
    this.starts[this.count] = s;
    this.ends[this.count] = e;
    this.count++;
  }
}

/**
 * Words (letters and digits, with inner apostrophes / hyphens: "don’t", "neo-Nazis") inside
 * [start, end) into `out`, at most `max` of them (the first ones); returns their number.
 * A letter test may look one unit past `end` (a high surrogate's partner), never at or past
 * `limit`: the text's length, or the window's end to read the window as its own string.
 */
export function scanWords(text: string, start: number, end: number, out: WordBuffer, max = Infinity, limit = text.length): number {
  out.count = 0;
  return scanMoreWords(text, start, end, out, max, limit);
}

/**
 * `scanWords` that keeps the words already in `out` and reads on from `from` until `out`
 * holds `max` words. Read on from the end of the last word, it adds exactly the words one
 * longer scan would have found next (after a word the scan is between words), so a caller
 * can read words only as far as it looks at them.
 */
export function scanMoreWords(text: string, from: number, end: number, out: WordBuffer, max = Infinity, limit = text.length): number {
  let i = from;
  while (i < end && out.count < max) {
    const c = text.charCodeAt(i);
    if (c < 128 ? ASCII_ALNUM[c] !== 1 : !isAlnumAt(text, i, limit)) {
      i++;
      continue;
    }
    const s = i;
    for (;;) {
      while (i < end) {
        const c = text.charCodeAt(i);
        // ASCII inline: nearly every character of news prose.
        if (c < 128) {
          if (ASCII_ALNUM[c] === 1) {
            i++;
            continue;
          }
          break;
        }
        if (!isAlnumAt(text, i, limit)) break;
        i += isHighSurrogate(c) ? 2 : 1;
      }
      const c = text.charCodeAt(i);
      if (i + 1 < end && (c === 45 || c === 39 || c === 0x2019) && isAlnumAt(text, i + 1, limit)) {
        i++;
        continue;
      }
      break;
    }
    if (i > end) i = end; // a surrogate pair cut by the window edge
    out.push(s, i);
  }
  return out.count;
}

const COUNT_BUFFER = new WordBuffer();

/**
 * Number of words in text[start, end) read as a string of its own (as `scanWords` reads
 * them), counting no further than `max`.
 */
export function wordCount(text: string, start: number, end: number, max = Infinity): number {
  return scanWords(text, start, end, COUNT_BUFFER, max, end);
}

/** A small set of UTF-16 code units, tested without building one-character strings. */
export class CharSet {
  private readonly ascii = new Uint8Array(128);
  private readonly others: number[] = [];

  constructor(chars: string) {
    for (let i = 0; i < chars.length; i++) {
      const c = chars.charCodeAt(i);
      if (c < 128) this.ascii[c] = 1;
      else this.others.push(c);
    }
  }

  has(c: number): boolean {
    return c < 128 ? this.ascii[c] === 1 : this.others.includes(c);
  }

  /** True when one of the set's characters occurs in text[start, end). */
  occursIn(text: string, start: number, end: number): boolean {
    for (let i = start; i < end; i++) if (this.has(text.charCodeAt(i))) return true;
    return false;
  }
}

/**
 * A filter in front of a set of lower-case ASCII words: `mayHave` is false when the word
 * text[start, end), lower-cased, is certainly not in the set, without building its string.
 * True answers (a hash hit, or any non-ASCII character, whose lower case the filter does not
 * model) still need the real lookup.
 */
export class WordFilter {
  private readonly bits = new Uint8Array(0x10000);

  constructor(words: Iterable<string>) {
    for (const w of words) this.bits[hashLowerAscii(w, 0, w.length) & 0xffff] = 1;
  }

  mayHave(text: string, start: number, end: number): boolean {
    const h = hashLowerAscii(text, start, end);
    return h < 0 || this.bits[h & 0xffff] === 1;
  }
}

/** FNV-1a of the ASCII-lower-cased code units in [start, end), or -1 for non-ASCII text. */
function hashLowerAscii(text: string, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) {
    let c = text.charCodeAt(i);
    if (c >= 128) return -1;
    if (c >= 65 && c <= 90) c += 32;
    h = Math.imul(h ^ c, 16777619);
  }
  return h >>> 16;
}
