import assert from 'node:assert/strict';
import { ALL_HIGHLIGHTS_ON, DECORATION_KEYS, planDecorations, reliabilityTier } from '../../src/core/decorationPlan';
import { cleanText } from '../../src/core/present/cleanText';
import { buildEntries, entriesAt, neighbourEntry, pickEntry, type UserAnnotationView } from '../../src/core/present/entries';
import { DEFAULT_RELIABILITY_SCALE } from '../../src/core/settings/settings';
import type { DocumentAnalysis } from '../../src/core/types';

/** A hand-made analysis of a text written for this test, with code point offsets. */
function sample(): { text: string; analysis: DocumentAnalysis } {
  const text = 'Mayor Ana Ruiz said: “We will rebuild the bridge by May.” Subscribe to our newsletter';
  const cp = [...text];
  const span = (s: string) => {
    const start = cp.join('').indexOf(s); // ASCII/BMP only before the spans used here
    return { start, end: start + [...s].length, text: s };
  };
  const quote = span('“We will rebuild the bridge by May.”');
  const cue = span('Ana Ruiz said');
  const person = span('Ana Ruiz');
  const bp = span('Subscribe to our newsletter');
  return {
    text,
    analysis: {
      path: 'x.txt',
      quotes: [{ ...quote, kind: 'speech', speaker: { name: 'Ana Ruiz', personId: 'p:ana-ruiz' }, cue, confidence: 0.9 }],
      people: [{ id: 'p:ana-ruiz', name: 'Ana Ruiz', aliases: ['Ana Ruiz', 'Ruiz'], role: 'Mayor', mentions: [person] }],
      claims: [{ ...span('We will rebuild the bridge by May.'), reasons: ['date'], score: 0.7 }],
      boilerplate: [{ ...bp, reason: 'newsletter call to action' }],
    },
  };
}

describe('decoration plan', () => {
  it('gives every decoration key a list, with one range per detected span and one for the cue', () => {
    const { text, analysis } = sample();
    const plan = planDecorations(text, buildEntries(analysis, []), ALL_HIGHLIGHTS_ON, DEFAULT_RELIABILITY_SCALE);
    assert.deepEqual(Object.keys(plan).sort(), [...DECORATION_KEYS].sort());
    const slice = (r: { start: number; end: number }) => text.slice(r.start, r.end);
    assert.deepEqual(plan.quote.map(slice), ['“We will rebuild the bridge by May.”']);
    assert.deepEqual(plan.speaker.map(slice), ['Ana Ruiz said']);
    assert.deepEqual(plan.person.map(slice), ['Ana Ruiz']);
    assert.deepEqual(plan.claim.map(slice), ['We will rebuild the bridge by May.']);
    assert.deepEqual(plan.boilerplate.map(slice), ['Subscribe to our newsletter']);
    assert.equal(plan.confirmed.length, 0);
    assert.equal(plan.reliability1.length + plan.reliability5.length, 0);
  });

  it('plans only what overlaps a window (dense documents), keeping a cue that lies outside its quote', () => {
    const { text, analysis } = sample();
    const entries = buildEntries(analysis, []);
    const slice = (r: { start: number; end: number }) => text.slice(r.start, r.end);
    const cp = (s: string) => text.indexOf(s); // BMP text: code points = UTF-16 here
    // A window over "Ana Ruiz said" only: the cue and the person, not the quote or the footer.
    const window = { start: cp('Ana'), end: cp('said') + 4 };
    const plan = planDecorations(text, entries, ALL_HIGHLIGHTS_ON, DEFAULT_RELIABILITY_SCALE, { window });
    assert.deepEqual(plan.speaker.map(slice), ['Ana Ruiz said']);
    assert.deepEqual(plan.person.map(slice), ['Ana Ruiz']);
    assert.deepEqual(plan.quote, []);
    assert.deepEqual(plan.boilerplate, []);
    // A window over the footer: only the footer; a window over everything: the full plan.
    const footer = planDecorations(text, entries, ALL_HIGHLIGHTS_ON, DEFAULT_RELIABILITY_SCALE, { window: { start: cp('Subscribe'), end: text.length } });
    assert.deepEqual(footer.boilerplate.map(slice), ['Subscribe to our newsletter']);
    assert.deepEqual([footer.quote, footer.speaker, footer.person, footer.claim], [[], [], [], []]);
    const whole = planDecorations(text, entries, ALL_HIGHLIGHTS_ON, DEFAULT_RELIABILITY_SCALE, { window: { start: 0, end: text.length } });
    assert.deepEqual(whole, planDecorations(text, entries, ALL_HIGHLIGHTS_ON, DEFAULT_RELIABILITY_SCALE));
  });

  it('converts code point offsets to UTF-16 ranges after astral characters', () => {
    const text = '😀😀 “Hi there,” she said.';
    const cps = [...text];
    const start = cps.indexOf('“');
    const end = start + [...'“Hi there,”'].length;
    const analysis: DocumentAnalysis = {
      path: 'e.txt',
      quotes: [{ start, end, text: '“Hi there,”', kind: 'speech', speaker: null, cue: null, confidence: 0.5 }],
      people: [],
      claims: [],
      boilerplate: [],
    };
    const plan = planDecorations(text, buildEntries(analysis, []), ALL_HIGHLIGHTS_ON, DEFAULT_RELIABILITY_SCALE);
    assert.equal(plan.quote.length, 1);
    const r = plan.quote[0]!;
    assert.equal(text.slice(r.start, r.end), '“Hi there,”');
    assert.equal(r.start, start + 2); // two surrogate pairs before it
  });

  it('hides rejected detections and marks confirmed ones and reliability tiers', () => {
    const { text, analysis } = sample();
    const q = analysis.quotes[0]!;
    const b = analysis.boilerplate[0]!;
    const annotations: UserAnnotationView[] = [
      { id: 'a1', kind: 'quote', start: q.start, end: q.end, exact: q.text, status: 'confirmed', reliability: 'disputed' },
      { id: 'a2', kind: 'boilerplate', start: b.start, end: b.end, exact: b.text, status: 'rejected' },
    ];
    const plan = planDecorations(text, buildEntries(analysis, annotations), ALL_HIGHLIGHTS_ON, DEFAULT_RELIABILITY_SCALE);
    assert.equal(plan.boilerplate.length, 0);
    assert.equal(plan.confirmed.length, 1);
    assert.equal(plan.reliability4.length, 1, 'disputed is the 4th of 5 levels');
    assert.equal(text.slice(plan.reliability4[0]!.start, plan.reliability4[0]!.end), q.text);
  });

  it('respects the per-kind toggles (off = empty list, so stale ranges are cleared)', () => {
    const { text, analysis } = sample();
    const plan = planDecorations(
      text,
      buildEntries(analysis, []),
      { ...ALL_HIGHLIGHTS_ON, quotes: false, speakers: false, boilerplate: false },
      DEFAULT_RELIABILITY_SCALE,
    );
    assert.equal(plan.quote.length, 0);
    assert.equal(plan.speaker.length, 0);
    assert.equal(plan.boilerplate.length, 0);
    assert.equal(plan.person.length, 1);
  });

  it('clamps spans that run past the end of the text instead of throwing', () => {
    const text = 'short';
    const entries = buildEntries({ path: 'p', quotes: [], people: [], claims: [], boilerplate: [] }, [
      { id: 'n', kind: 'note', start: 2, end: 99, exact: 'ort', status: 'manual' },
      { id: 'z', kind: 'note', start: 50, end: 60, exact: '?', status: 'manual' },
    ]);
    const plan = planDecorations(text, entries, ALL_HIGHLIGHTS_ON, DEFAULT_RELIABILITY_SCALE);
    assert.deepEqual(plan.note, [{ start: 2, end: 5 }]);
  });

  it('spreads any scale length over five tiers, first best and last worst', () => {
    assert.equal(reliabilityTier('confirmed', DEFAULT_RELIABILITY_SCALE), 'reliability1');
    assert.equal(reliabilityTier('false', DEFAULT_RELIABILITY_SCALE), 'reliability5');
    assert.equal(reliabilityTier('good', ['good', 'bad']), 'reliability1');
    assert.equal(reliabilityTier('bad', ['good', 'bad']), 'reliability5');
    assert.equal(reliabilityTier('nope', DEFAULT_RELIABILITY_SCALE), undefined);
  });
});

describe('entries', () => {
  it('a sidecar decision attaches to the detection on the same span; other annotations stand alone', () => {
    const { analysis } = sample();
    const q = analysis.quotes[0]!;
    const entries = buildEntries(analysis, [
      { id: 'a1', kind: 'quote', start: q.start, end: q.end, exact: q.text, status: 'confirmed', speaker: 'Someone Else' },
      { id: 'a2', kind: 'note', start: 0, end: 5, exact: 'Mayor', status: 'manual', note: 'check title' },
      { id: 'orphan', kind: 'claim', exact: 'gone', status: 'manual' },
    ]);
    const quote = entries.find((e) => e.kind === 'quote')!;
    assert.equal(quote.id, 'a1');
    assert.equal(quote.status, 'confirmed');
    assert.equal(quote.speaker, 'Someone Else');
    assert.ok(entries.some((e) => e.id === 'a2' && e.note === 'check title'));
    assert.ok(!entries.some((e) => e.id === 'orphan'));
    assert.equal(entries.filter((e) => e.status === 'detected').length, 3, 'person, claim and boilerplate stay undecided');
  });

  it('a term the user gave a speaker is shown as a speech quote', () => {
    const text = 'They called it a “special operation” on TV.';
    const start = text.indexOf('“');
    const quote = { start, end: start + '“special operation”'.length, text: '“special operation”' };
    const analysis: DocumentAnalysis = { path: 't', quotes: [{ ...quote, kind: 'term', speaker: null, cue: null, confidence: 0.6 }], people: [], claims: [], boilerplate: [] };
    assert.equal(buildEntries(analysis, [])[0]?.kind, 'term');
    const attributed = buildEntries(analysis, [{ id: 'a', kind: 'quote', ...quote, exact: quote.text, status: 'confirmed', speaker: 'Vladimir Putin' }]);
    assert.equal(attributed.length, 1);
    assert.equal(attributed[0]?.kind, 'quote');
    assert.equal(attributed[0]?.speaker, 'Vladimir Putin');
  });

  it('picks the preferred kind under the cursor, innermost first, and walks next/previous with wrap-around', () => {
    const { analysis } = sample();
    const entries = buildEntries(analysis, []);
    const person = analysis.people[0]!.mentions[0]!;
    assert.equal(pickEntry(entries, person.start + 1)?.kind, 'person');
    const q = analysis.quotes[0]!;
    assert.equal(pickEntry(entries, q.start + 3)?.kind, 'quote');
    assert.equal(pickEntry(entries, q.start + 3, ['claim'])?.kind, 'claim');
    assert.equal(entriesAt(entries, q.end).length, 0);
    assert.ok(entriesAt(entries, q.end, true).length >= 1);
    const next = neighbourEntry(entries, person.start, 'next');
    assert.equal(next?.kind, 'quote');
    const last = entries[entries.length - 1]!;
    assert.equal(neighbourEntry(entries, last.start, 'next')?.id, entries[0]!.id);
    assert.equal(neighbourEntry(entries, 0, 'previous')?.id, last.id);
  });
});

describe('clean text', () => {
  it('drops boilerplate spans (overlapping too) and collapses the blank lines they leave', () => {
    const text = 'Connect with us\n\n\nTitle 😀\n\nBody “quote”.\n\nClick to comment\n\nLeave a Reply\n';
    const span = (s: string) => {
      const start = [...text.slice(0, text.indexOf(s))].length;
      return { start, end: start + [...s].length };
    };
    const out = cleanText(text, [span('Connect with us'), span('Click to comment'), span('Leave a Reply'), span('Leave a')]);
    assert.equal(out, 'Title 😀\n\nBody “quote”.\n');
  });
});
