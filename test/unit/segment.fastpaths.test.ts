import * as assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { REMARK_MAX_CHARS, segment } from '../../src/core/text/segment';
import { splitSentences, TerminalFinder } from '../../src/core/text/sentences';
import type { Block } from '../../src/core/types';

const SEEDS = join(__dirname, '../../../seeds');
const seeds = readdirSync(SEEDS)
  .filter((f) => f.endsWith('.txt'))
  .sort()
  .map((f) => readFileSync(join(SEEDS, f), 'utf8'));

/** Blocks without offsets, to compare texts whose line breaks differ in length. */
function shape(blocks: Block[]): unknown[] {
  return blocks.map((b) => ({ text: b.text, type: b.type, sentences: b.sentences.map((s) => s.text) }));
}

describe('segment fast paths', () => {
  it('segments LF, CRLF and CR texts alike (indexOf line search vs. the CR scan)', () => {
    for (const text of seeds) {
      const lf = shape(segment(text));
      assert.deepEqual(shape(segment(text.replace(/\n/g, '\r\n'))), lf);
      assert.deepEqual(shape(segment(text.replace(/\n/g, '\r'))), lf);
    }
  });

  it('keeps every span exact in a huge input (scanner with ATX headings, list items, indented lines)', () => {
    const unit = '# Heading one ##\nA paragraph. It has two sentences.\n- a list item\n1. first\n2. second\n\n    indented line\nDr. Who met J. Smith at 5 p.m. The end…\n';
    const text = unit.repeat(Math.ceil((REMARK_MAX_CHARS + 1) / unit.length));
    const blocks = segment(text);
    for (const b of blocks) {
      assert.equal(text.slice(b.start, b.end), b.text);
      for (const s of b.sentences) assert.equal(text.slice(s.start, s.end), s.text);
    }
    // Each repetition gives the same blocks as the first (the scanner does not use remark).
    assert.deepEqual(shape(blocks.slice(0, 8)), [
      { text: 'Heading one', type: 'heading', sentences: ['Heading one'] },
      { text: 'A paragraph. It has two sentences.', type: 'paragraph', sentences: ['A paragraph.', 'It has two sentences.'] },
      { text: 'a list item', type: 'listItem', sentences: ['a list item'] },
      { text: 'first', type: 'listItem', sentences: ['first'] },
      { text: 'second', type: 'listItem', sentences: ['second'] },
      { text: 'indented line', type: 'other', sentences: ['indented line'] },
      { text: 'Dr. Who met J. Smith at 5 p.m. The end…', type: 'paragraph', sentences: ['Dr. Who met J. Smith at 5 p.m.', 'The end…'] },
      { text: 'Heading one', type: 'heading', sentences: ['Heading one'] },
    ]);
    assert.equal(blocks.length % 7, 0);
  });

  it('splits sentences the same with a shared terminal finder, and reuses the range text only when it is the whole sentence', () => {
    const text = 'No marks here\nStill none\nMr. Smith left. He said so! Really?\n  Padded sentence.  \nU.S. officials met. The end';
    const lines: [number, number][] = [];
    let start = 0;
    for (const line of text.split('\n')) {
      lines.push([start, start + line.length]);
      start += line.length + 1;
    }
    const shared = new TerminalFinder();
    for (const [s, e] of lines) {
      const alone = splitSentences(text, s, e);
      assert.deepEqual(splitSentences(text, s, e, shared, text.slice(s, e)), alone);
      for (const sentence of alone) assert.equal(text.slice(sentence.start, sentence.end), sentence.text);
    }
    assert.deepEqual(
      splitSentences(text, lines[2]![0], lines[2]![1]).map((s) => s.text),
      ['Mr. Smith left.', 'He said so!', 'Really?'],
    );
    assert.deepEqual(splitSentences(text, lines[3]![0], lines[3]![1]).map((s) => s.text), ['Padded sentence.']);
  });

  it('treats non-ASCII sentence starts and initials as before (ASCII tables only shortcut ASCII)', () => {
    const sentences = (t: string): string[] => splitSentences(t).map((s) => s.text);
    assert.deepEqual(sentences('Він пішов. Ёлка стоїть.'), ['Він пішов.', 'Ёлка стоїть.']);
    assert.deepEqual(sentences('Олег Є. Петренко прийшов.'), ['Олег Є. Петренко прийшов.']);
    assert.deepEqual(sentences('Er ging. über alles'), ['Er ging. über alles']);
    assert.deepEqual(sentences('Il est parti . « Non », dit-il.'), ['Il est parti .', '« Non », dit-il.']);
    assert.deepEqual(sentences('See Smith v. Jones. The court ruled.'), ['See Smith v. Jones.', 'The court ruled.']);
  });
});
