/**
 * Cross-document work over a corpus of sources: the same quote in several documents, people
 * merged across documents, and (before the per-document pass) lines that recur across
 * documents as boilerplate evidence.
 */
import type { CorpusAnalysis, DocumentAnalysis } from './types';
import { mergeCorpusPeople } from './corpus/people';
import { matchQuotes, type QuoteOccurrence } from './corpus/quotes';

export { findCorpusRepeatedLines, normalizeLine, RepeatedLines } from './corpus/lines';

/** Input of the corpus pass: each document's text and its analysis (code point offsets). */
export interface CorpusDocument {
  path: string;
  text: string;
  analysis: DocumentAnalysis;
}

/** Cross-document work: people merged across documents, the same quote in several sources. */
export function analyzeCorpus(documents: readonly CorpusDocument[]): CorpusAnalysis {
  const occurrences: QuoteOccurrence[] = [];
  for (const d of documents) {
    for (const q of d.analysis.quotes) occurrences.push({ path: d.path, start: q.start, end: q.end, text: q.text });
  }
  const people = mergeCorpusPeople(documents.map((d) => ({ path: d.path, people: d.analysis.people })));
  return { quoteMatches: matchQuotes(occurrences), people };
}
