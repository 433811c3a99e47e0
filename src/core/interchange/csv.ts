/**
 * CSV export: one row per annotation, for spreadsheets and newsroom trackers.
 *
 * RFC 4180: fields separated by commas, records by CRLF, a field quoted when it contains a
 * comma, a double quote, CR or LF, with quotes doubled. An optional UTF-8 BOM makes Excel read
 * the file as UTF-8 (without it, Excel on Windows guesses a legacy code page and breaks curly
 * quotes and accents).
 *
 * Formula injection (CSV injection, OWASP): a cell whose text starts with `=`, `+`, `-`, `@`,
 * a tab or a carriage return is run as a formula by spreadsheet programs. Quoted article text
 * can start that way ("-5% said the minister", "=..."), so such cells are prefixed with a
 * single quote `'`, which spreadsheets show as text. The cell then reads `'-5%…` in a plain
 * text viewer; that is the documented trade-off. Numeric columns we generate (offsets) are
 * never negative and never prefixed.
 *
 * `csv-stringify` (same family as the `csv-parse` the tests read it back with) was considered;
 * its `escape_formulas` option does the same, but it would add a runtime dependency to the
 * bundle for about twenty lines of code.
 */
import type { Sidecar, SidecarAnnotation } from '../annotations/model';
import { compareAnnotations } from '../annotations/serialize';
import { segment } from '../text/segment';
import { OffsetMap } from '../text/offsets';
import { placeAnnotations } from './common';

/** Column names, in order. */
export const CSV_COLUMNS = [
  'source',
  'id',
  'kind',
  'status',
  'start',
  'end',
  'text',
  'sentence',
  'speaker',
  'reliability',
  'note',
  'tags',
  'author',
  'created',
  'modified',
  'source_reliability',
  'orphan',
] as const;

export type CsvColumn = (typeof CSV_COLUMNS)[number];

/** One source to export. */
export interface CsvSource {
  /** Path shown in the `source` column (e.g. workspace-relative). */
  path: string;
  text: string;
  sidecar: Sidecar;
}

export interface CsvOptions {
  /** Start with a UTF-8 byte order mark (for Excel). Default false. */
  bom?: boolean;
}

/** The CSV text for the annotations of one or more sources (header row first). */
export function toCsv(sources: readonly CsvSource[], options: CsvOptions = {}): string {
  const rows: string[][] = [[...CSV_COLUMNS]];
  for (const source of sources) rows.push(...csvRows(source));
  return (options.bom ? '\uFEFF' : '') + rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/** The rows (without header) for one source, annotations in position order, orphans last. */
export function csvRows(source: CsvSource): string[][] {
  const { placed, orphans } = placeAnnotations(source.sidecar, source.text);
  const finder = new SentenceFinder(source.text);
  const row = (a: SidecarAnnotation, orphan: boolean): string[] => {
    const p = a.target.position;
    const values: Record<CsvColumn, string> = {
      source: source.path,
      id: a.id,
      kind: a.kind,
      status: a.status,
      start: orphan ? '' : String(p.start),
      end: orphan ? '' : String(p.end),
      text: a.target.quote.exact,
      sentence: orphan ? '' : finder.around(p.start, p.end),
      speaker: a.speaker?.name ?? '',
      reliability: a.reliability ?? '',
      note: a.note ?? '',
      tags: a.tags.join('; '),
      author: a.author ?? '',
      created: a.created,
      modified: a.modified,
      source_reliability: source.sidecar.source.reliability ?? '',
      orphan: orphan ? 'yes' : 'no',
    };
    return CSV_COLUMNS.map((c) => values[c]);
  };
  return [...[...placed].sort(compareAnnotations).map((a) => row(a, false)), ...orphans.map((a) => row(a, true))];
}

/** Characters that make a spreadsheet treat a cell as a formula. */
const FORMULA_START = /^[=+\-@\t\r]/;

/** One CSV field: formula-safe, quoted when needed. */
export function csvCell(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * The sentence(s) around a span, from the shared text model (`segment`: blocks and sentences
 * in UTF-16 offsets). A span crossing sentences gets all of them; a span in no sentence (e.g. a
 * menu line) gets its block, or the span itself.
 */
class SentenceFinder {
  private readonly map: OffsetMap;
  private readonly sentences: { start: number; end: number }[];
  private readonly blocks: { start: number; end: number }[];

  constructor(private readonly text: string) {
    this.map = new OffsetMap(text);
    const blocks = segment(text);
    this.blocks = blocks.map((b) => ({ start: b.start, end: b.end }));
    this.sentences = blocks.flatMap((b) => b.sentences.map((s) => ({ start: s.start, end: s.end })));
  }

  /** `start`/`end` in code points. */
  around(start: number, end: number): string {
    const s16 = this.map.toUtf16(start);
    const e16 = this.map.toUtf16(end);
    const overlaps = (r: { start: number; end: number }) => r.start < Math.max(e16, s16 + 1) && r.end > s16;
    const hit = this.sentences.filter(overlaps);
    const pool = hit.length > 0 ? hit : this.blocks.filter(overlaps);
    if (pool.length === 0) return this.text.slice(s16, e16);
    const from = Math.min(s16, ...pool.map((r) => r.start));
    const to = Math.max(e16, ...pool.map((r) => r.end));
    return this.text.slice(from, to);
  }
}
