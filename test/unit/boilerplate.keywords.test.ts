import * as assert from 'node:assert/strict';
import { detectBoilerplate } from '../../src/core/detect/boilerplate';
import { segment } from '../../src/core/text/segment';

/** Reasons reported for the line `line` placed between two share prompts, below a title. */
function reasonsFor(line: string): string[] {
  const text = [
    'Talks in Antalya end without a ceasefire deal',
    'Share this article',
    line,
    'Share this article',
    'The ministers met in Antalya for ninety minutes, and both sides said the talks would resume next week.',
  ].join('\n\n');
  return detectBoilerplate(text, segment(text), {})
    .filter((b) => b.text === line)
    .map((b) => b.reason);
}

describe('boilerplate keyword lists (stop words read in place)', () => {
  // Ten words and no sentence ending: a keyword list (judged by its neighbours, here share
  // prompts, so low-content) unless one word in ten is a stop word, in any case and with a
  // curly apostrophe.
  const names = 'Kuleba Lavrov Antalya Cavusoglu Erdogan Zelensky Putin Kremlin Ankara';

  it('counts upper-case and curly-apostrophe stop words like lower-case ones', () => {
    assert.deepEqual(reasonsFor(`${names} Istanbul`), ['low-content']);
    for (const stop of ['the', 'THE', 'The', 'don’t', 'DON’T', "don't", 'we’re']) {
      assert.deepEqual(reasonsFor(`${names} ${stop}`), [], stop);
    }
  });

  it('does not take a longer word or a word with a stop word inside for one', () => {
    for (const word of ['theirselves', 'Thereafter', 'donut', 'the’s']) {
      assert.deepEqual(reasonsFor(`${names} ${word}`), ['low-content'], word);
    }
  });
});
