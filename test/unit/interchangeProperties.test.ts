/**
 * Property-based round trips: random texts mixing CRLF, LF, lone CR, U+2028, tabs, emoji
 * (astral code points), combining marks and curly quotes; random annotations with random
 * notes, tags, speakers and ratings. sidecar → brat → sidecar and sidecar → W3C → sidecar must
 * give back every annotation exactly, and every exported span must sit on its text.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { fromBrat, fromW3C, parseAnn, toBrat, toW3C } from '../../src/core/interchange';
import { createAnnotation } from '../../src/core/annotations/selectors';
import { ANNOTATION_KINDS, ANNOTATION_STATUSES, type Sidecar, type SidecarAnnotation } from '../../src/core/annotations/model';

const PIECES = ['a', 'b', 'Z', ' ', '\t', '\r\n', '\n', '\r', '\u2028', '😟', '🇹🇷', 'e\u0301', '“', '”', ',', '"', '=', 'ё', '.', '-'];
const textArb = fc.array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 120 }).map((p) => p.join(''));
const wordArb = fc.array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 12 }).map((p) => p.join(''));

const sidecarArb = textArb.chain((text) => {
  const length = [...text].length;
  const annotationArb = fc
    .record({
      a: fc.integer({ min: 0, max: length }),
      b: fc.integer({ min: 0, max: length }),
      kind: fc.constantFrom(...ANNOTATION_KINDS),
      status: fc.constantFrom(...ANNOTATION_STATUSES),
      reliability: fc.option(wordArb, { nil: undefined }),
      note: fc.option(wordArb, { nil: undefined }),
      tags: fc.array(wordArb, { maxLength: 3 }),
      speaker: fc.option(wordArb, { nil: undefined }),
      author: fc.option(wordArb, { nil: undefined }),
    })
    .map((r): SidecarAnnotation =>
      createAnnotation({
        text,
        start: Math.min(r.a, r.b),
        end: Math.max(r.a, r.b),
        kind: r.kind,
        status: r.status,
        tags: r.tags,
        now: new Date('2026-11-24T00:00:00.000Z'),
        ...(r.reliability === undefined ? {} : { reliability: r.reliability }),
        ...(r.note === undefined ? {} : { note: r.note }),
        ...(r.speaker === undefined || r.kind !== 'quote' ? {} : { speaker: { name: r.speaker } }),
        ...(r.author === undefined ? {} : { author: r.author }),
      }),
    );
  return fc.record({
    text: fc.constant(text),
    sidecar: fc.array(annotationArb, { maxLength: 6 }).map((annotations): Sidecar => ({
      version: 1,
      source: { path: 'random.txt', sha256: '', tags: [] },
      annotations,
    })),
  });
});

function byId(list: SidecarAnnotation[]): SidecarAnnotation[] {
  return [...list].sort((a, b) => (a.id < b.id ? -1 : 1));
}

describe('interchange: round-trip properties', () => {
  it('sidecar → brat → sidecar keeps every annotation on random texts', () => {
    fc.assert(
      fc.property(sidecarArb, ({ text, sidecar }) => {
        const exported = toBrat(sidecar, text);
        const parsed = parseAnn(exported.ann);
        assert.deepEqual(parsed.warnings, []);
        const cps = [...exported.txt];
        for (const e of parsed.entities.values()) {
          const shown = e.fragments.map(([s, f]) => cps.slice(s, f).join('')).join(' ');
          // brat shows line breaks inside a fragment as spaces; otherwise the field is the text.
          assert.equal(shown.replace(/\r\n|[\n\r\u2028]/g, ' '), e.text);
        }
        const back = fromBrat(exported.ann, exported.txt, { sourceName: 'random.txt' });
        assert.deepEqual(byId(back.annotations), byId(sidecar.annotations));
      }),
      { numRuns: 300 },
    );
  });

  it('sidecar → W3C → sidecar keeps every annotation on random texts', () => {
    fc.assert(
      fc.property(sidecarArb, ({ text, sidecar }) => {
        const { collection } = toW3C(sidecar, text, { sourceIri: 'file:///random.txt' });
        const items = JSON.parse(JSON.stringify(collection.first.items)) as Record<string, unknown>[];
        const back = fromW3C(items, text);
        assert.deepEqual(back.orphans, []);
        assert.deepEqual(byId(back.annotations), byId(sidecar.annotations));
      }),
      { numRuns: 300 },
    );
  });
});
