/**
 * Reading a sidecar file's text: conflict markers, JSON, version (migrate older, refuse newer),
 * schema validation, then the in-memory model with unknown fields kept aside.
 *
 * Validation uses a validator compiled ahead of time from `schemas/annotations.schema.json`
 * with ajv's standalone mode (see `scripts/genSidecarValidator.mjs`): the bundle carries a
 * few KB of generated checks instead of the ajv compiler, and nothing is `eval`ed at run time.
 */
import { declaredVersion, migrate, MIGRATABLE_VERSIONS } from './migrate';
import {
  SIDECAR_VERSION,
  type AnnotationKind,
  type AnnotationStatus,
  type ParseResult,
  type Sidecar,
  type SidecarAnnotation,
  type SidecarProblem,
  type SidecarSource,
  type SidecarWarning,
  type SpeakerRef,
  type UnknownFields,
} from './model';
import { validate as validateGenerated } from './validateSidecar.generated';

interface AjvError {
  instancePath: string;
  message?: string;
  params?: Record<string, unknown>;
}
type GeneratedValidator = ((data: unknown) => boolean) & { errors?: AjvError[] | null };
const validateSchema = validateGenerated as GeneratedValidator;

type Json = Record<string, unknown>;

/** At most this many schema errors are listed to the user. */
const MAX_LISTED_ERRORS = 8;

/** A line that git writes around a merge conflict. */
const CONFLICT_MARKER = /^(?:<{7}|={7}|>{7}|\|{7})(?: |$)/m;

/**
 * Parses a sidecar's text. Never throws: a file that cannot be used comes back as
 * `{ ok: false, problem }` (and must then never be overwritten); a usable file comes back with
 * the warnings about what was repaired (duplicate ids) or migrated.
 */
export function parseSidecar(text: string): ParseResult {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const marker = CONFLICT_MARKER.exec(body);
  if (marker) {
    return problem({
      kind: 'conflict-markers',
      message: 'it contains git merge conflict markers (<<<<<<< / ======= / >>>>>>>); resolve the conflict by hand first',
      line: lineOf(body, marker.index),
    });
  }
  if (body.trim() === '') return problem({ kind: 'invalid-json', message: 'the file is empty' });
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch (error) {
    return problem(jsonProblem(body, error));
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    return problem({ kind: 'schema', message: 'the file is JSON but not an object with "version", "source" and "annotations"' });
  }
  const warnings: SidecarWarning[] = [];
  let json = data as Json;
  const version = declaredVersion(json);
  let migratedFrom: number | undefined;
  if (version === undefined) {
    return problem({ kind: 'schema', message: 'the file has no "version" field, so it is not a Source Annotator sidecar' });
  }
  if (version > SIDECAR_VERSION) {
    return problem({
      kind: 'future-version',
      message: `it was written by a newer version of Source Annotator (sidecar version ${version}; this version reads up to ${SIDECAR_VERSION}); it is shown read-only and will not be changed`,
      foundVersion: version,
    });
  }
  if (version !== SIDECAR_VERSION) {
    if (!MIGRATABLE_VERSIONS.includes(version)) {
      return problem({ kind: 'schema', message: `sidecar version ${version} is not a known version` });
    }
    json = migrate(json, version);
    migratedFrom = version;
    warnings.push({ kind: 'migrated', message: `migrated from sidecar version ${version} to ${SIDECAR_VERSION}; it is written in the new format on the next save` });
  }
  if (!validateSchema(json)) {
    const errors = validateSchema.errors ?? [];
    const details = errors.slice(0, MAX_LISTED_ERRORS).map(describeAjvError);
    if (errors.length > MAX_LISTED_ERRORS) details.push(`… and ${errors.length - MAX_LISTED_ERRORS} more`);
    return problem({
      kind: 'schema',
      message: `it does not match the sidecar format: ${details[0] ?? 'invalid'}`,
      details,
    });
  }
  const sidecar = toModel(json);
  repairDuplicateIds(sidecar, warnings);
  if (!isPlainRelativePath(sidecar.source.path)) {
    warnings.push({
      kind: 'source-path',
      message: `source.path "${sidecar.source.path}" points outside the sidecar's folder; it is ignored (a sidecar always belongs to the file it is named after)`,
    });
  }
  for (const a of sidecar.annotations) {
    if (a.target.position.start > a.target.position.end) {
      warnings.push({ kind: 'invalid-range', annotationId: a.id, message: `annotation ${a.id} has start ${a.target.position.start} after end ${a.target.position.end}; it is placed by its quote instead` });
    }
  }
  return migratedFrom === undefined ? { ok: true, sidecar, warnings } : { ok: true, sidecar, warnings, migratedFrom };
}

/**
 * True for a path that stays inside the sidecar's folder: relative, no `..` segment, no drive
 * letter or URI scheme. Sidecars come from teammates' commits, so a path in one is never
 * followed without this check.
 */
export function isPlainRelativePath(path: string): boolean {
  if (path === '' || path.startsWith('/') || path.startsWith('\\') || /^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(path)) return false;
  return !path.split(/[\\/]/).some((segment) => segment === '..');
}

/**
 * Warnings for ratings that are not on the configured reliability scale (a teammate with a
 * different scale, a typo). The ratings are kept as they are; the caller shows the warnings.
 */
export function reliabilityWarnings(sidecar: Sidecar, scale: readonly string[]): SidecarWarning[] {
  const allowed = new Set(scale);
  const warnings: SidecarWarning[] = [];
  if (sidecar.source.reliability !== undefined && !allowed.has(sidecar.source.reliability)) {
    warnings.push({ kind: 'unknown-reliability', message: `the source's reliability "${sidecar.source.reliability}" is not on the configured scale (${scale.join(', ')})` });
  }
  for (const a of sidecar.annotations) {
    if (a.reliability !== undefined && !allowed.has(a.reliability)) {
      warnings.push({ kind: 'unknown-reliability', annotationId: a.id, message: `annotation ${a.id} has reliability "${a.reliability}", which is not on the configured scale (${scale.join(', ')})` });
    }
  }
  return warnings;
}

function problem(p: SidecarProblem): ParseResult {
  return { ok: false, problem: p };
}

function lineOf(text: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

function jsonProblem(text: string, error: unknown): SidecarProblem {
  const raw = error instanceof Error ? error.message : String(error);
  const at = /at position (\d+)/.exec(raw);
  const truncated = /end of JSON input|Unterminated string/i.test(raw);
  const p: SidecarProblem = {
    kind: 'invalid-json',
    message: truncated ? `it is not valid JSON (it looks truncated: ${raw})` : `it is not valid JSON (${raw})`,
  };
  if (at) p.line = lineOf(text, Number(at[1]));
  else if (truncated) p.line = lineOf(text, text.length);
  return p;
}

function describeAjvError(e: AjvError): string {
  const where = e.instancePath === '' ? 'the top level' : e.instancePath.replace(/^\//, '').split('/').join('.');
  const allowed = e.params && Array.isArray(e.params.allowedValues) ? ` (${(e.params.allowedValues as unknown[]).join(', ')})` : '';
  return `${where} ${e.message ?? 'is invalid'}${allowed}`;
}

/** Splits `obj` into the listed known keys and the rest (kept verbatim). */
function unknownOf(obj: Json, known: readonly string[]): UnknownFields | undefined {
  let extra: UnknownFields | undefined;
  for (const [key, value] of Object.entries(obj)) {
    if (!known.includes(key)) (extra ??= {})[key] = value;
  }
  return extra;
}

const SIDECAR_KEYS = ['version', 'source', 'annotations'] as const;
const SOURCE_KEYS = ['path', 'sha256', 'reliability', 'note', 'tags'] as const;
const ANNOTATION_KEYS = ['id', 'kind', 'target', 'status', 'reliability', 'speaker', 'note', 'tags', 'author', 'created', 'modified'] as const;
const SPEAKER_KEYS = ['name', 'personId', 'annotationId'] as const;
const TARGET_KEYS = ['quote', 'position'] as const;
const QUOTE_KEYS = ['type', 'exact', 'prefix', 'suffix'] as const;
const POSITION_KEYS = ['type', 'start', 'end'] as const;

/** Builds the model from schema-valid JSON. Unknown fields inside selectors are carried on the target. */
function toModel(json: Json): Sidecar {
  const src = json.source as Json;
  const source: SidecarSource = { path: src.path as string, sha256: src.sha256 as string, tags: [...((src.tags as string[] | undefined) ?? [])] };
  if (typeof src.reliability === 'string') source.reliability = src.reliability;
  if (typeof src.note === 'string') source.note = src.note;
  const srcExtra = unknownOf(src, SOURCE_KEYS);
  if (srcExtra) source.unknownFields = srcExtra;

  const sidecar: Sidecar = {
    version: SIDECAR_VERSION,
    source,
    annotations: (json.annotations as Json[]).map(toAnnotation),
  };
  const extra = unknownOf(json, SIDECAR_KEYS);
  if (extra) sidecar.unknownFields = extra;
  return sidecar;
}

function toAnnotation(a: Json): SidecarAnnotation {
  const target = a.target as Json;
  const quote = target.quote as Json;
  const position = target.position as Json;
  const annotation: SidecarAnnotation = {
    id: a.id as string,
    kind: a.kind as AnnotationKind,
    target: {
      quote: {
        type: 'TextQuoteSelector',
        exact: quote.exact as string,
        prefix: (quote.prefix as string | undefined) ?? '',
        suffix: (quote.suffix as string | undefined) ?? '',
      },
      position: { type: 'TextPositionSelector', start: position.start as number, end: position.end as number },
    },
    status: a.status as AnnotationStatus,
    tags: [...((a.tags as string[] | undefined) ?? [])],
    created: a.created as string,
    modified: a.modified as string,
  };
  if (typeof a.reliability === 'string') annotation.reliability = a.reliability;
  if (a.speaker !== undefined) {
    const s = a.speaker as Json;
    const speaker: SpeakerRef = { name: s.name as string };
    if (typeof s.personId === 'string') speaker.personId = s.personId;
    if (typeof s.annotationId === 'string') speaker.annotationId = s.annotationId;
    const sExtra = unknownOf(s, SPEAKER_KEYS);
    if (sExtra) speaker.unknownFields = sExtra;
    annotation.speaker = speaker;
  }
  if (typeof a.note === 'string') annotation.note = a.note;
  if (typeof a.author === 'string') annotation.author = a.author;
  // Unknown keys inside target / selectors are rare; keep them with a prefixed name so they survive.
  let extra = unknownOf(a, ANNOTATION_KEYS);
  const nested: [string, Json, readonly string[]][] = [
    ['target', target, TARGET_KEYS],
    ['target.quote', quote, QUOTE_KEYS],
    ['target.position', position, POSITION_KEYS],
  ];
  for (const [path, obj, keys] of nested) {
    const inner = unknownOf(obj, keys);
    if (inner) (extra ??= {})[`${NESTED_PREFIX}${path}`] = inner;
  }
  if (extra) annotation.unknownFields = extra;
  return annotation;
}

/**
 * Unknown fields found inside `target` or its selectors are kept in the annotation's
 * `unknownFields` under `"<prefix>target"`, `"<prefix>target.quote"`, `"<prefix>target.position"`
 * and written back into place by the serializer.
 */
export const NESTED_PREFIX = '\u0000nested:';

/**
 * Identical copies of an annotation (a bad merge) are dropped: nothing is lost. Different
 * annotations sharing an id get a derived id (`<id>~2`, deterministic so two windows repairing
 * the same file agree), because the id is the key for merging.
 */
function repairDuplicateIds(sidecar: Sidecar, warnings: SidecarWarning[]): void {
  const seen = new Map<string, SidecarAnnotation[]>();
  const kept: SidecarAnnotation[] = [];
  const taken = new Set(sidecar.annotations.map((a) => a.id));
  for (const a of sidecar.annotations) {
    const same = seen.get(a.id);
    if (!same) {
      seen.set(a.id, [a]);
      kept.push(a);
      continue;
    }
    if (same.some((b) => JSON.stringify(b) === JSON.stringify(a))) {
      warnings.push({ kind: 'duplicate-id', annotationId: a.id, message: `annotation ${a.id} appeared twice with identical content; the copy was removed` });
      continue;
    }
    let n = same.length + 1;
    while (taken.has(`${a.id}~${n}`)) n++;
    const newId = `${a.id}~${n}`;
    taken.add(newId);
    same.push(a);
    warnings.push({ kind: 'duplicate-id', annotationId: newId, message: `two different annotations had the id ${a.id}; the later one now has the id ${newId}` });
    kept.push({ ...a, id: newId });
  }
  sidecar.annotations = kept;
}
