/**
 * The sidecar I/O layer over `vscode.workspace.fs` in a real extension host: round trip,
 * corrupt files never overwritten, a read-only folder, a full disk, and an outside change
 * picked up by the watcher and merged by id.
 *
 * `src/extension/sidecarFile.ts` holds no extension state (only a per-file write queue), so
 * the test bundle imports it directly; everything it does goes through the host's real
 * `workspace.fs` and file watcher.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, writeFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { createAnnotation, emptySidecar, parseSidecar, serializeSidecar, updateAnnotation, type Sidecar, type SidecarAnnotation } from '../../src/core/annotations';
import { SidecarBlockedError, SidecarFile, SidecarWriteError, type SidecarDiskChange, type SidecarFileSystemApi } from '../../src/extension/sidecarFile';
import { workspaceRoot } from './helpers';

const TEXT = 'Lavrov said on Thursday that “there will be no ceasefire”. Kuleba called the talks “easy” and “short”. 🇺🇦\n';

function annotation(needle: string, id: string, extra: Partial<SidecarAnnotation> = {}): SidecarAnnotation {
  const start = [...TEXT.slice(0, TEXT.indexOf(needle))].length;
  return { ...createAnnotation({ text: TEXT, start, end: start + [...needle].length, kind: 'quote', id }), ...extra };
}

function state(...annotations: SidecarAnnotation[]): Sidecar {
  return { ...emptySidecar('a.txt', ''), annotations };
}

async function readText(uri: vscode.Uri): Promise<string> {
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
}

/** Resolves with the next event, or rejects after `ms` (the watcher normally reports within a second). */
function nextEvent<T>(event: vscode.Event<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      subscription.dispose();
      reject(new Error(`no event within ${ms} ms`));
    }, ms);
    const subscription = event((value) => {
      clearTimeout(timer);
      subscription.dispose();
      resolve(value);
    });
  });
}

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

/** Read-only for this process: chattr +i as root (root ignores permissions), chmod otherwise. */
function makeReadOnly(path: string, readOnly: boolean): void {
  if (isRoot) execFileSync('chattr', [readOnly ? '+i' : '-i', path]);
  else chmodSync(path, readOnly ? 0o555 : 0o755);
}

describe('Sidecar store over workspace.fs', () => {
  let folder: vscode.Uri;
  let source: vscode.Uri;
  const disposables: vscode.Disposable[] = [];

  beforeEach(async () => {
    folder = vscode.Uri.joinPath(workspaceRoot(), `sidecar-it-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`);
    await vscode.workspace.fs.createDirectory(folder);
    source = vscode.Uri.joinPath(folder, 'a.txt');
    await vscode.workspace.fs.writeFile(source, new TextEncoder().encode(TEXT));
  });

  afterEach(async () => {
    for (const d of disposables.splice(0)) d.dispose();
    await vscode.workspace.fs.delete(folder, { recursive: true, useTrash: false });
  });

  const leftovers = async () => (await vscode.workspace.fs.readDirectory(folder)).map(([name]) => name).filter((n) => n.endsWith('.tmp'));

  it('names the sidecar next to its source and round-trips through workspace.fs', async () => {
    const file = new SidecarFile(source, { watch: false });
    disposables.push(file);
    assert.equal(file.uri.toString(), vscode.Uri.joinPath(folder, 'a.txt.annotations.json').toString());
    assert.equal(SidecarFile.sourceUriFor(file.uri)?.toString(), source.toString());
    assert.deepEqual(await file.load(), { kind: 'missing' });
    const saved = state(annotation('there will be no ceasefire', 'q1', { note: 'Lavrov, 10 March', reliability: 'likely', speaker: { name: 'Sergei Lavrov' } }));
    await file.save(saved);
    assert.equal(await readText(file.uri), serializeSidecar(saved));
    const again = await new SidecarFile(source, { watch: false }).load();
    assert.equal(again.kind, 'loaded');
    if (again.kind === 'loaded') assert.deepEqual(again.sidecar, saved);
    assert.deepEqual(await leftovers(), []);
  });

  it('a corrupt sidecar is reported with its name, never overwritten, and can be moved aside', async () => {
    const file = new SidecarFile(source, { watch: false });
    disposables.push(file);
    const broken = '{\n  "version": 1,\n  "source": {\n    "path": "a.txt",\n    "sha';
    await vscode.workspace.fs.writeFile(file.uri, new TextEncoder().encode(broken));
    const loaded = await file.load();
    assert.equal(loaded.kind, 'problem');
    if (loaded.kind !== 'problem') return;
    assert.equal(loaded.problem.kind, 'invalid-json');
    assert.match(loaded.message, /a\.txt\.annotations\.json: it is not valid JSON \(it looks truncated/);
    await assert.rejects(file.save(state(annotation('easy', 'e'))), SidecarBlockedError);
    assert.equal(await readText(file.uri), broken);
    const aside = await file.moveAside();
    assert.match(aside.path, /a\.txt\.annotations\.corrupt-\d{8}T\d{6}Z\.json$/);
    assert.equal(await readText(aside), broken);
    await file.save(state(annotation('easy', 'e')));
    assert.equal(parseSidecar(await readText(file.uri)).ok, true);
  });

  it('a sidecar with git conflict markers is explained and left alone', async () => {
    const file = new SidecarFile(source, { watch: false });
    disposables.push(file);
    const good = serializeSidecar(state(annotation('easy', 'e')));
    const conflicted = good.replace('"tags": []\n  },', '"tags": []\n  },\n<<<<<<< HEAD\n=======\n>>>>>>> theirs');
    await vscode.workspace.fs.writeFile(file.uri, new TextEncoder().encode(conflicted));
    const loaded = await file.load();
    assert.equal(loaded.kind === 'problem' && loaded.problem.kind, 'conflict-markers');
    await assert.rejects(file.save(state()), /merge conflict markers/);
    assert.equal(await readText(file.uri), conflicted);
  });

  it('a read-only folder: the failed write is reported, nothing is lost, a retry succeeds', async () => {
    const file = new SidecarFile(source, { watch: false });
    disposables.push(file);
    const first = state(annotation('easy', 'e'));
    await file.save(first);
    const next = state(annotation('easy', 'e'), annotation('short', 's'));
    makeReadOnly(folder.fsPath, true);
    try {
      await assert.rejects(file.save(next), (e: unknown) => e instanceof SidecarWriteError && /could not save annotations.*Your changes are kept/.test(e.message));
      assert.equal(await readText(file.uri), serializeSidecar(first));
    } finally {
      makeReadOnly(folder.fsPath, false);
    }
    assert.deepEqual(await leftovers(), []);
    await file.save(next);
    assert.equal(await readText(file.uri), serializeSidecar(next));
  });

  it('a full disk (simulated file system): the old file stays, the error is reported, retry works', async () => {
    let full = true;
    const fs: SidecarFileSystemApi = {
      stat: (uri) => vscode.workspace.fs.stat(uri),
      readFile: (uri) => vscode.workspace.fs.readFile(uri),
      rename: (a, b, o) => vscode.workspace.fs.rename(a, b, o),
      delete: (uri, o) => vscode.workspace.fs.delete(uri, o),
      writeFile: async (uri, data) => {
        if (!full) return vscode.workspace.fs.writeFile(uri, data);
        await vscode.workspace.fs.writeFile(uri, data.subarray(0, 10));
        throw vscode.FileSystemError.Unavailable('ENOSPC: no space left on device');
      },
    };
    full = false;
    const file = new SidecarFile(source, { watch: false, fs });
    disposables.push(file);
    const first = state(annotation('easy', 'e'));
    await file.save(first);
    full = true;
    await assert.rejects(file.save(state(annotation('short', 's'))), /no space left on device/);
    assert.equal(await readText(file.uri), serializeSidecar(first));
    assert.deepEqual(await leftovers(), []);
    full = false;
    await file.save(state(annotation('short', 's')));
    assert.equal((await file.load()).kind, 'loaded');
  });

  it('an outside change fires onDidChangeOnDisk and is merged by id with unsaved local changes', async () => {
    const file = new SidecarFile(source);
    disposables.push(file);
    const shared = annotation('there will be no ceasefire', 'shared');
    await file.save(state(shared));
    // Another process (git pull, a teammate's tool) rewrites the file: it rates the shared
    // annotation and adds one of its own.
    const theirs = state(updateAnnotation(shared, { reliability: 'disputed' }, new Date(Date.now() + 1000)), annotation('easy', 'theirs'));
    const changed = nextEvent<SidecarDiskChange>(file.onDidChangeOnDisk, 15_000);
    writeFileSync(file.uri.fsPath, serializeSidecar(theirs));
    assert.equal((await changed).kind, 'changed');
    // This window has an unsaved addition of its own.
    const dirty = state(shared, annotation('short', 'mine'));
    const reloaded = await file.reload(dirty, { text: TEXT });
    assert.equal(reloaded.kind, 'merged');
    if (reloaded.kind !== 'merged') return;
    assert.deepEqual(reloaded.sidecar.annotations.map((a) => a.id).sort(), ['mine', 'shared', 'theirs']);
    assert.equal(reloaded.sidecar.annotations.find((a) => a.id === 'shared')?.reliability, 'disputed');
    await file.save(reloaded.sidecar);
    const onDisk = parseSidecar(await readText(file.uri));
    assert.ok(onDisk.ok);
    if (onDisk.ok) assert.deepEqual(onDisk.sidecar.annotations.map((a) => a.id).sort(), ['mine', 'shared', 'theirs']);
  });

  it('saving without reloading first still merges an outside change instead of clobbering it', async () => {
    const file = new SidecarFile(source, { watch: false });
    disposables.push(file);
    await file.save(state(annotation('easy', 'a')));
    writeFileSync(file.uri.fsPath, serializeSidecar(state(annotation('easy', 'a'), annotation('Kuleba', 'outside'))));
    const result = await file.save(state(annotation('easy', 'a'), annotation('short', 'mine')));
    assert.deepEqual(result.merge?.addedFromDisk, ['outside']);
    const onDisk = parseSidecar(await readText(file.uri));
    assert.ok(onDisk.ok && onDisk.sidecar.annotations.length === 3);
  });

  it('editing a sidecar by hand gets schema errors from the contributed JSON Schema', async function () {
    this.timeout(60_000);
    const uri = vscode.Uri.joinPath(folder, 'a.txt.annotations.json');
    const good = serializeSidecar(state(annotation('easy', 'e')));
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(good.replace('"kind": "quote"', '"kind": "rumour"')));
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    // The JSON language server starts lazily and validates asynchronously: poll.
    let messages: string[] = [];
    for (let i = 0; i < 100 && messages.length === 0; i++) {
      await new Promise((r) => setTimeout(r, 300));
      messages = vscode.languages.getDiagnostics(uri).map((d) => d.message);
    }
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    assert.ok(messages.some((m) => /quote.*person.*claim.*boilerplate.*note/.test(m)), `diagnostics: ${JSON.stringify(messages)}`);
  });
});
