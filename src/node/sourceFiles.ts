import { readFileSync, readdirSync, statSync, type Stats } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { decodeSource, MAX_SOURCE_BYTES } from '../core/text/decode';

/** File extensions the CLI treats as text sources when walking a directory. */
export const SOURCE_EXTENSIONS = ['.txt', '.md', '.markdown', '.text'];

/** A problem with a path the user named; the CLI prints `message` and exits non-zero. */
export class UserInputError extends Error {}

/** The file system entry of a path the user named; a missing one is a `UserInputError`. */
export function statInput(input: string): Stats {
  try {
    return statSync(input);
  } catch {
    throw new UserInputError(`${input}: no such file or directory`);
  }
}

/** Expands files and directories (recursively, skipping dot-folders and node_modules) to source files. */
export function collectSourceFiles(inputs: readonly string[]): string[] {
  const files: string[] = [];
  for (const input of inputs) {
    const st = statInput(input);
    if (st.isDirectory()) {
      const found = walk(input);
      if (found.length === 0) {
        throw new UserInputError(`${input}: directory contains no text files (${SOURCE_EXTENSIONS.join(', ')})`);
      }
      files.push(...found);
    } else if (st.isFile()) {
      files.push(input);
    } else {
      throw new UserInputError(`${input}: not a regular file or directory`);
    }
  }
  return [...new Set(files)];
}

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    if (name.startsWith('.') || name === 'node_modules') continue;
    const p = join(dir, name);
    const st = statSync(p);
    if (st.isDirectory()) out.push(...walk(p));
    else if (st.isFile() && SOURCE_EXTENSIONS.some((e) => name.toLowerCase().endsWith(e))) out.push(p);
  }
  return out;
}

/** Reads and decodes a source file, refusing binary, undecodable and oversized files. */
export function readSourceFile(path: string): string {
  const st = statSync(path);
  if (st.size > MAX_SOURCE_BYTES) {
    throw new UserInputError(
      `${path}: file is ${(st.size / 1048576).toFixed(1)} MiB, over the ${MAX_SOURCE_BYTES / 1048576} MiB limit for one source`,
    );
  }
  const decoded = decodeSource(readFileSync(path));
  if (!decoded.ok) throw new UserInputError(`${path}: not analysed: ${decoded.reason}`);
  return decoded.text;
}

/** Path as shown in reports: relative to the working directory, with forward slashes. */
export function displayPath(path: string): string {
  const rel = relative(process.cwd(), path) || path;
  return rel.split(sep).join('/');
}
