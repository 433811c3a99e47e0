import assert from 'node:assert/strict';
import { detectPeople } from '../../src/core/detect/people';
import { detectQuotes, findQuoteSpans } from '../../src/core/detect/quotes';
import { segment } from '../../src/core/text/segment';
import type { Quote } from '../../src/core/types';

function quotes(text: string): Quote[] {
  const blocks = segment(text);
  return detectQuotes(text, blocks, detectPeople(text, blocks));
}

/** [quote text, kind, speaker name] of each quote. */
function summary(text: string): [string, string, string | null][] {
  return quotes(text).map((q) => [q.text, q.kind, q.speaker?.name ?? null]);
}

// The leading-cue search learns where “ " « „ and "according" occur from the scan for quote
// marks, and the noun-phrase test reads only the words right before a quote: these cases go
// through those paths (the answers are the ones the detector gave before either change).
describe('quote cues found from the mark scan', () => {
  it('finds "according to X" before a quote in any case, and only as a word ending', () => {
    const text = [
      'ACCORDING TO Maria Lopez, “the talks will resume next week in Geneva.”',
      'According to a senior diplomat, “nothing has been agreed so far at all.”',
      'Maria Lopez spoke at length on Monday. Discordingly, “nothing was agreed by anyone today.”',
    ].join('\n\n');
    assert.deepEqual(summary(text), [
      ['“the talks will resume next week in Geneva.”', 'speech', 'Maria Lopez'],
      ['“nothing has been agreed so far at all.”', 'speech', 'a senior diplomat'],
      ['“nothing was agreed by anyone today.”', 'speech', null],
    ]);
  });

  it('does not give a verb before an earlier quote of the sentence to the next quote', () => {
    const text = 'Maria Lopez said the plan was “a good start” and that “the rest will follow soon enough, we hope.”';
    const [first, second] = quotes(text);
    assert.equal(first?.cue?.text, 'Maria Lopez said');
    assert.equal(first?.confidence, 0.85);
    // No cue of its own: the speaker carries on from the quote before it.
    assert.equal(second?.cue, null);
    assert.equal(second?.speaker?.name, 'Maria Lopez');
    assert.equal(second?.confidence, 0.6);
  });

  it('reads the words before a quote for the noun-phrase test near and far from white space', () => {
    const text = [
      'Officials described it as the so-called “special military operation” on Monday.',
      'Officials described it as theextraordinarilylongunbrokenmodifierword “special operation” on Monday.',
      'Officials described it as Russia’s “special military operation” on Monday.',
    ].join('\n\n');
    assert.deepEqual(
      summary(text).map(([t, kind]) => [t, kind]),
      [
        ['“special military operation”', 'term'],
        ['“special operation”', 'term'],
        ['“special military operation”', 'term'],
      ],
    );
  });
});

describe('quote marks of blocks out of text order', () => {
  it('are found block by block, the same as in text order', () => {
    // `segment` never gives blocks out of order; the detector then searches each block alone.
    const text = ['“First quote here,” she said.', 'He called it a “second” one.', 'Ali wrote: «Third quote, closed here.»'].join('\n\n');
    const blocks = segment(text);
    const inOrder = findQuoteSpans(text, blocks);
    const reversed = findQuoteSpans(text, [...blocks].reverse());
    assert.equal(inOrder.length, 3);
    assert.deepEqual(
      reversed.map((q) => [q.start, q.end, q.closed, q.single]),
      [...inOrder].reverse().map((q) => [q.start, q.end, q.closed, q.single]),
    );
    // Block indices refer to the array given.
    assert.deepEqual(
      reversed.map((q) => q.startBlock),
      [0, 1, 2],
    );
  });
});
