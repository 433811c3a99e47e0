/**
 * The source hash stored in `source.sha256`. Web Crypto (`crypto.subtle`) is used rather than
 * `node:crypto` so the core has no Node-only import: it exists in Node 20 (CLI, unit tests),
 * in the desktop/remote extension host and in the web extension host alike.
 */

/** Hex sha256 of the UTF-8 encoding of `text`. */
export async function sha256Hex(text: string): Promise<string> {
  const bytes = new TextEncoder().encode(text);
  const digest = await globalThis.crypto.subtle.digest('SHA-256', bytes);
  let hex = '';
  for (const b of new Uint8Array(digest)) hex += b.toString(16).padStart(2, '0');
  return hex;
}
