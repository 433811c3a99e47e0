/**
 * Writing a sidecar: pretty-printed, keys in a fixed order, annotations sorted by position then
 * id, a final newline. Two people adding different annotations to one file then change
 * different lines, so git merges the file without conflicts in the common case.
 */
import { NESTED_PREFIX } from './parse';
import { SIDECAR_VERSION, type Sidecar, type SidecarAnnotation, type UnknownFields } from './model';

type Json = Record<string, unknown>;

/** Orders annotations by start, then end, then id (the order they are written in). */
export function compareAnnotations(a: SidecarAnnotation, b: SidecarAnnotation): number {
  const pa = a.target.position;
  const pb = b.target.position;
  if (pa.start !== pb.start) return pa.start - pb.start;
  if (pa.end !== pb.end) return pa.end - pb.end;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** The file text for `sidecar` (deterministic: the same model always gives the same bytes). */
export function serializeSidecar(sidecar: Sidecar): string {
  return `${JSON.stringify(toJson(sidecar), null, 2)}\n`;
}

/** The JSON object written for `sidecar`, with keys in their fixed order. */
export function toJson(sidecar: Sidecar): Json {
  const s = sidecar.source;
  const source: Json = { path: s.path, sha256: s.sha256 };
  put(source, 'reliability', s.reliability);
  put(source, 'note', s.note);
  source.tags = [...s.tags];
  appendUnknown(source, s.unknownFields);
  const out: Json = {
    version: SIDECAR_VERSION,
    source,
    annotations: [...sidecar.annotations].sort(compareAnnotations).map(annotationJson),
  };
  appendUnknown(out, sidecar.unknownFields);
  return out;
}

function annotationJson(a: SidecarAnnotation): Json {
  const nested: Record<string, UnknownFields> = {};
  const plain: UnknownFields = {};
  for (const [key, value] of Object.entries(a.unknownFields ?? {})) {
    if (key.startsWith(NESTED_PREFIX)) nested[key.slice(NESTED_PREFIX.length)] = value as UnknownFields;
    else plain[key] = value;
  }
  const q = a.target.quote;
  const p = a.target.position;
  const quote: Json = { type: 'TextQuoteSelector', exact: q.exact, prefix: q.prefix, suffix: q.suffix };
  appendUnknown(quote, nested['target.quote']);
  const position: Json = { type: 'TextPositionSelector', start: p.start, end: p.end };
  appendUnknown(position, nested['target.position']);
  const target: Json = { quote, position };
  appendUnknown(target, nested.target);
  const out: Json = { id: a.id, kind: a.kind, status: a.status, target };
  put(out, 'reliability', a.reliability);
  if (a.speaker) {
    const speaker: Json = { name: a.speaker.name };
    put(speaker, 'personId', a.speaker.personId);
    put(speaker, 'annotationId', a.speaker.annotationId);
    appendUnknown(speaker, a.speaker.unknownFields);
    out.speaker = speaker;
  }
  put(out, 'note', a.note);
  out.tags = [...a.tags];
  put(out, 'author', a.author);
  out.created = a.created;
  out.modified = a.modified;
  appendUnknown(out, plain);
  return out;
}

function put(obj: Json, key: string, value: unknown): void {
  if (value !== undefined) obj[key] = value;
}

/** Unknown fields go after the known ones, in sorted order, so their place is stable too. */
function appendUnknown(obj: Json, extra: UnknownFields | undefined): void {
  if (!extra) return;
  for (const key of Object.keys(extra).sort()) {
    if (!(key in obj)) obj[key] = extra[key];
  }
}
