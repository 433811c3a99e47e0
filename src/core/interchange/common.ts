/**
 * Helpers shared by the interchange formats: placing a sidecar's annotations on the current
 * source text before export, and merging imported annotations into a sidecar.
 */
import { reanchorAll } from '../annotations/anchor';
import {
  SIDECAR_VERSION,
  type Sidecar,
  type SidecarAnnotation,
  type SidecarSource,
} from '../annotations/model';

/** A sidecar's annotations as they sit in the current text. */
export interface PlacedSidecar {
  /** The sidecar with every anchored annotation's target rebuilt on the current text. */
  sidecar: Sidecar;
  /** Annotations found in the text (positions refer to the current text), in file order. */
  placed: SidecarAnnotation[];
  /** Annotations that could not be found in the text (the source changed too much). */
  orphans: SidecarAnnotation[];
}

/**
 * Re-anchors `sidecar` on `text` with the store's anchoring, so an export made after the
 * source was edited outside the editor still points at the right text. Orphans are returned
 * separately: an export format that needs offsets cannot place them and says so.
 */
export function placeAnnotations(sidecar: Sidecar, text: string): PlacedSidecar {
  const { sidecar: moved, orphans } = reanchorAll(sidecar, text);
  const orphanIds = new Set(orphans);
  return {
    sidecar: moved,
    placed: moved.annotations.filter((a) => !orphanIds.has(a.id)),
    orphans: moved.annotations.filter((a) => orphanIds.has(a.id)),
  };
}

/** Source-level fields an import may carry. */
export type ImportedSourceFields = Partial<Pick<SidecarSource, 'reliability' | 'note' | 'tags'>>;

/** What a format's importer produced for one source text. */
export interface ImportedAnnotations {
  /** Every annotation read (anchored ones first-class; orphans keep the selectors they came with). */
  annotations: SidecarAnnotation[];
  /** Source-level reliability / note / tags, when the input had them. */
  source: ImportedSourceFields;
  /** Ids of annotations whose text could not be found in the source (kept, listed to the user). */
  orphans: string[];
  /** Lines or items that were skipped or repaired, in words a user understands. */
  warnings: string[];
}

/** The result of {@link mergeImport}. */
export interface ImportOutcome {
  sidecar: Sidecar;
  /** Ids added to the sidecar. */
  added: string[];
  /** Imported ids the sidecar already had: left as they are (the editor's later changes win). */
  alreadyPresent: string[];
  /** Imported annotations skipped because the sidecar already marks the same span as the same kind. */
  duplicates: string[];
}

/**
 * Adds imported annotations to a sidecar (or a new one). Importing is idempotent: ids are
 * deterministic, an id the sidecar already has is left untouched, and an annotation marking
 * the same span with the same kind as an existing one is not added twice. Source-level fields
 * only fill gaps (an editor's own rating is never replaced); tags are united.
 *
 * `existing` must already be anchored on the text the imported positions refer to (see
 * {@link placeAnnotations}); the result records `sha256` as the text its positions refer to.
 */
export function mergeImport(
  existing: Sidecar | undefined,
  imported: ImportedAnnotations,
  sourcePath: string,
  sha256: string,
): ImportOutcome {
  const base: Sidecar = existing ?? { version: SIDECAR_VERSION, source: { path: sourcePath, sha256, tags: [] }, annotations: [] };
  const byId = new Set(base.annotations.map((a) => a.id));
  const spanKey = (a: SidecarAnnotation) =>
    `${a.kind}\u0000${a.target.position.start}\u0000${a.target.position.end}\u0000${a.target.quote.exact}`;
  const bySpan = new Set(base.annotations.map(spanKey));
  const added: string[] = [];
  const alreadyPresent: string[] = [];
  const duplicates: string[] = [];
  const annotations = [...base.annotations];
  for (const a of imported.annotations) {
    if (byId.has(a.id)) {
      alreadyPresent.push(a.id);
      continue;
    }
    const key = spanKey(a);
    if (bySpan.has(key)) {
      duplicates.push(a.id);
      continue;
    }
    byId.add(a.id);
    bySpan.add(key);
    annotations.push(a);
    added.push(a.id);
  }
  const source: SidecarSource = { ...base.source, sha256, tags: [...base.source.tags] };
  if (source.reliability === undefined && imported.source.reliability !== undefined) source.reliability = imported.source.reliability;
  if (source.note === undefined && imported.source.note !== undefined) source.note = imported.source.note;
  for (const tag of imported.source.tags ?? []) if (!source.tags.includes(tag)) source.tags.push(tag);
  return { sidecar: { ...base, source, annotations }, added, alreadyPresent, duplicates };
}

/** `[x]` for a single value, the array itself, `[]` for null/undefined. */
export function asArray(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/** The value when it is a string, else `undefined`. */
export function asString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** The value when it is a plain object, else `undefined`. */
export function asObject(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** Cuts `s` to `max` code points with an ellipsis, for messages. */
export function shorten(s: string, max = 60): string {
  const cps = [...s.replace(/\s+/g, ' ')];
  return cps.length <= max ? cps.join('') : `${cps.slice(0, max - 1).join('')}…`;
}
