/**
 * The editor's view of one document: the engine's detections merged with the user's
 * decisions about them (confirm, reject, reliability, speaker, note) and the user's own
 * annotations. Pure; the extension feeds it the store's data and the decorations, hovers,
 * commands and tree read it.
 */
import type { Boilerplate, Claim, DocumentAnalysis, Person, Quote } from '../types';

/** What a span is, as the editor shows it (a quote is split into speech and scare-quoted terms). */
export type EntryKind = 'quote' | 'term' | 'person' | 'claim' | 'boilerplate' | 'note';

/** The annotation kinds of the sidecar format. */
export type AnnotationKind = 'quote' | 'person' | 'claim' | 'boilerplate' | 'note';

/** How a sidecar annotation relates to what the engine detected. */
export type AnnotationStatus = 'confirmed' | 'rejected' | 'manual';

/**
 * The part of a sidecar annotation the editor needs, in code points of the current text.
 * An orphan (could not be re-anchored) has no position.
 */
export interface UserAnnotationView {
  id: string;
  kind: AnnotationKind;
  start?: number;
  end?: number;
  exact: string;
  status: AnnotationStatus;
  reliability?: string;
  speaker?: string;
  note?: string;
}

/** One highlighted span with everything known about it. */
export interface Entry {
  /** The annotation id when the user decided something, else a key derived from the detection. */
  id: string;
  kind: EntryKind;
  start: number;
  end: number;
  text: string;
  /** `detected` = engine only, no user decision yet. */
  status: 'detected' | AnnotationStatus;
  annotation?: UserAnnotationView;
  quote?: Quote;
  person?: Person;
  claim?: Claim;
  boilerplate?: Boilerplate;
  /** Corrected speaker if the user set one, else the detected one. */
  speaker?: string;
  reliability?: string;
  note?: string;
}

/** Key of a detection, stable while the text before it does not change. */
export function detectionKey(kind: EntryKind, start: number, end: number): string {
  return `detected:${kind}:${start}-${end}`;
}

function annotationKindOf(kind: EntryKind): AnnotationKind {
  return kind === 'term' ? 'quote' : kind;
}

function spanKey(kind: AnnotationKind, start: number, end: number): string {
  return `${kind}:${start}:${end}`;
}

/**
 * Merges detections and annotations. A sidecar annotation decides about the detection of the
 * same kind on exactly the same span; other annotations stand on their own. Orphans are left
 * out (they have no span; the caller lists them separately). Sorted by start, then longest first.
 */
export function buildEntries(analysis: DocumentAnalysis, annotations: readonly UserAnnotationView[]): Entry[] {
  const bySpan = new Map<string, UserAnnotationView>();
  for (const a of annotations) {
    if (a.start === undefined || a.end === undefined) continue;
    bySpan.set(spanKey(a.kind, a.start, a.end), a);
  }
  const used = new Set<string>();
  const entries: Entry[] = [];
  // Built for every detection on the extension host (16,000 of them in a dense source): plain
  // object literals, and no span-key strings when there are no annotations to match.
  const matching = bySpan.size > 0;

  const add = (kind: EntryKind, span: { start: number; end: number; text: string }, detail: Pick<Entry, 'quote' | 'person' | 'claim' | 'boilerplate' | 'speaker'>): void => {
    const annotation = matching ? bySpan.get(spanKey(annotationKindOf(kind), span.start, span.end)) : undefined;
    const entry: Entry = {
      id: annotation?.id ?? detectionKey(kind, span.start, span.end),
      // Giving a "term" a speaker says it is speech after all.
      kind: kind === 'term' && annotation?.speaker ? 'quote' : kind,
      start: span.start,
      end: span.end,
      text: span.text,
      status: annotation?.status ?? 'detected',
    };
    if (detail.quote) entry.quote = detail.quote;
    if (detail.person) entry.person = detail.person;
    if (detail.claim) entry.claim = detail.claim;
    if (detail.boilerplate) entry.boilerplate = detail.boilerplate;
    if (detail.speaker !== undefined) entry.speaker = detail.speaker;
    if (annotation) {
      used.add(annotation.id);
      Object.assign(entry, decisionsOf(annotation, detail.speaker));
    }
    entries.push(entry);
  };

  for (const q of analysis.quotes) {
    add(q.kind === 'term' ? 'term' : 'quote', q, q.speaker ? { quote: q, speaker: q.speaker.name } : { quote: q });
  }
  for (const p of analysis.people) {
    const detail = { person: p };
    for (const m of p.mentions) add('person', m, detail);
  }
  for (const c of analysis.claims) add('claim', c, { claim: c });
  for (const b of analysis.boilerplate) add('boilerplate', b, { boilerplate: b });

  for (const a of annotations) {
    if (used.has(a.id) || a.start === undefined || a.end === undefined) continue;
    entries.push({
      id: a.id,
      kind: a.kind,
      start: a.start,
      end: a.end,
      text: a.exact,
      status: a.status,
      ...decisionsOf(a, undefined),
    });
  }
  // Ties broken by the id's code units: deterministic like localeCompare, which was a large
  // share of sorting the 16,000 entries of a dense source on the extension host (issue 9).
  return entries.sort((x, y) => x.start - y.start || y.end - x.end || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
}

function decisionsOf(a: UserAnnotationView, detectedSpeaker: string | undefined): Partial<Entry> {
  const out: Partial<Entry> = { annotation: a };
  const speaker = a.speaker ?? detectedSpeaker;
  if (speaker !== undefined) out.speaker = speaker;
  if (a.reliability !== undefined) out.reliability = a.reliability;
  if (a.note !== undefined) out.note = a.note;
  return out;
}

/** Entries that cover a code point offset (`inclusiveEnd` also accepts a cursor just after a span). */
export function entriesAt(entries: readonly Entry[], offset: number, inclusiveEnd = false): Entry[] {
  return entries.filter((e) => e.start <= offset && (offset < e.end || (inclusiveEnd && offset === e.end)));
}

/**
 * The entry a cursor command acts on: among those under the cursor, the first kind in
 * `preferred` wins, then the shortest span (the innermost).
 */
export function pickEntry(
  entries: readonly Entry[],
  offset: number,
  preferred: readonly EntryKind[] = ['quote', 'term', 'claim', 'note', 'person', 'boilerplate'],
): Entry | undefined {
  const here = entriesAt(entries, offset, true);
  const rank = (e: Entry): number => {
    const i = preferred.indexOf(e.kind);
    return i < 0 ? preferred.length : i;
  };
  return here.sort((a, b) => rank(a) - rank(b) || a.end - a.start - (b.end - b.start))[0];
}

/** The next (or previous) visible entry start after (before) `offset`, wrapping around. */
export function neighbourEntry(
  entries: readonly Entry[],
  offset: number,
  direction: 'next' | 'previous',
): Entry | undefined {
  const visible = entries.filter((e) => e.status !== 'rejected');
  if (visible.length === 0) return undefined;
  if (direction === 'next') return visible.find((e) => e.start > offset) ?? visible[0];
  for (let i = visible.length - 1; i >= 0; i--) {
    const e = visible[i] as Entry;
    if (e.start < offset) return e;
  }
  return visible[visible.length - 1];
}
