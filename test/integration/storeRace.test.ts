/**
 * A save that has to merge an outside change must not drop the edits the user made while that
 * save was in flight (found in review: the merged file used to replace the in-memory state and
 * mark it saved, losing the newer edit both in memory and on disk).
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import * as vscode from 'vscode';
import type { Sidecar } from '../../src/core/annotations/model';
import { createAnnotation } from '../../src/core/annotations/selectors';
import { serializeSidecar } from '../../src/core/annotations/serialize';
import type { SourceAnnotatorApi } from '../../src/extension/extension';
import { activateExtension, openInEditor, workspaceRoot } from './helpers';

const TEXT = [
  'Headline about the talks',
  '',
  '“We are ready to talk,” the minister said on Monday.',
  '',
  'The talks lasted an hour and a half, officials said.',
  '',
  'Officials reported 44 million people affected by the outage.',
  '',
].join('\n');

async function readSidecar(uri: vscode.Uri): Promise<Sidecar> {
  return JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(uri))) as Sidecar;
}

describe('Annotation store: edits during a merging save', () => {
  it('keeps an edit made while a save merges an outside change, in memory and on disk', async () => {
    const api = await activateExtension<SourceAnnotatorApi>();
    const folder = vscode.Uri.joinPath(workspaceRoot(), 'seeds', `race-${Date.now()}`);
    await vscode.workspace.fs.createDirectory(folder);
    const source = vscode.Uri.joinPath(folder, 'article.txt');
    const sidecarUri = vscode.Uri.joinPath(folder, 'article.txt.annotations.json');
    await vscode.workspace.fs.writeFile(source, new TextEncoder().encode(TEXT));
    const editor = await openInEditor(source);
    const document = editor.document;
    const span = (needle: string) => {
      const start = [...TEXT.slice(0, TEXT.indexOf(needle))].length;
      return { start, end: start + [...needle].length };
    };
    const add = (needle: string, kind: 'claim' | 'note') => (s: Sidecar) => {
      s.annotations.push(createAnnotation({ text: TEXT, ...span(needle), kind, note: `about: ${needle}` }));
      return s;
    };

    // 1. A first annotation, saved.
    assert.equal(await api.store.update(document, add('We are ready to talk', 'note')), true);
    await api.store.flush(source);
    const first = await readSidecar(sidecarUri);
    assert.equal(first.annotations.length, 1);

    // 2. Rounds of: a teammate's tool adds an annotation on disk (plain fs: an outside
    //    process), then two edits: the first one's save finds the outside change and merges;
    //    the second lands after a varying delay, so that in some round it arrives while that
    //    save is still in flight (the window is a few milliseconds wide).
    const expected = ['about: We are ready to talk'];
    const needles = ['44 million people', 'officials said', 'an hour and a half', 'Headline', 'the minister said', 'on Monday', 'affected by the outage'];
    for (const [round, delay] of [0, 1, 2, 3, 5, 8, 13].entries()) {
      const onDisk = await readSidecar(sidecarUri);
      onDisk.annotations.push(createAnnotation({ text: TEXT, ...span('talks'), kind: 'claim', note: `from a teammate ${round}` }));
      writeFileSync(sidecarUri.fsPath, serializeSidecar(onDisk));
      const needle = needles[round]!;
      const saving = api.store.update(document, add(needle, 'claim'));
      await new Promise((resolve) => setTimeout(resolve, delay));
      const edit = api.store.update(document, (s) => {
        s.annotations.push(createAnnotation({ text: TEXT, ...span(needle), kind: 'note', note: `second edit ${round}` }));
        return s;
      });
      await Promise.all([saving, edit]);
      await api.store.flush(source);
      expected.push(`about: ${needle}`, `from a teammate ${round}`, `second edit ${round}`);
    }

    const notes = (s: Sidecar | undefined) => (s?.annotations ?? []).map((a) => a.note).sort();
    expected.sort();
    assert.deepEqual(notes(api.store.loadedSidecar(source)?.sidecar), expected, 'in memory');
    assert.deepEqual(notes(await readSidecar(sidecarUri)), expected, 'on disk');
    assert.equal(api.store.isSaved(source), true);

    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    await vscode.workspace.fs.delete(folder, { recursive: true });
  });
});
