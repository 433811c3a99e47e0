import type { CorpusAnalysis, DocumentAnalysis } from './types';

/** Input of the corpus pass: each document's text and its analysis. */
export interface CorpusDocument {
  path: string;
  text: string;
  analysis: DocumentAnalysis;
}

/** Cross-document work: people merged across documents, the same quote in several sources. */
export function analyzeCorpus(documents: readonly CorpusDocument[]): CorpusAnalysis {
  void documents;
  return { quoteMatches: [], people: [] };
}

/** Normalised lines that occur in at least two of the given texts. */
export function findCorpusRepeatedLines(texts: readonly string[]): Set<string> {
  void texts;
  return new Set();
}
