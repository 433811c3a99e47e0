import * as assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { BlockMemo } from '../../src/core/blockMemo';
import { findCorpusRepeatedLines } from '../../src/core/corpus/lines';
import { detectBoilerplate } from '../../src/core/detect/boilerplate';
import { segment } from '../../src/core/text/segment';
import type { AnalyzeOptions, Boilerplate } from '../../src/core/types';

const SEEDS = join(__dirname, '../../../seeds');
const seeds = readdirSync(SEEDS)
  .filter((f) => f.endsWith('.txt'))
  .sort()
  .map((f) => readFileSync(join(SEEDS, f), 'utf8'));

function detect(text: string, options: AnalyzeOptions, memo?: BlockMemo): Boilerplate[] {
  const found = detectBoilerplate(text, segment(text), options, memo);
  memo?.endAnalysis();
  return found;
}

describe('boilerplate with a BlockMemo', () => {
  it('gives the same spans as without a memo, on the first and on a repeated analysis', () => {
    for (const text of seeds) {
      const memo = new BlockMemo();
      const plain = detect(text, {});
      assert.deepEqual(detect(text, {}, memo), plain);
      assert.deepEqual(detect(text, {}, memo), plain);
      assert.ok(memo.stats.hits > 0, 'the second analysis reuses per-line results');
    }
  });

  it('follows edits: every analysis of an edited text equals a fresh one', () => {
    const memo = new BlockMemo();
    let text = seeds[0] as string;
    const lines = text.split('\n');
    for (let k = 0; k < 12; k++) {
      // Turn a line into furniture, then into prose, then remove it: rule, content and inline
      // results of the edited line change; every other line is reused.
      const i = (k * 7) % lines.length;
      lines[i] = k % 3 === 0 ? 'Share this article' : k % 3 === 1 ? `${lines[i] ?? ''} Read more` : '';
      text = lines.join('\n');
      assert.deepEqual(detect(text, {}, memo), detect(text, {}));
    }
  });

  it('keys user patterns by the patterns: a settings change is not answered from the memo', () => {
    const prose = 'The ministers met in Antalya for ninety minutes, and the talks were sponsored by Acme Corp, officials said.';
    const text = `${seeds[1] as string}\n${prose}\nThe talks ended without a ceasefire, and both sides blamed each other for the failure of the meeting.\n`;
    const memo = new BlockMemo();
    const first: AnalyzeOptions = { extraBoilerplatePatterns: [/ninety minutes/i] };
    const second: AnalyzeOptions = { extraBoilerplatePatterns: [/sponsored by \w+/gi] };
    for (const options of [first, second, {}, first]) {
      const withMemo = detect(text, options, memo);
      assert.deepEqual(withMemo, detect(text, options));
    }
    const users = (found: Boilerplate[]): string[] => found.filter((b) => b.reason === 'user-pattern').map((b) => b.text);
    assert.deepEqual(users(detect(text, first, memo)), ['ninety minutes']);
    assert.deepEqual(users(detect(text, second, memo)), ['sponsored by Acme']);
  });

  it('finds inline furniture in any line the same way with a memo and without', () => {
    const prose = 'The ministers met in Antalya for ninety minutes, and both sides said the talks would resume next week.';
    const furniture = [
      ' Read more',
      ' READ MORE »',
      ' (Photo: Jane Doe)',
      ' pic.twitter.com/abc123',
      ' Write to us at [email protected]',
      '\u00a0continue reading',
      ' (@',
      ' protected',
    ];
    for (let k = 0; k < furniture.length; k++) {
      // Furniture on some lines only, at the start of the text, in adjacent lines, in a
      // soft-wrapped paragraph and on the last line without a line break.
      const lines = [prose + (furniture[k] as string), prose, `${prose}${furniture[(k + 1) % furniture.length] as string}`, `${prose}${furniture[k] as string}`];
      for (const text of [lines.join('\n'), lines.join('\n\n'), `Title of the story here\n\n${lines.join('\r\n')}`, `${prose}\nand more prose in lower case${furniture[k] as string}`]) {
        assert.deepEqual(detect(text, {}, new BlockMemo()), detect(text, {}), text);
      }
    }
  });

  it('applies corpus repeats (options) afresh with the same memo', () => {
    const text = seeds[2] as string;
    const corpus = findCorpusRepeatedLines(seeds);
    const memo = new BlockMemo();
    for (const options of [{}, { corpusRepeatedLines: corpus }, {}, { corpusRepeatedLines: new Set(['leave a reply']) }] as AnalyzeOptions[]) {
      assert.deepEqual(detect(text, options, memo), detect(text, options));
    }
  });
});
