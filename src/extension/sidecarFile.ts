/**
 * Sidecar file I/O for the editor layer, through `vscode.workspace.fs` (so it works in remote
 * and virtual workspaces). The safety rules live in the core's `SidecarStorage`
 * (`src/core/annotations/storage.ts`): unusable files are never overwritten, writes are
 * atomic and serialised per file, failed writes throw, outside changes are merged by id.
 * This module adds the `vscode.Uri` port and a watcher for outside changes.
 */
import * as vscode from 'vscode';
import { SIDECAR_SUFFIX, type Sidecar } from '../core/annotations/model';
import {
  SidecarBlockedError,
  SidecarStorage,
  SidecarWriteError,
  type ISidecarFileSystem,
  type SidecarLoadResult,
  type SidecarReloadResult,
  type SidecarSaveResult,
  type SidecarStat,
} from '../core/annotations/storage';

export { SidecarBlockedError, SidecarWriteError, type SidecarLoadResult, type SidecarReloadResult, type SidecarSaveResult };

/** The subset of `vscode.FileSystem` used here; tests pass a wrapper that fails on purpose. */
export type SidecarFileSystemApi = Pick<vscode.FileSystem, 'stat' | 'readFile' | 'writeFile' | 'rename' | 'delete'>;

function isNotFound(error: unknown): boolean {
  return error instanceof vscode.FileSystemError && (error.code === 'FileNotFound' || error.code === 'EntryNotFound');
}

/** The `ISidecarFileSystem` port over `vscode.workspace.fs` (or another `vscode.FileSystem`). */
export class WorkspaceSidecarFileSystem implements ISidecarFileSystem<vscode.Uri> {
  constructor(private readonly fs: SidecarFileSystemApi = vscode.workspace.fs) {}

  async stat(uri: vscode.Uri): Promise<SidecarStat | undefined> {
    let stat: vscode.FileStat;
    try {
      stat = await this.fs.stat(uri);
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
    // FileType is a bit set: a link to a file is File | SymbolicLink.
    const type = stat.type & vscode.FileType.SymbolicLink
      ? 'symlink'
      : stat.type & vscode.FileType.Directory
        ? 'directory'
        : stat.type & vscode.FileType.File
          ? 'file'
          : 'other';
    return { type, size: stat.size };
  }

  async readFile(uri: vscode.Uri): Promise<Uint8Array> {
    return this.fs.readFile(uri);
  }

  async writeFile(uri: vscode.Uri, data: Uint8Array): Promise<void> {
    await this.fs.writeFile(uri, data);
  }

  async rename(from: vscode.Uri, to: vscode.Uri, overwrite: boolean): Promise<void> {
    await this.fs.rename(from, to, { overwrite });
  }

  async delete(uri: vscode.Uri): Promise<void> {
    await this.fs.delete(uri, { useTrash: false });
  }

  sibling(uri: vscode.Uri, name: string): vscode.Uri {
    return vscode.Uri.joinPath(uri, '..', name);
  }

  basename(uri: vscode.Uri): string {
    return uri.path.slice(uri.path.lastIndexOf('/') + 1);
  }

  label(uri: vscode.Uri): string {
    return uri.scheme === 'file' ? vscode.workspace.asRelativePath(uri) : uri.toString(true);
  }
}

/** What changed on disk, from {@link SidecarFile.onDidChangeOnDisk}. */
export interface SidecarDiskChange {
  kind: 'changed' | 'deleted';
  uri: vscode.Uri;
}

/** Options of {@link SidecarFile}. */
export interface SidecarFileOptions {
  /** Watch the file for outside changes (default true). */
  watch?: boolean;
  /** File system to use (default `vscode.workspace.fs`). */
  fs?: SidecarFileSystemApi;
  /** Milliseconds to wait for a burst of watcher events to settle (default 100). */
  debounceMs?: number;
}

/**
 * The sidecar of one source file. Typical use by the annotation store:
 * `load()` when a source is first shown; `save(state)` (catch {@link SidecarWriteError}: keep
 * dirty, tell the user, retry later; catch {@link SidecarBlockedError}: offer "Open" and
 * "Move aside and start new" → {@link moveAside}); on {@link onDidChangeOnDisk} call
 * `reload(dirtyStateOrUndefined)` and adopt the result.
 */
export class SidecarFile implements vscode.Disposable {
  /** `…/article.txt` → `…/article.txt.annotations.json`. */
  static uriFor(source: vscode.Uri): vscode.Uri {
    return source.with({ path: `${source.path}${SIDECAR_SUFFIX}` });
  }

  /** `…/article.txt.annotations.json` → `…/article.txt`; `undefined` for other files. */
  static sourceUriFor(sidecar: vscode.Uri): vscode.Uri | undefined {
    if (!sidecar.path.endsWith(SIDECAR_SUFFIX) || sidecar.path.length <= SIDECAR_SUFFIX.length) return undefined;
    return sidecar.with({ path: sidecar.path.slice(0, -SIDECAR_SUFFIX.length) });
  }

  /** The sidecar's location. */
  readonly uri: vscode.Uri;
  private readonly port: WorkspaceSidecarFileSystem;
  private readonly storage: SidecarStorage<vscode.Uri>;
  private readonly changeEmitter = new vscode.EventEmitter<SidecarDiskChange>();
  private readonly disposables: vscode.Disposable[] = [];
  private debounce: ReturnType<typeof setTimeout> | undefined;
  private pendingDelete = false;

  /** Fires when another process changed or deleted the file (not for this object's own writes). */
  readonly onDidChangeOnDisk: vscode.Event<SidecarDiskChange> = this.changeEmitter.event;

  constructor(
    /** The source file the sidecar belongs to. */
    readonly sourceUri: vscode.Uri,
    private readonly options: SidecarFileOptions = {},
  ) {
    this.uri = SidecarFile.uriFor(sourceUri);
    this.port = new WorkspaceSidecarFileSystem(options.fs);
    this.storage = new SidecarStorage(this.port, this.uri);
    this.disposables.push(this.changeEmitter);
    if (options.watch !== false) {
      const folder = vscode.Uri.joinPath(this.uri, '..');
      const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, this.port.basename(this.uri)));
      this.disposables.push(
        watcher,
        watcher.onDidChange(() => this.schedule(false)),
        watcher.onDidCreate(() => this.schedule(false)),
        watcher.onDidDelete(() => this.schedule(true)),
      );
    }
  }

  /** The version last read from or written to disk (the merge base), if any. */
  get base(): Sidecar | undefined {
    return this.storage.base;
  }

  /** Reads the file. Bad content comes back as `{ kind: 'problem', message }`, never as an exception. */
  load(): Promise<SidecarLoadResult> {
    return this.storage.load();
  }

  /**
   * Writes `sidecar` atomically, merging by id first if the file changed on disk. Pass the
   * source's current `text` so annotations merged in from a version written against other text
   * are re-anchored. Throws {@link SidecarWriteError} or {@link SidecarBlockedError}.
   */
  save(sidecar: Sidecar, options: { text?: string } = {}): Promise<SidecarSaveResult> {
    return this.storage.save(sidecar, options);
  }

  /** Re-reads after an outside change; with `dirty` (unsaved local state) the result is merged by id. */
  reload(dirty?: Sidecar, options: { text?: string } = {}): Promise<SidecarReloadResult> {
    return this.storage.reload(dirty, options);
  }

  /** Renames an unusable sidecar to `*.corrupt-<timestamp>.json` so a new one can be started. */
  moveAside(): Promise<vscode.Uri> {
    return this.storage.moveAside();
  }

  dispose(): void {
    if (this.debounce) clearTimeout(this.debounce);
    for (const d of this.disposables.splice(0)) d.dispose();
  }

  private schedule(deleted: boolean): void {
    this.pendingDelete = deleted;
    if (this.debounce) clearTimeout(this.debounce);
    this.debounce = setTimeout(() => void this.fire(), this.options.debounceMs ?? 100);
  }

  private async fire(): Promise<void> {
    this.debounce = undefined;
    try {
      const stat = await this.port.stat(this.uri);
      if (!stat) {
        if (this.storage.base !== undefined || this.pendingDelete) this.changeEmitter.fire({ kind: 'deleted', uri: this.uri });
        return;
      }
      if (stat.type === 'file') {
        const text = new TextDecoder().decode(await this.port.readFile(this.uri));
        // Our own atomic write also triggers the watcher; only outside changes matter.
        if (this.storage.isOwnContent(text)) return;
      }
    } catch {
      // Could not look: report a change and let reload() say what is wrong.
    }
    this.changeEmitter.fire({ kind: 'changed', uri: this.uri });
  }
}
