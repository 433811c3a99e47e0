/**
 * Building annotation targets (W3C TextQuoteSelector + TextPositionSelector) and new
 * annotations from a code point span of the source text.
 */
import { OffsetMap } from '../text/offsets';
import {
  CONTEXT_LENGTH,
  type AnnotationKind,
  type AnnotationStatus,
  type AnnotationTarget,
  type Reliability,
  type SidecarAnnotation,
  type SpeakerRef,
} from './model';

/**
 * Builds the target for `[start, end)` (code points) of `text`: the exact text plus up to
 * {@link CONTEXT_LENGTH} code points of prefix and suffix. Out-of-range offsets are clamped.
 * Pass `map` when building many targets on the same text (it costs O(n) to build).
 */
export function createTarget(text: string, start: number, end: number, map?: OffsetMap): AnnotationTarget {
  const m = map ?? new OffsetMap(text);
  const length = m.codePointLength;
  const s = clamp(Math.min(start, end), 0, length);
  const e = clamp(Math.max(start, end), 0, length);
  const u = (cp: number) => m.toUtf16(cp);
  return {
    quote: {
      type: 'TextQuoteSelector',
      exact: text.slice(u(s), u(e)),
      prefix: text.slice(u(Math.max(0, s - CONTEXT_LENGTH)), u(s)),
      suffix: text.slice(u(e), u(Math.min(length, e + CONTEXT_LENGTH))),
    },
    position: { type: 'TextPositionSelector', start: s, end: e },
  };
}

function clamp(n: number, lo: number, hi: number): number {
  return Math.max(lo, Math.min(hi, Math.trunc(n)));
}

/** A fresh random UUID (v4). `crypto.randomUUID` exists in Node 20, the extension host and browsers. */
export function newAnnotationId(): string {
  return globalThis.crypto.randomUUID();
}

/** Current time as the ISO 8601 string used in `created` / `modified`. */
export function nowIso(now: Date = new Date()): string {
  return now.toISOString();
}

/** What {@link createAnnotation} needs; everything but the span and kind has a default. */
export interface NewAnnotation {
  /** The full source text the span refers to. */
  text: string;
  /** Code points, half-open. */
  start: number;
  end: number;
  kind: AnnotationKind;
  /** Default `manual`. */
  status?: AnnotationStatus;
  reliability?: Reliability;
  speaker?: SpeakerRef;
  note?: string;
  tags?: string[];
  author?: string;
  /** Default: a fresh UUID. Pass a stable id to make an import idempotent. */
  id?: string;
  /** Default: now. */
  now?: Date;
  /** Reuse when creating many annotations on one text. */
  map?: OffsetMap;
}

/** Creates an annotation for a code point span with both selectors filled in and timestamps set. */
export function createAnnotation(init: NewAnnotation): SidecarAnnotation {
  const stamp = nowIso(init.now);
  const annotation: SidecarAnnotation = {
    id: init.id ?? newAnnotationId(),
    kind: init.kind,
    target: createTarget(init.text, init.start, init.end, init.map),
    status: init.status ?? 'manual',
    tags: [...(init.tags ?? [])],
    created: stamp,
    modified: stamp,
  };
  if (init.reliability !== undefined) annotation.reliability = init.reliability;
  if (init.speaker !== undefined) annotation.speaker = { ...init.speaker };
  if (init.note !== undefined) annotation.note = init.note;
  if (init.author !== undefined) annotation.author = init.author;
  return annotation;
}

/**
 * Returns a copy of `annotation` with `changes` applied and `modified` set to now, which is
 * what makes the change win a merge against an older copy of the same annotation.
 */
export function updateAnnotation(
  annotation: SidecarAnnotation,
  changes: Partial<Omit<SidecarAnnotation, 'id' | 'created' | 'modified'>>,
  now?: Date,
): SidecarAnnotation {
  let stamp = nowIso(now);
  // Keep `modified` strictly increasing so an edit always beats the copy it was made from,
  // even when two edits fall into the same millisecond.
  if (Date.parse(stamp) <= Date.parse(annotation.modified)) {
    stamp = new Date(Date.parse(annotation.modified) + 1).toISOString();
  }
  return { ...annotation, ...changes, id: annotation.id, created: annotation.created, modified: stamp };
}
