/**
 * Shared result types of the analysis core. Every offset that leaves the core (CLI JSON,
 * sidecar, extension) is in Unicode code points, as in the W3C Web Annotation model:
 * for every span, `[...source].slice(start, end).join('') === text`.
 */

/** A half-open range of code points with the exact text it covers. */
export interface Span {
  start: number;
  end: number;
  text: string;
}

export type QuoteKind = 'speech' | 'term';

export interface Speaker {
  /** Canonical person name when the speaker is a known person, else the source phrase. */
  name: string;
  /** Id of the person in `Analysis.people` when the speaker is a person. */
  personId?: string;
}

export interface Quote extends Span {
  kind: QuoteKind;
  speaker: Speaker | null;
  /** The reporting phrase ("Kuleba said", "according to Kuleba"). */
  cue: Span | null;
  /** 0..1 */
  confidence: number;
}

export interface Person {
  /** Stable within a document: derived from the canonical name (e.g. "p:sergei-lavrov"). */
  id: string;
  name: string;
  aliases: string[];
  role?: string;
  mentions: Span[];
}

export interface Claim extends Span {
  reasons: string[];
  /** 0..1 */
  score: number;
}

export interface Boilerplate extends Span {
  reason: string;
}

/** One block of the text model (paragraph, heading, list item...) with its sentences. */
export interface Block extends Span {
  type: 'paragraph' | 'heading' | 'listItem' | 'other';
  sentences: Span[];
}

export interface DocumentAnalysis {
  path: string;
  quotes: Quote[];
  people: Person[];
  claims: Claim[];
  boilerplate: Boilerplate[];
}

export interface CorpusLocation {
  path: string;
  start: number;
  end: number;
}

export interface QuoteMatch {
  a: CorpusLocation;
  b: CorpusLocation;
  /** 0..1 */
  similarity: number;
}

export interface CorpusPerson {
  id: string;
  name: string;
  aliases: string[];
  role?: string;
  /** Paths of the documents the person is mentioned in, with the per-document person id. */
  documents: { path: string; personId: string; mentions: number }[];
}

export interface CorpusAnalysis {
  quoteMatches: QuoteMatch[];
  people: CorpusPerson[];
  /** Normalised lines that recur in several documents (boilerplate evidence). */
  repeatedLines?: string[];
}

/** The `analyze --json` contract (version 1). */
export interface AnalysisReport {
  version: 1;
  documents: DocumentAnalysis[];
  corpus: CorpusAnalysis | Record<string, never>;
}

/** Options the caller (CLI, extension settings) passes to the analysis. */
export interface AnalyzeOptions {
  /** Extra boilerplate patterns (already validated regular expressions). */
  extraBoilerplatePatterns?: RegExp[];
  /** Lines known to recur across the corpus (normalised), from `corpus.repeatedLines`. */
  corpusRepeatedLines?: ReadonlySet<string>;
}
