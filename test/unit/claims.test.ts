import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { detectClaims, scoreSentence, CLAIM_THRESHOLD } from '../../src/core/detect/claims';
import { detectBoilerplate } from '../../src/core/detect/boilerplate';
import { segment } from '../../src/core/text/segment';
import type { Person, Quote } from '../../src/core/types';

const SEEDS = join(__dirname, '../../../seeds');

function isClaim(sentence: string): boolean {
  const s = scoreSentence(sentence);
  return s !== null && s.score >= CLAIM_THRESHOLD;
}

function reasons(sentence: string): string[] {
  return scoreSentence(sentence)?.reasons ?? [];
}

describe('claims: cues', () => {
  it('numbers and quantities, written or in digits', () => {
    assert.ok(isClaim('The flooding has displaced more than two million people across the region.'));
    assert.ok(reasons('The country has a population of 44 million people.').includes('quantity'));
    assert.ok(reasons('Prices rose by 12% in the year to March.').includes('quantity'));
    assert.ok(reasons('The company paid $3.5 billion for the mine.').includes('quantity'));
    assert.ok(reasons('The ministry listed three demands in its letter.').includes('number'));
  });

  it('dates and durations', () => {
    assert.ok(reasons('The ministers met in Geneva on March 10, 2022.').includes('date'));
    assert.ok(reasons('The summit lasted an hour and a half before both delegations left.').includes('duration'));
    assert.ok(reasons('Both sides discussed a 24-hour truce for the besieged town.').includes('duration'));
  });

  it('a year is a date, not a quantity', () => {
    const r = reasons('The bridge was completed in 1998 after years of delays.');
    assert.ok(r.includes('date'));
    assert.ok(!r.includes('quantity') && !r.includes('number'));
  });

  it('attributed statements, accusations and denials', () => {
    assert.ok(reasons('The minister said that the border would stay closed.').includes('attributed'));
    assert.ok(reasons('According to the ministry, the border would stay closed.').includes('attributed'));
    assert.ok(isClaim('The government accused the rebels of violating the agreement.'));
    assert.ok(isClaim('The company denies that it paid any bribes to officials.'));
  });

  it('causal and comparative assertions, laws and sanctions', () => {
    assert.ok(reasons('The drought caused the harvest to fail in most northern districts.').includes('causal'));
    assert.ok(reasons('It was the largest protest in the capital for a decade.').includes('comparative'));
    assert.ok(isClaim('Parliament passed a law that bans the sale of the pesticide.'));
    assert.ok(reasons('The EU imposed sanctions on five banks.').includes('law-sanctions'));
  });

  it('questions, opinion and fragments are not claims', () => {
    assert.ok(!isClaim('Did the minister really say that the border would stay closed?'));
    assert.ok(!isClaim('This is a wonderful day for everybody.'));
    assert.ok(!isClaim('What a disgrace it all is.'));
    assert.ok(!isClaim('Turkey Balance'));
    assert.ok(!isClaim('I think we should all be more patient with each other.'));
  });

  it('opinion markers damp the score', () => {
    const plain = scoreSentence('The plan will cut emissions by 40 percent.')!;
    const opinion = scoreSentence('I think the plan will cut emissions by 40 percent.')!;
    assert.ok(opinion.score < plain.score);
    assert.ok(opinion.reasons.includes('opinion-damped'));
  });
});

describe('claims: other beats (text written for this test)', () => {
  const claims = [
    'Inflation in the euro area slowed to 2.4 percent in November, the lowest rate in two years, Eurostat said.',
    'The central bank kept its main interest rate unchanged at 4 percent.',
    'The hospital treated 312 patients for heat stroke during the heatwave.',
    'Health officials blamed contaminated water for the outbreak.',
    'The vaccine was approved by regulators in March.',
    'The senator denied receiving any payments from the company.',
    'Under the new law, companies that fail to report emissions face fines of up to 10,000 euros.',
    'The bridge collapsed because of corroded steel cables, investigators concluded.',
    'The river rose by two metres overnight.',
  ];
  const notClaims = [
    'Economists had expected a bigger fall.',
    'It is time for the government to listen.',
    'Why did the minister resign?',
    'What a beautiful morning it was.',
    'We hope the talks will succeed.',
  ];
  for (const s of claims) it(`claim: ${s}`, () => assert.ok(isClaim(s)));
  for (const s of notClaims) it(`not a claim: ${s}`, () => assert.ok(!isClaim(s)));
});

describe('claims: detectClaims', () => {
  const text =
    'Storm hits coast\n\nThe storm killed at least 12 people on Monday, officials said.\n\nIs this the new normal?\n\nSubscribe now for unlimited access to 40 years of archives\n\nWhat a terrible sight.\n';

  it('returns claims with exact spans, skipping questions, opinion and boilerplate', () => {
    const blocks = segment(text);
    const bp = detectBoilerplate(text, blocks);
    const claims = detectClaims(text, blocks, [], [], bp);
    for (const c of claims) assert.equal(text.slice(c.start, c.end), c.text);
    assert.deepEqual(
      claims.map((c) => c.text),
      ['The storm killed at least 12 people on Monday, officials said.'],
    );
    assert.ok(claims[0]!.score > 0.5 && claims[0]!.score <= 1);
  });

  it('uses attributed quotes and people as attribution evidence', () => {
    const t = 'Intro line here\n\n“We will rebuild the harbour,” Maria Costa said on the radio.\n';
    const blocks = segment(t);
    const qStart = t.indexOf('“');
    const qEnd = t.indexOf('”') + 1;
    const quote: Quote = {
      start: qStart, end: qEnd, text: t.slice(qStart, qEnd), kind: 'speech',
      speaker: { name: 'Maria Costa', personId: 'p:maria-costa' }, cue: null, confidence: 0.9,
    };
    const pStart = t.indexOf('Maria');
    const person: Person = {
      id: 'p:maria-costa', name: 'Maria Costa', aliases: [], mentions: [{ start: pStart, end: pStart + 11, text: 'Maria Costa' }],
    };
    const withQuote = detectClaims(t, blocks, [quote], [person]);
    assert.equal(withQuote.length, 1);
    assert.ok(withQuote[0]!.reasons.includes('attributed-quote'));
  });

  it('seed 001: the displacement figure and the 44 million are claims', () => {
    const name = readdirSync(SEEDS).find((f) => f.startsWith('001'))!;
    const seed = readFileSync(join(SEEDS, name), 'utf8');
    const blocks = segment(seed);
    const claims = detectClaims(seed, blocks, [], [], detectBoilerplate(seed, blocks));
    assert.ok(claims.some((c) => c.text.includes('more than two million people')));
    assert.ok(claims.some((c) => c.text.includes('44 million people')));
    assert.ok(!claims.some((c) => c.text.includes('Register now')));
    assert.ok(!claims.some((c) => c.text === 'Turkey Balance'));
  });
});

describe('claims: properties', () => {
  it('claims are exact sentence spans with scores in (threshold, 1] and at least one reason', () => {
    const words = fc.constantFrom('The', 'army', 'said', '12', 'people', 'on', 'Monday', 'because', 'sanctions', 'I', 'think', '?', '.', '“', '”', '\n\n', '🇷🇺', 'million', 'denied');
    fc.assert(
      fc.property(fc.array(words, { maxLength: 60 }), (parts) => {
        const text = parts.join(' ');
        const blocks = segment(text);
        for (const c of detectClaims(text, blocks)) {
          assert.equal(text.slice(c.start, c.end), c.text);
          assert.ok(c.score >= CLAIM_THRESHOLD && c.score <= 1);
          assert.ok(c.reasons.length > 0);
        }
      }),
      { numRuns: 300 },
    );
  });
});
