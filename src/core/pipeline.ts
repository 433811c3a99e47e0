import { analyzeDocument } from './analyze';
import { analyzeCorpus, findCorpusRepeatedLines } from './corpus';
import type { AnalysisReport, AnalyzeOptions } from './types';

/** A source text with the path it is reported under. */
export interface SourceText {
  path: string;
  text: string;
}

/**
 * Analyses a set of sources as one corpus: lines that recur across documents are found first
 * (boilerplate evidence), then each document, then the cross-document pass.
 */
export function analyzeSources(sources: readonly SourceText[], options: AnalyzeOptions = {}): AnalysisReport {
  const repeated = sources.length > 1 ? findCorpusRepeatedLines(sources.map((s) => s.text)) : new Set<string>();
  const documents = sources.map((s) =>
    analyzeDocument(s.path, s.text, { ...options, corpusRepeatedLines: repeated }),
  );
  const corpus = analyzeCorpus(sources.map((s, i) => ({ path: s.path, text: s.text, analysis: documents[i]! })));
  return { version: 1, documents, corpus: { ...corpus, repeatedLines: [...repeated].sort() } };
}
