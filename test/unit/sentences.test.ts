import assert from 'node:assert/strict';
import { splitSentences } from '../../src/core/text/sentences';

function texts(s: string): string[] {
  return splitSentences(s).map((x) => x.text);
}

describe('splitSentences', () => {
  it('splits plain sentences and keeps offsets exact', () => {
    const s = 'The talks ended. Both sides left!  Was it useful? Nobody knows';
    const spans = splitSentences(s);
    assert.deepEqual(
      spans.map((x) => x.text),
      ['The talks ended.', 'Both sides left!', 'Was it useful?', 'Nobody knows'],
    );
    for (const sp of spans) assert.equal(s.slice(sp.start, sp.end), sp.text);
  });

  it('does not split after titles and common abbreviations', () => {
    assert.deepEqual(texts('Mr. Smith met Dr. Jones and Gen. Miller on Feb. 3. They talked.'), [
      'Mr. Smith met Dr. Jones and Gen. Miller on Feb. 3.',
      'They talked.',
    ]);
  });

  it('does not split after initials or inside decimals', () => {
    assert.deepEqual(texts('J. K. Rowling wrote it. Prices rose 3.5 per cent. Done.'), [
      'J. K. Rowling wrote it.',
      'Prices rose 3.5 per cent.',
      'Done.',
    ]);
  });

  it('keeps dotted acronyms inside a sentence but splits before a typical opener', () => {
    assert.deepEqual(texts('The U.S. Senate voted. Aid went to the U.S. The vote was close.'), [
      'The U.S. Senate voted.',
      'Aid went to the U.S.',
      'The vote was close.',
    ]);
  });

  it('ends a sentence after a closing quote that follows the stop', () => {
    assert.deepEqual(texts('He said: “We will not surrender.” Then he left. She wrote "No way!" Later, nothing.'), [
      'He said: “We will not surrender.”',
      'Then he left.',
      'She wrote "No way!"',
      'Later, nothing.',
    ]);
  });

  it('accepts a French spaced closing guillemet as part of the sentence', () => {
    assert.deepEqual(texts('« Nous irons jusqu’au bout. » Il est parti.'), ['« Nous irons jusqu’au bout. »', 'Il est parti.']);
  });

  it('does not split before a lower-case continuation or at an elision mark', () => {
    assert.deepEqual(texts('He said it was fine... but it was not. […] Next line'), [
      'He said it was fine... but it was not.',
      '[…] Next line',
    ]);
  });

  it('returns nothing for whitespace only', () => {
    assert.deepEqual(splitSentences('   \n '), []);
  });
});
