/**
 * Incremental re-analysis (issue 8): a `BlockMemo` kept between analyses of one document must
 * never change a result. Random edit sequences on real articles are analysed with one memo
 * and compared with a fresh analysis of the same text after every edit.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeDocument } from '../../src/core/analyze';
import { BlockMemo, DocumentMemos } from '../../src/core/blockMemo';
import { checkPatterns } from '../../src/core/settings/regexSafety';
import type { AnalyzeOptions } from '../../src/core/types';

const SEEDS = join(__dirname, '..', '..', '..', 'seeds');
const seeds = readdirSync(SEEDS)
  .filter((f) => f.endsWith('.txt'))
  .sort()
  .map((f) => readFileSync(join(SEEDS, f), 'utf8'));

/** Text an editor types or pastes: names, quote marks of every kind, furniture, breaks. */
const SNIPPETS = [
  'x', ' ', '.', ',', '"', '“', '”', '«', '»', "'", '’', '\n', '\n\n', '\r\n', '😀', 'é',
  'Kuleba', 'Sergey Lavrov', ' said ', ' he said.', 'Maria Santos, a spokeswoman, said: "No." ',
  '“We will not give up,” Kuliba told reporters. ', 'Register now for updates\n\n', 'See also: ',
  'Share this article', 'Leave a Reply', '# Heading\n\n', '> ', '- item\n', 'According to Erdogan, 40% rose. ',
  'President Putin denied it. ', 'Mevlüt Çavuşoğlu', 'three million people',
];

const edit = fc.record({
  where: fc.double({ min: 0, max: 1, noNaN: true }),
  remove: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 4, max: 400 })),
  insert: fc.oneof(fc.constantFrom(...SNIPPETS), fc.string({ maxLength: 6 }), fc.constant('')),
});

function apply(text: string, e: { where: number; remove: number; insert: string }): string {
  const at = Math.floor(text.length * e.where);
  return text.slice(0, at) + e.insert + text.slice(at + e.remove);
}

function checkSequence(start: string, edits: readonly { where: number; remove: number; insert: string }[], options: AnalyzeOptions): void {
  const memo = new BlockMemo();
  let text = start;
  assert.deepEqual(analyzeDocument('a.txt', text, options, memo), analyzeDocument('a.txt', text, options));
  for (const e of edits) {
    text = apply(text, e);
    assert.deepEqual(analyzeDocument('a.txt', text, options, memo), analyzeDocument('a.txt', text, options), `after edits up to ${JSON.stringify(e)}`);
  }
}

describe('incremental analysis with a BlockMemo', () => {
  it('reuses block results: a second analysis of unchanged text is all hits', () => {
    const memo = new BlockMemo();
    const text = seeds.join('\n\n');
    analyzeDocument('a.txt', text, {}, memo);
    const afterFirst = memo.stats;
    analyzeDocument('a.txt', text, {}, memo);
    const afterSecond = memo.stats;
    assert.ok(afterFirst.misses > 0, 'the detectors use the memo');
    assert.equal(afterSecond.misses, afterFirst.misses, 'nothing is recomputed for unchanged text');
    assert.ok(afterSecond.hits > afterFirst.hits);
  });

  it('after a one-character edit recomputes only a few blocks', () => {
    const memo = new BlockMemo();
    const text = seeds.join('\n\n');
    analyzeDocument('a.txt', text, {}, memo);
    const before = memo.stats.misses;
    const at = text.indexOf(' said') + 1;
    analyzeDocument('a.txt', `${text.slice(0, at)}x${text.slice(at)}`, {}, memo);
    const recomputed = memo.stats.misses - before;
    assert.ok(recomputed > 0 && recomputed <= 8, `recomputed ${recomputed} block results`);
  });

  it('forgets blocks no longer in the document (memory bounded by the live text)', () => {
    const memo = new BlockMemo();
    for (const seed of seeds) analyzeDocument('a.txt', seed, {}, memo);
    const memoOfLast = new BlockMemo();
    analyzeDocument('a.txt', seeds[seeds.length - 1] as string, {}, memoOfLast);
    assert.ok(memoOfLast.stats.entries > 0);
    // What the last analysis used, not the blocks of all five documents.
    assert.equal(memo.stats.entries, memoOfLast.stats.entries);
  });

  it('gives the same analysis as a fresh one after every edit of random edit sequences', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: seeds.length - 1 }), fc.array(edit, { minLength: 1, maxLength: 8 }), (seedIndex, edits) => {
        checkSequence(seeds[seedIndex] as string, edits, {});
      }),
      { numRuns: Number(process.env.SOURCE_ANNOTATOR_INCREMENTAL_RUNS ?? 40) },
    );
  });

  it('gives the same analysis as a fresh one with boilerplate options (patterns, corpus repeated lines)', () => {
    const options: AnalyzeOptions = {
      extraBoilerplatePatterns: checkPatterns(['^Share this article$', 'Kuleba said']).regexes,
      corpusRepeatedLines: new Set(['leave a reply', 'register now for updates']),
    };
    fc.assert(
      fc.property(fc.integer({ min: 0, max: seeds.length - 1 }), fc.array(edit, { minLength: 1, maxLength: 6 }), (seedIndex, edits) => {
        checkSequence(seeds[seedIndex] as string, edits, options);
      }),
      { numRuns: Number(process.env.SOURCE_ANNOTATOR_INCREMENTAL_RUNS ?? 20) },
    );
  });

  it('is not fooled by the same paragraph text in another place or with a CR/LF neighbour', () => {
    const para = '“We are ready,” he said.';
    const texts = [
      `Sergey Lavrov spoke.\n\n${para}\n\nDmytro Kuleba answered.\n\n${para}`,
      `Dmytro Kuleba answered.\n\n${para}\n\nSergey Lavrov spoke.\n\n${para}`,
      `Dmytro Kuleba answered.\r\n\r\n${para}\r\n\r\nSergey Lavrov spoke.\r\n${para}`,
      `${para}\n\n${para}`,
    ];
    const memo = new BlockMemo();
    for (const text of texts) assert.deepEqual(analyzeDocument('a.txt', text, {}, memo), analyzeDocument('a.txt', text));
  });

  it('keeps one memo per document and options, the least recently used dropped past the limit', () => {
    const memos = new DocumentMemos(2);
    const a = memos.for('a', 'x');
    assert.equal(memos.for('a', 'x'), a, 'same document and options: same memo');
    assert.notEqual(memos.for('a', 'y'), a, 'other options: a fresh memo');
    const a2 = memos.for('a', 'y');
    const b = memos.for('b', 'y');
    memos.for('a', 'y'); // a is now the most recently used
    memos.for('c', 'y'); // over the limit: b goes
    assert.equal(memos.for('a', 'y'), a2);
    assert.notEqual(memos.for('b', 'y'), b);
    memos.forget('a');
    assert.notEqual(memos.for('a', 'y'), a2);
  });
});
