import * as assert from 'node:assert/strict';
import { analyzeCorpus, findCorpusRepeatedLines } from '../../src/core/corpus';
import { matchQuotes, quoteSimilarity, quoteTokens, QUOTE_MATCH_THRESHOLD } from '../../src/core/corpus/quotes';
import type { DocumentAnalysis, Quote } from '../../src/core/types';

function quote(text: string, start: number): Quote {
  return { start, end: start + [...text].length, text, kind: 'speech', speaker: null, cue: null, confidence: 0.8 };
}

function doc(path: string, quotes: Quote[]): { path: string; text: string; analysis: DocumentAnalysis } {
  return { path, text: '', analysis: { path, quotes, people: [], claims: [], boilerplate: [] } };
}

describe('corpus: quote similarity', () => {
  it('matches translations with different wording', () => {
    assert.ok(
      quoteSimilarity(
        'Our country has not capitulated, does not capitulate and never will capitulate.',
        'Our country has not given up, does not give up and will never give up.',
      ) >= QUOTE_MATCH_THRESHOLD,
    );
    assert.ok(quoteSimilarity('We will never accept the occupation of our land', 'We will not accept any occupation of our territory') >= QUOTE_MATCH_THRESHOLD);
  });

  it('matches a partial quote inside a longer one', () => {
    assert.ok(
      quoteSimilarity(
        'to negotiate in good faith and not for the cameras',
        'We ask our neighbours to negotiate in good faith and not for the cameras, as we have always done.',
      ) >= QUOTE_MATCH_THRESHOLD,
    );
  });

  it('matches a five-word fragment inside a longer quote, with inflection and contraction', () => {
    assert.ok(quoteSimilarity('does not trust the mayor', 'I don’t trust the mayor, and I never trusted his deputy either.') >= QUOTE_MATCH_THRESHOLD);
  });

  it('does not match different statements that share a few words', () => {
    assert.ok(quoteSimilarity('The economy grew by three percent last year', 'The army lost three tanks near the border last year') < QUOTE_MATCH_THRESHOLD);
    assert.ok(quoteSimilarity('We are ready to talk to anyone who wants peace', 'The harbour will be rebuilt before the winter') < 0.2);
  });

  it('ignores quotes too short to be statements', () => {
    assert.equal(quoteSimilarity('neo-Nazis', 'neo-Nazis'), 0);
  });

  it('folds diacritics, contractions and inflections', () => {
    assert.deepEqual(quoteTokens('Çavuşoğlu didn’t say'), quoteTokens('Cavusoglu did not said'));
  });
});

describe('corpus: analyzeCorpus', () => {
  it('reports the same quote across documents with code point locations', () => {
    const qa = quote('Ukraine has not surrendered, does not surrender, and will not surrender', 10);
    const qb = quote('Ukraine has not given up, does not give up, and will not give up', 42);
    const report = analyzeCorpus([
      doc('a.txt', [qa, quote('The talks were difficult and long', 200)]),
      doc('b.txt', [qb]),
      doc('c.txt', [quote('Nothing of the sort happened in the harbour today', 5)]),
    ]);
    assert.equal(report.quoteMatches.length, 1);
    const m = report.quoteMatches[0]!;
    assert.deepEqual(m.a, { path: 'a.txt', start: qa.start, end: qa.end });
    assert.deepEqual(m.b, { path: 'b.txt', start: qb.start, end: qb.end });
    assert.ok(m.similarity >= QUOTE_MATCH_THRESHOLD && m.similarity <= 1);
  });

  it('does not match a quote with itself inside one document', () => {
    const q = 'We are working to prevent this crisis from turning into a tragedy';
    assert.equal(analyzeCorpus([doc('a.txt', [quote(q, 0), quote(q, 300)])]).quoteMatches.length, 0);
  });

  it('reports a widely quoted statement as a star, linear in the number of sources', () => {
    const q = 'We are working to prevent this crisis from turning into a tragedy';
    const docs = Array.from({ length: 50 }, (_, i) => doc(`d${i}.txt`, [quote(q, i)]));
    const matches = matchQuotes(docs.map((d, i) => ({ path: d.path, start: i, end: i + q.length, text: q })));
    assert.equal(matches.length, 49);
    assert.ok(matches.every((m) => m.a.path === 'd0.txt'));
  });

  it('merges people across documents (transliteration variants)', () => {
    const a = doc('a.txt', []);
    const b = doc('b.txt', []);
    a.analysis.people = [{ id: 'p:sergei-lavrov', name: 'Sergei Lavrov', aliases: ['Sergei Lavrov'], mentions: [{ start: 0, end: 13, text: 'Sergei Lavrov' }] }];
    b.analysis.people = [{ id: 'p:sergey-lavrov', name: 'Sergey Lavrov', aliases: ['Sergey Lavrov'], mentions: [{ start: 4, end: 17, text: 'Sergey Lavrov' }] }];
    const people = analyzeCorpus([a, b]).people;
    assert.equal(people.length, 1);
    assert.deepEqual(people[0]!.documents.map((d) => d.path).sort(), ['a.txt', 'b.txt']);
  });

  it('finds repeated lines across texts, not within one text', () => {
    const lines = findCorpusRepeatedLines(['Leave a Reply\nHello world again\nHello world again', 'LEAVE A REPLY.\nSomething else entirely']);
    assert.deepEqual([...lines], ['leave a reply']);
  });
});
