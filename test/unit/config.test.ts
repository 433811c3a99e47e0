import assert from 'node:assert/strict';
import { ALL_HIGHLIGHTS_ON } from '../../src/core/decorationPlan';
import { DEFAULT_RELIABILITY_SCALE, DEFAULT_SOURCE_GLOBS, parseSettings } from '../../src/core/settings/settings';

const from = (o: Record<string, unknown>) => parseSettings((k) => o[k]);

describe('settings snapshot', () => {
  it('uses the defaults when nothing is set', () => {
    const s = from({});
    assert.deepEqual(s.highlights, ALL_HIGHLIGHTS_ON);
    assert.equal(s.boilerplateStyle, 'dim');
    assert.deepEqual(s.reliabilityScale, DEFAULT_RELIABILITY_SCALE);
    assert.deepEqual(s.sourceGlobs, DEFAULT_SOURCE_GLOBS);
    assert.equal(s.updateDelay, 300);
    assert.equal(s.author, '');
    assert.deepEqual(s.problems, []);
  });

  it('reads per-kind toggles, style, scale, author and delay', () => {
    const s = from({
      'highlight.claims': false,
      boilerplateStyle: 'strikethrough',
      reliabilityScale: [' high ', 'low'],
      author: ' Kim ',
      updateDelay: 50,
      followCursor: false,
    });
    assert.equal(s.highlights.claims, false);
    assert.equal(s.highlights.quotes, true);
    assert.equal(s.boilerplateStyle, 'strikethrough');
    assert.deepEqual(s.reliabilityScale, ['high', 'low']);
    assert.equal(s.author, 'Kim');
    assert.equal(s.updateDelay, 50);
    assert.equal(s.followCursor, false);
  });

  it('falls back and explains invalid values instead of throwing', () => {
    const s = from({
      'highlight.people': 'yes',
      boilerplateStyle: 'blink',
      reliabilityScale: ['a', 'a'],
      updateDelay: -5,
      boilerplatePatterns: ['Read more', '(x+)+y'],
    });
    assert.equal(s.highlights.people, true);
    assert.equal(s.boilerplateStyle, 'dim');
    assert.deepEqual(s.reliabilityScale, DEFAULT_RELIABILITY_SCALE);
    assert.equal(s.updateDelay, 300);
    assert.equal(s.boilerplatePatterns.length, 1);
    assert.equal(s.problems.length, 5);
    assert.ok(s.problems.some((p) => p.includes('(x+)+y') && p.includes('nests quantifiers')));
  });
});
