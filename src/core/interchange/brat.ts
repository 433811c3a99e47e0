/**
 * brat standoff export and import (https://brat.nlplab.org/standoff.html).
 *
 * Offsets: brat reads the `.txt` with Python (`codecs.open(..., 'utf-8')`, no newline
 * translation) and counts characters of the Python string, i.e. Unicode code points, with a
 * CRLF line ending counting as two characters. The sidecar's offsets are code points of the
 * same text, so the export writes an exact copy of the source text (CRLF kept, no BOM) and the
 * sidecar's offsets unchanged. A span may not contain a line break in the `.ann` text field, so
 * a span that crosses lines is written as discontinuous fragments split at the line breaks,
 * as brat itself does; the import joins them back into one span.
 *
 * Lines written for each annotation:
 * - `T` text-bound: `Quote`, `Person`, `Claim`, `Boilerplate`, `Note` (or a note's original
 *   brat type, kept as a `brat:<Type>` tag, e.g. `Cue`), plus a `Speaker` span found near the
 *   quote for a speaker that has no `person` annotation of its own, and a `Cue` span for the
 *   engine's reporting cue of a quote ("Kuleba said"; cues are recomputed, never stored);
 * - `A` attributes: `Status` and `Reliability` (spaces in a rating become `_`);
 * - `R` relations `SaidBy Arg1:<quote> Arg2:<speaker>` and `CuedBy Arg1:<quote> Arg2:<cue>`;
 * - `#` `AnnotatorNotes` with the note, and a `SourceAnnotator` comment with the annotation's
 *   remaining fields as JSON (id, tags, author, timestamps, exact rating, speaker ids), so a
 *   round trip through brat keeps everything. brat shows the comment and otherwise ignores it.
 * The source-level rating, note and tags have no place in a brat document and are not written.
 *
 * The import reads foreign corpora too: `Source` / `Speaker` / `Person` spans become people,
 * `Content` / `Quote` spans quotes, a relation or an attribution event (`E` line) between them
 * sets the quote's speaker, `Cue` spans and unknown types become notes tagged `brat:<Type>`,
 * unknown attributes become tags. Offsets that were counted with CRLF read as one character
 * (a `.txt` converted by a Windows tool) are detected by checking the span texts and mapped.
 */
import { compareAnnotations } from '../annotations/serialize';
import {
  ANNOTATION_KINDS,
  ANNOTATION_STATUSES,
  type AnnotationKind,
  type Sidecar,
  type SidecarAnnotation,
  type SpeakerRef,
} from '../annotations/model';
import { createTarget, nowIso } from '../annotations/selectors';
import { OffsetMap } from '../text/offsets';
import type { Quote } from '../types';
import { asObject, asString, placeAnnotations, shorten, type ImportedAnnotations } from './common';
import { isUuid, uuidV5 } from './ids';

/** The `#` comment type that carries the fields brat has no place for. */
export const BRAT_METADATA_COMMENT = 'SourceAnnotator';
/** Relation type linking a quote (Arg1) to its speaker's span (Arg2). */
export const BRAT_SPEAKER_RELATION = 'SaidBy';
/** Tag prefix that keeps a brat entity type this tool has no kind for (e.g. `brat:Cue`). */
export const BRAT_TYPE_TAG = 'brat:';

const KIND_TYPE: Record<AnnotationKind, string> = {
  quote: 'Quote',
  person: 'Person',
  claim: 'Claim',
  boilerplate: 'Boilerplate',
  note: 'Note',
};

/**
 * Line boundaries of Python's `str.splitlines`, which brat uses when it reads the `.ann` file:
 * none of them may appear inside a line we write.
 */
// eslint-disable-next-line no-control-regex -- these control characters are exactly what must be matched
const PY_LINE_BREAK = /\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]/g;

/** What {@link toBrat} produced. */
export interface BratExport {
  /** The `.ann` file text (LF line endings, final newline). */
  ann: string;
  /** The `.txt` copy the offsets refer to: exactly the source text. */
  txt: string;
  /** Annotations that could not be placed on the current text and were left out. */
  orphans: string[];
  /** Entity types, relation types and attribute values used (for `annotation.conf`). */
  used: { entities: string[]; reliabilities: string[] };
}

/** Relation type linking a quote (Arg1) to its reporting cue (Arg2). */
export const BRAT_CUE_RELATION = 'CuedBy';

/** A detected quote with its reporting cue ("Kuleba said"), code points, from the engine's analysis. */
export interface DetectedCue {
  start: number;
  end: number;
  cue: { start: number; end: number };
}

/** The engine's detected quotes that have a reporting cue, as {@link DetectedCue}s. */
export function detectedCuesOf(quotes: readonly Quote[]): DetectedCue[] {
  return quotes.flatMap((q) => (q.cue ? [{ start: q.start, end: q.end, cue: { start: q.cue.start, end: q.cue.end } }] : []));
}

export interface BratExportOptions {
  /**
   * The engine's quotes with their cues (e.g. `analyzeDocument(...).quotes`): a quote
   * annotation on the same span gets a `Cue` span and a `CuedBy` relation. Cues are not stored
   * in sidecars (detections are recomputed), so they are marked as derived and not imported back.
   */
  cues?: readonly DetectedCue[];
}

/** Exports a sidecar (re-anchored on `text`) as a brat `.ann` document for `text`. */
export function toBrat(sidecar: Sidecar, text: string, options: BratExportOptions = {}): BratExport {
  const { placed, orphans } = placeAnnotations(sidecar, text);
  const map = new OffsetMap(text);
  const annotations = [...placed].sort(compareAnnotations);
  const tLines: string[] = [];
  const otherLines: string[] = [];
  const tIdOf = new Map<string, string>();
  const entities = new Set<string>();
  const reliabilities = new Set<string>();
  let t = 0;
  let a = 0;
  let r = 0;
  let c = 0;
  const textBound = (type: string, start: number, end: number): string => {
    const id = `T${++t}`;
    entities.add(type);
    tLines.push(`${id}\t${type} ${fragmentsOf(text, map, start, end).map(([s, e]) => `${s} ${e}`).join(';')}\t${fragmentText(text, map, start, end)}`);
    return id;
  };
  for (const annotation of annotations) {
    const p = annotation.target.position;
    tIdOf.set(annotation.id, textBound(typeFor(annotation), p.start, p.end));
  }
  for (const annotation of annotations) {
    const tid = tIdOf.get(annotation.id) as string;
    otherLines.push(`A${++a}\tStatus ${tid} ${annotation.status}`);
    if (annotation.reliability !== undefined) {
      reliabilities.add(attributeValue(annotation.reliability));
      otherLines.push(`A${++a}\tReliability ${tid} ${attributeValue(annotation.reliability)}`);
    }
    if (annotation.speaker) {
      let speakerTid = annotation.speaker.annotationId === undefined ? undefined : tIdOf.get(annotation.speaker.annotationId);
      if (speakerTid === undefined) {
        const found = findSpeakerMention(text, map, annotation.speaker.name, annotation.target.position.start, annotation.target.position.end);
        if (found) {
          speakerTid = textBound('Speaker', found.start, found.end);
          otherLines.push(`#${++c}\t${BRAT_METADATA_COMMENT} ${speakerTid}\t${jsonLine({ derived: 'speaker', of: annotation.id })}`);
        }
      }
      if (speakerTid !== undefined) otherLines.push(`R${++r}\t${BRAT_SPEAKER_RELATION} Arg1:${tid} Arg2:${speakerTid}`);
    }
    if (annotation.kind === 'quote') {
      const detected = matchingDetection(options.cues ?? [], annotation.target.position);
      if (detected && detected.cue.end > detected.cue.start && detected.cue.end <= map.codePointLength) {
        const cueTid = textBound('Cue', detected.cue.start, detected.cue.end);
        otherLines.push(`#${++c}\t${BRAT_METADATA_COMMENT} ${cueTid}\t${jsonLine({ derived: 'cue', of: annotation.id })}`);
        otherLines.push(`R${++r}\t${BRAT_CUE_RELATION} Arg1:${tid} Arg2:${cueTid}`);
      }
    }
    if (annotation.note !== undefined && annotation.note.trim() !== '') {
      otherLines.push(`#${++c}\tAnnotatorNotes ${tid}\t${oneLine(annotation.note)}`);
    }
    const meta = metadataOf(annotation);
    // brat cannot show line breaks at the edges of a span (fragments skip them): keep the exact range.
    const p = annotation.target.position;
    const fragments = fragmentsOf(text, map, p.start, p.end);
    if ((fragments[0] as [number, number])[0] !== p.start || (fragments[fragments.length - 1] as [number, number])[1] !== p.end) {
      meta.span = [p.start, p.end];
    }
    otherLines.push(`#${++c}\t${BRAT_METADATA_COMMENT} ${tid}\t${jsonLine(meta)}`);
  }
  return {
    ann: [...tLines, ...otherLines].map((l) => `${l}\n`).join(''),
    txt: text,
    orphans: orphans.map((o) => o.id),
    used: { entities: [...entities], reliabilities: [...reliabilities] },
  };
}

/**
 * The detection behind a quote annotation: the same span, or one that differs only at the
 * edges (e.g. with or without the quotation marks), at least 80% overlap both ways.
 */
function matchingDetection(cues: readonly DetectedCue[], span: { start: number; end: number }): DetectedCue | undefined {
  let best: { cue: DetectedCue; score: number } | undefined;
  for (const d of cues) {
    const overlap = Math.min(d.end, span.end) - Math.max(d.start, span.start);
    if (overlap <= 0) continue;
    const score = Math.min(overlap / (d.end - d.start), overlap / Math.max(1, span.end - span.start));
    if (score >= 0.8 && (!best || score > best.score)) best = { cue: d, score };
  }
  return best?.cue;
}

/** A brat `annotation.conf` declaring the types and attribute values an export uses. */
export function bratAnnotationConf(entities: Iterable<string>, reliabilities: Iterable<string>): string {
  const ents = [...new Set([...Object.values(KIND_TYPE), 'Speaker', 'Cue', ...entities])];
  const rels = [...new Set(reliabilities)];
  return [
    '# Written by Source Annotator for its brat exports.',
    '[entities]',
    ...ents,
    '[relations]',
    `${BRAT_SPEAKER_RELATION}\tArg1:Quote, Arg2:Person|Speaker`,
    `${BRAT_CUE_RELATION}\tArg1:Quote, Arg2:Cue`,
    '<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>',
    '[events]',
    '[attributes]',
    `Status\tArg:<ENTITY>, Value:${ANNOTATION_STATUSES.join('|')}`,
    ...(rels.length > 0 ? [`Reliability\tArg:<ENTITY>, Value:${rels.join('|')}`] : []),
    '',
  ].join('\n');
}

function typeFor(a: SidecarAnnotation): string {
  if (a.kind === 'note') {
    const kept = a.tags.find((tag) => tag.startsWith(BRAT_TYPE_TAG) && /^[A-Za-z][\w-]*$/.test(tag.slice(BRAT_TYPE_TAG.length)));
    if (kept !== undefined) return kept.slice(BRAT_TYPE_TAG.length);
  }
  return KIND_TYPE[a.kind];
}

/** brat attribute values are single tokens. */
function attributeValue(value: string): string {
  return value.trim().replace(/\s+/g, '_') || '_';
}

function oneLine(s: string): string {
  return s.replace(PY_LINE_BREAK, ' ').replace(/\t/g, ' ');
}

/** JSON on one line, with the characters Python would break a line at escaped. */
function jsonLine(value: unknown): string {
  // eslint-disable-next-line no-control-regex -- escaping the separators Python splits lines at
  return JSON.stringify(value).replace(/[\x85\u2028\u2029\x1c\x1d\x1e]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function metadataOf(a: SidecarAnnotation): Record<string, unknown> {
  const m: Record<string, unknown> = { id: a.id, kind: a.kind, status: a.status };
  if (a.reliability !== undefined) m.reliability = a.reliability;
  if (a.speaker !== undefined) m.speaker = a.speaker;
  if (a.note !== undefined) m.note = a.note;
  m.tags = a.tags;
  if (a.author !== undefined) m.author = a.author;
  m.created = a.created;
  m.modified = a.modified;
  if (a.unknownFields !== undefined) m.unknownFields = a.unknownFields;
  return m;
}

/** `[start, end)` (code points) split at line breaks; empty pieces dropped. */
function fragmentsOf(text: string, map: OffsetMap, start: number, end: number): [number, number][] {
  const s16 = map.toUtf16(start);
  const e16 = map.toUtf16(end);
  const slice = text.slice(s16, e16);
  const out: [number, number][] = [];
  let from = 0;
  for (const m of slice.matchAll(PY_LINE_BREAK)) {
    if (m.index > from) out.push([map.toCodePoint(s16 + from), map.toCodePoint(s16 + m.index)]);
    from = m.index + m[0].length;
  }
  if (slice.length > from) out.push([map.toCodePoint(s16 + from), map.toCodePoint(e16)]);
  return out.length > 0 ? out : [[start, end]];
}

/** The `.ann` text field: the fragments' texts joined by a space (as brat writes it). */
function fragmentText(text: string, map: OffsetMap, start: number, end: number): string {
  return fragmentsOf(text, map, start, end)
    .map(([s, e]) => text.slice(map.toUtf16(s), map.toUtf16(e)))
    .join(' ')
    .replace(PY_LINE_BREAK, ' ');
}

/** How far from a quote (code points) a speaker's name is looked for. */
const SPEAKER_WINDOW = 400;

/** The occurrence of `name` nearest to the quote, outside it, within {@link SPEAKER_WINDOW}. */
function findSpeakerMention(text: string, map: OffsetMap, name: string, start: number, end: number): { start: number; end: number } | undefined {
  if (name.trim() === '') return undefined;
  const lo = map.toUtf16(Math.max(0, start - SPEAKER_WINDOW));
  const hi = map.toUtf16(Math.min(map.codePointLength, end + SPEAKER_WINDOW));
  const qs = map.toUtf16(start);
  const qe = map.toUtf16(end);
  let best: { at: number; distance: number } | undefined;
  for (let i = text.indexOf(name, lo); i !== -1 && i + name.length <= hi; i = text.indexOf(name, i + 1)) {
    if (i < qe && i + name.length > qs) continue;
    const distance = i >= qe ? i - qe : qs - (i + name.length);
    if (!best || distance < best.distance) best = { at: i, distance };
  }
  return best && { start: map.toCodePoint(best.at), end: map.toCodePoint(best.at + name.length) };
}

// ---------------------------------------------------------------------------------------------
// Import

interface TextBound {
  id: string;
  type: string;
  fragments: [number, number][];
  text: string;
  line: number;
}

interface ParsedAnn {
  entities: Map<string, TextBound>;
  attributes: { id: string; name: string; target: string; value?: string; line: number }[];
  relations: { id: string; type: string; args: { role: string; target: string }[]; line: number }[];
  events: { id: string; type: string; trigger: string; args: { role: string; target: string }[]; line: number }[];
  comments: { type: string; target: string; text: string; line: number }[];
  warnings: string[];
}

/** Parses `.ann` text into its annotation lines; malformed lines become warnings. */
export function parseAnn(ann: string): ParsedAnn {
  const out: ParsedAnn = { entities: new Map(), attributes: [], relations: [], events: [], comments: [], warnings: [] };
  const lines = ann.replace(/^\uFEFF/, '').split(/\r?\n/);
  lines.forEach((line, index) => {
    const n = index + 1;
    if (line.trim() === '') return;
    const tab = line.indexOf('\t');
    const id = tab === -1 ? line : line.slice(0, tab);
    const rest = tab === -1 ? '' : line.slice(tab + 1);
    const bad = (why: string) => out.warnings.push(`line ${n}: ${why}; skipped: ${shorten(line, 80)}`);
    switch (id[0]) {
      case 'T': {
        const m = /^([^\s]+) (\d+ \d+(?:;\d+ \d+)*)\t?(.*)$/s.exec(rest);
        if (!m) return bad('not a valid text-bound annotation ("T1<TAB>Type start end<TAB>text")');
        const fragments = (m[2] as string).split(';').map((f) => f.split(' ').map(Number) as [number, number]);
        if (fragments.some(([s, e]) => e < s)) return bad('a fragment ends before it starts');
        if (out.entities.has(id)) return bad(`the id ${id} is used twice`);
        out.entities.set(id, { id, type: m[1] as string, fragments, text: m[3] as string, line: n });
        return;
      }
      case 'A':
      case 'M': {
        const parts = rest.trim().split(/\s+/);
        if (parts.length < 2) return bad('not a valid attribute ("A1<TAB>Name T1 [value]")');
        const attribute: ParsedAnn['attributes'][number] = { id, name: parts[0] as string, target: parts[1] as string, line: n };
        if (parts.length > 2) attribute.value = parts.slice(2).join(' ');
        out.attributes.push(attribute);
        return;
      }
      case 'R': {
        const parts = rest.trim().split(/\s+/);
        const args = parts.slice(1).map(roleArg);
        if (parts.length < 3 || args.some((x) => x === undefined)) return bad('not a valid relation ("R1<TAB>Type Arg1:T1 Arg2:T2")');
        out.relations.push({ id, type: parts[0] as string, args: args as { role: string; target: string }[], line: n });
        return;
      }
      case 'E': {
        const parts = rest.trim().split(/\s+/);
        const head = roleArg(parts[0] ?? '');
        const args = parts.slice(1).map(roleArg);
        if (!head || args.some((x) => x === undefined)) return bad('not a valid event ("E1<TAB>Type:T1 Role:T2 ...")');
        out.events.push({ id, type: head.role, trigger: head.target, args: args as { role: string; target: string }[], line: n });
        return;
      }
      case '#': {
        const m = /^(\S+) (\S+)\t?(.*)$/s.exec(rest);
        if (!m) return bad('not a valid note ("#1<TAB>AnnotatorNotes T1<TAB>text")');
        out.comments.push({ type: m[1] as string, target: m[2] as string, text: m[3] as string, line: n });
        return;
      }
      case '*':
      case 'N':
        // Equivalences and normalisations (links to databases) have no place in a sidecar.
        out.warnings.push(`line ${n}: ${id[0] === '*' ? 'equivalence' : 'normalisation'} lines are not imported`);
        return;
      default:
        return bad('unknown annotation type');
    }
  });
  return out;
}

function roleArg(s: string): { role: string; target: string } | undefined {
  const m = /^([^:\s]+):(\S+)$/.exec(s);
  return m ? { role: m[1] as string, target: m[2] as string } : undefined;
}

/** brat type (lower case) → sidecar kind. */
const TYPE_KIND: Record<string, AnnotationKind> = {
  quote: 'quote',
  quotation: 'quote',
  content: 'quote',
  directquote: 'quote',
  indirectquote: 'quote',
  direct_quote: 'quote',
  indirect_quote: 'quote',
  speech: 'quote',
  person: 'person',
  per: 'person',
  speaker: 'person',
  source: 'person',
  claim: 'claim',
  boilerplate: 'boilerplate',
  note: 'note',
};
const SPEAKER_ROLES = new Set(['source', 'speaker', 'agent', 'person', 'saidby', 'arg2']);
const QUOTE_ROLES = new Set(['content', 'quote', 'message', 'quotation']);
const CUE_TYPES = new Set(['cue', 'attribution', 'reportingverb', 'cue_verb']);

/** How the `.ann` offsets were counted against the text. */
export type BratOffsetConvention = 'as-is' | 'crlf-as-one' | 'bom-counted' | 'bom-counted-crlf-as-one';

export interface BratImportOptions {
  /** Name of the `.txt` (e.g. `article.txt`): part of the deterministic ids, so keep it stable. */
  sourceName: string;
  /** Timestamp for annotations that carry none (default: now). */
  now?: Date;
  /**
   * The `.txt` file started with a UTF-8 byte order mark (removed from `text`). brat reads it
   * as a character, so offsets written by brat are one higher; the importer then checks that.
   */
  textHadBom?: boolean;
}

/** What {@link fromBrat} produced. */
export interface BratImport extends ImportedAnnotations {
  /** The offset convention detected from the span texts. */
  convention: BratOffsetConvention;
  /** Number of `T` spans whose text did not match the text at their offsets. */
  mismatched: number;
}

/**
 * Imports a brat `.ann` document of `text` (the `.txt` content, BOM removed). Never throws:
 * lines that cannot be used are reported in `warnings`.
 */
export function fromBrat(ann: string, text: string, options: BratImportOptions): BratImport {
  const parsed = parseAnn(ann);
  const map = new OffsetMap(text);
  const length = map.codePointLength;
  const stamp = nowIso(options.now);
  const warnings = [...parsed.warnings];
  const result: BratImport = { annotations: [], source: {}, orphans: [], warnings, convention: 'as-is', mismatched: 0 };

  // Decide the offset convention by checking every span's text against each candidate.
  const matches = (convert: (n: number) => number) =>
    [...parsed.entities.values()].filter((e) => spanText(text, map, e.fragments.map(([s, f]) => [convert(s), convert(f)])) === normaliseSpanText(e.text)).length;
  const crlfAsOne = crlfAsOneMapper(text);
  const candidates: { convention: BratOffsetConvention; convert: (n: number) => number; why: string }[] = [{ convention: 'as-is', convert: (n) => n, why: '' }];
  if (crlfAsOne) {
    candidates.push({ convention: 'crlf-as-one', convert: crlfAsOne, why: 'The offsets count each CRLF line ending as one character (the .txt was read with newline translation); they were mapped onto the file as it is.' });
  }
  if (options.textHadBom) {
    const why = 'The offsets count the byte order mark at the start of the .txt as a character (as brat does); they were shifted by one.';
    candidates.push({ convention: 'bom-counted', convert: (n) => Math.max(0, n - 1), why });
    if (crlfAsOne) candidates.push({ convention: 'bom-counted-crlf-as-one', convert: (n) => crlfAsOne(Math.max(0, n - 1)), why: `${why} They also count each CRLF as one character.` });
  }
  let chosen = candidates[0] as (typeof candidates)[number];
  if (candidates.length > 1 && parsed.entities.size > 0) {
    let best = matches(chosen.convert);
    for (const candidate of candidates.slice(1)) {
      const score = matches(candidate.convert);
      if (score > best) {
        best = score;
        chosen = candidate;
      }
    }
  }
  const convert = chosen.convert;
  result.convention = chosen.convention;
  if (chosen.why) warnings.push(chosen.why);

  const metadata = new Map<string, Record<string, unknown>>();
  const notes = new Map<string, string[]>();
  for (const c of parsed.comments) {
    if (c.type === BRAT_METADATA_COMMENT) {
      try {
        const value = asObject(JSON.parse(c.text));
        if (value) metadata.set(c.target, value);
        else warnings.push(`line ${c.line}: the ${BRAT_METADATA_COMMENT} comment is not a JSON object; ignored`);
      } catch {
        warnings.push(`line ${c.line}: the ${BRAT_METADATA_COMMENT} comment is not valid JSON; ignored`);
      }
    } else if (c.text.trim() !== '') {
      const list = notes.get(c.target) ?? [];
      list.push(c.type === 'AnnotatorNotes' ? c.text : `${c.type}: ${c.text}`);
      notes.set(c.target, list);
    }
  }

  const byTid = new Map<string, SidecarAnnotation>();
  const typeOf = new Map<string, string>();
  for (const e of parsed.entities.values()) {
    const meta = metadata.get(e.id);
    if (meta?.derived !== undefined) continue; // a speaker span the export derived from a quote's speaker name
    const fragments = e.fragments.map(([s, f]) => [convert(s), convert(f)] as [number, number]);
    let start = Math.min(...fragments.map(([s]) => s));
    let end = Math.max(...fragments.map(([, f]) => f));
    const span = exactSpan(meta, start, end, length);
    if (span) [start, end] = span;
    if (end > length) {
      warnings.push(`line ${e.line}: ${e.id} (${e.type}) ends at ${end}, after the end of the text (${length} characters); skipped`);
      continue;
    }
    if (spanText(text, map, fragments) !== normaliseSpanText(e.text)) {
      result.mismatched++;
      warnings.push(`line ${e.line}: the text of ${e.id} (“${shorten(e.text)}”) differs from the text at its offsets (“${shorten(spanText(text, map, fragments))}”); the offsets were used`);
    }
    if (fragments.length > 1 && gapsHaveText(text, map, fragments)) {
      warnings.push(`line ${e.line}: ${e.id} is discontinuous; imported as one span that also covers the text between its fragments`);
    }
    const lower = e.type.toLowerCase();
    const kind = TYPE_KIND[lower] ?? 'note';
    const annotation: SidecarAnnotation = {
      id: uuidV5(`brat:${options.sourceName}#${e.id}`),
      kind,
      target: createTarget(text, start, end, map),
      status: 'manual',
      tags: e.type === KIND_TYPE[kind] ? [] : [`${BRAT_TYPE_TAG}${e.type}`],
      created: stamp,
      modified: stamp,
    };
    const note = notes.get(e.id);
    if (note) annotation.note = note.join('\n');
    if (meta) applyMetadata(annotation, meta);
    byTid.set(e.id, annotation);
    typeOf.set(e.id, lower);
  }

  for (const attr of parsed.attributes) {
    const annotation = byTid.get(attr.target);
    if (!annotation) {
      if (!parsed.entities.has(attr.target)) warnings.push(`line ${attr.line}: attribute ${attr.id} refers to ${attr.target}, which is not a span; skipped`);
      continue;
    }
    if (metadata.has(attr.target)) continue; // the metadata has the exact values
    const name = attr.name.toLowerCase();
    if (name === 'status' && ANNOTATION_STATUSES.some((s) => s === attr.value)) {
      annotation.status = attr.value as SidecarAnnotation['status'];
    } else if (name === 'reliability' && attr.value !== undefined) {
      annotation.reliability = attr.value;
    } else {
      annotation.tags.push(attr.value === undefined ? attr.name : `${attr.name}=${attr.value}`);
    }
  }

  // Speakers and cues from relations and attribution events.
  const isQuote = (tid: string) => byTid.get(tid)?.kind === 'quote';
  const isSpeaker = (tid: string) => byTid.get(tid)?.kind === 'person';
  const isCue = (tid: string) => CUE_TYPES.has(typeOf.get(tid) ?? '');
  const link = (quoteTid: string, speakerTid: string) => {
    const quote = byTid.get(quoteTid) as SidecarAnnotation;
    const speaker = byTid.get(speakerTid) as SidecarAnnotation;
    if (quote.speaker !== undefined) return;
    quote.speaker = { name: speaker.target.quote.exact.replace(/\s+/g, ' ').trim(), annotationId: speaker.id };
  };
  const cueOf = (cueTid: string, quoteTid: string) => {
    const cue = byTid.get(cueTid) as SidecarAnnotation;
    const quote = byTid.get(quoteTid) as SidecarAnnotation;
    if (metadata.has(cueTid)) return;
    const line = `Reporting cue of the quote “${shorten(quote.target.quote.exact)}”`;
    if (!(cue.note ?? '').includes(line)) cue.note = cue.note === undefined ? line : `${cue.note}\n${line}`;
  };
  for (const rel of parsed.relations) {
    const [x, y] = rel.args.map((arg) => arg.target) as [string, string];
    if (!byTid.has(x) || !byTid.has(y)) {
      // A relation to a derived speaker span needs nothing: the quote's metadata has the speaker.
      if (!(parsed.entities.has(x) && parsed.entities.has(y))) warnings.push(`line ${rel.line}: relation ${rel.id} refers to a span that does not exist; skipped`);
      continue;
    }
    if (isQuote(x) && isSpeaker(y)) link(x, y);
    else if (isQuote(y) && isSpeaker(x)) link(y, x);
    else if (isCue(x) && isQuote(y)) cueOf(x, y);
    else if (isCue(y) && isQuote(x)) cueOf(y, x);
    else warnings.push(`line ${rel.line}: relation ${rel.id} (${rel.type}) links two spans the sidecar cannot relate; not imported`);
  }
  for (const ev of parsed.events) {
    const all = [{ role: 'trigger', target: ev.trigger }, ...ev.args].filter((a) => byTid.has(a.target));
    const quote = all.find((a) => QUOTE_ROLES.has(a.role.toLowerCase().replace(/\d+$/, '')) && isQuote(a.target)) ?? all.find((a) => a.role !== 'trigger' && isQuote(a.target));
    const speaker = all.find((a) => SPEAKER_ROLES.has(a.role.toLowerCase().replace(/\d+$/, '')) && isSpeaker(a.target)) ?? all.find((a) => isSpeaker(a.target));
    if (!quote) {
      warnings.push(`line ${ev.line}: event ${ev.id} (${ev.type}) has no quote-like argument; not imported`);
      continue;
    }
    if (speaker) link(quote.target, speaker.target);
    if (byTid.has(ev.trigger) && ev.trigger !== quote.target && ev.trigger !== speaker?.target) cueOf(ev.trigger, quote.target);
  }

  result.annotations = [...byTid.values()];
  return result;
}

/**
 * The exact range our own export recorded for a span whose edges are line breaks (which brat
 * fragments leave out); used only when it covers the fragments and lies in the text.
 */
function exactSpan(meta: Record<string, unknown> | undefined, start: number, end: number, length: number): [number, number] | undefined {
  const span = meta?.span;
  if (!Array.isArray(span) || span.length !== 2) return undefined;
  const [s, e] = span as unknown[];
  if (typeof s !== 'number' || typeof e !== 'number' || !Number.isInteger(s) || !Number.isInteger(e)) return undefined;
  return s >= 0 && s <= start && e >= end && e <= length ? [s, e] : undefined;
}

function applyMetadata(annotation: SidecarAnnotation, meta: Record<string, unknown>): void {
  const id = asString(meta.id);
  if (id !== undefined && id !== '') annotation.id = isUuid(id) ? id.toLowerCase() : id;
  const kind = ANNOTATION_KINDS.find((k) => k === meta.kind);
  if (kind) annotation.kind = kind;
  const status = ANNOTATION_STATUSES.find((s) => s === meta.status);
  if (status) annotation.status = status;
  const reliability = asString(meta.reliability);
  if (reliability !== undefined) annotation.reliability = reliability;
  const speaker = asObject(meta.speaker);
  if (speaker && typeof speaker.name === 'string') annotation.speaker = speaker as unknown as SpeakerRef;
  const note = asString(meta.note);
  if (note !== undefined) annotation.note = note;
  else delete annotation.note;
  if (Array.isArray(meta.tags)) annotation.tags = meta.tags.filter((t): t is string => typeof t === 'string');
  const author = asString(meta.author);
  if (author !== undefined) annotation.author = author;
  const created = asString(meta.created);
  if (created !== undefined) annotation.created = created;
  const modified = asString(meta.modified);
  if (modified !== undefined) annotation.modified = modified;
  const unknown = asObject(meta.unknownFields);
  if (unknown) annotation.unknownFields = unknown;
}

/** Text at the fragments as brat shows it: fragment texts joined by a space. */
function spanText(text: string, map: OffsetMap, fragments: [number, number][]): string {
  const length = map.codePointLength;
  return normaliseSpanText(
    fragments.map(([s, e]) => (e > length ? '\uFFFF' : text.slice(map.toUtf16(s), map.toUtf16(e)))).join(' '),
  );
}

/** Compare span texts modulo line breaks and runs of spaces (tools differ in how they flatten them). */
function normaliseSpanText(s: string): string {
  return s.replace(PY_LINE_BREAK, ' ').replace(/[ \t]+/g, ' ').trim();
}

function gapsHaveText(text: string, map: OffsetMap, fragments: [number, number][]): boolean {
  const sorted = [...fragments].sort((a, b) => a[0] - b[0]);
  for (let i = 1; i < sorted.length; i++) {
    const gap = text.slice(map.toUtf16((sorted[i - 1] as [number, number])[1]), map.toUtf16((sorted[i] as [number, number])[0]));
    if (gap.trim() !== '') return true;
  }
  return false;
}

/**
 * For a text with CRLF line endings: maps an offset counted as if each CRLF were one
 * character (code points) to the offset in the text as it is. `undefined` when the text has no CRLF.
 */
function crlfAsOneMapper(text: string): ((n: number) => number) | undefined {
  if (!text.includes('\r\n')) return undefined;
  // Positions (in the CRLF-as-one count) of each collapsed CR.
  const collapsed: number[] = [];
  let cp = 0;
  let removed = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0d && text.charCodeAt(i + 1) === 0x0a) {
      collapsed.push(cp - removed);
      removed++;
    } else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    cp++;
  }
  return (n: number) => {
    // Number of CRLFs that start before offset n (a CRLF at n itself lies after it).
    let lo = 0;
    let hi = collapsed.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((collapsed[mid] as number) < n) lo = mid + 1;
      else hi = mid;
    }
    return n + lo;
  };
}
