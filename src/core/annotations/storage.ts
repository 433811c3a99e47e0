/**
 * Loading and saving one sidecar file through a small file-system port, so the editor layer
 * (`vscode.workspace.fs`) and the CLI (`node:fs`) share the same safety rules:
 *
 * - a file that cannot be used (invalid JSON, schema errors, conflict markers, a newer
 *   version, a directory, a symbolic link) is reported and **never overwritten**; the user can
 *   move it aside (`*.corrupt-<timestamp>.json`) and start a new one;
 * - writes go to a temporary file next to the sidecar, then are renamed over it (atomic), and
 *   are serialised per file within this process;
 * - a failed write throws {@link SidecarWriteError}; nothing on disk changed, the caller keeps
 *   its state dirty and can retry;
 * - when the file changed on disk since it was last read or written here (git pull, a
 *   teammate, a second window), save merges by annotation id instead of clobbering.
 */
import { anchorTarget } from './anchor';
import { mergeSidecars, type MergeResult } from './merge';
import type { Sidecar, SidecarProblem, SidecarWarning } from './model';
import { parseSidecar } from './parse';
import { corruptPathFor, describeProblem } from './paths';
import { createTarget } from './selectors';
import { OffsetMap } from '../text/offsets';
import { serializeSidecar } from './serialize';

/** What the port reports about a path. */
export interface SidecarStat {
  type: 'file' | 'directory' | 'symlink' | 'other';
  size: number;
}

/**
 * The file operations the storage needs (a port: implemented over `vscode.workspace.fs` and
 * over `node:fs`). `L` is the location type (a `vscode.Uri` or a path string).
 */
export interface ISidecarFileSystem<L> {
  /** `undefined` when nothing exists there. A symbolic link reports `symlink` (not followed). */
  stat(location: L): Promise<SidecarStat | undefined>;
  readFile(location: L): Promise<Uint8Array>;
  writeFile(location: L, data: Uint8Array): Promise<void>;
  /** Renames; with `overwrite` false it must fail when `to` exists. */
  rename(from: L, to: L, overwrite: boolean): Promise<void>;
  delete(location: L): Promise<void>;
  /** A location in the same folder as `location`. */
  sibling(location: L, name: string): L;
  /** The last path segment. */
  basename(location: L): string;
  /** How the location is named in messages and used as the key for serialising writes. */
  label(location: L): string;
}

/** Sidecars above this size are not read (a 20 MB sidecar is fine; hundreds of MB is not a sidecar). */
export const MAX_SIDECAR_BYTES = 64 * 1024 * 1024;

/** The outcome of reading a sidecar. */
export type SidecarLoadResult =
  | { kind: 'missing' }
  | { kind: 'loaded'; sidecar: Sidecar; warnings: SidecarWarning[]; migratedFrom?: number }
  | {
      kind: 'problem';
      problem: SidecarProblem;
      /** Names the file and the problem, ready to show. */
      message: string;
    };

/** A write failed (read-only folder, disk full...). Nothing on disk changed; keep the state dirty and retry later. */
export class SidecarWriteError extends Error {
  constructor(
    message: string,
    readonly location: string,
    override readonly cause?: unknown,
  ) {
    super(message);
    this.name = 'SidecarWriteError';
  }
}

/**
 * Saving was refused because the file on disk cannot be used (and so must not be
 * overwritten), or is a link or folder. The caller shows `message` with the actions
 * "Open" and "Move aside and start new" ({@link SidecarStorage.moveAside}).
 */
export class SidecarBlockedError extends Error {
  constructor(
    message: string,
    readonly location: string,
    readonly problem: SidecarProblem,
  ) {
    super(message);
    this.name = 'SidecarBlockedError';
  }
}

/** What {@link SidecarStorage.save} wrote. */
export interface SidecarSaveResult {
  /** The state now on disk (the caller's state, plus whatever was merged in from disk). */
  sidecar: Sidecar;
  /** Set when the file had changed on disk and was merged. */
  merge?: MergeResult;
}

/** The outcome of {@link SidecarStorage.reload}. */
export type SidecarReloadResult =
  | SidecarLoadResult
  | { kind: 'merged'; sidecar: Sidecar; merge: MergeResult; warnings: SidecarWarning[] };

const writeQueues = new Map<string, Promise<unknown>>();

/** Runs `task` after every earlier task queued for the same key (per-file write serialisation). */
function serialised<T>(key: string, task: () => Promise<T>): Promise<T> {
  const previous = writeQueues.get(key) ?? Promise.resolve();
  const run = previous.then(task, task);
  const settled = run.then(
    () => undefined,
    () => undefined,
  );
  writeQueues.set(key, settled);
  void settled.then(() => {
    if (writeQueues.get(key) === settled) writeQueues.delete(key);
  });
  return run;
}

/**
 * One sidecar file. Remembers the version last read from or written to disk (the merge base),
 * so a later save or reload can tell the other side's changes from this side's.
 */
export class SidecarStorage<L> {
  private baseSidecar: Sidecar | undefined;
  private lastDiskText: string | undefined;
  /**
   * Ids the caller has held: in a state it passed to save/reload, or in a plain load result.
   * Only those can have been deleted by the caller. Annotations a merge brought in are not in
   * it until the caller passes them back, so a save queued before the caller adopted a merge
   * result does not read their absence as a deletion.
   */
  private readonly callerIds = new Set<string>();

  constructor(
    private readonly fs: ISidecarFileSystem<L>,
    /** Where the sidecar lives. */
    readonly location: L,
  ) {}

  /** The version last read from or written to disk, if any. */
  get base(): Sidecar | undefined {
    return this.baseSidecar;
  }

  /** True when `text` is exactly what this storage last read or wrote (used to ignore our own writes). */
  isOwnContent(text: string): boolean {
    return this.lastDiskText !== undefined && text === this.lastDiskText;
  }

  /** Reads and parses the file; never throws for bad content (only the port's unexpected errors propagate). */
  async load(): Promise<SidecarLoadResult> {
    const read = await this.readDisk();
    if (read.kind === 'loaded') {
      this.baseSidecar = read.sidecar;
      this.lastDiskText = read.text;
      this.remember(read.sidecar);
      const { text: _text, ...result } = read;
      return result;
    }
    if (read.kind === 'missing') {
      this.baseSidecar = undefined;
      this.lastDiskText = undefined;
    }
    return read;
  }

  /**
   * Writes `local` atomically. If the file changed on disk since it was last read or written
   * here, merges by id first (and, given `text`, re-anchors annotations taken from disk that
   * were written against other text). Throws {@link SidecarBlockedError} when the file on disk
   * must not be overwritten and {@link SidecarWriteError} when writing failed.
   */
  save(local: Sidecar, options: { text?: string } = {}): Promise<SidecarSaveResult> {
    return serialised(this.fs.label(this.location), async () => {
      const read = await this.readDisk();
      if (read.kind === 'problem') throw new SidecarBlockedError(read.message, this.fs.label(this.location), read.problem);
      this.remember(local);
      let next = local;
      let merge: MergeResult | undefined;
      if (read.kind === 'loaded') {
        // Merge even when the file holds our own last write: a save queued before the caller
        // adopted an earlier merge result must not drop what that merge brought in.
        const merged = mergeSidecars(local, read.sidecar, this.callerBase());
        next = placeMergedFromDisk(merged, read.sidecar, local, options.text);
        if (!this.isOwnContent(read.text) || merged.addedFromDisk.length > 0 || merged.conflicts.length > 0) merge = merged;
      }
      const text = serializeSidecar(next);
      await this.writeAtomically(text);
      this.baseSidecar = next;
      this.lastDiskText = text;
      return merge ? { sidecar: next, merge } : { sidecar: next };
    });
  }

  /**
   * Re-reads the file after an outside change. With `local` (this side's unsaved state) the
   * result is merged by id against the last base; without, it is a plain load.
   */
  async reload(local?: Sidecar, options: { text?: string } = {}): Promise<SidecarReloadResult> {
    const read = await this.readDisk();
    if (read.kind !== 'loaded') {
      if (read.kind === 'missing') {
        this.baseSidecar = undefined;
        this.lastDiskText = undefined;
      }
      return read;
    }
    const base = this.callerBase();
    this.baseSidecar = read.sidecar;
    this.lastDiskText = read.text;
    if (!local) this.remember(read.sidecar);
    else this.remember(local);
    if (!local) return { kind: 'loaded', sidecar: read.sidecar, warnings: read.warnings, ...(read.migratedFrom === undefined ? {} : { migratedFrom: read.migratedFrom }) };
    const merge = mergeSidecars(local, read.sidecar, base);
    return { kind: 'merged', sidecar: placeMergedFromDisk(merge, read.sidecar, local, options.text), merge, warnings: read.warnings };
  }

  /**
   * Moves an unusable file aside as `<name>.corrupt-<timestamp>.json` (never overwriting
   * anything) so a new sidecar can be started. Returns the new location.
   */
  async moveAside(now: Date = new Date()): Promise<L> {
    return serialised(this.fs.label(this.location), async () => {
      const name = this.fs.basename(this.location);
      let target = this.fs.sibling(this.location, corruptPathFor(name, now));
      for (let n = 2; (await this.fs.stat(target)) !== undefined; n++) {
        target = this.fs.sibling(this.location, corruptPathFor(name, now).replace(/\.json$/, `-${n}.json`));
      }
      try {
        await this.fs.rename(this.location, target, false);
      } catch (error) {
        throw new SidecarWriteError(`${this.fs.label(this.location)}: could not move the file aside (${errorText(error)})`, this.fs.label(this.location), error);
      }
      this.baseSidecar = undefined;
      this.lastDiskText = undefined;
      return target;
    });
  }

  private remember(sidecar: Sidecar): void {
    for (const a of sidecar.annotations) this.callerIds.add(a.id);
  }

  /** The merge base restricted to annotations the caller has held (see {@link callerIds}). */
  private callerBase(): Sidecar | undefined {
    const base = this.baseSidecar;
    if (!base) return undefined;
    return { ...base, annotations: base.annotations.filter((a) => this.callerIds.has(a.id)) };
  }

  private async readDisk(): Promise<
    | { kind: 'missing' }
    | { kind: 'loaded'; sidecar: Sidecar; warnings: SidecarWarning[]; migratedFrom?: number; text: string }
    | { kind: 'problem'; problem: SidecarProblem; message: string }
  > {
    const label = this.fs.label(this.location);
    const unusable = (problem: SidecarProblem) => ({ kind: 'problem' as const, problem, message: describeProblem(label, problem) });
    const stat = await this.fs.stat(this.location);
    if (!stat) return { kind: 'missing' };
    if (stat.type === 'directory') return unusable({ kind: 'unreadable', message: 'it is a folder, not a file' });
    if (stat.type === 'symlink') {
      return unusable({ kind: 'unreadable', message: 'it is a symbolic link; Source Annotator does not read or write sidecars through links (they could point outside the workspace)' });
    }
    if (stat.type !== 'file') return unusable({ kind: 'unreadable', message: 'it is not a regular file' });
    if (stat.size > MAX_SIDECAR_BYTES) {
      return unusable({ kind: 'unreadable', message: `it is ${(stat.size / 1048576).toFixed(0)} MiB, larger than any sidecar should be (limit ${MAX_SIDECAR_BYTES / 1048576} MiB)` });
    }
    let bytes: Uint8Array;
    try {
      bytes = await this.fs.readFile(this.location);
    } catch (error) {
      if ((await this.fs.stat(this.location)) === undefined) return { kind: 'missing' };
      return unusable({ kind: 'unreadable', message: `it could not be read (${errorText(error)})` });
    }
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      return unusable({ kind: 'invalid-json', message: 'it is not UTF-8 text' });
    }
    const parsed = parseSidecar(text);
    if (!parsed.ok) return unusable(parsed.problem);
    return { kind: 'loaded', sidecar: parsed.sidecar, warnings: parsed.warnings, text, ...(parsed.migratedFrom === undefined ? {} : { migratedFrom: parsed.migratedFrom }) };
  }

  private async writeAtomically(text: string): Promise<void> {
    const label = this.fs.label(this.location);
    const name = this.fs.basename(this.location);
    // A dot-name that does not end in `.annotations.json`: watchers and globs for sidecars ignore it.
    const temp = this.fs.sibling(this.location, `.${name}.${Math.random().toString(36).slice(2, 10)}.tmp`);
    try {
      await this.fs.writeFile(temp, new TextEncoder().encode(text));
      await this.fs.rename(temp, this.location, true);
    } catch (error) {
      try {
        if (await this.fs.stat(temp)) await this.fs.delete(temp);
      } catch {
        // The temporary file could not be removed either; the write error below is what matters.
      }
      throw new SidecarWriteError(`${label}: could not save annotations (${errorText(error)}). Your changes are kept; saving will be retried.`, label, error);
    }
  }
}

/**
 * Annotations the merge took from disk carry positions for the text the disk version was
 * written against. When that differs from the local text, re-anchor them on `text` (the
 * current source), so the merged state refers to one text. Orphans keep their target.
 */
function placeMergedFromDisk(merge: MergeResult, disk: Sidecar, local: Sidecar, text: string | undefined): Sidecar {
  if (text === undefined || disk.source.sha256 === local.source.sha256) return merge.sidecar;
  const fromDisk = new Set(disk.annotations.map((a) => a.id));
  const localById = new Map(local.annotations.map((a) => [a.id, a]));
  const map = new OffsetMap(text);
  const annotations = merge.sidecar.annotations.map((a) => {
    if (!fromDisk.has(a.id) || localById.get(a.id) === a) return a;
    const result = anchorTarget(text, a.target, map);
    return result.status === 'anchored' ? { ...a, target: createTarget(text, result.start, result.end, map) } : a;
  });
  return { ...merge.sidecar, annotations };
}

function errorText(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
