import type { AnalyzeOptions, DocumentAnalysis } from './types';

/**
 * Analyses one document. `text` is the raw file content (a BOM and CRLF line endings are
 * allowed; offsets are code points of `text` as given).
 */
export function analyzeDocument(path: string, text: string, options: AnalyzeOptions = {}): DocumentAnalysis {
  void options;
  void text;
  return { path, quotes: [], people: [], claims: [], boilerplate: [] };
}
