import type { ISidecarFileSystem, SidecarStat } from '../../../src/core/annotations/storage';

/**
 * An in-memory folder for the sidecar storage fuzz tests. `failWrites = n` makes the next n
 * writes fail half-way (a partial temporary file, then ENOSPC), as a full disk does.
 */
export class MemoryFs implements ISidecarFileSystem<string> {
  readonly files = new Map<string, Uint8Array>();
  failWrites = 0;

  stat(path: string): Promise<SidecarStat | undefined> {
    const data = this.files.get(path);
    return Promise.resolve(data ? { type: 'file', size: data.length } : undefined);
  }
  readFile(path: string): Promise<Uint8Array> {
    const data = this.files.get(path);
    return data ? Promise.resolve(data) : Promise.reject(new Error(`ENOENT: ${path}`));
  }
  writeFile(path: string, data: Uint8Array): Promise<void> {
    if (this.failWrites > 0) {
      this.failWrites--;
      this.files.set(path, data.subarray(0, data.length >> 1)); // a partial temporary file
      return Promise.reject(new Error('ENOSPC: no space left on device'));
    }
    this.files.set(path, data);
    return Promise.resolve();
  }
  rename(from: string, to: string, overwrite: boolean): Promise<void> {
    const data = this.files.get(from);
    if (!data) return Promise.reject(new Error(`ENOENT: ${from}`));
    if (!overwrite && this.files.has(to)) return Promise.reject(new Error(`EEXIST: ${to}`));
    this.files.set(to, data);
    this.files.delete(from);
    return Promise.resolve();
  }
  delete(path: string): Promise<void> {
    this.files.delete(path);
    return Promise.resolve();
  }
  sibling(_path: string, name: string): string {
    return name;
  }
  basename(path: string): string {
    return path;
  }
  label(path: string): string {
    return `memory:${path}`;
  }
}
