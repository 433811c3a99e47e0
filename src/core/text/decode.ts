/**
 * Turns file bytes into text, or explains why they are not a text source. Shared by the CLI
 * (Node fs) and the extension (workspace.fs), so both refuse the same files.
 */

export type DecodeResult =
  | { ok: true; text: string; encoding: 'utf-8' | 'utf-16le' | 'utf-16be'; lossy: boolean }
  | { ok: false; reason: string };

/** Files above this size are not analysed in one go by default (50 MiB). */
export const MAX_SOURCE_BYTES = 50 * 1024 * 1024;

/** Decodes bytes as a text source: UTF-8 (with or without BOM) or UTF-16 with a BOM. */
export function decodeSource(bytes: Uint8Array): DecodeResult {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { ok: true, text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le', lossy: false };
  }
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { ok: true, text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be', lossy: false };
  }
  const sample = bytes.subarray(0, 8192);
  let controls = 0;
  for (const b of sample) {
    if (b === 0) return { ok: false, reason: 'it looks like a binary file (it contains NUL bytes)' };
    if (b < 0x09 || (b > 0x0d && b < 0x20 && b !== 0x1b)) controls++;
  }
  if (sample.length > 0 && controls / sample.length > 0.1) {
    return { ok: false, reason: 'it looks like a binary file (too many control characters)' };
  }
  let text: string;
  let lossy = false;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // Scraped pages sometimes carry a few bad bytes; keep the text readable but say so.
    text = new TextDecoder('utf-8').decode(bytes);
    const bad = (text.match(/\uFFFD/g) ?? []).length;
    if (bad > Math.max(16, text.length / 100)) {
      return { ok: false, reason: 'it is not valid UTF-8 text' };
    }
    lossy = true;
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { ok: true, text, encoding: 'utf-8', lossy };
}
