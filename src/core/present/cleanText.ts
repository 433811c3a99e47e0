/** The "copy clean text" transformation: the source without its boilerplate spans. */
import { OffsetMap } from '../text/offsets';

/**
 * Removes the given code point spans from `text` (overlaps allowed), then tidies what the
 * removal leaves: trailing spaces on a line and runs of blank lines collapse to one blank line.
 */
export function cleanText(text: string, spans: readonly { start: number; end: number }[]): string {
  const map = new OffsetMap(text);
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  let out = '';
  let at = 0;
  for (const s of sorted) {
    const start = map.toUtf16(Math.max(0, s.start));
    const end = map.toUtf16(Math.min(map.codePointLength, s.end));
    if (end <= at) continue;
    if (start > at) out += text.slice(at, start);
    at = Math.max(at, end);
  }
  out += text.slice(at);
  return `${out
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()}\n`;
}
