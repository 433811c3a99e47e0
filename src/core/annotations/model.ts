/**
 * The sidecar annotation model: what an editor's decisions about one source look like on
 * disk (`<source file name>.annotations.json`, next to the source) and in memory.
 *
 * Engine detections are not stored (they are recomputed); only the editor's decisions are.
 * Every offset is in Unicode code points, as in the W3C Web Annotation model, so
 * `[...sourceText].slice(start, end).join('') === exact` for an anchored annotation.
 *
 * Fields this version does not know (written by a newer tool or by hand) are kept in
 * `unknownFields` and written back unchanged, so nothing an editor typed is ever dropped.
 */

/** The schema version this code writes. Older versions migrate on load; newer ones are refused (read-only). */
export const SIDECAR_VERSION = 1;

/** File name suffix of a sidecar: `article.txt` → `article.txt.annotations.json`. */
export const SIDECAR_SUFFIX = '.annotations.json';

/** Characters (code points) of context kept before and after a quote in a `TextQuoteSelector`. */
export const CONTEXT_LENGTH = 32;

/** What an annotation marks. */
export type AnnotationKind = 'quote' | 'person' | 'claim' | 'boilerplate' | 'note';
export const ANNOTATION_KINDS: readonly AnnotationKind[] = ['quote', 'person', 'claim', 'boilerplate', 'note'];

/**
 * How an annotation relates to what the engine detected: `confirmed` (a detection the editor
 * accepted), `rejected` (a detection the editor says is wrong; it stays hidden), `manual`
 * (added by hand, no detection behind it).
 */
export type AnnotationStatus = 'confirmed' | 'rejected' | 'manual';
export const ANNOTATION_STATUSES: readonly AnnotationStatus[] = ['confirmed', 'rejected', 'manual'];

/**
 * A rating from the configurable reliability scale. Any non-empty string is accepted in the
 * file (teams configure their own scale); {@link DEFAULT_RELIABILITY_SCALE} is the default.
 */
export type Reliability = string;
export const DEFAULT_RELIABILITY_SCALE: readonly Reliability[] = ['confirmed', 'likely', 'unverified', 'disputed', 'false'];

/** Fields found in the file that this version does not know; kept and written back as they were. */
export type UnknownFields = Record<string, unknown>;

/** W3C `TextQuoteSelector`: the exact text plus ~32 code points of context either side. */
export interface TextQuoteSelector {
  type: 'TextQuoteSelector';
  exact: string;
  prefix: string;
  suffix: string;
}

/** W3C `TextPositionSelector`: a half-open range `[start, end)` in Unicode code points. */
export interface TextPositionSelector {
  type: 'TextPositionSelector';
  start: number;
  end: number;
}

/**
 * Where an annotation sits. Both selectors are kept: the position is fast and exact while the
 * text is unchanged; the quote (with context) lets the annotation be found again after the
 * source changed. The W3C `selector` array is `[target.quote, target.position]`.
 */
export interface AnnotationTarget {
  quote: TextQuoteSelector;
  position: TextPositionSelector;
}

/** Who is quoted (for `quote` annotations). */
export interface SpeakerRef {
  /** The name as the editor wants it shown (corrected or confirmed). */
  name: string;
  /** Id of the person in the document analysis (e.g. `p:sergei-lavrov`), when known. */
  personId?: string;
  /** Id of a `person` annotation in the same sidecar marking the speaker's mention, when there is one. */
  annotationId?: string;
  unknownFields?: UnknownFields;
}

/** One editor decision about a span of the source. */
export interface SidecarAnnotation {
  /** Stable id (a UUID); the key for merging concurrent edits. */
  id: string;
  kind: AnnotationKind;
  target: AnnotationTarget;
  status: AnnotationStatus;
  reliability?: Reliability;
  speaker?: SpeakerRef;
  note?: string;
  tags: string[];
  author?: string;
  /** ISO 8601 timestamp. */
  created: string;
  /** ISO 8601 timestamp; for the same id, the newer `modified` wins a merge. */
  modified: string;
  unknownFields?: UnknownFields;
}

/** What the sidecar says about the source as a whole. */
export interface SidecarSource {
  /** Path of the source relative to the sidecar's folder, with `/` separators (normally just the file name). */
  path: string;
  /**
   * Hex sha256 of the UTF-8 bytes of the source text the positions were written against.
   * When the source's hash differs on load, annotations are re-anchored.
   */
  sha256: string;
  reliability?: Reliability;
  note?: string;
  tags: string[];
  unknownFields?: UnknownFields;
}

/** The whole content of one sidecar file, in the current schema version. */
export interface Sidecar {
  version: typeof SIDECAR_VERSION;
  source: SidecarSource;
  annotations: SidecarAnnotation[];
  unknownFields?: UnknownFields;
}

/** A problem that makes a sidecar unusable: it is reported and the file is never overwritten. */
export type SidecarProblemKind =
  /** The file contains git merge conflict markers (`<<<<<<<`, `=======`, `>>>>>>>`). */
  | 'conflict-markers'
  /** The text is not valid JSON (truncated, hand-edited...). */
  | 'invalid-json'
  /** Valid JSON that does not match the schema (wrong types, missing fields...). */
  | 'schema'
  /** Written by a newer version of the extension: opened read-only, never downgraded. */
  | 'future-version'
  /** Not readable as a file (a directory, too large, unreadable bytes). */
  | 'unreadable';

/** Why a sidecar could not be used. `message` names the problem in words a user understands. */
export interface SidecarProblem {
  kind: SidecarProblemKind;
  /** One sentence, without the file name (the I/O layer adds it). */
  message: string;
  /** 1-based line of the problem, when known. */
  line?: number;
  /** Extra details (e.g. the schema errors), one per entry. */
  details?: string[];
  /** For `future-version`: the version found in the file. */
  foundVersion?: number;
}

/** Something odd that was repaired or tolerated while loading; the sidecar is still usable. */
export interface SidecarWarning {
  kind: 'duplicate-id' | 'invalid-range' | 'migrated' | 'unknown-reliability' | 'source-path';
  message: string;
  /** The annotation concerned, if any. */
  annotationId?: string;
}

/** The result of parsing a sidecar file's text. */
export type ParseResult =
  | { ok: true; sidecar: Sidecar; warnings: SidecarWarning[]; migratedFrom?: number }
  | { ok: false; problem: SidecarProblem };

/** How an annotation was found in the current text. */
export type AnchorMethod = 'position' | 'exact' | 'fuzzy';

/** Where an annotation sits in the current text, or why it could not be placed. */
export type AnchorResult =
  | {
      status: 'anchored';
      method: AnchorMethod;
      /** Code points, half-open. */
      start: number;
      end: number;
      /** 0..1; 1 for `position` and context-confirmed `exact` matches. */
      score: number;
    }
  | {
      /** Kept in the file and listed to the user; never moved onto other text. */
      status: 'orphan';
      reason: string;
    };

/**
 * One edit from `vscode.TextDocumentChangeEvent.contentChanges` (UTF-16 offsets into the
 * text as it was before this change; changes of one event are applied in the given order).
 */
export interface ContentChange {
  rangeOffset: number;
  rangeLength: number;
  text: string;
}
