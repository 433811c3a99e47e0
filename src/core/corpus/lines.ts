/**
 * Line-level helpers shared by the boilerplate detector and the corpus pass: the line
 * normaliser (the key of `corpus.repeatedLines`), a line scanner with UTF-16 spans, and the
 * jusText-style content features of a line.
 */
import { ITEMS_PER_STEP, runSteps, type Steps } from '../steps';
import { isStopWord } from '../detect/stopwords';

/** A trimmed, non-empty line of a text (UTF-16 offsets of the trimmed content). */
export interface LineSpan {
  start: number;
  end: number;
  text: string;
}

/**
 * Whitespace that scrapers leave around lines, as a UTF-16 unit: `\s` (ASCII, NBSP, the
 * U+2000 spaces, line/paragraph separators, BOM…), zero-width space and non-joiner, word
 * joiner. ZWJ (U+200D) is left out: it joins emoji sequences and a line never ends with one
 * alone. A char-code test, shared with the boilerplate detector's own line finder.
 */
export function isEdgeSpace(c: number): boolean {
  if (c < 128) return c === 32 || (c >= 9 && c <= 13);
  return (
    c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200c) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x2060 || c === 0x3000 || c === 0xfeff
  );
}

/** Every non-empty line of `text`, trimmed, with its UTF-16 span. Handles LF, CRLF and CR. */
export function scanLines(text: string): LineSpan[] {
  const lines: LineSpan[] = [];
  let lineStart = 0;
  const n = text.length;
  for (let i = 0; i <= n; i++) {
    const c = i < n ? text.charCodeAt(i) : 10;
    if (c !== 10 && c !== 13) continue;
    let s = lineStart;
    let e = i;
    while (s < e && isEdgeSpace(text.charCodeAt(s))) s++;
    while (e > s && isEdgeSpace(text.charCodeAt(e - 1))) e--;
    if (e > s) lines.push({ start: s, end: e, text: text.slice(s, e) });
    if (c === 13 && i + 1 < n && text.charCodeAt(i + 1) === 10) i++;
    lineStart = i + 1;
  }
  return lines;
}

const COMBINING_MARKS = /[\u0300-\u036f]/g;
const QUOTE_LIKE = /[\u2018\u2019\u201a\u201b\u2032\u00b4`]/g;
const DOUBLE_QUOTE_LIKE = /[\u201c\u201d\u201e\u201f\u00ab\u00bb\u2033]/g;
const DASH_LIKE = /[\u2010-\u2015\u2212]/g;
const SPACE_RUN = /[\s\u00a0\u200b\u2060\ufeff]+/g;
/** Markdown heading / quote markers, bullets and list numbers in front of a line. */
const LEADING_MARKERS = /^(?:[#>*+\-•·▪●◦‣■□➢►✓✔]+\s*|\d{1,3}[.)]\s+)+/;
/** Characters that may start a list / heading marker (checked before running the regex). */
const LEADING_MARKER_CHARS = '#>*+-•·▪●◦‣■□➢►✓✔0123456789';
/** Trailing punctuation and spaces dropped from a normalised line. */
const TRAILING_CHARS = ' \t.,:;!·|-';


/**
 * The normalised form of a line used to compare lines within and across documents:
 * diacritics folded, lower case, typographic quotes and dashes unified, whitespace collapsed,
 * leading list / heading markers and trailing punctuation dropped. `corpus.repeatedLines`
 * holds lines in this form, and `detectBoilerplate` looks lines up in this form.
 */
export function normalizeLine(line: string): string {
  let s = line;
  // NFKD is the slow part; ASCII-only lines (most of English text) do not need it.
  // eslint-disable-next-line no-control-regex
  if (/[^\u0000-\u007f]/.test(s)) {
    s = s.normalize('NFKD').replace(COMBINING_MARKS, '').replace(QUOTE_LIKE, "'").replace(DOUBLE_QUOTE_LIKE, '"').replace(DASH_LIKE, '-');
  }
  s = s.toLowerCase();
  // NFKD turned NBSP and the other Unicode spaces into ASCII ones; native `includes` scans
  // are much cheaper than a whitespace regex on every line.
  if (s.includes('  ') || s.includes('\t') || s.includes('\u00a0') || s.includes('\u200b') || s.includes('\ufeff')) s = s.replace(SPACE_RUN, ' ');
  s = s.trim();
  // Hand-rolled edge checks: an unanchored `…+$` regex would be tried at every position.
  if (s.length > 0 && LEADING_MARKER_CHARS.includes(s[0] as string)) s = s.replace(LEADING_MARKERS, '');
  let e = s.length;
  while (e > 0 && TRAILING_CHARS.includes(s[e - 1] as string)) e--;
  return e === s.length ? s : s.slice(0, e);
}

/** Content features of a line in the spirit of jusText (Pomikálek 2011). */
export interface LineFeatures {
  /** Length in UTF-16 units of the trimmed line. */
  length: number;
  /** Words containing at least one letter. */
  words: number;
  /** Fraction of words that are function words. */
  stopDensity: number;
  /** Fraction of characters inside URLs, e-mail addresses, @handles and #hashtags. */
  linkDensity: number;
  /** Ends like a sentence (terminal punctuation, optionally inside a closing quote). */
  endsSentence: boolean;
  /** Words starting with an upper-case letter / all words. */
  capitalisedRatio: number;
}

/** What `lineFeatures` counts as a word (also read by the boilerplate detector's fast path). */
export const LINE_WORD_PATTERN = "[\\p{L}\\p{N}][\\p{L}\\p{N}'’.-]*";
const WORD = new RegExp(LINE_WORD_PATTERN, 'gu');
export const HAS_LETTER = /\p{L}/u;
const LINKISH = /(?:https?:\/\/|www\.)\S+|\b[\w.-]+\.(?:com|org|net|co|io|ru|ua|tr|uk|de)\/\S*|\S+@\S+\.\w+|(?:^|\s)[@#][\p{L}\w]+/gu;
const SENTENCE_END = /[.!?…]["'”’»)\]]*$/;
const UPPER_START = /^\p{Lu}/u;

/** Cheap test before measuring link density: no URL, address, handle or hashtag without these. */
export function mayHoldLinks(line: string): boolean {
  return line.includes('/') || line.includes('@') || line.includes('#') || line.includes('www.');
}

/** Fraction of a line's characters inside URLs, e-mail addresses, @handles and #hashtags. */
export function linkDensity(line: string): number {
  if (line.length === 0 || !mayHoldLinks(line)) return 0;
  let linkChars = 0;
  for (const m of line.matchAll(LINKISH)) linkChars += m[0].trim().length;
  return linkChars / line.length;
}

/** Computes the content features of one (trimmed) line. */
export function lineFeatures(line: string): LineFeatures {
  let words = 0;
  let stops = 0;
  let capitalised = 0;
  for (const m of line.matchAll(WORD)) {
    const w = m[0];
    if (!HAS_LETTER.test(w)) continue;
    words++;
    if (UPPER_START.test(w)) capitalised++;
    if (isStopWord(w.toLowerCase())) stops++;
  }
  return {
    length: line.length,
    words,
    stopDensity: words === 0 ? 0 : stops / words,
    linkDensity: linkDensity(line),
    endsSentence: SENTENCE_END.test(line),
    capitalisedRatio: words === 0 ? 0 : capitalised / words,
  };
}

/**
 * True when a line reads like running prose: a sentence-length line with a normal share of
 * function words. Such a line recurring in two sources is shared wire copy, not page chrome,
 * so it is never treated as corpus boilerplate.
 */
export function isProseLike(f: LineFeatures): boolean {
  return f.words >= 8 && f.stopDensity >= 0.25 && f.endsSentence;
}

/**
 * Longest line considered as corpus boilerplate. Longer lines are paragraphs; footers,
 * prompts and credit lines are shorter (the longest in the rule pack's tests is ~180).
 */
export const MAX_CORPUS_LINE = 250;

/** Shortest normalised line considered for repeat detection (shorter lines are too generic). */
export const MIN_REPEAT_LINE_CHARS = 8;

/**
 * Normalised lines that occur in at least two of the given texts (each text counts once).
 *
 * Decision (wire copy): a corpus of several outlets' versions of one story shares real
 * sentences, so lines that read like prose (`isProseLike`) are left out — only short or
 * low-content lines (prompts, credits, footers, navigation) can become corpus boilerplate.
 * One-word lines are left out too: a lone "Ukraine" in two sources is a section label, and
 * one-word chrome ("Share", "Advertisement") is covered by the rule pack.
 */
export function findCorpusRepeatedLines(texts: readonly string[]): RepeatedLines {
  return runSteps(findCorpusRepeatedLinesSteps(texts));
}

/** `findCorpusRepeatedLines` in steps (a yield after each text; see core/steps.ts). */
export function* findCorpusRepeatedLinesSteps(texts: readonly string[]): Steps<RepeatedLines> {
  // Per normalised line: the index of the first document it was seen in, or -1 once it has
  // been decided (added to the result, or rejected as prose), so each line is judged once.
  const state = new Map<string, number>();
  // Raw line → normalised key: page chrome recurs verbatim, so most lines skip normalising.
  const keyOf = new Map<string, string>();
  const repeated = new RepeatedLines();
  for (const [docIndex, text] of texts.entries()) {
    yield;
    for (const line of scanLines(text)) {
      if (line.text.length > MAX_CORPUS_LINE) continue;
      let key = keyOf.get(line.text);
      if (key === undefined) {
        key = normalizeLine(line.text);
        keyOf.set(line.text, key);
      }
      if (key.length < MIN_REPEAT_LINE_CHARS || !key.includes(' ')) continue;
      const first = state.get(key);
      if (first === undefined) {
        state.set(key, docIndex);
      } else if (first !== -1 && first !== docIndex) {
        state.set(key, -1);
        if (!isProseLike(lineFeatures(line.text))) repeated.add(key);
      }
    }
  }
  let n = 0;
  for (const [raw, key] of keyOf) {
    if (repeated.has(key)) repeated.rawForms.add(raw);
    if (++n % (16 * ITEMS_PER_STEP) === 0) yield;
  }
  return repeated;
}

/**
 * The result of `findCorpusRepeatedLines`: the normalised lines, plus every raw (trimmed)
 * form they were seen in, so the per-document pass can look lines up without normalising
 * each one. A plain `Set` of normalised lines works too (the lookup then normalises).
 */
export class RepeatedLines extends Set<string> {
  readonly rawForms = new Set<string>();
}
