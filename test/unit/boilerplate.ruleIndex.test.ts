import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { matchLineRule } from '../../src/core/detect/boilerplate';
import { LINE_RULES } from '../../src/core/detect/boilerplateRules';

/** The rule pack tried rule by rule, without the first-character index. */
function everyRule(line: string): string | null {
  for (const rule of LINE_RULES) {
    if (rule.maxLength !== undefined && line.length > rule.maxLength) continue;
    if (rule.needs !== undefined && !(typeof rule.needs === 'string' ? line.includes(rule.needs) : rule.needs.test(line))) continue;
    if (rule.pattern.test(line)) return rule.reason;
  }
  return null;
}

const SEEDS = join(__dirname, '../../../seeds');
const seedLines = readdirSync(SEEDS)
  .filter((f) => f.endsWith('.txt'))
  .flatMap((f) => readFileSync(join(SEEDS, f), 'utf8').split(/\r?\n/))
  .map((l) => l.trim())
  .filter((l) => l.length > 0);

/** Lines the rules are about, so that the comparison sees many matches. */
const FURNITURE = [
  'Share this article', 'SHARE', 'share on Facebook', 'Facebook Twitter WhatsApp', 'Subscribe now', 'Sign up for our newsletter',
  'Leave a reply', '3 comments', '12 Responses to “Talks”', '[…] Talks in Antalya […]', 'Read more', 'Continue reading →',
  'Read: Lavrov says talks failed', 'Photo: AP', '(Photo by Jane Doe)', 'Image source: Reuters', 'By Jane Doe', 'BY JANE DOE | Reuters',
  'Reporting by Jane Doe; editing by John Smith', '© 2022 Example News', '(c) Example', 'Copyright 2022', 'All rights reserved.',
  'Published 3 hours ago', 'Updated: 12 March 2024, 10:41 GMT', 'Advertisement', '5 min read', 'pic.twitter.com/abc123',
  '— Jane Doe (@jane) March 7, 2022', 'Kuleba meets Lavrov in Antalya  Al Jazeera English', 'Headline here | The Outlet',
  '%d bloggers like this:', 'Our standards', 'Get in touch', 'Do you have a news tip?', 'See also: the talks', 'Most read',
];

describe('boilerplate rule pack index (first characters)', () => {
  it('matches exactly as trying every rule in order, on seed lines and furniture in any case', () => {
    for (const line of [...seedLines, ...FURNITURE]) {
      for (const variant of [line, line.toUpperCase(), line.toLowerCase(), `(${line}`, line.slice(1), `ſ${line}`, `K${line.slice(1)}`]) {
        assert.equal(matchLineRule(variant), everyRule(variant), variant);
      }
    }
  });

  it('matches headline-and-outlet lines exactly as every rule, whatever their last word (capital-letter prefilter)', () => {
    const heads = ['Kuleba meets Lavrov in Antalya for talks', 'Talks in Antalya end without a ceasefire deal'];
    const separators = ['  ', ' | ', '\u00a0\u00a0', ' \t', ' ', '\u2003 '];
    const tails = ['Al Jazeera English', 'BBC', 'the Guardian', 'Le Monde.', 'Ünited Press', 'élan Vital', 'U.S. News', "O’Brien’s", '&Co', 'Reuters ', '𝐀stral', '2022', 'Al-Monitor'];
    for (const head of heads) {
      for (const sep of separators) {
        for (const tail of tails) {
          const line = head + sep + tail;
          assert.equal(matchLineRule(line), everyRule(line), line);
        }
      }
    }
    assert.equal(matchLineRule('Kuleba meets Lavrov in Antalya for talks  Al Jazeera English'), 'related-headline');
    assert.equal(matchLineRule('Kuleba meets Lavrov in Antalya for talks  Ünited Press'), 'related-headline');
  });

  it('matches exactly as trying every rule in order, on arbitrary lines (property)', () => {
    const pieces = fc.constantFrom(...FURNITURE, 'the ', 'A ', '1. ', '(', '[', '%', '©', 'ſ', 'K', '—', '-', ' ', '  ', ' | ', ':', '2022', 'x');
    fc.assert(
      fc.property(fc.array(pieces, { minLength: 1, maxLength: 6 }), fc.string({ maxLength: 3 }), (parts, noise) => {
        const line = (noise + parts.join('')).trim();
        assert.equal(matchLineRule(line), everyRule(line));
      }),
      { numRuns: 3000 },
    );
  });
});
