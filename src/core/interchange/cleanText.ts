/**
 * Clean text: the source with the boilerplate the editor confirmed (or marked by hand) cut out,
 * for pasting into a story, a translation tool or a model. Rejected boilerplate stays (the
 * editor said it is not boilerplate), and annotations that can no longer be found in the text
 * are left alone rather than guessed at.
 */
import type { Sidecar } from '../annotations/model';
import { OffsetMap } from '../text/offsets';
import { placeAnnotations } from './common';

/** What {@link cleanText} produced. */
export interface CleanTextResult {
  text: string;
  /** Boilerplate spans removed. */
  removed: number;
  /** Confirmed boilerplate annotations that could not be found in the text (not removed). */
  orphans: string[];
}

/**
 * Removes confirmed / manual boilerplate spans from `text`. A line left empty by a removal is
 * dropped with its line break, so the result has no holes where menus were; other lines and
 * line endings (LF or CRLF) stay exactly as they were.
 */
export function cleanText(text: string, sidecar: Sidecar): CleanTextResult {
  const { placed, orphans } = placeAnnotations(sidecar, text);
  const isRemovable = (a: { kind: string; status: string }) => a.kind === 'boilerplate' && a.status !== 'rejected';
  const map = new OffsetMap(text);
  // Merge overlapping spans (UTF-16 offsets) first, so each character is cut at most once.
  const spans = placed
    .filter(isRemovable)
    .map((a) => [map.toUtf16(a.target.position.start), map.toUtf16(a.target.position.end)] as [number, number])
    .filter(([s, e]) => e > s)
    .sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const span of spans) {
    const last = merged[merged.length - 1];
    if (last && span[0] <= last[1]) last[1] = Math.max(last[1], span[1]);
    else merged.push([...span]);
  }
  for (const span of merged) widenToEmptiedLine(text, span);
  let out = '';
  let at = 0;
  for (const [s, e] of merged) {
    if (s < at) {
      at = Math.max(at, e);
      continue;
    }
    out += text.slice(at, s);
    at = e;
  }
  out += text.slice(at);
  return { text: out, removed: spans.length, orphans: orphans.filter(isRemovable).map((a) => a.id) };
}

/**
 * When the span covers everything on its line(s) but whitespace, extend it over the rest of
 * the line and the line break after it (or before it, on the last line).
 */
function widenToEmptiedLine(text: string, span: [number, number]): void {
  let lineStart = span[0];
  while (lineStart > 0 && text[lineStart - 1] !== '\n' && text[lineStart - 1] !== '\r') lineStart--;
  let lineEnd = span[1];
  while (lineEnd < text.length && text[lineEnd] !== '\n' && text[lineEnd] !== '\r') lineEnd++;
  if (text.slice(lineStart, span[0]).trim() !== '' || text.slice(span[1], lineEnd).trim() !== '') return;
  if (lineEnd < text.length) {
    span[0] = lineStart;
    span[1] = lineEnd + (text.startsWith('\r\n', lineEnd) ? 2 : 1);
  } else if (lineStart > 0) {
    span[0] = lineStart - (lineStart >= 2 && text.startsWith('\r\n', lineStart - 2) ? 2 : 1);
    span[1] = lineEnd;
  } else {
    span[0] = 0;
    span[1] = text.length;
  }
}
