/**
 * What the annotation store needs from sidecar file I/O. The store engineer's
 * `sidecarFile.ts` is the real implementation (atomic writes, corrupt-file handling, merge on
 * outside change); `WorkspaceFsSidecarPort` here is a minimal stand-in over the same pure
 * parse/serialize functions so the editor layer works before it lands.
 */
import * as vscode from 'vscode';
import type { Sidecar, SidecarProblem, SidecarWarning } from '../core/annotations/model';
import { parseSidecar } from '../core/annotations/parse';
import { serializeSidecar } from '../core/annotations/serialize';
import { sidecarUriOf } from './sources';

export type SidecarLoad =
  | { status: 'missing' }
  | { status: 'ok'; sidecar: Sidecar; warnings: SidecarWarning[] }
  /** Unusable (corrupt, conflict markers, future version): shown read-only, never overwritten. */
  | { status: 'problem'; problem: SidecarProblem; message: string };

export interface SidecarPort {
  sidecarUri(source: vscode.Uri): vscode.Uri;
  load(source: vscode.Uri): Promise<SidecarLoad>;
  /** Writes the sidecar; rejects (with a message naming the file) when it cannot. */
  save(source: vscode.Uri, sidecar: Sidecar): Promise<void>;
}

function isFileNotFound(e: unknown): boolean {
  return e instanceof vscode.FileSystemError && (e.code === 'FileNotFound' || e.code === 'EntryNotFound');
}

export class WorkspaceFsSidecarPort implements SidecarPort {
  sidecarUri(source: vscode.Uri): vscode.Uri {
    return sidecarUriOf(source);
  }

  async load(source: vscode.Uri): Promise<SidecarLoad> {
    const uri = this.sidecarUri(source);
    let bytes: Uint8Array;
    try {
      bytes = await vscode.workspace.fs.readFile(uri);
    } catch (e) {
      if (isFileNotFound(e)) return { status: 'missing' };
      const problem: SidecarProblem = { kind: 'unreadable', message: e instanceof Error ? e.message : String(e) };
      return { status: 'problem', problem, message: `${vscode.workspace.asRelativePath(uri)}: ${problem.message}` };
    }
    const parsed = parseSidecar(new TextDecoder().decode(bytes));
    if (!parsed.ok) {
      return { status: 'problem', problem: parsed.problem, message: `${vscode.workspace.asRelativePath(uri)}: ${parsed.problem.message}` };
    }
    return { status: 'ok', sidecar: parsed.sidecar, warnings: parsed.warnings };
  }

  async save(source: vscode.Uri, sidecar: Sidecar): Promise<void> {
    const uri = this.sidecarUri(source);
    const tmp = uri.with({ path: `${uri.path}.tmp-${Date.now()}` });
    const bytes = new TextEncoder().encode(serializeSidecar(sidecar));
    // Write next to it, then rename: a crash mid-write never leaves a truncated sidecar.
    await vscode.workspace.fs.writeFile(tmp, bytes);
    try {
      await vscode.workspace.fs.rename(tmp, uri, { overwrite: true });
    } catch (e) {
      await vscode.workspace.fs.delete(tmp).then(undefined, () => undefined);
      throw e;
    }
  }
}
