import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { segment, usesMarkdownParser } from '../../src/core/text/segment';

const SEEDS = join(__dirname, '..', '..', '..', 'seeds');
function seed(prefix: string): string {
  const name = readdirSync(SEEDS).find((f) => f.startsWith(prefix));
  if (!name) throw new Error(`seed ${prefix} missing`);
  return readFileSync(join(SEEDS, name), 'utf8');
}

describe('segment', () => {
  it('gives every line of a scraped text its own block, with exact UTF-16 spans', () => {
    const text = 'Headline of the day\nBy Jane Doe\n\nFirst paragraph. Second sentence.\nClick to comment\n';
    const blocks = segment(text);
    assert.deepEqual(
      blocks.map((b) => b.text),
      ['Headline of the day', 'By Jane Doe', 'First paragraph. Second sentence.', 'Click to comment'],
    );
    for (const b of blocks) {
      assert.equal(text.slice(b.start, b.end), b.text);
      for (const s of b.sentences) assert.equal(text.slice(s.start, s.end), s.text);
    }
    assert.equal(blocks[2]!.sentences.length, 2);
  });

  it('keeps soft-wrapped Markdown prose as one paragraph', () => {
    const text = 'The ministers met in Antalya on\nThursday and talked for an hour and\na half, without a result.\n';
    const blocks = segment(text);
    assert.equal(blocks.length, 1);
    assert.equal(blocks[0]!.sentences.length, 1);
  });

  it('joins hard-wrapped lines even before a capitalised word once the document is hard-wrapped', () => {
    const text = [
      '# Notes',
      '',
      'The negotiators met for three hours on Tuesday in the old palace and',
      'talked about corridors, prisoners and the grain exports from the south,',
      'but no agreement was reached.',
      '',
      'The delegations will meet again next week, according to the Ukrainian',
      'Mykhailo Podolyak, who leads the team.',
      '',
    ].join('\n');
    const blocks = segment(text);
    assert.equal(blocks.length, 3);
    assert.equal(blocks[2]!.sentences.length, 1);
  });

  it('does not join a headline and a lead in scraped text', () => {
    const text = 'Talks between the ministers end without a deal in Antalya\nANTALYA (Reuters) - The ministers met.\n';
    assert.equal(segment(text).length, 2);
  });

  it('keeps block-quote markers out of the blocks', () => {
    const text = '> First quoted line of a statement that is long enough\n> and its lower-case continuation.\n\n> Second.';
    const blocks = segment(text);
    assert.deepEqual(
      blocks.map((b) => b.text.split('\n')[0]),
      ['First quoted line of a statement that is long enough', 'Second.'],
    );
  });

  it('reads Markdown headings and list items without their markers', () => {
    const text = '# Talks in Turkey\n\nIntro line.\n\n- First point\n- Second point\n\n1. Numbered\n';
    const blocks = segment(text);
    assert.deepEqual(
      blocks.map((b) => [b.type, b.text]),
      [
        ['heading', 'Talks in Turkey'],
        ['paragraph', 'Intro line.'],
        ['listItem', 'First point'],
        ['listItem', 'Second point'],
        ['listItem', 'Numbered'],
      ],
    );
  });

  it('does not shift with CRLF line endings or astral characters', () => {
    const text = '⚡️ Breaking 🇷🇺 news\r\n\r\nKuleba said “no”.\r\nLeave a Reply\r\n';
    const blocks = segment(text);
    assert.deepEqual(
      blocks.map((b) => b.text),
      ['⚡️ Breaking 🇷🇺 news', 'Kuleba said “no”.', 'Leave a Reply'],
    );
    for (const b of blocks) assert.equal(text.slice(b.start, b.end), b.text);
  });

  it('keeps indented lines (Markdown code) as blocks of their own', () => {
    const text = 'Comments\n\n  1. A pingback title\n\n    […] quoted title […]\n\nLeave a Reply';
    const blocks = segment(text);
    assert.ok(blocks.some((b) => b.text === '[…] quoted title […]'));
    assert.ok(blocks.some((b) => b.type === 'listItem' && b.text === 'A pingback title'));
  });

  it('splits bullet-glyph lines that Markdown would merge into one paragraph', () => {
    const text = 'Top diplomats meet\n  • Ministers meet in Turkey\n  • Ankara hopes for a turning point\n';
    assert.deepEqual(
      segment(text).map((b) => b.text),
      ['Top diplomats meet', '• Ministers meet in Turkey', '• Ankara hopes for a turning point'],
    );
  });

  it('gives the same blocks with the line scanner and with remark on every seed (list items and indented lines included)', () => {
    for (const prefix of ['000', '001', '002', '003', '004']) {
      const text = seed(prefix);
      assert.equal(usesMarkdownParser(text), false, prefix);
      // A trailing "# " heading forces remark; the blocks before it must be identical.
      const forced = `${text}\n\n# end`;
      assert.equal(usesMarkdownParser(forced), true);
      const viaRemark = segment(forced).slice(0, -1);
      assert.deepEqual(viaRemark, segment(text), prefix);
    }
  });

  it('scanner and remark agree on hand-written list and indentation cases', () => {
    const text = 'Intro line\n\n- first point\n- second point\n\n1. numbered\n2. next\n\nText line\n2022. Not a list inside a paragraph\n\n    indented after a blank line\n\nEnd.';
    assert.deepEqual(segment(`${text}\n\n# end`).slice(0, -1), segment(text));
  });

  it('segments every seed with exact spans', () => {
    for (const prefix of ['000', '001', '002', '003', '004']) {
      const text = seed(prefix);
      const blocks = segment(text);
      assert.ok(blocks.length > 10, prefix);
      let prev = -1;
      for (const b of blocks) {
        assert.equal(text.slice(b.start, b.end), b.text);
        assert.ok(b.start >= prev, 'blocks are in order');
        prev = b.end;
      }
    }
  });
});
