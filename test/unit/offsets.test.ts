import assert from 'node:assert/strict';
import fc from 'fast-check';
import { OffsetMap, sliceCodePoints } from '../../src/core/text/offsets';

describe('OffsetMap', () => {
  it('is the identity for text without astral characters', () => {
    const m = new OffsetMap('Kuleba said “no”.\r\n');
    assert.ok(m.isIdentity);
    assert.equal(m.toCodePoint(10), 10);
    assert.equal(m.toUtf16(10), 10);
  });

  it('counts an emoji, a flag and a variation selector correctly', () => {
    const text = '⚡️ a 🇷🇺 b 🙂 c';
    const m = new OffsetMap(text);
    const cps = [...text];
    assert.equal(m.codePointLength, cps.length);
    const bAt = text.indexOf('b');
    assert.equal(cps[m.toCodePoint(bAt)], 'b');
    assert.equal(m.toUtf16(cps.indexOf('c')), text.indexOf('c'));
  });

  it('round-trips every boundary offset on random text with astral characters', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (text) => {
        const m = new OffsetMap(text);
        const cps = [...text];
        let u = 0;
        for (let cp = 0; cp <= cps.length; cp++) {
          assert.equal(m.toUtf16(cp), u);
          assert.equal(m.toCodePoint(u), cp);
          u += cp < cps.length ? (cps[cp] as string).length : 0;
        }
        assert.equal(sliceCodePoints(text, 1, Math.max(1, cps.length - 1), m), cps.slice(1, Math.max(1, cps.length - 1)).join(''));
      }),
    );
  });
});
