/**
 * Quote detector with speaker attribution (UTF-16 offsets; `analyzeDocument` converts).
 *
 * 1. Marks: every quote character is classified as opening / closing from its flanks
 *    (whitespace or punctuation on one side, a word on the other), so straight quotes, curly
 *    quotes used the wrong way round (“…“), mixed pairs (“…»), guillemets and „…“ all pair
 *    up, and apostrophes (don’t, Lavrov’s, ’90s) are never quote marks.
 * 2. Pairing per block: a double quote left open at the end of a paragraph continues when
 *    the next paragraph opens again (the print convention for multi-paragraph quotes);
 *    otherwise it ends with its paragraph, cut before a trailing ", he said" that lost its
 *    closing mark. Single quotes (headline style ‘…’) only count when they close in the
 *    same block.
 * 3. Attribution: a cue after the quote (“…,” X said / said X / X told reporters / …,
 *    according to X), a cue before it in the same sentence (X said: “…” / X urged Y to “…” /
 *    X described the meeting as “…”), or a cue that closes the sentence. The speaker phrase
 *    resolves to a person by the mentions it contains, by a pronoun (he / she → the most
 *    recent compatible subject or speaker) or by a role ("the Turkish Foreign Minister");
 *    otherwise the phrase itself is the speaker ("a spokesman for the Foreign Ministry",
 *    "Moscow"). A quote without a cue inherits the previous quote's speaker when it follows
 *    it in the same paragraph or opens the next one.
 * 4. Kind: short quotes (up to five words) that are not sentences are terms (scare quotes,
 *    labels: a “special military operation”) unless a person is cued as saying them and
 *    they are not inside a noun phrase.
 *
 * Quote spans include their quote marks.
 */
import type { BlockMemo } from '../blockMemo';
import type { Block, Person, Quote, Span, Speaker } from '../types';
import type { Gender } from './gazetteers/firstNames';
import { DEMONYMS, ROLE_NOUNS, TITLE_WORDS } from './gazetteers/entities';
import { normalizeName, personGender } from './people';
import { CharSet, WordBuffer, WordFilter, isAlnumCode, isLetterCode, isSpaceCode, scanMoreWords, scanWords, skipSpace, startsLower, startsUpper, trimEnd, wordCount } from './quoteScan';
import { REPORTING_VERBS, isReportingVerb, isVerbAfterName } from './reportingVerbs';

/** A paired (or knowingly unclosed) quote before attribution, in UTF-16 offsets. */
export interface RawQuote {
  start: number;
  /** End of the span (after the closing mark when closed). */
  end: number;
  innerStart: number;
  innerEnd: number;
  closed: boolean;
  single: boolean;
  startBlock: number;
  endBlock: number;
}

const ROLE_OPEN = 0;
const ROLE_CLOSE = 1;
const ROLE_BOTH = 2;
const ROLE_MASK = 3;
const SINGLE = 4;
const NOT_A_MARK = -1;

/** `/[\s([{\u2014\u2013/\-"“”„«‹'‘’‚]/u`: what may stand before an opening mark. */
function isOpenPunct(c: number): boolean {
  switch (c) {
    case 0x28: // (
    case 0x5b: // [
    case 0x7b: // {
    case 0x2014: // —
    case 0x2013: // –
    case 0x2f: // /
    case 0x2d: // -
    case 0x22: // "
    case 0x201c: // “
    case 0x201d: // ”
    case 0x201e: // „
    case 0xab: // «
    case 0x2039: // ‹
    case 0x27: // '
    case 0x2018: // ‘
    case 0x2019: // ’
    case 0x201a: // ‚
      return true;
    default:
      return isSpaceCode(c);
  }
}

/** `/[\s.,;:!?)\]}\u2014\u2013\-…"“”»›'‘’]/u`: what may follow a closing mark. */
function isClosePunct(c: number): boolean {
  switch (c) {
    case 0x2e: // .
    case 0x2c: // ,
    case 0x3b: // ;
    case 0x3a: // :
    case 0x21: // !
    case 0x3f: // ?
    case 0x29: // )
    case 0x5d: // ]
    case 0x7d: // }
    case 0x2014: // —
    case 0x2013: // –
    case 0x2d: // -
    case 0x2026: // …
    case 0x22: // "
    case 0x201c: // “
    case 0x201d: // ”
    case 0xbb: // »
    case 0x203a: // ›
    case 0x27: // '
    case 0x2018: // ‘
    case 0x2019: // ’
      return true;
    default:
      return isSpaceCode(c);
  }
}

/** True for ASCII `[A-Za-z0-9_]` (what `\b` sees as a word character). */
function isAsciiWordCode(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

/** `/^\d\ds\b/u.test(text.slice(i + 1, i + 5))`: a decade after the mark (’90s), read past the block end as before. */
function decadeFollows(text: string, i: number): boolean {
  const d1 = text.charCodeAt(i + 1);
  const d2 = text.charCodeAt(i + 2);
  if (!(d1 >= 48 && d1 <= 57 && d2 >= 48 && d2 <= 57 && text.charCodeAt(i + 3) === 0x73)) return false;
  return i + 4 >= text.length || !isAsciiWordCode(text.charCodeAt(i + 4));
}

/**
 * Classifies one quote character at `i` (block [blockStart, blockEnd)): its encoded role, or
 * NOT_A_MARK when it is not a quote mark here. Flanks outside the block count as nothing.
 */
function classify(text: string, i: number, blockStart: number, blockEnd: number): number {
  const ch = text.charCodeAt(i);
  const prev = i > blockStart ? text.charCodeAt(i - 1) : -1;
  const next = i + 1 < blockEnd ? text.charCodeAt(i + 1) : -1;
  const left = (prev === -1 || isOpenPunct(prev)) && next !== -1 && !isSpaceCode(next);
  const right = (next === -1 || isClosePunct(next)) && prev !== -1 && !isSpaceCode(prev);
  switch (ch) {
    case 0x201e: // „
    case 0xab: // «
      return ROLE_OPEN;
    case 0xbb: // »
      return ROLE_CLOSE;
    case 0x201c: // “
      return right && !left ? ROLE_CLOSE : ROLE_OPEN;
    case 0x201d: // ”
      return left && !right ? ROLE_OPEN : ROLE_CLOSE;
    case 0x22: // "
      if (left && right) return ROLE_BOTH;
      if (left) return ROLE_OPEN;
      if (right) return ROLE_CLOSE;
      return NOT_A_MARK;
    case 0x2018: // ‘
    case 0x201a: // ‚
      if (decadeFollows(text, i)) return NOT_A_MARK; // ‘90s
      if (isAlnumCode(prev) && isAlnumCode(next)) return NOT_A_MARK;
      return left ? SINGLE + ROLE_OPEN : right ? SINGLE + ROLE_CLOSE : NOT_A_MARK;
    case 0x2019: // ’
    case 0x27: // '
      if (isAlnumCode(prev) && isAlnumCode(next)) return NOT_A_MARK; // don’t, Lavrov’s
      if (decadeFollows(text, i)) return NOT_A_MARK; // ’90s
      if (ch === 0x27 && left && !right) return SINGLE + ROLE_OPEN;
      return right ? SINGLE + ROLE_CLOSE : NOT_A_MARK;
    default:
      return NOT_A_MARK;
  }
}

/** The characters that may be quote marks (a regex search skips the text between them fastest). */
const QUOTE_CHARS = /["“”„«»‘’‚']/g;

/** True for the marks that can open a quote (“ " « „): the leading-cue search stops at the last one. */
function isOpeningChar(c: number): boolean {
  return c === 0x201c || c === 0x22 || c === 0xab || c === 0x201e;
}

/**
 * The quote marks of all blocks, and the positions of every “ " « „ inside a block (quote
 * mark or not) in increasing order: the leading-cue search asks for the last one before each
 * quote, which a backward character loop per quote used to find.
 *
 * A mark is a number, `offset from its block's start * 8 + SINGLE + role`; the marks of
 * block `b` are `codes[firstMark[b]]` up to (not including) `codes[firstMark[b + 1]]`. One
 * list for the document instead of an object per mark or an array per block: the marks are
 * found again on every analysis.
 */
interface MarkScan {
  codes: number[];
  firstMark: Int32Array;
  openers: number[];
}

/** Adds the marks of one block to `scan` (its “ " « „ to `openers`). */
function scanBlock(text: string, block: Block, scan: MarkScan): void {
  const blockText = block.text;
  QUOTE_CHARS.lastIndex = 0;
  while (QUOTE_CHARS.test(blockText)) {
    const rel = QUOTE_CHARS.lastIndex - 1;
    if (isOpeningChar(blockText.charCodeAt(rel))) scan.openers.push(block.start + rel);
    const code = classify(text, block.start + rel, block.start, block.end);
    if (code !== NOT_A_MARK) scan.codes.push(rel * 8 + code);
  }
}

/** True when the blocks are in text order without overlaps (what `segment` produces). */
function inTextOrder(blocks: readonly Block[]): boolean {
  for (let bi = 1; bi < blocks.length; bi++) if ((blocks[bi] as Block).start < (blocks[bi - 1] as Block).end) return false;
  return true;
}

/**
 * Each block's marks. A single search over the whole text finds the quote characters, each
 * assigned to its block (per-block searches and a character loop cost several times more on
 * 40,000 blocks); blocks out of text order, which `segment` never produces, are searched
 * one by one.
 */
function scanBlocks(text: string, blocks: readonly Block[]): MarkScan {
  const scan: MarkScan = { codes: [], firstMark: new Int32Array(blocks.length + 1), openers: [] };
  const { codes, firstMark, openers } = scan;
  if (!inTextOrder(blocks)) {
    for (let bi = 0; bi < blocks.length; bi++) {
      firstMark[bi] = codes.length;
      scanBlock(text, blocks[bi] as Block, scan);
    }
    firstMark[blocks.length] = codes.length;
    openers.sort((a, b) => a - b);
    return scan;
  }
  let bi = 0;
  /** Blocks up to here have their `firstMark`: all marks so far are in earlier blocks. */
  let marked = 0;
  QUOTE_CHARS.lastIndex = 0;
  while (QUOTE_CHARS.test(text)) {
    const pos = QUOTE_CHARS.lastIndex - 1;
    while (bi < blocks.length && (blocks[bi] as Block).end <= pos) bi++;
    if (bi === blocks.length) break;
    const block = blocks[bi] as Block;
    if (pos < block.start) continue; // between blocks
    if (isOpeningChar(text.charCodeAt(pos))) openers.push(pos);
    const code = classify(text, pos, block.start, block.end);
    if (code === NOT_A_MARK) continue;
    while (marked <= bi) firstMark[marked++] = codes.length;
    codes.push((pos - block.start) * 8 + code);
  }
  while (marked <= blocks.length) firstMark[marked++] = codes.length;
  return scan;
}

/**
 * Paired quotes as columns of numbers (what `RawQuote` holds), read one at a time into a
 * reused object: an object per quote was a large part of the detector's garbage.
 */
class RawQuoteList {
  length = 0;
  /** Per quote: start, end, innerStart, innerEnd, startBlock, endBlock, flags (1 = closed, 2 = single). */
  private data = new Int32Array(7 * 256);

  push(start: number, end: number, innerStart: number, innerEnd: number, closed: boolean, single: boolean, startBlock: number, endBlock: number): void {
    if ((this.length + 1) * 7 > this.data.length) {
      const grown = new Int32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    const d = this.data;
    const at = this.length++ * 7;
    d[at] = start;
    d[at + 1] = end;
    d[at + 2] = innerStart;
    d[at + 3] = innerEnd;
    d[at + 4] = startBlock;
    d[at + 5] = endBlock;
    d[at + 6] = (closed ? 1 : 0) | (single ? 2 : 0);
  }

  innerStart(i: number): number {
    return this.data[i * 7 + 2] as number;
  }

  innerEnd(i: number): number {
    return this.data[i * 7 + 3] as number;
  }

  /** Keeps quote `from` as quote `to` (to <= from), for filtering in place. */
  move(from: number, to: number): void {
    if (from !== to) this.data.copyWithin(to * 7, from * 7, from * 7 + 7);
  }

  /** Quote `i` into `q`. */
  read(i: number, q: RawQuote): RawQuote {
    const d = this.data;
    const at = i * 7;
    q.start = d[at] as number;
    q.end = d[at + 1] as number;
    q.innerStart = d[at + 2] as number;
    q.innerEnd = d[at + 3] as number;
    q.startBlock = d[at + 4] as number;
    q.endBlock = d[at + 5] as number;
    const flags = d[at + 6] as number;
    q.closed = (flags & 1) !== 0;
    q.single = (flags & 2) !== 0;
    return q;
  }
}

/** A RawQuote to read a `RawQuoteList` entry into. */
function emptyRawQuote(): RawQuote {
  return { start: 0, end: 0, innerStart: 0, innerEnd: 0, closed: false, single: false, startBlock: 0, endBlock: 0 };
}

/** Cue of a quote that lost its closing mark: “…, he said. → ends before ", he said". */
const LOST_CLOSE_CUE =
  /,\s+(?:he|she|they|it|(?:\p{Lu}[\p{L}’'-]+)(?:\s+\p{Lu}[\p{L}’'-]+){0,2})\s+([\p{Ll}]+)\b[^"“”«»]{0,80}$/u;

/** True when [start, end) holds a letter or digit (astral ones too, when both halves are inside). */
function hasAlnum(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < end) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        if (/[\p{L}\p{N}]/u.test(text.slice(i, i + 2))) return true;
        i++;
        continue;
      }
    }
    if (isAlnumCode(c)) return true;
  }
  return false;
}

/** Pairs quote marks into quotes, block by block. */
export function findQuoteSpans(text: string, blocks: readonly Block[]): RawQuote[] {
  const list = pairQuotes(text, blocks, scanBlocks(text, blocks));
  const out: RawQuote[] = [];
  for (let i = 0; i < list.length; i++) out.push(list.read(i, emptyRawQuote()));
  return out;
}

/**
 * The document-wide pairing over every block's marks: a double quote may stay open across
 * paragraphs, so this part runs over the whole document each time.
 */
function pairQuotes(text: string, blocks: readonly Block[], scan: MarkScan): RawQuoteList {
  const { codes, firstMark } = scan;
  const out = new RawQuoteList();
  let openPos = -1;
  let openBlock = -1;
  const closeUnclosed = (blockIndex: number): void => {
    const block = blocks[blockIndex] as Block;
    const innerStart = openPos + 1;
    let innerEnd = trimEnd(text, innerStart, block.end);
    const windowStart = Math.max(innerStart, innerEnd - 200);
    const cut = LOST_CLOSE_CUE.exec(text.slice(windowStart, innerEnd));
    if (cut && isReportingVerb(cut[1] as string)) innerEnd = windowStart + cut.index;
    if (innerEnd > skipSpace(text, innerStart, innerEnd)) {
      out.push(openPos, innerEnd, innerStart, innerEnd, false, false, openBlock, blockIndex);
    }
    openPos = -1;
  };
  for (let bi = 0; bi < blocks.length; bi++) {
    const block = blocks[bi] as Block;
    const marksEnd = firstMark[bi + 1] as number;
    let singleOpen = -1;
    let first = firstMark[bi] as number;
    if (openPos >= 0) {
      // An open quote continues only if this paragraph opens with a quote mark.
      const mark = first < marksEnd ? (codes[first] as number) : -1;
      if (mark >= 0 && mark >>> 3 === 0 && (mark & SINGLE) === 0 && (mark & ROLE_MASK) !== ROLE_CLOSE) {
        first++;
      } else {
        closeUnclosed(bi - 1);
      }
    }
    for (let mi = first; mi < marksEnd; mi++) {
      const mark = codes[mi] as number;
      const pos = block.start + Math.floor(mark / 8);
      const single = (mark & SINGLE) !== 0;
      const role = mark & ROLE_MASK;
      if (openPos >= 0) {
        if (single) continue;
        if (role === ROLE_CLOSE || role === ROLE_BOTH) {
          const innerStart = openPos + 1;
          out.push(openPos, pos + 1, innerStart, pos, true, false, openBlock, bi);
          openPos = -1;
        } else if (openBlock === bi && pos > openPos + 1) {
          // A second opening mark inside an open quote: the first one never closed.
          const innerStart = openPos + 1;
          const innerEnd = trimEnd(text, innerStart, pos);
          if (innerEnd > innerStart) {
            out.push(openPos, innerEnd, innerStart, innerEnd, false, false, openBlock, openBlock);
          }
          openPos = pos;
          openBlock = bi;
        }
        continue;
      }
      if (singleOpen >= 0) {
        if (single && (role === ROLE_CLOSE || role === ROLE_BOTH)) {
          out.push(singleOpen, pos + 1, singleOpen + 1, pos, true, true, bi, bi);
          singleOpen = -1;
        }
        continue;
      }
      if (role === ROLE_OPEN || role === ROLE_BOTH) {
        if (single) singleOpen = pos;
        else {
          openPos = pos;
          openBlock = bi;
        }
      }
    }
  }
  if (openPos >= 0) closeUnclosed(blocks.length - 1);
  let kept = 0;
  for (let i = 0; i < out.length; i++) {
    if (hasAlnum(text, out.innerStart(i), out.innerEnd(i))) out.move(i, kept++);
  }
  out.length = kept;
  return out;
}

// ---------------------------------------------------------------------------------------
// Attribution

interface Attribution {
  speaker: Speaker | null;
  person: Person | null;
  cue: Span;
  confidence: number;
}

const OBJECT_MARKERS = new Set([
  'to', 'with', 'from', 'by', 'of', 'for', 'on', 'at', 'about', 'against', 'met', 'meeting', 'meet', 'accused', 'urged',
  'given', 'asked', 'told', 'than', 'called', 'and', 'or', 'between', 'like', 'as',
]);
/** Longest OBJECT_MARKERS word: longer words need no lower-casing to be rejected. */
const OBJECT_MARKER_MAX_LENGTH = Math.max(...[...OBJECT_MARKERS].map((w) => w.length));

const PRONOUNS: Record<string, Gender | 'none'> = { he: 'male', she: 'female', him: 'male', her: 'female', they: 'none', it: 'none', we: 'none', i: 'none' };
/**
 * `PRONOUNS[word]` is also defined for the names of Object.prototype members ("constructor",
 * at most 20 characters); longer phrases cannot hit anything, so they skip the lookup, and
 * so do phrases the filter rules out (no lower-cased string is built for them).
 */
const PRONOUN_LOOKUP_MAX_LENGTH = 24;
const PRONOUN_FILTER = new WordFilter([...Object.keys(PRONOUNS), ...Object.getOwnPropertyNames(Object.prototype)]);

/**
 * One adverb, auxiliary or parenthesis that may sit between a speaker and the verb ("Lavrov,
 * meanwhile, said", "Kuleba had said", "Warren (D-Mass.) tweeted"); stripped one at a time
 * from the end, so the pattern has no nested repetition.
 */
const BETWEEN_SUBJECT_AND_VERB =
  /[\s,]*(?:\b(?:has|have|had|also|later|then|again|further|previously|once|already|reportedly|repeatedly|recently|earlier|meanwhile|however|himself|herself|yesterday|today|on\s+\p{Lu}\p{Ll}+day|last\s+\p{Ll}+|in\s+a\s+statement)|\([^()]{0,40}\))[\s,]*$/u;

/** The words that BETWEEN_SUBJECT_AND_VERB can end with (besides "…day", "last …" and ")"). */
const BETWEEN_WORDS = new Set([
  'has', 'have', 'had', 'also', 'later', 'then', 'again', 'further', 'previously', 'once', 'already', 'reportedly',
  'repeatedly', 'recently', 'earlier', 'meanwhile', 'however', 'himself', 'herself', 'yesterday', 'today', 'statement',
]);

const NP_BOUNDARY_WORDS = new Set([
  'and', 'but', 'while', 'as', 'that', 'which', 'who', 'because', 'after', 'before', 'when', 'if', 'where', 'so',
  'although', 'though', 'since', 'whereas', 'whom', 'whose', 'then', 'also',
]);

/** Words that open an anonymous source phrase ("one witness", "two officials", "several diplomats"). */
const QUANTIFIERS = new Set(['one', 'two', 'three', 'another', 'some', 'several', 'many', 'other', 'senior', 'officials', 'witnesses', 'analysts', 'experts', 'sources']);

const DETERMINERS = new Set(['a', 'an', 'the', 'this', 'its', 'his', 'her', 'their', 'our', 'my', 'your', 'so-called', 'these', 'those', 'whose']);

/**
 * Longest form in the reporting-verb lexicon. Lower-casing never shortens a string, so a
 * longer word is no verb of saying and needs no lookup (nor the string for one).
 */
const REPORTING_VERB_MAX_LENGTH = Math.max(...[...REPORTING_VERBS].map((w) => w.length));
/** Filters that reject most words before their string is built for a set lookup. */
const VERB_FILTER = new WordFilter(REPORTING_VERBS);
const NP_BOUNDARY_FILTER = new WordFilter(NP_BOUNDARY_WORDS);
const DETERMINER_FILTER = new WordFilter(DETERMINERS);

/**
 * Word buffers, one per function that keeps its words while calling others (see
 * `WordBuffer`): the trailing, leading and sentence-final cue searches, the noun-phrase test,
 * the speaker phrase, and the words between two quotes of one sentence.
 */
const TRAILING_WORDS = new WordBuffer();
const LEADING_WORDS = new WordBuffer();
const FINAL_WORDS = new WordBuffer();
const NOUN_PHRASE_WORDS = new WordBuffer();
const PHRASE_WORDS = new WordBuffer();
const BETWEEN_WORDS_BUFFER = new WordBuffer();

/**
 * The document's people for attribution: every mention in text order, as parallel arrays
 * (one object per mention was the detector's largest garbage), plus caches that live for one
 * analysis. Mentions are referred to by index; -1 is none.
 */
class Context {
  readonly mentionCount: number;
  private readonly mentionStart: Int32Array;
  private readonly mentionEnd: Int32Array;
  /** Index in `people` of each mention's person. */
  private readonly mentionOwner: Int32Array;
  /** Each person's gender, by index in `people`. */
  private readonly personGenders: Gender[];
  /** Whether a mention is in subject position (`isSubjectPosition`): 0 = not computed yet, 1 = no, 2 = yes. */
  private readonly mentionSubject: Uint8Array;
  /** Demonyms written right before a person's mentions ("his Ukrainian counterpart Dmytro Kuleba"). */
  private readonly origins = new Map<string, Set<string>>();
  private originsReady = false;
  private readonly genders = new Map<Person, Gender>();
  /** Each person's role words (normalised), computed on first use. */
  private readonly roleWords = new Map<Person, Set<string>>();
  /** `resolveRole` per phrase: a role phrase ("the minister") recurs through a document. */
  private readonly roleCache = new Map<string, Person | null>();
  /** The person of the last attributed quote and where its cue (or the quote) starts. */
  lastSpeaker: Person | null = null;
  lastSpeakerPos = 0;

  constructor(
    readonly text: string,
    readonly blocks: readonly Block[],
    readonly people: readonly Person[],
    /** Positions of the “ " « „ inside blocks, in increasing order (see `MarkScan`). */
    private readonly openers: readonly number[],
  ) {
    // Indexed loops: the constructor runs once per analysis, often before it is optimised,
    // and an unoptimised for-of allocates a result object per element (51,000 mentions).
    let count = 0;
    for (let pi = 0; pi < people.length; pi++) {
      const p = people[pi] as Person;
      this.genders.set(p, personGender(p));
      count += p.mentions.length;
    }
    this.mentionCount = count;
    this.mentionStart = new Int32Array(count);
    this.mentionEnd = new Int32Array(count);
    this.mentionOwner = new Int32Array(count);
    this.mentionSubject = new Uint8Array(count);
    // Numbered people first, then mention order; then put in text order.
    const starts = new Int32Array(count);
    const ends = new Int32Array(count);
    const owners = new Int32Array(count);
    const personGenders = new Array<Gender>(people.length);
    this.personGenders = personGenders;
    let n = 0;
    for (let pi = 0; pi < people.length; pi++) {
      const p = people[pi] as Person;
      personGenders[pi] = this.genders.get(p) as Gender;
      const mentions = p.mentions;
      for (let mi = 0; mi < mentions.length; mi++) {
        const m = mentions[mi] as Span;
        starts[n] = m.start;
        ends[n] = m.end;
        owners[n++] = pi;
      }
    }
    const order = textOrder(starts);
    for (let i = 0; i < count; i++) {
      const k = order[i] as number;
      this.mentionStart[i] = starts[k] as number;
      this.mentionEnd[i] = ends[k] as number;
      this.mentionOwner[i] = owners[k] as number;
    }
  }

  start(i: number): number {
    return this.mentionStart[i] as number;
  }

  end(i: number): number {
    return this.mentionEnd[i] as number;
  }

  person(i: number): Person {
    return this.people[this.mentionOwner[i] as number] as Person;
  }

  private mentionGenderOf(i: number): Gender {
    return this.personGenders[this.mentionOwner[i] as number] as Gender;
  }

  genderOf(person: Person): Gender {
    return this.genders.get(person) ?? personGender(person);
  }

  /** True when mention `i` is in subject position (computed on first use: most are never asked). */
  isSubject(i: number): boolean {
    let v = this.mentionSubject[i] as number;
    if (v === 0) {
      v = isSubjectPosition(this.text, this.start(i), this.end(i)) ? 2 : 1;
      this.mentionSubject[i] = v;
    }
    return v === 2;
  }

  /** Demonyms written right before each person's mentions or in their role, computed on first use. */
  private originsOf(personId: string): Set<string> | undefined {
    if (!this.originsReady) {
      this.originsReady = true;
      for (let i = 0; i < this.mentionCount; i++) {
        const start = this.start(i);
        const person = this.person(i);
        const before = this.text
          .slice(Math.max(0, start - 45), start)
          .split(/[^\p{L}]+/u)
          .slice(-4)
          .map((w) => normalizeName(w));
        for (const w of before) {
          if (DEMONYMS.has(w)) this.origins.set(person.id, (this.origins.get(person.id) ?? new Set<string>()).add(w));
        }
        if (person.role) {
          for (const w of normalizeName(person.role).split(/\s+/)) {
            if (DEMONYMS.has(w)) this.origins.set(person.id, (this.origins.get(person.id) ?? new Set<string>()).add(w));
          }
        }
      }
    }
    return this.origins.get(personId);
  }

  /** The last of `openers` in [start, end), or -1. */
  lastOpenerIn(start: number, end: number): number {
    const openers = this.openers;
    let lo = 0;
    let hi = openers.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((openers[mid] as number) < end) lo = mid + 1;
      else hi = mid;
    }
    const p = lo > 0 ? (openers[lo - 1] as number) : -1;
    return p >= start ? p : -1;
  }

  /** Index of the first mention starting at or after `pos` (binary search). */
  firstMentionAtOrAfter(pos: number): number {
    let lo = 0;
    let hi = this.mentionCount;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.start(mid) < pos) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The first mention inside [start, end) (what `mentionsIn(start, end)[0]` was), or -1. */
  firstMentionIn(start: number, end: number): number {
    for (let i = this.firstMentionAtOrAfter(start); i < this.mentionCount; i++) {
      if (this.start(i) >= end) break;
      if (this.end(i) <= end) return i;
    }
    return -1;
  }

  /** The first mention inside [start, end) in subject position, or -1. */
  firstSubjectMentionIn(start: number, end: number): number {
    for (let i = this.firstMentionAtOrAfter(start); i < this.mentionCount; i++) {
      if (this.start(i) >= end) break;
      if (this.end(i) <= end && this.isSubject(i)) return i;
    }
    return -1;
  }

  /** The first mention of `person` inside [start, end), or -1. */
  firstMentionOfIn(person: Person, start: number, end: number): number {
    for (let i = this.firstMentionAtOrAfter(start); i < this.mentionCount; i++) {
      if (this.start(i) >= end) break;
      if (this.end(i) <= end && this.person(i) === person) return i;
    }
    return -1;
  }

  /**
   * The head of a speaker phrase inside [start, end): the first mention not in possessive
   * position ("Ukraine’s Dmytro Kuleba" → Kuleba), else the first mention; -1 for none.
   */
  headMentionIn(start: number, end: number): number {
    const text = this.text;
    let first = -1;
    for (let i = this.firstMentionAtOrAfter(start); i < this.mentionCount; i++) {
      if (this.start(i) >= end) break;
      const mEnd = this.end(i);
      if (mEnd > end) continue;
      if (first < 0) first = i;
      // `/^['’]s\b/u` on the next two characters: the boundary after them always holds.
      const c = text.charCodeAt(mEnd);
      if (!((c === 0x27 || c === 0x2019) && text.charCodeAt(mEnd + 1) === 0x73)) return i;
    }
    return first;
  }

  /**
   * "he" / "she" → the subject of the same sentence when it is a compatible person ("X said
   * he ...", "X said ..., adding that he ..."), else the most recent compatible speaker or
   * subject mention before `pos`.
   */
  resolvePronoun(gender: Gender, pos: number, sentenceStart: number): Person | null {
    const upTo = this.firstMentionAtOrAfter(pos);
    for (let i = this.firstMentionAtOrAfter(sentenceStart); i < upTo; i++) {
      if (compatible(gender, this.mentionGenderOf(i)) && this.isSubject(i)) return this.person(i);
    }
    let best = -1;
    for (let i = upTo - 1; i >= 0; i--) {
      if (compatible(gender, this.mentionGenderOf(i)) && this.isSubject(i)) {
        best = i;
        break;
      }
    }
    const last = this.lastSpeaker;
    const lastPos = this.lastSpeakerPos;
    if (last && lastPos < pos && compatible(gender, this.genderOf(last)) && (best < 0 || lastPos >= this.start(best))) return last;
    if (best >= 0) return this.person(best);
    // No subject mention: the most recent compatible mention at all.
    for (let i = upTo - 1; i >= 0; i--) {
      if (compatible(gender, this.mentionGenderOf(i))) return this.person(i);
    }
    return null;
  }

  /** "The Turkish Foreign Minister" → the person whose stated role has all those words. */
  resolveRole(phrase: string): Person | null {
    let found = this.roleCache.get(phrase);
    if (found === undefined) {
      found = this.resolveRoleUncached(phrase);
      this.roleCache.set(phrase, found);
    }
    return found;
  }

  private roleWordsOf(person: Person, role: string): Set<string> {
    let words = this.roleWords.get(person);
    if (!words) {
      words = new Set(normalizeName(role).split(/\s+/));
      this.roleWords.set(person, words);
    }
    return words;
  }

  private resolveRoleUncached(phrase: string): Person | null {
    const words = normalizeName(phrase)
      .split(/\s+/)
      .filter((w) => w && !DETERMINERS.has(w));
    if (words.length === 0) return null;
    const hits = this.people.filter((p) => {
      if (!p.role) return false;
      const role = this.roleWordsOf(p, p.role);
      return words.every((w) => role.has(w) || role.has(w.replace(/s$/, '')));
    });
    if (hits.length === 1) return hits[0] as Person;
    // "the Ukrainian minister": a definite title with a demonym that only one person has.
    if (hits.length === 0 && words.length <= 4 && /^the\s/iu.test(phrase.trim())) {
      const demonyms = words.filter((w) => DEMONYMS.has(w));
      const titled = words.some((w) => TITLE_WORDS.has(w) || ROLE_NOUNS.has(w));
      if (demonyms.length === 1 && titled && words.every((w) => DEMONYMS.has(w) || TITLE_WORDS.has(w) || ROLE_NOUNS.has(w))) {
        const byOrigin = this.people.filter((p) => this.originsOf(p.id)?.has(demonyms[0] as string));
        if (byOrigin.length === 1) return byOrigin[0] as Person;
      }
    }
    return null;
  }
}

/**
 * Indices of `starts` (offsets, non-negative) in increasing order, equal starts in index
 * order: what a stable sort by start gives. An LSD radix sort, a byte per pass: one counting
 * pass fills the four bytes' histograms, and a byte that every start shares (the high
 * bytes, for all but huge texts) needs no pass. Linear, and no comparator calls.
 */
function textOrder(starts: Int32Array): Uint32Array {
  const count = starts.length;
  let order = new Uint32Array(count);
  for (let i = 0; i < count; i++) order[i] = i;
  let spare = new Uint32Array(count);
  // Histogram of byte b of the starts at [b * 256, b * 256 + 256).
  const counts = new Uint32Array(4 * 256);
  for (let i = 0; i < count; i++) {
    const s = starts[i] as number;
    counts[s & 255] = (counts[s & 255] as number) + 1;
    counts[256 + ((s >>> 8) & 255)] = (counts[256 + ((s >>> 8) & 255)] as number) + 1;
    counts[512 + ((s >>> 16) & 255)] = (counts[512 + ((s >>> 16) & 255)] as number) + 1;
    counts[768 + (s >>> 24)] = (counts[768 + (s >>> 24)] as number) + 1;
  }
  for (let byte = 0; byte < 4; byte++) {
    const base = byte * 256;
    const shift = byte * 8;
    let shared = false;
    for (let b = 0; b < 256 && !shared; b++) shared = counts[base + b] === count;
    if (shared) continue; // one byte value for all: already in order for this byte
    // Bucket counts become each bucket's next free position.
    let sum = 0;
    for (let b = base; b < base + 256; b++) {
      const n = counts[b] as number;
      counts[b] = sum;
      sum += n;
    }
    for (let i = 0; i < count; i++) {
      const k = order[i] as number;
      const b = base + (((starts[k] as number) >>> shift) & 255);
      spare[counts[b] as number] = k;
      counts[b] = (counts[b] as number) + 1;
    }
    [order, spare] = [spare, order];
  }
  return order;
}

function compatible(want: Gender, have: Gender): boolean {
  return want === 'unknown' || have === 'unknown' || want === have;
}

/** Letters, hyphen, apostrophes: the characters of a word read backwards from a mention. */
function isWordCode(c: number): boolean {
  if (c < 128) return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 45 || c === 39;
  return c === 0x2019 || isLetterCode(c);
}

/**
 * False when the mention is possessive ("Lavrov’s") or follows an object marker ("met
 * Lavrov", "given to the Russian Foreign Minister Lavrov"): such mentions are poor
 * antecedents for "he said". Capitalised words (titles) right before the name are skipped.
 */
function isSubjectPosition(text: string, start: number, end: number): boolean {
  const after = text.charCodeAt(end);
  if (after === 0x2019 || after === 0x27) return false;
  const limit = Math.max(0, start - 60);
  let i = start;
  for (let skipped = 0; ; skipped++) {
    let j = i;
    while (j > limit && isSpaceCode(text.charCodeAt(j - 1))) j--;
    if (j === i || j <= limit) return true;
    let k = j;
    while (k > limit && isWordCode(text.charCodeAt(k - 1))) k--;
    if (k === j) return true;
    // The word never holds a surrogate (isWordCode rejects them), so its first unit decides.
    if (startsUpper(text, k, j) && skipped < 4) {
      i = k;
      continue;
    }
    return j - k > OBJECT_MARKER_MAX_LENGTH || !OBJECT_MARKERS.has(text.slice(k, j).toLowerCase());
  }
}

/** A word of `words` that may be a reporting-verb form starting in lower case (`/^\p{Ll}/u`). */
function mayBeVerb(text: string, words: WordBuffer, k: number): boolean {
  const s = words.start(k);
  const e = words.end(k);
  return e - s <= REPORTING_VERB_MAX_LENGTH && startsLower(text, s, e) && VERB_FILTER.mayHave(text, s, e);
}

/** True when the word [start, end) is one of NP_BOUNDARY_WORDS (any case). */
function isBoundaryWord(text: string, start: number, end: number): boolean {
  return NP_BOUNDARY_FILTER.mayHave(text, start, end) && NP_BOUNDARY_WORDS.has(text.slice(start, end).toLowerCase());
}

/** True when the word [start, end) is one of DETERMINERS (any case). */
function isDeterminer(text: string, start: number, end: number): boolean {
  return DETERMINER_FILTER.mayHave(text, start, end) && DETERMINERS.has(text.slice(start, end).toLowerCase());
}

/** `/^\p{Ll}/u.test(w) && isFiniteCueVerb(w)` for word `k`. */
function isLowerFiniteCueVerb(text: string, words: WordBuffer, k: number): boolean {
  return mayBeVerb(text, words, k) && isFiniteCueVerb(words.word(text, k));
}

/** Resolves a speaker phrase (text between `start` and `end`) to a speaker. */
function resolveSpeaker(ctx: Context, start: number, end: number): { speaker: Speaker; person: Person | null; confidence: number } | null {
  const text = ctx.text;
  let s = skipSpace(text, start, end);
  let e = trimEnd(text, s, end);
  // Strip punctuation at the edges (", ", quotes).
  while (s < e && !isAlnumCode(text.charCodeAt(s))) s = skipSpace(text, s + 1, e);
  while (e > s && isEdgePunct(text.charCodeAt(e - 1))) e = trimEnd(text, s, e - 1);
  if (e <= s) return null;
  const words = PHRASE_WORDS;
  const count = scanWords(text, s, e, words, 15);
  if (count === 0 || count > 14) return null;
  if (e - s <= PRONOUN_LOOKUP_MAX_LENGTH && PRONOUN_FILTER.mayHave(text, s, e)) {
    const pron = PRONOUNS[text.slice(s, e).toLowerCase()];
    if (pron !== undefined) {
      if (pron === 'none') return null;
      const p = ctx.resolvePronoun(pron, s, sentenceStartOf(ctx, s));
      return p ? { speaker: { name: p.name, personId: p.id }, person: p, confidence: 0.75 } : null;
    }
  }
  // The head of "Ukraine’s Dmytro Kuleba" / "Turkish President Recep Tayyip Erdogan" is the
  // first mention not in possessive position.
  const head = ctx.headMentionIn(s, e);
  if (head >= 0) {
    const person = ctx.person(head);
    return { speaker: { name: person.name, personId: person.id }, person, confidence: 0.9 };
  }
  const phrase = text.slice(s, e);
  const byRole = ctx.resolveRole(phrase);
  if (byRole) return { speaker: { name: byRole.name, personId: byRole.id }, person: byRole, confidence: 0.7 };
  // A source phrase must name something: a capitalised word or a noun after a determiner.
  let hasName = false;
  for (let k = 0; k < count && !hasName; k++) hasName = startsUpper(text, words.start(k), words.end(k));
  if (!hasName) {
    if (count === 1) return null;
    const first = words.word(text, 0).toLowerCase();
    if (!DETERMINERS.has(first) && !QUANTIFIERS.has(first)) return null;
  }
  return { speaker: { name: phrase }, person: null, confidence: 0.8 };
}

/** `/[,;:—–\-"“”«»)]/u`: punctuation stripped from the end of a speaker phrase. */
function isEdgePunct(c: number): boolean {
  return (
    c === 0x2c || c === 0x3b || c === 0x3a || c === 0x2014 || c === 0x2013 || c === 0x2d || c === 0x22 || c === 0x201c || c === 0x201d || c === 0xab || c === 0xbb || c === 0x29
  );
}

function sentenceStartOf(ctx: Context, pos: number): number {
  // Blocks are in document order: binary search the block, then its few sentences.
  const blocks = ctx.blocks;
  let lo = 0;
  let hi = blocks.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((blocks[mid] as Block).end <= pos) lo = mid + 1;
    else hi = mid;
  }
  const b = blocks[lo];
  if (!b || pos < b.start) return pos;
  const sentences = b.sentences;
  for (let si = 0; si < sentences.length; si++) {
    const sn = sentences[si] as Span;
    if (pos >= sn.start && pos < sn.end) return sn.start;
  }
  return b.start;
}

/** A resolved speaker with its cue (a literal object: spreading was a hot spot). */
function attribution(who: { speaker: Speaker | null; person: Person | null }, confidence: number, cue: Span): Attribution {
  return { speaker: who.speaker, person: who.person, cue, confidence };
}

function span(text: string, start: number, end: number): Span {
  return { start, end, text: text.slice(start, end) };
}

/** Characters that end the phrase between a quote and its trailing cue's verb. */
const CUE_PHRASE_BREAKS = new CharSet('.!?;:"“”«»');
/** Quote marks that give the text after a quote to another quote's cue. */
const QUOTE_MARKS_AFTER = new CharSet('“”"«»');
/** Punctuation between two words that ends a phrase (except the "’s" of a possessive). */
const CLAUSE_PUNCTUATION = new CharSet(',;:()“”"«»—–');

/**
 * Where the noun phrase after a verb stops: at a word that starts an adverbial or a clause
 * (between white space on both sides, lower case as written) or at punctuation; what
 * `/\s(?:on|in|…|to)\s|[,.;:!?()"“”«»—–]|$/u` found, scanned by hand.
 */
const AFTER_VERB_STOP_WORDS = new Set([
  'on', 'in', 'at', 'after', 'before', 'during', 'yesterday', 'today', 'last', 'this', 'when', 'while', 'who', 'which',
  'adding', 'saying', 'according', 'as', 'from', 'to',
]);
const AFTER_VERB_STOP_PUNCTUATION = new CharSet(',.;:!?()"“”«»—–');

/** The first stop (see AFTER_VERB_STOP_WORDS) in text[start, end) read as its own string, else `end`. */
function afterVerbStop(text: string, start: number, end: number): number {
  for (let p = start; p < end; p++) {
    const c = text.charCodeAt(p);
    if (AFTER_VERB_STOP_PUNCTUATION.has(c)) return p;
    if (!isSpaceCode(c)) continue;
    let r = p + 1;
    while (r < end && text.charCodeAt(r) >= 97 && text.charCodeAt(r) <= 122) r++;
    if (r - p > 2 && r - p <= 10 && r < end && isSpaceCode(text.charCodeAt(r)) && AFTER_VERB_STOP_WORDS.has(text.slice(p + 1, r))) return p;
  }
  return end;
}

/** Cue after the quote: “…,” X said / said X / X told reporters / …, according to X. */
function trailingCue(ctx: Context, q: RawQuote): Attribution | null {
  const text = ctx.text;
  const block = ctx.blocks[q.endBlock] as Block;
  let blockEnd = block.end;
  // The last character of the quote's text before trailing white space ('' when none).
  const innerLastAt = trimEnd(text, q.innerStart, q.innerEnd) - 1;
  const innerLast = innerLastAt >= q.innerStart ? text.charCodeAt(innerLastAt) : -1;
  let i = q.end;
  // The lead after the quote: white space, then at most one comma or dash with white space.
  const leadLimit = Math.min(block.end, i + 200);
  let leadEnd = skipSpace(text, i, leadLimit);
  const separator = leadEnd < leadLimit ? text.charCodeAt(leadEnd) : -1;
  const hadComma = separator === 0x2c || separator === 0x2014 || separator === 0x2013;
  const dashAt = separator === 0x2014 || separator === 0x2013 ? leadEnd : -1;
  if (hadComma) leadEnd = skipSpace(text, leadEnd + 1, leadLimit);
  const inner = innerLast === -1 || innerLast === 0x2c || innerLast === 0x21 || innerLast === 0x3f || innerLast === 0x2014 || innerLast === 0x2013 || innerLast === 0x2d;
  if (!hadComma && !inner && q.closed) return null;
  i = leadEnd;
  // “…,” near the end of a line whose cue runs on into the next line (wrapped text, block
  // quotes): the cue may continue in a short next block.
  const next = ctx.blocks[q.endBlock + 1];
  if (block.end - i < 80 && innerLast === 0x2c && next && next.end - next.start <= 160) blockEnd = next.end;
  const windowEnd = Math.min(blockEnd, i + 200);
  // according to X
  if (i < windowEnd && (text.charCodeAt(i) | 0x20) === 0x61) {
    const acc = /^according\s+to\s+/iu.exec(text.slice(i, windowEnd));
    if (acc) return npAfter(ctx, i, i + acc[0].length, blockEnd);
  }
  const words = TRAILING_WORDS;
  // At most the first twelve words are looked at below, and read one at a time as the
  // search gets to them: it mostly stops at the second or third.
  let count = scanWords(text, i, windowEnd, words, 1);
  if (count === 0) return null;
  // “We are ready to talk” — Dmytro Kuleba, on Twitter.
  if (dashAt >= 0) {
    const m = ctx.firstMentionIn(i, Math.min(blockEnd, i + 60));
    if (m >= 0 && ctx.start(m) === i) {
      const person = ctx.person(m);
      return { speaker: { name: person.name, personId: person.id }, person, confidence: 0.8, cue: span(text, dashAt, ctx.end(m)) };
    }
  }
  // said X / tweeted the spokesperson for ...
  if (isLowerFiniteCueVerb(text, words, 0)) return npAfter(ctx, i, words.end(0), blockEnd);
  // "…, and X said, “…”" introduces the next quote, not this one.
  if (isBoundaryWord(text, words.start(0), words.end(0)) || endsWithIng(text, words.start(0), words.end(0))) return null;
  // X said / he said / the minister told reporters: a short phrase, then a reporting verb.
  for (let k = 0; k < count; k++) {
    const ws = words.start(k);
    const we = words.end(k);
    if (k > 0 && isLowerFiniteCueVerb(text, words, k)) {
      if (CUE_PHRASE_BREAKS.occursIn(text, i, ws)) return null;
      const subj = stripBetween(text, i, ws);
      const who = resolveSpeaker(ctx, i, subj);
      if (!who) return null;
      let cueEnd = we;
      if (isSpaceCode(text.charCodeAt(cueEnd))) {
        const obj = /^\s+(?:reporters|journalists|the\s+press|the\s+media|a\s+news\s+conference)\b/u.exec(text.slice(cueEnd, cueEnd + 30));
        if (obj) cueEnd += obj[0].length;
      }
      return attribution(who, who.confidence, span(text, skipSpace(text, i, ws), cueEnd));
    }
    const after = text.charCodeAt(we);
    if ((after === 0x2e || after === 0x21 || after === 0x3f) && we < text.length) break;
    if (k + 1 === count && count < 12) count = scanMoreWords(text, we, windowEnd, words, count + 1);
  }
  return null;
}

/** `/ing$/u` on the word [start, end). */
function endsWithIng(text: string, start: number, end: number): boolean {
  return end - start >= 3 && text.charCodeAt(end - 1) === 0x67 && text.charCodeAt(end - 2) === 0x6e && text.charCodeAt(end - 3) === 0x69;
}

/** A verb form that can carry a cue: finite, not a noun look-alike ("claims") nor a participle ("expressing"). */
function isFiniteCueVerb(word: string): boolean {
  return isVerbAfterName(word) && !word.endsWith('ing');
}

/**
 * True unless BETWEEN_SUBJECT_AND_VERB certainly fails on text.slice(from, end): each of its
 * alternatives ends (before trailing white space and commas) with ")", one of BETWEEN_WORDS,
 * "…day" or "last" + a lower-case word. Checking that first spares running the end-anchored
 * pattern from every position of the window.
 */
function mayEndWithBetweenWord(text: string, from: number, end: number): boolean {
  let q = end;
  while (q > from) {
    const c = text.charCodeAt(q - 1);
    if (c !== 0x2c && !isSpaceCode(c)) break;
    q--;
  }
  if (q === from) return false;
  const c = text.charCodeAt(q - 1);
  if (c === 0x29 || c >= 128) return true; // ")" or a non-ASCII letter ("last café"): let the pattern decide
  if (c < 97 || c > 122) return false;
  let r = q - 1;
  while (r > from && text.charCodeAt(r - 1) >= 97 && text.charCodeAt(r - 1) <= 122) r--;
  if (q - r <= 10 && BETWEEN_WORDS.has(text.slice(r, q))) return true;
  if (q - r >= 3 && text.startsWith('day', q - 3)) return true;
  if (r > from) {
    const b = text.charCodeAt(r - 1);
    if (b >= 128) return true;
    if (isSpaceCode(b)) {
      let p = r - 1;
      while (p > from && isSpaceCode(text.charCodeAt(p - 1))) p--;
      if (p - 4 >= from && text.startsWith('last', p - 4)) return true;
    }
  }
  return false;
}

function stripBetween(text: string, start: number, verbStart: number): number {
  let end = verbStart;
  for (let guard = 0; guard < 6; guard++) {
    const from = Math.max(start, end - 60);
    if (!mayEndWithBetweenWord(text, from, end)) break;
    const m = BETWEEN_SUBJECT_AND_VERB.exec(text.slice(from, end));
    if (!m || m[0].length === 0) break;
    end = from + m.index;
  }
  return end;
}

/** Noun phrase after a verb ("said Mustafa Aydin, a professor ..."), up to a stop word. */
function npAfter(ctx: Context, cueStart: number, from: number, limit: number): Attribution | null {
  const text = ctx.text;
  const s = skipSpace(text, from, limit);
  const e = afterVerbStop(text, s, Math.min(limit, s + 160));
  if (e <= s) return null;
  const who = resolveSpeaker(ctx, s, e);
  if (!who) return null;
  return attribution(who, who.confidence, span(text, cueStart, trimEnd(text, s, e)));
}

/** The sentence span (within its block) containing `pos`. */
function sentenceAt(ctx: Context, blockIndex: number, pos: number): Span {
  const block = ctx.blocks[blockIndex] as Block;
  // Binary search (sentences are in text order and do not overlap): a linear scan per quote
  // made one huge unpunctuated-by-paragraph block (a 5 MB single line) quadratic.
  const sentences = block.sentences;
  let lo = 0;
  let hi = sentences.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sentences[mid] as Span).end <= pos) lo = mid + 1;
    else hi = mid;
  }
  const s = sentences[lo];
  return s && pos >= s.start && pos < s.end ? s : block;
}

/**
 * True when one of the first `count` words of `words` ends with "according" (any case; ASCII
 * letters, whose cases differ by 0x20 alone). Wherever the "according to X" pattern matches,
 * white space follows the "g", so the word that holds those letters ends there: a word test
 * rules the pattern out for most quotes, which it would otherwise try from every position.
 */
function hasWordEndingWithAccording(text: string, words: WordBuffer, count: number): boolean {
  for (let k = 0; k < count; k++) {
    const e = words.end(k);
    if (e - words.start(k) < 9 || (text.charCodeAt(e - 1) | 0x20) !== 0x67) continue;
    let matches = true;
    for (let j = 0; j < 8 && matches; j++) matches = (text.charCodeAt(e - 9 + j) | 0x20) === ACCORDING.charCodeAt(j);
    if (matches) return true;
  }
  return false;
}

const ACCORDING = 'according';

/** Cue before the quote in its sentence: X said: “…” / X urged Y to “…” / according to X, “…”. */
function leadingCue(ctx: Context, q: RawQuote, sentenceStart: number): Attribution | null {
  const text = ctx.text;
  if (q.start <= sentenceStart) return null;
  // Cues sit close to their quote; a bounded window keeps very long "sentences" (unpunctuated
  // scraped text) linear.
  sentenceStart = Math.max(sentenceStart, q.start - 400);
  // The last opening quote mark before this quote (from the positions the mark scan noted).
  const lastOpening = ctx.lastOpenerIn(sentenceStart, q.start);
  const words = LEADING_WORDS;
  const count = scanWords(text, sentenceStart, q.start, words);
  if (hasWordEndingWithAccording(text, words, count)) {
    const prefix = text.slice(sentenceStart, q.start);
    const acc = /\baccording\s+to\s+([^,;:“”"«»]{1,80}),?\s*$/iu.exec(prefix);
    if (acc) {
      const from = sentenceStart + acc.index;
      const npStart = from + acc[0].indexOf(acc[1] as string);
      const who = resolveSpeaker(ctx, npStart, npStart + (acc[1] as string).length);
      if (who) return attribution(who, who.confidence, span(text, from, npStart + (acc[1] as string).trimEnd().length));
    }
  }
  for (let k = count - 1; k >= 0; k--) {
    const ws = words.start(k);
    const we = words.end(k);
    // Another quote between a verb and this one: that verb belongs to the earlier quote.
    if (k < count - 1 && lastOpening >= we) return null;
    if (!mayBeVerb(text, words, k)) continue;
    const w = words.word(text, k);
    if (!isVerbAfterName(w)) continue;
    if (q.start - we > 240) return null;
    if (w.endsWith('ing')) {
      // A participle ("..., writing on Telegram that ...") shares the sentence's subject.
      const subject = ctx.firstSubjectMentionIn(sentenceStart, ws);
      if (subject >= 0) {
        const person = ctx.person(subject);
        return { speaker: { name: person.name, personId: person.id }, person, confidence: 0.7, cue: span(text, ws, we) };
      }
      continue;
    }
    const subjEnd = stripBetween(text, sentenceStart, ws);
    // The words before the verb are the first k of the buffer.
    const found = subjectBefore(ctx, words, k, subjEnd);
    // No subject here ("... and accused Lavrov of bringing “…”"): an earlier verb of the
    // same sentence may still carry it ("He described ... and accused ...").
    if (!found) continue;
    return attribution(found.who, found.who.confidence - 0.05, span(text, found.start, we));
  }
  // Headline style "Zelensky: ‘We will not give up our land’", or any short lead-in that
  // names a person and ends with a colon (also where the verb is not in the English lexicon:
  // "Emmanuel Macron a déclaré : « … »").
  const beforeColon = trimEnd(text, sentenceStart, q.start);
  if (beforeColon > sentenceStart && text.charCodeAt(beforeColon - 1) === 0x3a) {
    const colon = /^\s*([^:;“”"«»‘’]{1,80}):\s*$/u.exec(text.slice(sentenceStart, q.start));
    if (colon) {
      const from = skipSpace(text, sentenceStart, q.start);
      const segEnd = from + (colon[1] as string).length;
      const m = ctx.firstMentionIn(from, segEnd);
      if (m >= 0) {
        const person = ctx.person(m);
        return { speaker: { name: person.name, personId: person.id }, person, confidence: 0.7, cue: span(text, from, segEnd + 1) };
      }
    }
  }
  return null;
}

/** `/[,;:()“”"«»—–]/u.test(gap) && !/^['’]s/u.test(gap)` for the gap [start, end) between two words. */
function isClauseGap(text: string, start: number, end: number): boolean {
  if (end - start >= 2) {
    const c = text.charCodeAt(start);
    if ((c === 0x27 || c === 0x2019) && text.charCodeAt(start + 1) === 0x73) return false;
  }
  return CLAUSE_PUNCTUATION.occursIn(text, start, end);
}

/**
 * The phrase ending at `end`, back to a clause boundary (punctuation, conjunction, verb of
 * saying); at most ten words. `words` holds the words of the text before, `count` of them.
 */
function phraseBefore(text: string, words: WordBuffer, count: number, end: number): number {
  let last = count - 1;
  while (last >= 0 && words.end(last) > end) last--;
  let start = end;
  for (let j = last; j >= 0; j--) {
    const ws = words.start(j);
    const we = words.end(j);
    const nextStart = j < last ? words.start(j + 1) : end;
    if (isClauseGap(text, we, nextStart)) break;
    if (isBoundaryWord(text, ws, we) || (mayBeVerb(text, words, j) && isReportingVerb(text.slice(ws, we)))) break;
    start = ws;
    if (last - j >= 9) break;
  }
  return start;
}

/**
 * The subject of a verb of saying that starts at `subjEnd`: the phrase right before it, or,
 * when an appositive sits between ("Annalena Baerbock, Germany's foreign minister, said",
 * "A spokesperson for the White House, Karine Jean-Pierre, said", "Vladimir Medinsky, who
 * led the delegation, called"), whichever comma-separated part names a person. `words`
 * (first `count`) are the words before the verb.
 */
function subjectBefore(
  ctx: Context,
  words: WordBuffer,
  count: number,
  subjEnd: number,
): { who: NonNullable<ReturnType<typeof resolveSpeaker>>; start: number } | null {
  const text = ctx.text;
  const start = phraseBefore(text, words, count, subjEnd);
  if (start < subjEnd) {
    const who = resolveSpeaker(ctx, start, subjEnd);
    if (who) return { who, start: skipSpace(text, start, subjEnd) };
  }
  const tail = (end: number): string => text.slice(Math.max(0, end - 24), end);
  // Both patterns below look at the last character before trailing white space of the tail:
  // "who"/"which" end in o/h, the appositive comma is a comma.
  const tailStart = Math.max(0, subjEnd - 24);
  const tailTrimmed = trimEnd(text, tailStart, subjEnd);
  const tailLast = tailTrimmed > tailStart ? text.charCodeAt(tailTrimmed - 1) : -1;
  // "Dr. Anthony Fauci, who told CNN that “…”": the subject is before the relative pronoun.
  if (start >= subjEnd && tailTrimmed < subjEnd && ((tailLast | 0x20) === 0x6f || (tailLast | 0x20) === 0x68)) {
    const who = /,\s*(?:who|which)\s+$/iu.exec(tail(subjEnd));
    if (who) {
      const relEnd = subjEnd - tail(subjEnd).length + who.index;
      const relStart = phraseBefore(text, words, count, relEnd);
      const found = relStart < relEnd ? resolveSpeaker(ctx, relStart, relEnd) : null;
      if (!found) return null;
      // The cue starts at the name ("Anthony Fauci, who told"), not at the clause before it.
      const mention = found.person ? ctx.firstMentionOfIn(found.person, relStart, relEnd) : -1;
      return { who: found, start: mention >= 0 ? ctx.start(mention) : relStart };
    }
  }
  if (tailLast !== 0x2c) return null;
  // Comma-separated parts before the verb, nearest first: "Lopez, 54, a former judge, said",
  // "A spokesperson for the White House, Karine Jean-Pierre, said". A part that names a
  // person wins; otherwise the nearest phrase that opens with a determiner.
  type Part = { start: number; end: number; who: ReturnType<typeof resolveSpeaker>; relative: boolean };
  const parts: Part[] = [];
  let end = trimEnd(text, 0, subjEnd) - 1;
  for (let n = 0; n < 4; n++) {
    const pStart = phraseBefore(text, words, count, end);
    if (pStart >= end) break;
    let before = tail(pStart);
    const offset = pStart - before.length;
    // "X, who led the delegation, said": the relative clause is not the subject.
    const relative = /\b(?:who|which)\s+$/iu.exec(before);
    if (relative) before = before.slice(0, relative.index);
    parts.push({ start: pStart, end, who: relative ? null : resolveSpeaker(ctx, pStart, end), relative: relative !== null });
    const comma = /,\s*$/u.exec(before);
    if (!comma) break;
    end = offset + comma.index;
  }
  const cueStart = (parts[parts.length - 1] ?? { start: subjEnd }).start;
  const person = parts.find((p) => p.who?.person);
  if (person?.who) return { who: person.who, start: Math.min(person.start, cueStart) };
  const phrase = parts.find((p) => p.who && /^(?:the|a|an)\s/iu.test(text.slice(p.start, p.end))) ?? parts.find((p) => p.who);
  return phrase?.who ? { who: phrase.who, start: phrase.start } : null;
}

/** A cue that closes the sentence: "This is a “step forward” …, said Mustafa Aydin." / "…, he added." */
function sentenceFinalCue(ctx: Context, q: RawQuote, sentence: Span): Attribution | null {
  const text = ctx.text;
  if (q.end >= sentence.end) return null;
  const tailEnd = Math.min(sentence.end, q.end + 400);
  if (QUOTE_MARKS_AFTER.occursIn(text, q.end, tailEnd)) return null; // another quote closer to the cue owns it
  // Try the last few commas, last first: ", said X[, a role …]." / ", X said." / ", he added."
  // (`comma` is relative to the quote end; a search below 0 looks at 0 only, as
  // String#lastIndexOf does. The search stays inside the tail: a search of the whole text
  // before it made long comma-less text quadratic.)
  let comma = tailEnd - q.end;
  const words = FINAL_WORDS;
  for (let n = 0; n < 4; n++) {
    let found = q.end + Math.max(0, comma - 1);
    while (found >= q.end && text.charCodeAt(found) !== 0x2c) found--;
    comma = found - q.end;
    if (comma < 0) return null;
    const from = q.end + comma + 1;
    // At most the first six words are read below.
    const count = scanWords(text, from, Math.min(tailEnd, from + 80), words, 6);
    // "said X" right after the comma.
    if (count > 0 && isLowerFiniteCueVerb(text, words, 0)) {
      const att = npAfter(ctx, words.start(0), words.end(0), sentence.end);
      if (att) return attribution(att, att.confidence - 0.1, att.cue);
      continue;
    }
    // "X said" / "he added": a short subject, then the verb, then at most a short tail.
    for (let k = 1; k < count; k++) {
      if (!isLowerFiniteCueVerb(text, words, k)) continue;
      const we = words.end(k);
      if (tailEnd - we > 80) break;
      const sStart = words.start(0);
      const who = resolveSpeaker(ctx, sStart, stripBetween(text, sStart, words.start(k)));
      if (who) return attribution(who, who.confidence - 0.1, span(text, sStart, we));
      break;
    }
  }
  return null;
}

const MODIFIER_ENDING = /(?:al|ic|ive|ous|ary|an|ed|ful|less|ist|ish|ing)$/u;

/** True when the quote sits inside a noun phrase: a “special military operation”, Russia’s “…”. */
function insideNounPhrase(text: string, q: RawQuote, sentenceStart: number): boolean {
  const words = NOUN_PHRASE_WORDS;
  const windowStart = Math.max(sentenceStart, q.start - 60);
  // Only the last two words of the window are read. A scan from white space finds the same
  // words after it as the whole window's scan (no word holds white space), so a scan from
  // white space shortly before the quote does when it finds two words; else the whole window.
  let count = 0;
  let from = q.start - 24;
  if (from > windowStart) {
    while (from > windowStart && !isSpaceCode(text.charCodeAt(from))) from--;
    if (from > windowStart) count = scanWords(text, from, q.start, words);
  }
  if (count < 2) count = scanWords(text, windowStart, q.start, words);
  if (count === 0) return false;
  const lastStart = words.start(count - 1);
  const lastEnd = words.end(count - 1);
  if (skipSpace(text, lastEnd, q.start) !== q.start) return false;
  if (isDeterminer(text, lastStart, lastEnd)) return true;
  // Possessive ("Russia’s"): only "S" lower-cases to "s", and nothing to an apostrophe.
  const ending = text.charCodeAt(lastEnd - 1) | 0x20;
  const apostrophe = text.charCodeAt(lastEnd - 2);
  if (lastEnd - lastStart >= 2 && ending === 0x73 && (apostrophe === 0x27 || apostrophe === 0x2019)) return true;
  // "the Russian “military operation”": determiner + modifier + quote.
  if (count < 2 || !isDeterminer(text, words.start(count - 2), words.end(count - 2))) return false;
  const w = text.slice(lastStart, lastEnd).toLowerCase();
  // The modifier must look like one (a capitalised / demonym word or an adjective ending):
  // in "called the talks “constructive”" the quote follows a whole noun phrase.
  const modifier = startsUpper(text, lastStart, lastEnd) || MODIFIER_ENDING.test(w);
  return (
    modifier &&
    !isReportingVerb(w) &&
    PRONOUNS[w] === undefined &&
    !['was', 'were', 'is', 'be', 'are', 'been'].includes(w)
  );
}

/**
 * A quote that reads as a statement rather than a label: six words or more, or a short
 * clause that starts with a capital (not Title Case) and has four words or ends like a sentence.
 */
function isSentenceLike(text: string, innerStart: number, innerEnd: number): boolean {
  // The inner text trimmed (String#trim strips exactly what `\s` matches), read as a string of its own.
  const ts = skipSpace(text, innerStart, innerEnd);
  const te = trimEnd(text, ts, innerEnd);
  const n = wordCount(text, ts, te, 6);
  if (n >= 6) return true;
  if (n < 3) return false;
  if (!startsUpper(text, ts, te)) return false;
  // Title Case: as many capitals at the start or after white space (the matches of
  // `/(?:^|\s)\p{Lu}/gu` on the trimmed text) as words.
  let capitals = 0;
  for (let p = ts; p < te; p++) if ((p === ts || isSpaceCode(text.charCodeAt(p - 1))) && startsUpper(text, p, te)) capitals++;
  const last = text.charCodeAt(te - 1);
  return capitals !== n && (n >= 4 || last === 0x2e || last === 0x21 || last === 0x3f || last === 0x2026);
}

/**
 * True when a finite verb of saying lies in [start, end) (between two quotes of one
 * sentence, which may be long). Read one word at a time: a scan resumed at the end of a word
 * continues exactly as one scan would, and the buffer stays one word long.
 */
function hasFiniteCueVerbIn(text: string, start: number, end: number): boolean {
  const words = BETWEEN_WORDS_BUFFER;
  for (let pos = start; pos < end && scanWords(text, pos, end, words, 1) === 1; pos = words.end(0)) {
    if (isLowerFiniteCueVerb(text, words, 0)) return true;
  }
  return false;
}

/**
 * Detects quotes, their kind and speaker in one document (UTF-16 offsets).
 *
 * The `BlockMemo` is deliberately not used. The block-local part (each block's quote marks)
 * is found again faster than the memo can return it: on the 100 KB benchmark article, the
 * search for marks over all 775 blocks and the pairing take about 0.13 ms, while looking
 * every block up in the memo by its text alone (as after an edit: fresh block strings, hashed
 * and compared) takes about 0.23 ms, and a correct key would also need the characters after
 * the block (`decadeFollows` reads past its end), a new string per block. Everything after
 * the marks reads document-wide state: pairing carries open quotes across paragraphs, and
 * attribution reads the document's people (which change between analyses), earlier quotes
 * and mentions before the block ("he said").
 */
export function detectQuotes(text: string, blocks: readonly Block[], people: readonly Person[], _memo?: BlockMemo): Quote[] {
  const marks = scanBlocks(text, blocks);
  const ctx = new Context(text, blocks, people, marks.openers);
  const out: Quote[] = [];
  // The last speech quote (its speaker carries on to a cue-less quote right after it) and
  // the last quote of any kind (a second quote of its sentence may share its speaker).
  let previous: Quote | null = null;
  let previousPerson: Person | null = null;
  let previousEndBlock = -1;
  let last: Quote | null = null;
  let lastPerson: Person | null = null;
  let lastSentenceStart = -1;
  const rawQuotes = pairQuotes(text, blocks, marks);
  // One object, refilled for each quote: nothing below keeps it.
  const q = emptyRawQuote();
  // The sentence the previous quote ended in, and its block: a quote often starts in it
  // ("“…,” he said, “…”"), where the sentence search would find it again.
  let previousEndSentence: Span | null = null;
  let previousEndSentenceBlock = -1;
  for (let qi = 0; qi < rawQuotes.length; qi++) {
    rawQuotes.read(qi, q);
    const startSentence: Span =
      previousEndSentence !== null &&
      q.startBlock === previousEndSentenceBlock &&
      previousEndSentence !== blocks[previousEndSentenceBlock] &&
      q.start >= previousEndSentence.start &&
      q.start < previousEndSentence.end
        ? previousEndSentence
        : sentenceAt(ctx, q.startBlock, q.start);
    // Most quotes end in the sentence they start in: the search would find that sentence again.
    const endPos = Math.max(q.start, q.end - 1);
    const endSentence =
      q.endBlock === q.startBlock && startSentence !== blocks[q.startBlock] && endPos < startSentence.end
        ? startSentence
        : sentenceAt(ctx, q.endBlock, endPos);
    previousEndSentence = endSentence;
    previousEndSentenceBlock = q.endBlock;
    const att =
      trailingCue(ctx, q) ?? leadingCue(ctx, q, startSentence.start) ?? sentenceFinalCue(ctx, q, endSentence);
    const short = !isSentenceLike(text, q.innerStart, q.innerEnd);
    const npInternal = insideNounPhrase(text, q, startSentence.start);
    let kind: Quote['kind'] = 'speech';
    // A short quote is a term (label, scare quote) inside a noun phrase, without a cue, or
    // with a non-person source for one or two words ("it calls “neo-Nazis”").
    if (short && (npInternal || !att || (!att.person && wordCount(text, q.innerStart, q.innerEnd, 3) <= 2))) kind = 'term';
    let speaker = att?.speaker ?? null;
    let confidence = att?.confidence ?? 0.5;
    let person = att?.person ?? null;
    // "He described the meeting as “difficult” and accused Lavrov of bringing “…”": a second
    // quote of the same sentence, after a subject-less reporting verb, shares the speaker.
    if (!att && last && lastPerson && lastSentenceStart === startSentence.start) {
      if (hasFiniteCueVerbIn(text, last.end, q.start)) {
        speaker = last.speaker;
        person = lastPerson;
        confidence = 0.65;
        if (kind === 'term' && !npInternal) kind = 'speech';
      }
    }
    if (!att && !speaker && kind === 'speech' && previous && previous.speaker) {
      const sameBlock = previousEndBlock === q.startBlock;
      const opensNext = previousEndBlock === q.startBlock - 1 && q.start === (blocks[q.startBlock] as Block).start;
      if (sameBlock || opensNext) {
        speaker = previous.speaker;
        person = previousPerson;
        confidence = 0.6;
      }
    }
    if (kind === 'term') confidence = speaker ? 0.7 : 0.6;
    const quote: Quote = { start: q.start, end: q.end, text: text.slice(q.start, q.end), kind, speaker, cue: att?.cue ?? null, confidence };
    out.push(quote);
    if (person) {
      ctx.lastSpeaker = person;
      ctx.lastSpeakerPos = att?.cue?.start ?? q.start;
    }
    if (kind === 'speech') {
      previous = quote;
      previousPerson = person;
      previousEndBlock = q.endBlock;
    }
    last = quote;
    lastPerson = person;
    lastSentenceStart = endSentence.start;
  }
  return out;
}
