/**
 * The text model: blocks (paragraphs, headings, list items) with their sentences, in UTF-16
 * offsets of the source string.
 *
 * Markdown structure comes from `unified` + `remark-parse` (mdast positions are UTF-16
 * offsets of the string, so CRLF and astral characters need no correction here).
 *
 * Line rule: scraped plain-text articles put every paragraph, headline, caption and prompt
 * on its own line, and boilerplate detection is line-based, but Markdown merges consecutive
 * lines into one paragraph node. So a paragraph node is split back into one block per line,
 * unless its line breaks look like soft wrapping of running prose, in which case the node
 * stays one block: most breaks are followed by a lower-case word or follow a comma / hyphen,
 * or (in a document that is hard-wrapped, i.e. where at least two lines of 40-100
 * characters run on into a lower-case line) follow a line of 40+ characters that does not
 * end like a sentence. Lines starting with a bullet glyph are never wrapped prose.
 * Block-quote markers ("> ") are not part of a line's block.
 *
 * Fast path: remark parses about 1.5 MB/s, so it only runs where it adds structure. Text
 * without Markdown block syntax, or whose only syntax is list-item markers and indented
 * lines (common in scraped .txt pages: "1. Pingback title", an indented comment), is
 * segmented by a line scanner that recognises list items and indented lines itself and
 * otherwise yields exactly the blocks remark would give (a unit test checks both paths agree
 * on the seeds). Headings, block quotes, fences, HTML blocks, link definitions, setext
 * underlines and thematic breaks go through remark. Very large inputs (over
 * `REMARK_MAX_CHARS`) always use the scanner, which then also reads ATX headings; other
 * Markdown constructs are plain lines there.
 */
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import type { Block } from '../types';
import { splitSentences, TerminalFinder } from './sentences';

/** Above this size remark would take seconds; the line scanner handles such inputs. */
export const REMARK_MAX_CHARS = 1_000_000;

/** Markdown block constructs that need remark (the line scanner does not model them). */
const RICH_MARKDOWN_SYNTAX =
  /^[ \t]{0,3}(?:#{1,6}(?:[ \t]|$)|>|`{3}|~{3}|<[A-Za-z!?/]|\[[^\]\n]*\]:|=+[ \t]*$|-+[ \t]*$|(?:\*[ \t]*){3,}$|(?:_[ \t]*){3,}$)/m;

const BULLET_GLYPH = /^[•·▪●◦‣■□➢►✓✔-]/;

type BlockType = Block['type'];

interface MdNode {
  type: string;
  children?: MdNode[];
  position?: { start: { offset?: number }; end: { offset?: number } };
}

/** What every step of one `segment` call reads: the text, its facts, and the output list. */
interface Segmentation {
  text: string;
  out: Block[];
  /**
   * The text is hard-wrapped prose (see `isHardWrapped`); undefined until first asked. Only
   * the soft-wrap test of a multi-line paragraph reads it, so a text of one-line paragraphs
   * (most scraped articles) skips that whole pass over its lines.
   */
  wrapped: boolean | undefined;
  /** The text has a CR somewhere: line breaks are then found character by character. */
  hasCR: boolean;
  /** Shared by the sentence splits of all blocks (fastest in document order, as they come). */
  terminals: TerminalFinder;
}

/** Segments a plain-text or Markdown document into blocks with sentences (UTF-16 offsets). */
export function segment(text: string): Block[] {
  const blocks: Block[] = [];
  const hasCR = text.includes('\r');
  const seg: Segmentation = { text, out: blocks, wrapped: undefined, hasCR, terminals: new TerminalFinder() };
  if (!usesMarkdownParser(text)) {
    segmentLines(seg, text.length > REMARK_MAX_CHARS);
  } else {
    const tree = unified().use(remarkParse).parse(text) as MdNode;
    visit(seg, tree, 'paragraph');
  }
  return blocks;
}

/** True when `segment` will use remark for this text (exposed for tests and benchmarks). */
export function usesMarkdownParser(text: string): boolean {
  return text.length <= REMARK_MAX_CHARS && RICH_MARKDOWN_SYNTAX.test(text);
}

/**
 * The lines (without their line break) between `start` and `end`: after each `next()` that
 * returns true, `start`/`end` hold one line. A line ends at LF, CR or CRLF; the last line
 * runs to `end` (it is visited even when empty). Without any CR in the text, breaks are
 * found with the native `indexOf` instead of a test per character.
 */
class LineCursor {
  start = 0;
  end = 0;
  private pos: number;
  private nextLF: number;
  private done = false;

  constructor(
    private readonly text: string,
    from: number,
    private readonly to: number,
    private readonly hasCR: boolean,
  ) {
    this.pos = from;
    this.nextLF = -1;
  }

  next(): boolean {
    if (this.done) return false;
    const text = this.text;
    const s = this.pos;
    let i: number;
    if (this.hasCR) {
      i = s;
      while (i < this.to) {
        const c = text.charCodeAt(i);
        if (c === 10 || c === 13) break;
        i++;
      }
    } else {
      if (this.nextLF < s) {
        this.nextLF = text.indexOf('\n', s);
        if (this.nextLF < 0) this.nextLF = text.length;
      }
      i = this.nextLF;
    }
    this.start = s;
    if (i < this.to) {
      this.end = i;
      // A CRLF pair is one break (its LF may even lie just past `to`).
      if (text.charCodeAt(i) === 13 && text.charCodeAt(i + 1) === 10) i++;
      this.pos = i + 1;
    } else {
      this.end = this.to;
      this.done = true;
    }
    return true;
  }
}

/**
 * True when the text is hard-wrapped prose: at least two lines of 40-100 characters that
 * run on into a line starting with a lower-case letter. Scraped articles (one paragraph per
 * line) almost never show this.
 */
function isHardWrapped(text: string, hasCR: boolean): boolean {
  let evidence = 0;
  let prevStart = -1;
  let prevEnd = -1;
  const lines = new LineCursor(text, 0, text.length, hasCR);
  while (lines.next()) {
    const s = lines.start;
    const e = lines.end;
    let first = s;
    while (first < e && (text.charCodeAt(first) === 32 || text.charCodeAt(first) === 9 || text.charCodeAt(first) === 62)) first++;
    if (first === e) {
      prevStart = -1;
      continue;
    }
    const len = prevEnd - prevStart;
    if (prevStart >= 0 && len >= 40 && len <= 100 && isLowerCaseUnit(text.charCodeAt(first))) {
      evidence++;
      // The rest of the text cannot change the answer.
      if (evidence >= 2) return true;
    }
    prevStart = s;
    prevEnd = e;
  }
  return false;
}

const LOWER_CASE = /\p{Ll}/u;

/** `/\p{Ll}/u` on one UTF-16 unit (a lone surrogate is no letter); no regex for ASCII. */
function isLowerCaseUnit(c: number): boolean {
  if (c < 128) return c >= 97 && c <= 122;
  return LOWER_CASE.test(String.fromCharCode(c));
}

function offsets(node: MdNode): [number, number] | null {
  const s = node.position?.start.offset;
  const e = node.position?.end.offset;
  return s === undefined || e === undefined ? null : [s, e];
}

function visit(seg: Segmentation, node: MdNode, paragraphType: BlockType): void {
  switch (node.type) {
    case 'paragraph': {
      const r = offsets(node);
      if (r) pushLines(seg, r[0], r[1], paragraphType);
      return;
    }
    case 'heading': {
      const kids = node.children ?? [];
      const first = kids[0] && offsets(kids[0]);
      const last = kids.length ? offsets(kids[kids.length - 1] as MdNode) : null;
      if (first && last) pushLines(seg, first[0], last[1], 'heading');
      return;
    }
    case 'listItem':
      for (const c of node.children ?? []) visit(seg, c, 'listItem');
      return;
    case 'code':
    case 'html':
    case 'definition':
    case 'table': {
      // Indented "code" in a scraped .txt is usually an indented comment or pingback: keep
      // every line as its own block so nothing disappears from the text model.
      const r = offsets(node);
      if (r) {
        const lines = new LineCursor(seg.text, r[0], r[1], seg.hasCR);
        while (lines.next()) pushBlock(seg, lines.start, lines.end, 'other');
      }
      return;
    }
    case 'thematicBreak':
      return;
    default:
      for (const c of node.children ?? []) visit(seg, c, paragraphType);
  }
}

function pushBlock(seg: Segmentation, start: number, end: number, type: BlockType): void {
  const text = seg.text;
  let s = start;
  let e = end;
  while (s < e && isSpace(text.charCodeAt(s))) s++;
  // A block-quote continuation line keeps its "> " markers inside the paragraph node.
  while (s < e && text.charCodeAt(s) === 62 && type !== 'other') {
    s++;
    while (s < e && isSpace(text.charCodeAt(s))) s++;
  }
  while (e > s && isSpace(text.charCodeAt(e - 1))) e--;
  // Each block's sentences are split as it is made (blocks come in document order).
  if (e > s) {
    const blockText = text.slice(s, e);
    seg.out.push({ start: s, end: e, text: blockText, type, sentences: splitSentences(text, s, e, seg.terminals, blockText) });
  }
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 0xa0 || c === 0x202f || c === 0x2009 || c === 0x3000 || c === 0xfeff;
}

/** The white space `String.prototype.trim` removes (ECMAScript WhiteSpace and LineTerminator). */
function isTrimSpace(c: number): boolean {
  if (c < 128) return c === 32 || (c >= 9 && c <= 13);
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** True when `text[s..e)` is empty after `trim()` (checked without making the substring). */
function isBlankRange(text: string, s: number, e: number): boolean {
  for (let i = s; i < e; i++) if (!isTrimSpace(text.charCodeAt(i))) return false;
  return true;
}

/** Starts and ends of the non-blank lines of the current paragraph (pairs), reused by `pushLines`. */
const paragraphLines: number[] = [];

/**
 * Emits the lines of one paragraph-like range: one block per line, or one block for the
 * whole range when the line breaks look like soft wrapping.
 */
function pushLines(seg: Segmentation, start: number, end: number, type: BlockType): void {
  const text = seg.text;
  const lines = paragraphLines;
  lines.length = 0;
  const cursor = new LineCursor(text, start, end, seg.hasCR);
  while (cursor.next()) {
    if (!isBlankRange(text, cursor.start, cursor.end)) lines.push(cursor.start, cursor.end);
  }
  if (lines.length > 2 && isSoftWrapped(seg, lines)) {
    pushBlock(seg, start, end, type);
    return;
  }
  for (let k = 0; k < lines.length; k += 2) pushBlock(seg, lines[k] as number, lines[k + 1] as number, type);
}

/** `lines` holds (start, end) pairs of at least two lines. */
function isSoftWrapped(seg: Segmentation, lines: readonly number[]): boolean {
  const text = seg.text;
  const count = lines.length / 2;
  let soft = 0;
  for (let i = 0; i < count; i++) {
    const line = text
      .slice(lines[2 * i], lines[2 * i + 1])
      .trim()
      .replace(/^(?:>\s?)+/u, '');
    if (BULLET_GLYPH.test(line) && !/^-\p{L}/u.test(line)) return false;
    if (i === 0) continue;
    const prev = text.slice(lines[2 * i - 2], lines[2 * i - 1]).trim();
    const first = line[0] ?? '';
    const lowerStart = /\p{Ll}/u.test(first);
    // (The document-wide wrapping fact is computed last, on first need.)
    const openEnded = prev.length >= 40 && !/[.!?:;"”’»)]$/u.test(prev) && (seg.wrapped ??= isHardWrapped(text, seg.hasCR));
    if (lowerStart || openEnded || /[,\-‐(]$/.test(prev)) soft++;
  }
  return soft * 2 >= count - 1;
}

const ATX_HEADING = /^[ \t]{0,3}(#{1,6})(?:[ \t]+|$)/;
/** A list marker at the (sticky) start of a line; none of its classes crosses a line break. */
const LIST_MARKER = /[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+/y;

/** True for the characters a list marker starts with: `-`, `*`, `+` and digits. */
function mayStartListMarker(c: number): boolean {
  return c === 45 || c === 42 || c === 43 || (c >= 48 && c <= 57);
}

/**
 * The line scanner: runs of non-blank lines are paragraphs (split per line as above); list
 * items ("- x", "1. x") and indented lines after a blank line (Markdown's indented code) are
 * blocks of their own, as remark makes them. With `atxHeadings` (huge inputs), "# Heading"
 * lines are headings too.
 */
function segmentLines(seg: Segmentation, atxHeadings: boolean): void {
  const text = seg.text;
  let runStart = -1;
  let runEnd = -1;
  /** The run is one line (most paragraphs of a scraped text): see `pushRun`. */
  let runIsOneLine = false;
  let afterBlankOrCode = true;
  const lines = new LineCursor(text, 0, text.length, seg.hasCR);
  while (lines.next()) {
    const s = lines.start;
    const e = lines.end;
    let first = s;
    while (first < e && (text.charCodeAt(first) === 32 || text.charCodeAt(first) === 9)) first++;
    if (first === e) {
      if (runStart >= 0) pushRun(seg, runStart, runEnd, runIsOneLine);
      runStart = -1;
      afterBlankOrCode = true;
      continue;
    }
    const indented = text.charCodeAt(s) === 9 || first - s >= 4;
    if (indented && afterBlankOrCode && runStart < 0) {
      pushBlock(seg, first, e, 'other');
      continue;
    }
    afterBlankOrCode = false;
    const c = text.charCodeAt(first);
    // Only a line whose first non-blank character is "#" (at most three columns in) can be
    // an ATX heading: the regexes run on those lines alone.
    if (atxHeadings && c === 35 && first - s <= 3) {
      const line = text.slice(s, e);
      const h = ATX_HEADING.exec(line);
      if (h) {
        if (runStart >= 0) pushRun(seg, runStart, runEnd, runIsOneLine);
        runStart = -1;
        let contentEnd = e;
        // A closing run of #s is not part of the heading text.
        const closing = /[ \t]+#+[ \t]*$/.exec(line);
        if (closing) contentEnd = s + closing.index;
        pushBlock(seg, s + h[0].length, contentEnd, 'heading');
        continue;
      }
    }
    if (mayStartListMarker(c)) {
      LIST_MARKER.lastIndex = s;
      const li = LIST_MARKER.exec(text);
      // An ordered item only interrupts a paragraph when it starts at 1, as in CommonMark.
      if (li && first - s <= 3 && (runStart < 0 || !/^\d/.test(li[0].trim()) || /^0*1[.)]/.test(li[0].trim()))) {
        if (runStart >= 0) pushRun(seg, runStart, runEnd, runIsOneLine);
        runStart = -1;
        pushBlock(seg, s + li[0].length, e, 'listItem');
        continue;
      }
    }
    if (runStart < 0) {
      runStart = s;
      runIsOneLine = true;
    } else {
      runIsOneLine = false;
    }
    runEnd = e;
  }
  if (runStart >= 0) pushRun(seg, runStart, runEnd, runIsOneLine);
}

/**
 * `pushLines` of a paragraph run. A one-line run is a block of its own unless it is blank
 * after `trim` (what `pushLines` would find, without scanning the line for breaks again).
 */
function pushRun(seg: Segmentation, start: number, end: number, oneLine: boolean): void {
  if (!oneLine) pushLines(seg, start, end, 'paragraph');
  else if (!isBlankRange(seg.text, start, end)) pushBlock(seg, start, end, 'paragraph');
}
