import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { detectBoilerplate, matchLineRule } from '../../src/core/detect/boilerplate';
import { BOILERPLATE_REASONS, LINE_RULES, INLINE_RULES } from '../../src/core/detect/boilerplateRules';
import { findCorpusRepeatedLines, normalizeLine } from '../../src/core/corpus/lines';
import { segment } from '../../src/core/text/segment';
import type { AnalyzeOptions, Boilerplate } from '../../src/core/types';

const SEEDS = join(__dirname, '../../../seeds');

function seed(prefix: string): string {
  const name = readdirSync(SEEDS).find((f) => f.startsWith(prefix));
  assert.ok(name, `seed ${prefix} exists`);
  return readFileSync(join(SEEDS, name), 'utf8');
}

function detect(text: string, options: AnalyzeOptions = {}): Boilerplate[] {
  const found = detectBoilerplate(text, segment(text), options);
  for (const b of found) assert.equal(text.slice(b.start, b.end), b.text, 'span text matches the source');
  return found;
}

function reasonOf(found: Boilerplate[], line: string): string | undefined {
  return found.find((b) => b.text === line)?.reason;
}

/** A plausible article body: prose lines long enough to count as content. */
const PROSE = [
  'The city council voted on Tuesday to extend the emergency housing programme for another twelve months, officials said.',
  'Opposition members argued that the scheme had cost far more than planned and that the money could have been spent on schools.',
  'The mayor said the programme had moved more than four thousand families out of temporary shelters since it began in the spring.',
];

function article(...middle: string[]): string {
  return ['Council extends housing scheme', '', PROSE[0], '', ...middle.flatMap((l) => [l, '']), PROSE[1], '', PROSE[2], ''].join('\n');
}

describe('boilerplate: rule pack', () => {
  const cases: [string, string][] = [
    ['Subscribe now for unlimited digital access', 'subscription-prompt'],
    ['Sign up to our free morning newsletter', 'newsletter'],
    ['Got a tip? Send it to our newsroom.', 'tip-line'],
    ['See also: Mayor resigns after budget row', 'see-also'],
    ['Related Articles', 'see-also'],
    ['Continue reading', 'read-more'],
    ['Click to comment', 'comment-prompt'],
    ['Leave a comment', 'comment-prompt'],
    ['12 Comments', 'comment-prompt'],
    ['Your email address will not be published.', 'comment-form'],
    ['Save my name, email, and website in this browser for the next time I comment.', 'comment-form'],
    ['3 thoughts on “Council extends housing scheme”', 'comment-section'],
    ['[…] council extends its housing scheme for a year […]', 'comment-section'],
    ['Share this article', 'share-prompt'],
    ['Follow us on Instagram for more', 'share-prompt'],
    ['Facebook Twitter WhatsApp Email', 'share-prompt'],
    ['12 bloggers like this.', 'site-footer'],
    ['Powered by WordPress', 'site-footer'],
    ['© 2024 The Daily Example. All rights reserved.', 'site-footer'],
    ['Advertisement', 'page-chrome'],
    ['Photo by Jane Roe / Getty Images', 'credit'],
    ['Image credit: city archive', 'credit'],
    ['Maria Lopez/AFP via Getty Images', 'credit'],
    ['Reporting by Anna Smith; editing by Tom Brown', 'byline'],
    ['By Jane Roe and Peter Okafor', 'byline'],
    ['pic.twitter.com/AbC123xyz', 'tweet-residue'],
    ['— City Hall (@cityhall) June 3, 2023', 'tweet-residue'],
    ['Mayor resigns after budget row | The Daily Example', 'related-headline'],
    ['Read: Mayor resigns after budget row', 'related-headline'],
    ['Our Standards: The Trust Principles.', 'site-footer'],
    ['Jane Roe | City Blog June 4, 2023 at 10:12 am', 'comment-section'],
    ['Story continues below advertisement', 'page-chrome'],
    ['Already a subscriber? Log in', 'subscription-prompt'],
    ['By Anna de Vries', 'byline'],
    ['Published 3 hours ago', 'page-chrome'],
    ['Updated: 12 March 2024, 10:41 GMT', 'page-chrome'],
    ['Image source, EPA', 'credit'],
  ];
  for (const [line, reason] of cases) {
    it(`marks "${line}" as ${reason}`, () => {
      assert.equal(matchLineRule(line), reason);
    });
  }

  const content = [
    'By Thursday, the two sides had agreed on a prisoner exchange.',
    'Registered voters will receive their ballots by post.',
    'Share prices fell sharply after the announcement, traders said.',
    'Photographers were kept away from the meeting room.',
    'Source code for the voting software was never published.',
    'Turkey Balance',
    'Updated figures show 40 dead.',
    'Published in 1998, the report was ignored.',
    'Read the statement in full on the ministry website.',
    'Our reporters saw at least three burned-out tanks near the bridge.',
    'Ukrainian Foreign Minister Dmytro Kuleba',
  ];
  for (const line of content) {
    it(`leaves content alone: "${line}"`, () => {
      assert.equal(matchLineRule(line), null);
    });
  }
});

describe('boilerplate: inline spans', () => {
  it('marks a trailing "Read more" as a span, not the whole line', () => {
    const text = article('She urged the council to act “in good faith, not for headlines.” Read more');
    const found = detect(text);
    const hit = found.find((b) => b.reason === 'read-more');
    assert.ok(hit);
    assert.equal(hit.text, 'Read more');
  });

  it('marks a pic.twitter.com link inside a tweet line', () => {
    const text = article('Residents gathered outside the town hall on Monday evening to protest the plan pic.twitter.com/Xy12AbCd');
    const hit = detect(text).find((b) => b.reason === 'tweet-residue');
    assert.equal(hit?.text, 'pic.twitter.com/Xy12AbCd');
  });

  it('marks only the repeated title in "Title: subheading"', () => {
    const text = article('Council extends housing scheme: what changes now');
    const hit = detect(text).find((b) => b.reason === 'repeated-title');
    assert.equal(hit?.text, 'Council extends housing scheme');
  });
});

describe('boilerplate: structure', () => {
  it('marks the title repeated later in the page but not the title itself', () => {
    const text = article('Council extends housing scheme');
    const found = detect(text).filter((b) => b.reason === 'repeated-title');
    assert.equal(found.length, 1);
    assert.ok(found[0]!.start > 10);
  });

  it('marks a line repeated within the document', () => {
    const promo = 'Download our app for breaking alerts';
    const text = article(promo, PROSE[0]!.replace('Tuesday', 'Wednesday'), promo);
    const found = detect(text).filter((b) => b.text === promo);
    assert.deepEqual(found.map((b) => b.reason), ['repeated-line']);
  });

  it('marks short corpus-repeated lines but not shared prose (wire copy)', () => {
    const footer = 'Trusted news since 1851 from the heart of the valley';
    const a = article(footer);
    const b = ['Housing scheme extended', '', PROSE[0], '', 'A different second paragraph written by another outlet about the same vote on Tuesday.', '', footer, ''].join('\n');
    const repeated = findCorpusRepeatedLines([a, b]);
    assert.ok(repeated.has(normalizeLine(footer)));
    assert.ok(!repeated.has(normalizeLine(PROSE[0]!)), 'shared prose is not corpus boilerplate');
    assert.equal(reasonOf(detect(a, { corpusRepeatedLines: repeated }), footer), 'corpus-repeat');
    assert.equal(reasonOf(detect(a, { corpusRepeatedLines: repeated }), PROSE[0]!), undefined);
  });

  it('accepts a plain Set of normalised lines as corpus evidence', () => {
    const footer = 'Trusted news since 1851 from the heart of the valley';
    const plain = new Set([normalizeLine(footer)]);
    assert.equal(reasonOf(detect(article(footer.toUpperCase()), { corpusRepeatedLines: plain }), footer.toUpperCase()), 'corpus-repeat');
  });

  it('ignores one-word lines for corpus repeats', () => {
    const repeated = findCorpusRepeatedLines(['Ukraine\n\nsome text here', 'Ukraine\n\nother text here']);
    assert.ok(!repeated.has('ukraine'));
  });

  it('normalises case, diacritics, quotes, bullets and trailing punctuation', () => {
    assert.equal(normalizeLine('  • Mevlüt Çavuşoğlu’s  “VISIT”.  '), normalizeLine("Mevlut Cavusoglu's \"visit\""));
  });
});

describe('boilerplate: jusText-style context', () => {
  it('marks a short line between boilerplate lines as low-content', () => {
    const text = article('Share this article', 'Jane Doe', 'Leave a comment');
    assert.equal(reasonOf(detect(text), 'Jane Doe'), 'low-content');
  });

  it('judges a long keyword list by its neighbours, like a short line', () => {
    const tags = 'Tags Housing Council Budget Mayor Amira Haddad Elections Local Government Shelters Valley';
    assert.equal(reasonOf(detect(article('Share this article', tags, 'Leave a comment')), tags), 'low-content');
    assert.equal(reasonOf(detect(article(tags)), tags), undefined, 'between prose it stays');
  });

  it('keeps short section headings and captions between prose', () => {
    const text = article('Budget Fears', 'Council leader Amira Haddad');
    const found = detect(text);
    assert.equal(reasonOf(found, 'Budget Fears'), undefined);
    assert.equal(reasonOf(found, 'Council leader Amira Haddad'), undefined);
  });

  it('marks short navigation lines above the title, and picks a headline-length title', () => {
    const text = ['Home', 'World', 'Europe', ...article('Council extends housing scheme').split('\n')].join('\n');
    const found = detect(text);
    assert.deepEqual(found.filter((b) => b.reason === 'navigation').map((b) => b.text), ['World', 'Europe']);
    assert.equal(reasonOf(found, 'Home'), 'page-chrome');
    // The real title is recognised: its later repeat is marked.
    assert.equal(found.filter((b) => b.reason === 'repeated-title').length, 1);
  });

  it('marks a bare URL line as a link list', () => {
    const text = article('https://example.com/news/2024/06/council-housing-scheme-extended');
    assert.equal(detect(text).find((b) => b.text.startsWith('https://'))?.reason, 'link-list');
  });

  it('applies user-defined patterns', () => {
    const text = article('Sponsored by Acme Widgets Ltd');
    const found = detect(text, { extraBoilerplatePatterns: [/^Sponsored by .+$/] });
    assert.equal(reasonOf(found, 'Sponsored by Acme Widgets Ltd'), 'user-pattern');
  });

  it('handles CRLF, a BOM and empty text', () => {
    assert.deepEqual(detect(''), []);
    const text = `\ufeff${article('Click to comment').replace(/\n/g, '\r\n')}`;
    assert.equal(reasonOf(detect(text), 'Click to comment'), 'comment-prompt');
  });
});

describe('boilerplate: an unseen page layout (text written for this test)', () => {
  const page = [
    'Skip to main content', 'Menu', 'World', 'Europe',
    'Dutch farmers block motorways over nitrogen rules',
    'By Anna de Vries', 'Europe desk, The Hague', 'Published 3 hours ago', 'Share',
    'Image source, EPA', 'Image caption, Tractors blocked the A12 near Utrecht on Tuesday',
    'Thousands of farmers drove tractors onto motorways across the Netherlands on Tuesday, protesting against plans to halve nitrogen emissions by 2030.',
    'Police said more than 40 people were arrested after protesters lit fires on the A12 near Utrecht.',
    'Dairy Herds',
    'Agriculture minister Piet Adema said the targets were "not negotiable" and that farmers would be offered buy-outs.',
    '"We cannot keep postponing this," he told reporters in The Hague.',
    'Related Topics', 'Netherlands', 'Farming', 'More on this story',
    'Dutch farmers protest against emissions plan', 'Published 1 day ago',
    'Top Stories', 'Live: Leaders meet in Brussels as deadline nears',
    '© 2024 Example Broadcasting. All rights reserved.',
  ].join('\n\n');
  const found = detect(page);
  const content = new Set([
    'Dutch farmers block motorways over nitrogen rules',
    'Image caption, Tractors blocked the A12 near Utrecht on Tuesday',
    'Dairy Herds',
  ]);

  it('marks the chrome around the article', () => {
    for (const line of ['Skip to main content', 'Menu', 'World', 'Europe', 'By Anna de Vries', 'Europe desk, The Hague', 'Published 3 hours ago', 'Share', 'Image source, EPA', 'Related Topics', 'Netherlands', 'Farming', 'More on this story', 'Dutch farmers protest against emissions plan', 'Published 1 day ago', 'Top Stories', 'Live: Leaders meet in Brussels as deadline nears', '© 2024 Example Broadcasting. All rights reserved.']) {
      assert.ok(reasonOf(found, line), `"${line}" is boilerplate`);
    }
  });

  it('keeps the headline, the caption, the section heading and every article paragraph', () => {
    for (const b of found) {
      assert.ok(!content.has(b.text), `"${b.text}" is content`);
      assert.ok(b.text.length < 100, `no article paragraph is boilerplate: "${b.text}"`);
    }
  });
});

describe('boilerplate: seeds', () => {
  it('seed 001: registration prompt, inline Read more, credits; "Turkey Balance" stays content', () => {
    const found = detect(seed('001'));
    assert.equal(reasonOf(found, 'Register now to get free unlimited access to Reuters.com'), 'subscription-prompt');
    assert.equal(found.filter((b) => b.text === 'Read more').length, 2);
    assert.ok(found.some((b) => b.reason === 'byline' && b.text.startsWith('Additional reporting by')));
    assert.equal(reasonOf(found, 'Turkey Balance'), undefined);
    assert.equal(found.filter((b) => b.reason === 'see-also').length, 2);
  });

  it('seed 004: photo and source credits, tip line, comment prompts', () => {
    const found = detect(seed('004'));
    assert.equal(reasonOf(found, 'Photo: Cem Ozdel / Turkish Foreign Ministry via AP'), 'credit');
    assert.ok(found.some((b) => b.reason === 'credit' && b.text.startsWith('Source:')));
    assert.ok(found.some((b) => b.reason === 'tip-line'));
    assert.ok(found.some((b) => b.reason === 'comment-prompt' && b.text.startsWith('Be the first to comment')));
    assert.equal(reasonOf(found, 'One and a half hour'), undefined);
  });

  it('seed 003: comment section, pingback, footer, repeated title', () => {
    const text = seed('003');
    const found = detect(text);
    assert.ok(found.some((b) => b.reason === 'comment-section' && b.text.startsWith('One thought on')));
    assert.ok(found.some((b) => b.reason === 'comment-section' && b.text.startsWith('[…]')));
    assert.equal(reasonOf(found, '%d bloggers like this:'), 'site-footer');
    assert.equal(reasonOf(found, 'Generated by Feedzy'), 'site-footer');
    assert.ok(found.filter((b) => b.reason === 'repeated-title').length >= 2);
    // No article sentence is boilerplate.
    assert.ok(!found.some((b) => b.text.includes('Ukraine has not surrendered')));
  });

  it('seed 002: embedded tweet residue, section headings kept', () => {
    const found = detect(seed('002'));
    assert.ok(found.some((b) => b.reason === 'tweet-residue' && b.text.startsWith('pic.twitter.com')));
    assert.ok(found.some((b) => b.reason === 'tweet-residue' && b.text.includes('(@Russia_AR)')));
    assert.equal(reasonOf(found, 'nuclear security'), undefined);
  });

  it('seed 000: photo caption naming a person is content', () => {
    const found = detect(seed('000'));
    assert.equal(reasonOf(found, 'Ukrainian Foreign Minister Dmytro Kuleba'), undefined);
    assert.equal(reasonOf(found, 'Click to comment'), 'comment-prompt');
  });
});

describe('boilerplate: reasons', () => {
  it('every rule reason has a reader-facing description', () => {
    for (const rule of [...LINE_RULES, ...INLINE_RULES]) assert.ok(BOILERPLATE_REASONS[rule.reason], rule.reason);
  });
});

describe('boilerplate: properties', () => {
  const LINES = [
    ...PROSE, 'Leave a Reply', 'Read more', 'Turkey Balance', 'Photo: A. Person / AFP', 'pic.twitter.com/abc',
    '“Quoted words,” she said. Read more', 'Council extends housing scheme', '🇺🇦 flag line ⚡️', '', '  ', 'x',
    'https://example.org/a/b', '[…] pingback text […]', 'By Jane Roe',
  ];
  const doc = fc
    .record({
      lines: fc.array(fc.oneof(fc.constantFrom(...LINES), fc.string({ maxLength: 40 })), { maxLength: 30 }),
      eol: fc.constantFrom('\n', '\r\n', '\r'),
    })
    .map(({ lines, eol }) => lines.join(eol));

  it('every span is exact, non-empty, sorted and non-overlapping, with or without blocks', () => {
    fc.assert(
      fc.property(doc, fc.boolean(), (text, withBlocks) => {
        const found = detectBoilerplate(text, withBlocks ? segment(text) : [], { corpusRepeatedLines: new Set(['leave a reply']) });
        let last = -1;
        for (const b of found) {
          assert.ok(b.end > b.start);
          assert.ok(b.start >= last, 'sorted, no overlap');
          assert.equal(text.slice(b.start, b.end), b.text);
          assert.ok(BOILERPLATE_REASONS[b.reason], `described reason ${b.reason}`);
          last = b.end;
        }
      }),
      { numRuns: 300 },
    );
  });
});
