import assert from 'node:assert/strict';
import fc from 'fast-check';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeDocument } from '../../src/core/analyze';
import type { DocumentAnalysis, Span } from '../../src/core/types';

const SEEDS = join(__dirname, '..', '..', '..', 'seeds');
const seedNames = readdirSync(SEEDS).filter((f) => f.endsWith('.txt')).sort();

function allSpans(a: DocumentAnalysis): Span[] {
  return [
    ...a.quotes,
    ...a.quotes.flatMap((q) => (q.cue ? [q.cue] : [])),
    ...a.people.flatMap((p) => p.mentions),
    ...a.claims,
    ...a.boilerplate,
  ];
}

function assertExact(text: string, a: DocumentAnalysis): void {
  const cps = [...text];
  for (const s of allSpans(a)) {
    assert.equal(cps.slice(s.start, s.end).join(''), s.text, `span ${s.start}-${s.end}`);
  }
}

describe('analyzeDocument', () => {
  it('gives exact code point spans for every item of every seed (emoji and flags included)', () => {
    for (const name of seedNames) {
      const text = readFileSync(join(SEEDS, name), 'utf8');
      const a = analyzeDocument(name, text);
      assert.ok(a.people.length > 0 && a.quotes.length > 0, name);
      assertExact(text, a);
    }
  });

  it('does not shift with CRLF line endings: same items, offsets moved by the extra CRs only', () => {
    const name = seedNames.find((n) => n.startsWith('003'))!;
    const lf = readFileSync(join(SEEDS, name), 'utf8');
    const crlf = lf.replace(/\n/g, '\r\n');
    const a = analyzeDocument(name, lf);
    const b = analyzeDocument(name, crlf);
    assertExact(crlf, b);
    assert.deepEqual(
      b.quotes.map((q) => [q.text, q.kind, q.speaker?.name]),
      a.quotes.map((q) => [q.text, q.kind, q.speaker?.name]),
    );
    assert.deepEqual(
      b.people.map((p) => [p.id, p.mentions.length]),
      a.people.map((p) => [p.id, p.mentions.length]),
    );
  });

  it('keeps a leading BOM as code point 0 without shifting or breaking the first word', () => {
    const body = 'Anna Berg said: “We will not give up on the talks.”\n\nLeave a Reply';
    const plain = analyzeDocument('a.txt', body);
    const withBom = analyzeDocument('a.txt', `\uFEFF${body}`);
    assertExact(`\uFEFF${body}`, withBom);
    assert.equal(withBom.people[0]?.name, 'Anna Berg');
    assert.deepEqual(
      withBom.quotes.map((q) => [q.start - 1, q.end - 1, q.text]),
      plain.quotes.map((q) => [q.start, q.end, q.text]),
    );
  });

  it('converts offsets after astral characters to code points', () => {
    const text = '🇷🇺🙂 Anna Berg said: “We will not give up on the talks today.”';
    const a = analyzeDocument('x.txt', text);
    const q = a.quotes[0]!;
    assert.equal(q.start, [...text].indexOf('“'));
    assert.notEqual(q.start, text.indexOf('“'));
    assertExact(text, a);
  });

  it('drops a quoted title inside a boilerplate line ("Be the first to comment on …")', () => {
    const text = 'Anna Berg said: “We will not give up on the talks.”\n\nBe the first to comment on "Talks in Vienna end without result"\n\nLeave a comment';
    const a = analyzeDocument('x.txt', text);
    assert.ok(a.boilerplate.some((b) => b.text.startsWith('Be the first to comment')), 'the rule pack marks the line');
    assert.deepEqual(
      a.quotes.map((q) => q.text),
      ['“We will not give up on the talks.”'],
    );
  });

  it('keeps spans exact on arbitrary text (property)', () => {
    const piece = fc.constantFrom(
      'Anna Berg', ' said ', '“', '”', '"', '‘', '’', '«', '»', '🇷🇺', '🙂', '\r\n', '\n\n', '# ', '- ', '1. ', '    ', '> ',
      'Lavrov’s', '. ', ', ', ': ', ' — ', 'word', '\uFEFF', '#Sergey_Lavrov', 'Bashar al-Assad', 'Sir ', 'Mr. ', 'he added', 'Çavuşoğlu',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (parts) => {
        const text = parts.join('');
        assertExact(text, analyzeDocument('p.txt', text));
      }),
      { numRuns: 400 },
    );
  });
});
