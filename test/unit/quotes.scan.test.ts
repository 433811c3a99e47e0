import assert from 'node:assert/strict';
import { rng } from '../../bench/inputs';
import {
  CharSet,
  WordBuffer,
  WordFilter,
  isAlnumCode,
  isLetterCode,
  isSpaceCode,
  scanMoreWords,
  scanWords,
  startsLower,
  startsUpper,
  wordCount,
} from '../../src/core/detect/quoteScan';

/**
 * The word reader the quote detector used before `scanWords` (Unicode-property regexes and
 * one object per word): the reference `scanWords` must agree with, window edges included.
 */
function referenceWords(text: string, start: number, end: number): [number, number][] {
  const alnumAt = (i: number): boolean => {
    const c = text.charCodeAt(i);
    if (c < 128) return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
    if (c >= 0xd800 && c <= 0xdbff) return /[\p{L}\p{N}]/u.test(text.slice(i, i + 2));
    return /[\p{L}\p{N}]/u.test(text[i] as string);
  };
  const out: [number, number][] = [];
  let i = start;
  while (i < end) {
    if (!alnumAt(i)) {
      i++;
      continue;
    }
    const s = i;
    for (;;) {
      while (i < end && alnumAt(i)) i += text.charCodeAt(i) >= 0xd800 && text.charCodeAt(i) <= 0xdbff ? 2 : 1;
      const c = text.charCodeAt(i);
      if (i + 1 < end && (c === 45 || c === 39 || c === 0x2019) && alnumAt(i + 1)) {
        i++;
        continue;
      }
      break;
    }
    if (i > end) i = end;
    out.push([s, i]);
  }
  return out;
}

function scanned(text: string, start: number, end: number): [number, number][] {
  const words = new WordBuffer();
  const count = scanWords(text, start, end, words);
  return Array.from({ length: count }, (_, k): [number, number] => [words.start(k), words.end(k)]);
}


const PIECES = ['a', 'Z', '7', 'é', 'İ', 'ß', '-', "'", '’', ' ', '\u00a0', '\n', ',', '“', '𝐀', '😀', '\uD835', '\uDC00', '٣', '中', '_'];

describe('quote detector character classes', () => {
  it('answer exactly what the Unicode-property regexes answer, for every BMP code unit', () => {
    for (let c = 0; c < 0x10000; c++) {
      const ch = String.fromCharCode(c);
      assert.equal(isSpaceCode(c), /\s/u.test(ch), `\\s ${c.toString(16)}`);
      assert.equal(isAlnumCode(c), /[\p{L}\p{N}]/u.test(ch), `alnum ${c.toString(16)}`);
      assert.equal(isLetterCode(c), /\p{L}/u.test(ch), `letter ${c.toString(16)}`);
      assert.equal(startsUpper(`${ch}x`, 0, 2), /^\p{Lu}/u.test(`${ch}x`), `upper ${c.toString(16)}`);
      assert.equal(startsLower(`${ch}x`, 0, 2), /^\p{Ll}/u.test(`${ch}x`), `lower ${c.toString(16)}`);
    }
  });

  it('read an astral first letter only when both halves are inside the slice', () => {
    assert.equal(startsUpper('𝐀bc', 0, 3), true);
    assert.equal(startsUpper('𝐀bc', 0, 1), /^\p{Lu}/u.test('𝐀bc'.slice(0, 1)));
    assert.equal(startsLower('𝐚', 0, 2), true);
  });

  it('CharSet and WordFilter never reject a member', () => {
    const set = new CharSet(',;“”');
    assert.equal(set.occursIn('a “b', 0, 4), true);
    assert.equal(set.occursIn('a b', 0, 3), false);
    const filter = new WordFilter(['said', 'told', 'so-called']);
    for (const w of ['said', 'SAID', 'Said', 'told', 'So-Called']) assert.equal(filter.mayHave(w, 0, w.length), true, w);
    // Non-ASCII text is never ruled out (its lower case may be ASCII: "K" → "k").
    assert.equal(filter.mayHave('sai\u212a', 0, 4), true);
  });
});

/** A random text of 1-30 pieces and a window in it. */
function randomWindow(next: () => number): { text: string; start: number; end: number } {
  const length = 1 + Math.floor(next() * 30);
  let text = '';
  for (let i = 0; i < length; i++) text += PIECES[Math.floor(next() * PIECES.length)] as string;
  const start = Math.floor(next() * text.length);
  return { text, start, end: start + Math.floor(next() * (text.length - start + 1)) };
}

describe('scanWords', () => {
  it('finds the words the regex-based reader found, on random windows with surrogates and joiners', () => {
    const next = rng(7);
    for (let n = 0; n < 3000; n++) {
      const { text, start, end } = randomWindow(next);
      assert.deepEqual(scanned(text, start, end), referenceWords(text, start, end), JSON.stringify([text, start, end]));
      // A window read as a string of its own: nothing past its end is seen.
      const own = text.slice(start, end);
      assert.equal(wordCount(text, start, end), referenceWords(own, 0, own.length).length, JSON.stringify(own));
    }
  });

  it('read on one word at a time from the end of the last word, finds what one scan finds', () => {
    const next = rng(11);
    const words = new WordBuffer();
    for (let n = 0; n < 3000; n++) {
      const { text, start, end } = randomWindow(next);
      let count = scanWords(text, start, end, words, 1);
      while (count > 0 && scanMoreWords(text, words.end(count - 1), end, words, count + 1) > count) count++;
      const oneByOne = Array.from({ length: count }, (_, k): [number, number] => [words.start(k), words.end(k)]);
      assert.deepEqual(oneByOne, scanned(text, start, end), JSON.stringify([text, start, end]));
    }
  });

  it('from white space inside a window, finds the words after it that the whole window holds', () => {
    // What the noun-phrase test relies on to read only the last words before a quote.
    const next = rng(13);
    for (let n = 0; n < 3000; n++) {
      const { text, start, end } = randomWindow(next);
      const whole = scanned(text, start, end);
      for (let p = start; p < end; p++) {
        if (!isSpaceCode(text.charCodeAt(p))) continue;
        assert.deepEqual(scanned(text, p, end), whole.filter(([s]) => s >= p), JSON.stringify([text, start, end, p]));
      }
    }
  });

  it('stops after `max` words and reuses its buffer', () => {
    const words = new WordBuffer();
    const text = Array.from({ length: 100 }, (_, i) => `w${i}`).join(' ');
    assert.equal(scanWords(text, 0, text.length, words), 100);
    assert.equal(scanWords(text, 0, text.length, words, 3), 3);
    assert.equal(words.word(text, 2), 'w2');
  });
});
