import * as assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { BlockMemo } from '../../src/core/blockMemo';
import { detectBoilerplate } from '../../src/core/detect/boilerplate';
import { detectClaims } from '../../src/core/detect/claims';
import { detectPeople } from '../../src/core/detect/people';
import { detectQuotes } from '../../src/core/detect/quotes';
import { segment } from '../../src/core/text/segment';
import type { Block, Claim, Person, Quote } from '../../src/core/types';

const SEEDS = join(__dirname, '../../../seeds');
const seeds = readdirSync(SEEDS)
  .filter((f) => f.endsWith('.txt'))
  .sort()
  .map((f) => readFileSync(join(SEEDS, f), 'utf8'));

function claimsOf(text: string, memo?: BlockMemo): Claim[] {
  const blocks = segment(text);
  const people = detectPeople(text, blocks);
  const quotes = detectQuotes(text, blocks, people);
  const found = detectClaims(text, blocks, quotes, people, detectBoilerplate(text, blocks), memo);
  memo?.endAnalysis();
  return found;
}

describe('claims with a BlockMemo', () => {
  it('gives the same claims as without a memo, on the first and on a repeated analysis', () => {
    for (const text of seeds) {
      const memo = new BlockMemo();
      const plain = claimsOf(text);
      assert.ok(plain.length > 0);
      assert.deepEqual(claimsOf(text, memo), plain);
      assert.deepEqual(claimsOf(text, memo), plain);
      assert.ok(memo.stats.hits > 0, 'the second analysis reuses per-sentence cues');
    }
  });

  it('re-checks quotes, people and boilerplate each time: only the text-only cues are remembered', () => {
    const text = 'Headline for the test article here\n\nKuleba met Lavrov in Antalya to talk about the war today.\n\n"We talked about a ceasefire at length," Kuleba said after the meeting.\n';
    const blocks: Block[] = segment(text);
    const people: Person[] = detectPeople(text, blocks);
    const quotes: Quote[] = detectQuotes(text, blocks, people);
    const memo = new BlockMemo();
    const run = (q: readonly Quote[], p: readonly Person[], covered: boolean): Claim[] => {
      const boilerplate = covered ? [{ start: 0, end: text.length, text, reason: 'test' }] : [];
      const withMemo = detectClaims(text, blocks, q, p, boilerplate, memo);
      memo.endAnalysis();
      assert.deepEqual(withMemo, detectClaims(text, blocks, q, p, boilerplate));
      return withMemo;
    };
    const full = run(quotes, people, false);
    assert.ok(full.some((c) => c.reasons.includes('attributed-quote')), 'the attributed quote counts');
    const withoutQuotes = run([], people, false);
    assert.ok(!withoutQuotes.some((c) => c.reasons.includes('attributed-quote')), 'a remembered sentence does not keep a quote that is gone');
    run([], [], false);
    assert.deepEqual(run(quotes, people, true), [], 'boilerplate that now covers every sentence removes every claim');
    assert.deepEqual(run(quotes, people, false), full);
  });

  it('finds the same claims whatever the order of quotes and mentions', () => {
    const text = seeds[0] as string;
    const blocks = segment(text);
    const people = detectPeople(text, blocks);
    const quotes = detectQuotes(text, blocks, people);
    const boilerplate = detectBoilerplate(text, blocks);
    const expected = detectClaims(text, blocks, quotes, people, boilerplate);
    assert.ok(expected.some((c) => c.reasons.includes('attributed-quote')) && expected.some((c) => c.reasons.includes('attributed')));
    // Reversed and interleaved lists take the search's restart path instead of its forward one.
    const reversedPeople = people.map((p) => ({ ...p, mentions: [...p.mentions].reverse() }));
    const interleaved = people.map((p) => ({ ...p, mentions: p.mentions.filter((_, i) => i % 2 === 0).concat(p.mentions.filter((_, i) => i % 2 === 1)) }));
    assert.deepEqual(detectClaims(text, blocks, [...quotes].reverse(), reversedPeople, boilerplate), expected);
    assert.deepEqual(detectClaims(text, blocks, quotes, interleaved, boilerplate), expected);
  });

  it('finds the same claims when blocks come out of document order (sentence marks fall back to cursors)', () => {
    const text = seeds[0] as string;
    const blocks = segment(text);
    const people = detectPeople(text, blocks);
    const quotes = detectQuotes(text, blocks, people);
    // Reversing the blocks breaks the order the fast path needs; each block is still scored,
    // and a block holding no quote or mention scores as it would in order.
    const reversed = [...blocks].reverse();
    const inOrder = detectClaims(text, blocks, [], [], []);
    const outOfOrder = detectClaims(text, reversed, [], [], []);
    assert.deepEqual([...outOfOrder].sort((a, b) => a.start - b.start), inOrder);
    assert.ok(quotes.length > 0 && people.length > 0);
  });
});
