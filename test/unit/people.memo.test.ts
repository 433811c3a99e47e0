import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { BlockMemo } from '../../src/core/blockMemo';
import { detectPeople } from '../../src/core/detect/people';
import { segment } from '../../src/core/text/segment';
import type { Person } from '../../src/core/types';

function fresh(text: string): Person[] {
  return detectPeople(text, segment(text));
}

function withMemo(text: string, memo: BlockMemo): Person[] {
  const result = detectPeople(text, segment(text), memo);
  memo.endAnalysis();
  return result;
}

const SEEDS = join(__dirname, '..', '..', '..', 'seeds');

describe('people detection with a BlockMemo', () => {
  it('gives the same people as a fresh analysis through a series of edits, reusing unchanged blocks', () => {
    const seeds = readdirSync(SEEDS)
      .filter((f) => f.endsWith('.txt'))
      .sort()
      .slice(0, 4)
      .map((f) => readFileSync(join(SEEDS, f), 'utf8'));
    let text = seeds.join('\n\n');
    const memo = new BlockMemo();
    assert.deepEqual(withMemo(text, memo), fresh(text));
    const edits: [number, number, string][] = [
      [0.5, 0, 'x'],
      [0.25, 3, ''],
      [0.75, 0, '\n\n'],
      [0.6, 0, ' Maria Santos said the talks failed. '],
      [0.1, 0, 'Reporting by Jane Roe\n\n'],
    ];
    for (const [where, remove, insert] of edits) {
      const at = Math.floor(text.length * where);
      text = text.slice(0, at) + insert + text.slice(at + remove);
      const before = memo.stats.hits;
      assert.deepEqual(withMemo(text, memo), fresh(text));
      assert.ok(memo.stats.hits > before, 'unchanged blocks are reused');
    }
  });

  it('sees a reporting verb in the next block change although the name’s block did not', () => {
    // "Peskov" is its own block; the verb after it ("said", across the line break) is the
    // only evidence that makes him a person.
    const memo = new BlockMemo();
    const said = 'Talks ended.\n\nPeskov\n\nsaid the talks were useful.';
    const ended = 'Talks ended.\n\nPeskov\n\nended the talks early.';
    assert.deepEqual(withMemo(said, memo), fresh(said));
    assert.deepEqual(
      fresh(said).map((p) => p.name),
      ['Peskov'],
    );
    assert.deepEqual(withMemo(ended, memo), fresh(ended));
    assert.deepEqual(fresh(ended), []);
    assert.deepEqual(withMemo(said, memo), fresh(said));
  });

  it('shifts remembered mentions to where the block now starts', () => {
    const memo = new BlockMemo();
    const body = 'Foreign Minister Sergei Lavrov said the talks were useful.';
    withMemo(body, memo);
    const moved = `A new first paragraph.\n\n${body}`;
    const people = withMemo(moved, memo);
    assert.deepEqual(people, fresh(moved));
    const lavrov = people.find((p) => p.name === 'Sergei Lavrov');
    assert.ok(lavrov);
    for (const m of lavrov.mentions) assert.equal(moved.slice(m.start, m.end), m.text);
  });
});
