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
import { splitSentences } from './sentences';

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

/** Segments a plain-text or Markdown document into blocks with sentences (UTF-16 offsets). */
export function segment(text: string): Block[] {
  const blocks: Block[] = [];
  const wrapped = isHardWrapped(text);
  if (!usesMarkdownParser(text)) {
    segmentLines(text, blocks, text.length > REMARK_MAX_CHARS, wrapped);
  } else {
    const tree = unified().use(remarkParse).parse(text) as MdNode;
    visit(text, tree, 'paragraph', blocks, wrapped);
  }
  for (const b of blocks) b.sentences = splitSentences(text, b.start, b.end);
  return blocks;
}

/** True when `segment` will use remark for this text (exposed for tests and benchmarks). */
export function usesMarkdownParser(text: string): boolean {
  return text.length <= REMARK_MAX_CHARS && RICH_MARKDOWN_SYNTAX.test(text);
}

/**
 * True when the text is hard-wrapped prose: at least two lines of 40-100 characters that
 * run on into a line starting with a lower-case letter. Scraped articles (one paragraph per
 * line) almost never show this.
 */
function isHardWrapped(text: string): boolean {
  let evidence = 0;
  let prevStart = -1;
  let prevEnd = -1;
  let found = false;
  eachLine(text, 0, text.length, (s, e) => {
    if (found) return;
    let first = s;
    while (first < e && (text.charCodeAt(first) === 32 || text.charCodeAt(first) === 9 || text.charCodeAt(first) === 62)) first++;
    if (first === e) {
      prevStart = -1;
      return;
    }
    const len = prevEnd - prevStart;
    if (prevStart >= 0 && len >= 40 && len <= 100 && /\p{Ll}/u.test(text[first] as string)) {
      evidence++;
      if (evidence >= 2) found = true;
    }
    prevStart = s;
    prevEnd = e;
  });
  return found;
}

function offsets(node: MdNode): [number, number] | null {
  const s = node.position?.start.offset;
  const e = node.position?.end.offset;
  return s === undefined || e === undefined ? null : [s, e];
}

function visit(text: string, node: MdNode, paragraphType: BlockType, out: Block[], wrapped: boolean): void {
  switch (node.type) {
    case 'paragraph': {
      const r = offsets(node);
      if (r) pushLines(text, r[0], r[1], paragraphType, out, wrapped);
      return;
    }
    case 'heading': {
      const kids = node.children ?? [];
      const first = kids[0] && offsets(kids[0]);
      const last = kids.length ? offsets(kids[kids.length - 1] as MdNode) : null;
      if (first && last) pushLines(text, first[0], last[1], 'heading', out, wrapped);
      return;
    }
    case 'listItem':
      for (const c of node.children ?? []) visit(text, c, 'listItem', out, wrapped);
      return;
    case 'code':
    case 'html':
    case 'definition':
    case 'table': {
      // Indented "code" in a scraped .txt is usually an indented comment or pingback: keep
      // every line as its own block so nothing disappears from the text model.
      const r = offsets(node);
      if (r) eachLine(text, r[0], r[1], (s, e) => pushBlock(text, s, e, 'other', out));
      return;
    }
    case 'thematicBreak':
      return;
    default:
      for (const c of node.children ?? []) visit(text, c, paragraphType, out, wrapped);
  }
}

/** Calls `fn` for every line (without its line break) between `start` and `end`. */
function eachLine(text: string, start: number, end: number, fn: (s: number, e: number) => void): void {
  let s = start;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) {
      fn(s, i);
      if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
      s = i + 1;
    }
  }
  fn(s, end);
}

function pushBlock(text: string, start: number, end: number, type: BlockType, out: Block[]): void {
  let s = start;
  let e = end;
  while (s < e && isSpace(text.charCodeAt(s))) s++;
  // A block-quote continuation line keeps its "> " markers inside the paragraph node.
  while (s < e && text.charCodeAt(s) === 62 && type !== 'other') {
    s++;
    while (s < e && isSpace(text.charCodeAt(s))) s++;
  }
  while (e > s && isSpace(text.charCodeAt(e - 1))) e--;
  if (e > s) out.push({ start: s, end: e, text: text.slice(s, e), type, sentences: [] });
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 0xa0 || c === 0x202f || c === 0x2009 || c === 0x3000 || c === 0xfeff;
}

/**
 * Emits the lines of one paragraph-like range: one block per line, or one block for the
 * whole range when the line breaks look like soft wrapping.
 */
function pushLines(text: string, start: number, end: number, type: BlockType, out: Block[], wrapped: boolean): void {
  const lines: [number, number][] = [];
  eachLine(text, start, end, (s, e) => {
    if (text.slice(s, e).trim() !== '') lines.push([s, e]);
  });
  if (lines.length > 1 && isSoftWrapped(text, lines, wrapped)) {
    pushBlock(text, start, end, type, out);
    return;
  }
  for (const [s, e] of lines) pushBlock(text, s, e, type, out);
}

function isSoftWrapped(text: string, lines: [number, number][], wrapped: boolean): boolean {
  let soft = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = text
      .slice(lines[i]![0], lines[i]![1])
      .trim()
      .replace(/^(?:>\s?)+/u, '');
    if (BULLET_GLYPH.test(line) && !/^-\p{L}/u.test(line)) return false;
    if (i === 0) continue;
    const prev = text.slice(lines[i - 1]![0], lines[i - 1]![1]).trim();
    const first = line[0] ?? '';
    const lowerStart = /\p{Ll}/u.test(first);
    const openEnded = wrapped && prev.length >= 40 && !/[.!?:;"”’»)]$/u.test(prev);
    if (lowerStart || openEnded || /[,\-‐(]$/.test(prev)) soft++;
  }
  return soft * 2 >= lines.length - 1;
}

const ATX_HEADING = /^[ \t]{0,3}(#{1,6})(?:[ \t]+|$)/;
const LIST_MARKER = /^[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+/;

/**
 * The line scanner: runs of non-blank lines are paragraphs (split per line as above); list
 * items ("- x", "1. x") and indented lines after a blank line (Markdown's indented code) are
 * blocks of their own, as remark makes them. With `atxHeadings` (huge inputs), "# Heading"
 * lines are headings too.
 */
function segmentLines(text: string, out: Block[], atxHeadings: boolean, wrapped: boolean): void {
  let runStart = -1;
  let runEnd = -1;
  let afterBlankOrCode = true;
  const flush = (): void => {
    if (runStart >= 0) pushLines(text, runStart, runEnd, 'paragraph', out, wrapped);
    runStart = -1;
  };
  eachLine(text, 0, text.length, (s, e) => {
    let first = s;
    while (first < e && (text.charCodeAt(first) === 32 || text.charCodeAt(first) === 9)) first++;
    if (first === e) {
      flush();
      afterBlankOrCode = true;
      return;
    }
    const indented = text.charCodeAt(s) === 9 || first - s >= 4;
    if (indented && afterBlankOrCode && runStart < 0) {
      pushBlock(text, first, e, 'other', out);
      return;
    }
    afterBlankOrCode = false;
    const line = text.slice(s, e);
    if (atxHeadings) {
      const h = ATX_HEADING.exec(line);
      if (h) {
        flush();
        let contentEnd = e;
        // A closing run of #s is not part of the heading text.
        const closing = /[ \t]+#+[ \t]*$/.exec(line);
        if (closing) contentEnd = s + closing.index;
        pushBlock(text, s + h[0].length, contentEnd, 'heading', out);
        return;
      }
    }
    const li = LIST_MARKER.exec(line);
    // An ordered item only interrupts a paragraph when it starts at 1, as in CommonMark.
    if (li && first - s <= 3 && (runStart < 0 || !/^\d/.test(li[0].trim()) || /^0*1[.)]/.test(li[0].trim()))) {
      flush();
      pushBlock(text, s + li[0].length, e, 'listItem', out);
      return;
    }
    if (runStart < 0) runStart = s;
    runEnd = e;
  });
  flush();
}
