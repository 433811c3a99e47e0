/**
 * Naming helpers shared by the editor and CLI I/O layers (plain `/`-separated strings, so
 * they work for file paths and URI paths alike).
 */
import { SIDECAR_SUFFIX, SIDECAR_VERSION, type Sidecar, type SidecarProblem } from './model';

/** `dir/article.txt` → `dir/article.txt.annotations.json`. */
export function sidecarPathFor(sourcePath: string): string {
  return sourcePath + SIDECAR_SUFFIX;
}

/** `dir/article.txt.annotations.json` → `dir/article.txt`; `undefined` for other names. */
export function sourcePathFor(sidecarPath: string): string | undefined {
  return sidecarPath.endsWith(SIDECAR_SUFFIX) && sidecarPath.length > SIDECAR_SUFFIX.length
    ? sidecarPath.slice(0, -SIDECAR_SUFFIX.length)
    : undefined;
}

/** A new, empty sidecar for a source (`sourceFileName` relative to the sidecar: just the file name). */
export function emptySidecar(sourceFileName: string, sha256: string): Sidecar {
  return { version: SIDECAR_VERSION, source: { path: sourceFileName, sha256, tags: [] }, annotations: [] };
}

/** `<file>: <problem> (line N)` — the message shown to the user for a sidecar that cannot be used. */
export function describeProblem(fileLabel: string, problem: SidecarProblem): string {
  const line = problem.line === undefined ? '' : ` (line ${problem.line})`;
  return `${fileLabel}: ${problem.message}${line}.`;
}

/**
 * The name a broken sidecar is moved to before a new one is started:
 * `a.txt.annotations.json` → `a.txt.annotations.corrupt-20261124T184000Z.json`.
 */
export function corruptPathFor(sidecarPath: string, now: Date = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  const base = sidecarPath.endsWith('.json') ? sidecarPath.slice(0, -'.json'.length) : sidecarPath;
  return `${base}.corrupt-${stamp}.json`;
}
