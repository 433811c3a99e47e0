/**
 * Sidecar file I/O for the CLI, over `node:fs`, with the same safety rules as the editor
 * (they live in the core's `SidecarStorage`): unusable files are never overwritten, writes
 * are atomic, failed writes throw, outside changes are merged by id.
 */
import { lstat, readFile, rename, rm, writeFile, link, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { SIDECAR_SUFFIX } from '../core/annotations/model';
import { SidecarStorage, type ISidecarFileSystem, type SidecarStat } from '../core/annotations/storage';

export { SidecarBlockedError, SidecarWriteError } from '../core/annotations/storage';

/** The `ISidecarFileSystem` port over `node:fs` (locations are file paths). */
export class NodeSidecarFileSystem implements ISidecarFileSystem<string> {
  async stat(path: string): Promise<SidecarStat | undefined> {
    try {
      const st = await lstat(path);
      const type = st.isSymbolicLink() ? 'symlink' : st.isDirectory() ? 'directory' : st.isFile() ? 'file' : 'other';
      return { type, size: st.size };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  async readFile(path: string): Promise<Uint8Array> {
    return readFile(path);
  }

  async writeFile(path: string, data: Uint8Array): Promise<void> {
    // `wx`: the temporary name is fresh; never write through something that already exists.
    await writeFile(path, data, { flag: 'wx' });
  }

  async rename(from: string, to: string, overwrite: boolean): Promise<void> {
    if (overwrite) {
      await rename(from, to);
      return;
    }
    // rename() replaces silently; link + unlink fails with EEXIST instead of overwriting.
    await link(from, to);
    await unlink(from);
  }

  async delete(path: string): Promise<void> {
    await rm(path, { force: true });
  }

  sibling(path: string, name: string): string {
    return join(dirname(path), name);
  }

  basename(path: string): string {
    return basename(path);
  }

  label(path: string): string {
    return path;
  }
}

/** `dir/article.txt` → `dir/article.txt.annotations.json`. */
export function sidecarPathOf(sourcePath: string): string {
  return sourcePath + SIDECAR_SUFFIX;
}

/** The storage for the sidecar of `sourcePath` (load / save / reload / moveAside). */
export function openSidecar(sourcePath: string): SidecarStorage<string> {
  return new SidecarStorage(new NodeSidecarFileSystem(), sidecarPathOf(sourcePath));
}
