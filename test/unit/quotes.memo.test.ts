import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { BlockMemo } from '../../src/core/blockMemo';
import { detectPeople } from '../../src/core/detect/people';
import { detectQuotes } from '../../src/core/detect/quotes';
import { segment } from '../../src/core/text/segment';
import type { Quote } from '../../src/core/types';

/** Quotes of `text` analysed from scratch and, when given, through `memo`. */
function analyse(text: string, memo?: BlockMemo): Quote[] {
  const blocks = segment(text);
  const quotes = detectQuotes(text, blocks, detectPeople(text, blocks), memo);
  memo?.endAnalysis();
  return quotes;
}

const SEEDS = join(__dirname, '..', '..', '..', 'seeds');
const seedTexts = readdirSync(SEEDS)
  .filter((f) => f.endsWith('.txt'))
  .sort()
  .map((f) => readFileSync(join(SEEDS, f), 'utf8'));

// analyzeDocument hands the detector the document's BlockMemo on every edit; whatever the
// detector keeps or not, each result must equal a fresh analysis of the same text.
describe('quotes through a BlockMemo', () => {
  it('gives the same quotes as a fresh analysis through a series of edits', () => {
    const memo = new BlockMemo();
    let text = seedTexts.join('\n\n');
    const edits: [number, number, string][] = [
      [0.5, 0, 'x'],
      [0.3, 2, ''],
      [0.7, 0, '\n\n'],
      [0.2, 0, ' “We will not,” Kuleba said. '],
      [0.9, 0, 'Maria Santos said: "no". '],
      [0.4, 5, ''],
      [0.6, 0, '“'],
      [0.6, 1, ''],
    ];
    assert.deepEqual(analyse(text, memo), analyse(text));
    for (const [where, remove, insert] of edits) {
      const at = Math.floor(text.length * where);
      text = text.slice(0, at) + insert + text.slice(at + remove);
      assert.deepEqual(analyse(text, memo), analyse(text), `after inserting ${JSON.stringify(insert)} at ${at}`);
    }
  });

  it('re-pairs a quote that runs on into the next paragraph when only that paragraph changes', () => {
    const memo = new BlockMemo();
    const first = '“The first part of a long statement goes here, and it does not close.';
    const closing = '“The second part closes the statement at last,” said Maria Lopez.';
    const continued = `${first}\n\n${closing}`;
    const before = analyse(continued, memo);
    assert.equal(before.length, 1);
    assert.equal(before[0]!.speaker?.name, 'Maria Lopez');
    // The second paragraph no longer opens with a quote mark: the first quote ends with its
    // paragraph, although the first block (and its remembered marks) did not change.
    const broken = `${first}\n\nThe second part closes the statement at last, said Maria Lopez.`;
    const after = analyse(broken, memo);
    assert.deepEqual(after, analyse(broken));
    assert.equal(after.length, 1);
    assert.equal(after[0]!.text, first);
  });

  it('keeps speakers in step with the people of the current text', () => {
    const memo = new BlockMemo();
    const quote = '“Nobody here wants another war in Europe,” he said.';
    const withAnna = `Anna Berg spoke first.\n\n${quote}`;
    const withJonas = `Jonas Weber spoke first.\n\n${quote}`;
    // The quote's block is the same in both texts; its speaker is not.
    assert.equal(analyse(withAnna, memo)[0]!.speaker, null, 'no male antecedent');
    const jonas = analyse(withJonas, memo);
    assert.deepEqual(jonas, analyse(withJonas));
    assert.equal(jonas[0]!.speaker?.name, 'Jonas Weber');
  });

  it('matches a fresh analysis on texts with astral characters and lone surrogates', () => {
    const memo = new BlockMemo();
    const texts = [
      'Anna Berg said: “𝐀n astral start, then more words here.” 😀',
      '“Short 𝐀 label” and “\uD835” and ‘\uD835\uDC00’ here, Anna Berg said.',
      'He called it “𝐀\uD835a” — Anna Berg, on Twitter.',
    ];
    for (const text of texts) assert.deepEqual(analyse(text, memo), analyse(text), JSON.stringify(text));
  });
});
