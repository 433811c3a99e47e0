import assert from 'node:assert/strict';
import { detectPeople } from '../../src/core/detect/people';
import { segment } from '../../src/core/text/segment';

// The people detector reads words, gaps and the words around a name in place (code unit
// scans, hash look-ups) rather than with one regex per word; these cases pin the rules those
// readings must keep.

function names(text: string): string[] {
  return detectPeople(text, segment(text)).map((p) => p.name);
}

describe('people detection: reading around names', () => {
  it('takes a reporting verb after the name, also after "who" / "has", but not a noun-like form', () => {
    assert.deepEqual(names('Yesterday Batbayar said the talks failed.'), ['Batbayar']);
    assert.deepEqual(names('Yesterday Batbayar, who said the talks failed, left.'), ['Batbayar']);
    assert.deepEqual(names('Yesterday Batbayar has told reporters the talks failed.'), ['Batbayar']);
    assert.deepEqual(names('Yesterday Batbayar claims were rejected.'), []);
    // Title Case verbs are headline words, not evidence.
    assert.deepEqual(names('Yesterday Batbayar Said Goodbye.'), []);
  });

  it('takes a reporting verb before the name, and "according to"', () => {
    assert.deepEqual(names('The talks failed, said Batbayar on Monday.'), ['Batbayar']);
    assert.deepEqual(names('The talks failed, according to Batbayar.'), ['Batbayar']);
    assert.deepEqual(names('The talks failed, close to Batbayar.'), []);
  });

  it('reads the verb after a name only within the 40 characters after it', () => {
    // "said" ends 40 characters after the name: still read whole.
    assert.deepEqual(names(`Yesterday Batbayar${' '.repeat(36)}said no.`), ['Batbayar']);
    // Two spaces more and only "sa" lies inside the window.
    assert.deepEqual(names(`Yesterday Batbayar${' '.repeat(38)}said no.`), []);
  });

  it('reads a word with an astral letter as one word', () => {
    assert.deepEqual(names('Yesterday Batbay\u{1D41A}r said the talks failed.'), ['Batbay\u{1D41A}r']);
  });

  it('joins name words across particles and a title’s "of", and not across other gaps', () => {
    assert.deepEqual(names('Secretary of State Antony Blinken met Bashar al-Assad.'), ['Antony Blinken', 'Bashar al-Assad']);
    assert.deepEqual(names('Commission chief Ursula von der Leyen spoke.'), ['Ursula von der Leyen']);
    assert.deepEqual(names('Emmanuel Macron and Olaf Scholz met.'), ['Emmanuel Macron', 'Olaf Scholz']);
  });

  it('finds hashtag names wherever a block has a "#"', () => {
    const people = detectPeople('Talks ended.\n\nFollow #Sergey_Lavrov for updates.', segment('Talks ended.\n\nFollow #Sergey_Lavrov for updates.'));
    assert.deepEqual(
      people.map((p) => [p.name, p.mentions.map((m) => m.text)]),
      [['Sergey Lavrov', ['Sergey_Lavrov']]],
    );
  });

  it('finds names after long stretches of prose without capitals, block by block', () => {
    const prose = 'the talks went on for hours and nobody expected much from them';
    const text = `Yesterday Batbayar said ${prose}, and then ${prose} until Zorig Batbayar said so.\n\n${prose}.\n\nKuleba said no.`;
    assert.deepEqual(names(text), ['Zorig Batbayar', 'Kuleba']);
  });

  it('finds a hashtag name after a "#" that starts none', () => {
    const text = 'Ranked #1 this week: follow #Sergey_Lavrov for updates.';
    assert.deepEqual(
      detectPeople(text, segment(text)).map((p) => [p.name, p.mentions.map((m) => m.text)]),
      [['Sergey Lavrov', ['Sergey_Lavrov']]],
    );
  });

  it('reads East Asian names family name first, Western ones given name first', () => {
    const text = 'Xi Jinping said the visit went well. Kim Jong Un said nothing. Kim Clijsters said she would play.';
    const people = detectPeople(text, segment(text));
    assert.deepEqual(
      people.map((p) => p.id),
      ['p:xi-jinping', 'p:kim-jong-un', 'p:kim-clijsters'],
    );
    // A later surname-only mention attaches by the family name.
    const later = `${text} Xi said more.`;
    assert.deepEqual(
      detectPeople(later, segment(later))[0]?.mentions.map((m) => m.text),
      ['Xi Jinping', 'Xi'],
    );
  });

  it('gives mentions in text order although surname-only ones are attached after full names', () => {
    const text = 'Lavrov arrived. Sergei Lavrov said the talks failed. Lavrov left, and Sergei Lavrov said more.';
    const people = detectPeople(text, segment(text));
    assert.equal(people.length, 1);
    const starts = people[0]?.mentions.map((m) => m.start) ?? [];
    assert.deepEqual(starts, [...starts].sort((a, b) => a - b));
    assert.deepEqual(
      people[0]?.mentions.map((m) => m.text),
      ['Lavrov', 'Sergei Lavrov', 'Lavrov', 'Sergei Lavrov'],
    );
  });

  it('gives the same answer for a document after a longer one was analysed (lists reused between calls)', () => {
    const short = 'Kuleba said no. Sergei Lavrov met Dmitry Kuleba, and Lavrov said the talks failed.';
    const long = Array.from({ length: 200 }, (_, i) => `Minister Batbayar${i % 7 === 0 ? '' : ` ${i}`} said Peskov, according to Zorig.`).join('\n\n');
    const before = detectPeople(short, segment(short));
    detectPeople(long, segment(long));
    assert.deepEqual(detectPeople(short, segment(short)), before);
    assert.deepEqual(
      before.map((p) => p.name),
      ['Dmitry Kuleba', 'Sergei Lavrov'],
    );
  });
});
