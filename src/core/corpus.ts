/**
 * Cross-document work over a corpus of sources: the same quote in several documents, people
 * merged across documents, and (before the per-document pass) lines that recur across
 * documents as boilerplate evidence.
 */
import type { CorpusAnalysis, DocumentAnalysis } from './types';
import { mergeCorpusPeopleSteps } from './corpus/people';
import { matchQuotesSteps, type QuoteOccurrence } from './corpus/quotes';
import { runSteps, type Steps } from './steps';

export { findCorpusRepeatedLines, findCorpusRepeatedLinesSteps, normalizeLine, RepeatedLines } from './corpus/lines';

/** Input of the corpus pass: each document's text and its analysis (code point offsets). */
export interface CorpusDocument {
  path: string;
  text: string;
  analysis: DocumentAnalysis;
}

/** Cross-document work: people merged across documents, the same quote in several sources. */
export function analyzeCorpus(documents: readonly CorpusDocument[]): CorpusAnalysis {
  return runSteps(analyzeCorpusSteps(documents));
}

/** `analyzeCorpus` in steps, for the extension host (see core/steps.ts). */
export function* analyzeCorpusSteps(documents: readonly CorpusDocument[]): Steps<CorpusAnalysis> {
  const occurrences: QuoteOccurrence[] = [];
  for (const d of documents) {
    for (const q of d.analysis.quotes) occurrences.push({ path: d.path, start: q.start, end: q.end, text: q.text });
  }
  yield;
  const people = yield* mergeCorpusPeopleSteps(documents.map((d) => ({ path: d.path, people: d.analysis.people })));
  return { quoteMatches: yield* matchQuotesSteps(occurrences), people };
}
