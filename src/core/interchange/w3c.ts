/**
 * W3C Web Annotation (JSON-LD) export and import.
 *
 * Export: an `AnnotationCollection` whose embedded page holds one `Annotation` per sidecar
 * annotation (each carries its own `@context`, so an item can be copied out alone). The target
 * has both selectors the sidecar stores (`TextQuoteSelector` with ~32 code points of context,
 * `TextPositionSelector` in code points). Bodies are `TextualBody`s with a `purpose`:
 *
 * | sidecar field | body / property                                                        |
 * |---------------|------------------------------------------------------------------------|
 * | kind          | `classifying` body, value `quote` / `person` / `claim` / ...          |
 * | note          | `commenting` body                                                     |
 * | tags          | one `tagging` body per tag                                            |
 * | reliability   | `assessing` body                                                      |
 * | speaker       | `identifying` body with `schema:roleName: "speaker"`; the person id   |
 * |               | as `schema:identifier`, the mention's annotation as `dcterms:relation` |
 * | status        | `schema:creativeWorkStatus` on the annotation                         |
 * | author        | `creator` (a `Person` with a `name`)                                  |
 * | created/modified | `created` / `modified`                                            |
 *
 * `schema:` and `dcterms:` are prefixes the anno.jsonld context itself defines, so the output
 * stays plain `http://www.w3.org/ns/anno.jsonld` JSON-LD. The source-level reliability / note /
 * tags become one more annotation whose target is the whole source (no selector).
 * Fields only this tool knows (`unknownFields`) are not exported.
 *
 * Import reads annotations from other tools (a single annotation, an array, a page or a
 * collection), and re-anchors each one on the current text with the store's anchoring.
 */
import { anchorTarget } from '../annotations/anchor';
import {
  ANNOTATION_KINDS,
  ANNOTATION_STATUSES,
  type AnnotationKind,
  type AnnotationStatus,
  type AnnotationTarget,
  type Sidecar,
  type SidecarAnnotation,
  type SpeakerRef,
} from '../annotations/model';
import { createTarget, nowIso } from '../annotations/selectors';
import { OffsetMap } from '../text/offsets';
import { asArray, asObject, asString, placeAnnotations, shorten, type ImportedAnnotations, type ImportedSourceFields } from './common';
import { isUuid, uuidV5 } from './ids';

/** The Web Annotation JSON-LD context. */
export const W3C_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';

/** A `TextualBody` as this tool writes it. */
export interface W3CBody {
  type: 'TextualBody';
  purpose: string;
  value: string;
  format?: string;
  'schema:roleName'?: string;
  'schema:identifier'?: string;
  'dcterms:relation'?: string;
}

export interface W3CTextQuoteSelector {
  type: 'TextQuoteSelector';
  exact: string;
  prefix: string;
  suffix: string;
}

export interface W3CTextPositionSelector {
  type: 'TextPositionSelector';
  start: number;
  end: number;
}

/** One exported annotation. */
export interface W3CAnnotation {
  '@context': typeof W3C_CONTEXT;
  id: string;
  type: 'Annotation';
  motivation: string;
  created?: string;
  modified?: string;
  creator?: { type: 'Person'; name: string };
  'schema:creativeWorkStatus'?: AnnotationStatus;
  body: W3CBody[];
  /** A specific part of the source, or (for the source-level annotation) the whole source. */
  target: { source: string; selector: [W3CTextQuoteSelector, W3CTextPositionSelector] } | { source: string };
}

/** The exported document. */
export interface W3CCollection {
  '@context': typeof W3C_CONTEXT;
  id?: string;
  type: 'AnnotationCollection';
  label: string;
  total: number;
  first: { type: 'AnnotationPage'; startIndex: 0; items: W3CAnnotation[] };
}

export interface W3CExportOptions {
  /** IRI of the source, used as every target's `source` (e.g. its `file://` URI). */
  sourceIri: string;
  /** Name shown in the collection's label (e.g. the workspace-relative path). */
  sourceLabel?: string;
}

/** The result of {@link toW3C}. */
export interface W3CExport {
  collection: W3CCollection;
  /** Annotations that could not be found in the current text: exported with their stored selectors. */
  orphans: string[];
}

/** IRI of an annotation id: `urn:uuid:<id>` for a UUID (the normal case). */
export function annotationIri(id: string): string {
  return isUuid(id) ? `urn:uuid:${id.toLowerCase()}` : `urn:source-annotator:annotation:${encodeURIComponent(id)}`;
}

/** The id an annotation IRI stands for (the inverse of {@link annotationIri}), or `undefined` for a foreign IRI. */
export function idFromIri(iri: string): string | undefined {
  const uuid = /^urn:uuid:(.+)$/i.exec(iri)?.[1];
  if (uuid !== undefined && isUuid(uuid)) return uuid.toLowerCase();
  const own = /^urn:source-annotator:annotation:(.+)$/.exec(iri)?.[1];
  return own === undefined ? undefined : decodeURIComponent(own);
}

/** Exports a sidecar as a W3C Web Annotation collection, positions re-anchored on `text`. */
export function toW3C(sidecar: Sidecar, text: string, options: W3CExportOptions): W3CExport {
  const { sidecar: placed, orphans } = placeAnnotations(sidecar, text);
  const items: W3CAnnotation[] = [];
  const s = placed.source;
  if (s.reliability !== undefined || s.note !== undefined || s.tags.length > 0) {
    const body: W3CBody[] = [];
    if (s.reliability !== undefined) body.push({ type: 'TextualBody', purpose: 'assessing', value: s.reliability });
    if (s.note !== undefined) body.push({ type: 'TextualBody', purpose: 'commenting', value: s.note, format: 'text/plain' });
    for (const tag of s.tags) body.push({ type: 'TextualBody', purpose: 'tagging', value: tag });
    items.push({
      '@context': W3C_CONTEXT,
      id: annotationIri(sourceAnnotationId(options.sourceIri)),
      type: 'Annotation',
      motivation: s.reliability !== undefined ? 'assessing' : 'commenting',
      body,
      target: { source: options.sourceIri },
    });
  }
  for (const a of placed.annotations) items.push(annotationToW3C(a, options.sourceIri));
  const label = `Source Annotator annotations of ${options.sourceLabel ?? s.path}`;
  return {
    collection: {
      '@context': W3C_CONTEXT,
      type: 'AnnotationCollection',
      label,
      total: items.length,
      first: { type: 'AnnotationPage', startIndex: 0, items },
    },
    orphans: orphans.map((o) => o.id),
  };
}

/** Deterministic id of the source-level annotation (so re-exports and re-imports agree). */
function sourceAnnotationId(sourceIri: string): string {
  return uuidV5(`w3c-source:${sourceIri}`);
}

function annotationToW3C(a: SidecarAnnotation, sourceIri: string): W3CAnnotation {
  const body: W3CBody[] = [{ type: 'TextualBody', purpose: 'classifying', value: a.kind }];
  if (a.speaker) {
    const speaker: W3CBody = { type: 'TextualBody', purpose: 'identifying', value: a.speaker.name, 'schema:roleName': 'speaker' };
    if (a.speaker.personId !== undefined) speaker['schema:identifier'] = a.speaker.personId;
    if (a.speaker.annotationId !== undefined) speaker['dcterms:relation'] = annotationIri(a.speaker.annotationId);
    body.push(speaker);
  }
  if (a.reliability !== undefined) body.push({ type: 'TextualBody', purpose: 'assessing', value: a.reliability });
  if (a.note !== undefined) body.push({ type: 'TextualBody', purpose: 'commenting', value: a.note, format: 'text/plain' });
  for (const tag of a.tags) body.push({ type: 'TextualBody', purpose: 'tagging', value: tag });
  const q = a.target.quote;
  const p = a.target.position;
  const out: W3CAnnotation = {
    '@context': W3C_CONTEXT,
    id: annotationIri(a.id),
    type: 'Annotation',
    motivation: a.kind === 'note' ? 'commenting' : 'classifying',
    created: a.created,
    modified: a.modified,
    'schema:creativeWorkStatus': a.status,
    body,
    target: {
      source: sourceIri,
      selector: [
        { type: 'TextQuoteSelector', exact: q.exact, prefix: q.prefix, suffix: q.suffix },
        { type: 'TextPositionSelector', start: p.start, end: p.end },
      ],
    },
  };
  if (a.author !== undefined) out.creator = { type: 'Person', name: a.author };
  return out;
}

// ---------------------------------------------------------------------------------------------
// Import

/** Annotations found in a JSON-LD document, grouped by the IRI of the source they target. */
export interface W3CDocument {
  /** Source IRI → the raw annotation objects that target it, in document order. */
  bySource: Map<string, Record<string, unknown>[]>;
  warnings: string[];
}

/**
 * Finds the annotations in a parsed JSON-LD document: a single `Annotation`, an array of them,
 * an `AnnotationPage` (`items`) or an `AnnotationCollection` (`first`, embedded). Anything else
 * is reported in `warnings`, never thrown.
 */
export function readW3C(json: unknown): W3CDocument {
  const warnings: string[] = [];
  const bySource = new Map<string, Record<string, unknown>[]>();
  const annotations: Record<string, unknown>[] = [];
  const visit = (node: unknown, depth: number): void => {
    if (depth > 4) return;
    if (Array.isArray(node)) {
      for (const item of node) visit(item, depth + 1);
      return;
    }
    const obj = asObject(node);
    if (!obj) return;
    const types = asArray(obj.type ?? obj['@type']).map((t) => String(t).replace(/^oa:/, ''));
    if (types.includes('Annotation')) {
      annotations.push(obj);
    } else if (types.includes('AnnotationCollection')) {
      visit(obj.first, depth + 1);
      if (typeof obj.first === 'string') warnings.push(`The collection's first page is only linked (${obj.first}), not embedded; it was not fetched.`);
    } else if (types.includes('AnnotationPage') || obj.items !== undefined || obj['@graph'] !== undefined) {
      visit(obj.items ?? obj['@graph'], depth + 1);
    }
  };
  visit(json, 0);
  if (annotations.length === 0) warnings.push('No W3C Web Annotation ("type": "Annotation") was found in the document.');
  for (const a of annotations) {
    const iri = targetSource(a);
    if (iri === undefined) {
      warnings.push(`Annotation ${asString(a.id) ?? '(without id)'} has no target source; skipped.`);
      continue;
    }
    const list = bySource.get(iri) ?? [];
    list.push(a);
    bySource.set(iri, list);
  }
  return { bySource, warnings };
}

function targetObjects(annotation: Record<string, unknown>): (Record<string, unknown> | string)[] {
  return asArray(annotation.target).filter((t): t is Record<string, unknown> | string => typeof t === 'string' || asObject(t) !== undefined);
}

function targetSource(annotation: Record<string, unknown>): string | undefined {
  for (const t of targetObjects(annotation)) {
    if (typeof t === 'string') return t;
    const source = t.source ?? t.id ?? t['@id'];
    const iri = asString(source) ?? asString(asObject(source)?.id);
    if (iri !== undefined) return iri;
  }
  return undefined;
}

export interface W3CImportOptions {
  /** Timestamp for annotations that carry none (default: now). */
  now?: Date;
}

/**
 * Turns foreign (or our own) Web Annotations of one source into sidecar annotations anchored on
 * `text`: the `TextPositionSelector` is tried first, then the `TextQuoteSelector` (exact, then
 * approximate with context), exactly as the store re-anchors its own sidecars. Annotations
 * whose text cannot be found are kept as orphans with the selectors they came with.
 */
export function fromW3C(items: readonly Record<string, unknown>[], text: string, options: W3CImportOptions = {}): ImportedAnnotations {
  const map = new OffsetMap(text);
  const stamp = nowIso(options.now);
  const result: ImportedAnnotations = { annotations: [], source: {}, orphans: [], warnings: [] };
  const seen = new Set<string>();
  for (const item of items) {
    const label = asString(item.id) ?? '(without id)';
    const selectorTarget = targetObjects(item).map(asObject).find((t) => t && asArray(t.selector).length > 0);
    const bodies = readBodies(item);
    if (!selectorTarget) {
      // A whole-document annotation: the source-level rating, note and tags.
      mergeSourceFields(result.source, bodies);
      continue;
    }
    const stored = selectorsOf(selectorTarget, text, map);
    if (!stored) {
      result.warnings.push(`Annotation ${label} has no TextQuoteSelector or TextPositionSelector; skipped.`);
      continue;
    }
    const id = idFor(item, stored);
    if (seen.has(id)) {
      result.warnings.push(`Annotation ${label} appears twice; the second copy was skipped.`);
      continue;
    }
    seen.add(id);
    const anchor = anchorTarget(text, stored, map);
    let target: AnnotationTarget;
    if (anchor.status === 'anchored') {
      target = createTarget(text, anchor.start, anchor.end, map);
    } else {
      target = stored;
      result.orphans.push(id);
      result.warnings.push(`Annotation ${label} (“${shorten(stored.quote.exact)}”) was not found in the text: ${anchor.reason}. Kept as an orphan.`);
    }
    const annotation: SidecarAnnotation = {
      id,
      kind: bodies.kind ?? 'note',
      target,
      status: statusOf(item),
      tags: bodies.tags,
      created: asString(item.created) ?? stamp,
      modified: asString(item.modified) ?? asString(item.created) ?? stamp,
    };
    if (bodies.reliability !== undefined) annotation.reliability = bodies.reliability;
    if (bodies.speaker !== undefined) annotation.speaker = bodies.speaker;
    if (bodies.note !== undefined) annotation.note = bodies.note;
    const author = creatorName(item.creator);
    if (author !== undefined) annotation.author = author;
    result.annotations.push(annotation);
  }
  return result;
}

interface ReadBodies {
  kind?: AnnotationKind;
  note?: string;
  tags: string[];
  reliability?: string;
  speaker?: SpeakerRef;
}

/** Reads the bodies (and `bodyValue`) of an annotation into sidecar fields. */
function readBodies(item: Record<string, unknown>): ReadBodies {
  const out: ReadBodies = { tags: [] };
  const notes: string[] = [];
  const motivations = asArray(item.motivation).map((m) => String(m).replace(/^oa:/, ''));
  const bodyValue = asString(item.bodyValue);
  if (bodyValue !== undefined) notes.push(bodyValue);
  for (const raw of asArray(item.body)) {
    const body = typeof raw === 'string' ? { source: raw } : asObject(raw);
    if (!body) continue;
    // A body without its own purpose takes the annotation's motivation (Web Annotation model §3.3.5).
    const purpose = (asString(asArray(body.purpose)[0]) ?? motivations[0] ?? 'commenting').replace(/^oa:/, '');
    const value = asString(body.value) ?? asString(body.chars) ?? asString(body.source) ?? asString(body.id);
    if (value === undefined) continue;
    switch (purpose) {
      case 'classifying': {
        const kind = ANNOTATION_KINDS.find((k) => k === value.toLowerCase());
        if (kind !== undefined && out.kind === undefined) out.kind = kind;
        else out.tags.push(value);
        break;
      }
      case 'tagging':
        out.tags.push(value);
        break;
      case 'assessing':
        if (out.reliability === undefined) out.reliability = value;
        else notes.push(`Assessment: ${value}`);
        break;
      case 'identifying':
        if (out.speaker === undefined && (body['schema:roleName'] === 'speaker' || body.roleName === 'speaker' || out.kind === 'quote')) {
          const speaker: SpeakerRef = { name: value };
          const personId = asString(body['schema:identifier']);
          if (personId !== undefined) speaker.personId = personId;
          const related = asString(body['dcterms:relation']);
          const relatedId = related === undefined ? undefined : idFromIri(related);
          if (relatedId !== undefined) speaker.annotationId = relatedId;
          out.speaker = speaker;
        } else {
          out.tags.push(value);
        }
        break;
      case 'commenting':
      case 'describing':
      case 'replying':
      case 'questioning':
        notes.push(value);
        break;
      default:
        // Linking, editing, bookmarking...: nothing in the sidecar matches; keep the words.
        notes.push(`${purpose}: ${value}`);
    }
  }
  if (notes.length > 0) out.note = notes.join('\n\n');
  return out;
}

function mergeSourceFields(source: ImportedSourceFields, bodies: ReadBodies): void {
  if (bodies.reliability !== undefined && source.reliability === undefined) source.reliability = bodies.reliability;
  if (bodies.note !== undefined) source.note = source.note === undefined ? bodies.note : `${source.note}\n\n${bodies.note}`;
  if (bodies.tags.length > 0) source.tags = [...(source.tags ?? []), ...bodies.tags.filter((t) => !(source.tags ?? []).includes(t))];
}

/** The stored target of a foreign annotation: both selectors, the missing one derived or left empty. */
function selectorsOf(target: Record<string, unknown>, text: string, map: OffsetMap): AnnotationTarget | undefined {
  let quote: AnnotationTarget['quote'] | undefined;
  let position: AnnotationTarget['position'] | undefined;
  for (const raw of asArray(target.selector)) {
    const s = asObject(raw);
    if (!s) continue;
    const type = (asString(s.type) ?? asString(s['@type']) ?? '').replace(/^oa:/, '');
    if (type === 'TextQuoteSelector' && quote === undefined && typeof s.exact === 'string') {
      quote = { type: 'TextQuoteSelector', exact: s.exact, prefix: asString(s.prefix) ?? '', suffix: asString(s.suffix) ?? '' };
    } else if (type === 'TextPositionSelector' && position === undefined) {
      const start = Number(s.start);
      const end = Number(s.end);
      if (Number.isInteger(start) && Number.isInteger(end) && start >= 0 && end >= start) {
        position = { type: 'TextPositionSelector', start, end };
      }
    }
  }
  if (quote === undefined && position === undefined) return undefined;
  if (quote === undefined && position !== undefined) {
    // Only a position: trust it if it lies inside the text (the quote is whatever is there).
    if (position.end > map.codePointLength) return undefined;
    return createTarget(text, position.start, position.end, map);
  }
  const q = quote as AnnotationTarget['quote'];
  // Without a position the anchoring falls back to searching for the quote.
  return { quote: q, position: position ?? { type: 'TextPositionSelector', start: 0, end: 0 } };
}

/** Our own ids come back unchanged; foreign ids become a deterministic UUID (idempotent re-import). */
function idFor(item: Record<string, unknown>, target: AnnotationTarget): string {
  const iri = asString(item.id) ?? asString(item['@id']);
  if (iri !== undefined) return idFromIri(iri) ?? uuidV5(`w3c:${iri}`);
  const p = target.position;
  return uuidV5(`w3c-anonymous:${p.start}:${p.end}:${target.quote.exact}:${JSON.stringify(item.body ?? item.bodyValue ?? null)}`);
}

function statusOf(item: Record<string, unknown>): AnnotationStatus {
  const raw = asString(item['schema:creativeWorkStatus']);
  return ANNOTATION_STATUSES.find((s) => s === raw) ?? 'manual';
}

function creatorName(creator: unknown): string | undefined {
  for (const c of asArray(creator)) {
    if (typeof c === 'string') return c;
    const obj = asObject(c);
    const name = asString(obj?.name) ?? asString(obj?.nickname) ?? asString(obj?.id);
    if (name !== undefined) return name;
  }
  return undefined;
}

/** The file name at the end of a target IRI (percent-decoded when it can be). */
export function iriFileName(iri: string): string {
  const path = iri.replace(/[?#].*$/, '');
  const last = path.slice(path.lastIndexOf('/') + 1);
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}

/**
 * The annotations of `doc` that go into a source the user named (CLI `--source`, or the
 * editor's "into this source"): all of them, unless the document annotates several sources
 * and some of those have the named file's name; then only those.
 */
export function itemsForNamedSource(doc: W3CDocument, sourceName: string): Record<string, unknown>[] {
  const named = [...doc.bySource.keys()].filter((iri) => iriFileName(iri) === sourceName);
  const chosen = doc.bySource.size > 1 && named.length > 0 ? named : [...doc.bySource.keys()];
  return chosen.flatMap((iri) => doc.bySource.get(iri) ?? []);
}
