/**
 * Workspace trust in a real untrusted window (issue 9): highlights and hovers keep working,
 * nothing is written, and the user is told why. Only `node test/launchers/offline.mjs
 * --untrusted` loads this file (index.ts adds it when SOURCE_ANNOTATOR_UNTRUSTED=1); the
 * trusted runs never see it, so no test is skipped either way.
 */
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { SourceAnnotatorApi } from '../../src/extension/extension';
import { activateExtension, openInEditor, seedUri } from './helpers';

const SEED = '000_93f1e55ce411dc71.txt';

function sidecarUri(source: vscode.Uri): vscode.Uri {
  return source.with({ path: `${source.path}.annotations.json` });
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  return vscode.workspace.fs.stat(uri).then(
    () => true,
    () => false,
  );
}

describe('Untrusted workspace: read-only features and an explanation', () => {
  let api: SourceAnnotatorApi;

  before(async () => {
    api = await activateExtension<SourceAnnotatorApi>();
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('the window really is untrusted', () => {
    assert.equal(vscode.workspace.isTrusted, false);
  });

  it('a seed still gets detections, and its hover explains the read-only state without write links', async () => {
    const uri = seedUri(SEED);
    const editor = await openInEditor(uri);
    const snap = await api.snapshotFor(uri);
    assert.ok(snap, 'no snapshot for an open seed');
    assert.ok(snap.analysis.quotes.length > 0, 'no quotes detected');
    assert.ok(snap.entries.length > 0, 'no highlight entries');
    assert.match(snap.readOnlyReason ?? '', /not trusted/);
    const analysis = api.analysisFor(uri);
    assert.ok(analysis && analysis.quotes.length > 0, 'analysisFor has no quotes');

    const quote = snap.entries.find((e) => e.kind === 'quote') ?? snap.entries[0]!;
    const utf16 = [...snap.text].slice(0, quote.start).join('').length;
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, editor.document.positionAt(utf16 + 1));
    const md = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.ok(md.length > 0, 'no hover on a detection');
    assert.match(md, /not trusted/);
    assert.match(md, /Trust the workspace to annotate/);
    // Links that only read (open another source, compare sources) stay; none that writes.
    const readOnlyCommands = new Set(['sourceAnnotator.openLocation', 'sourceAnnotator.analyzeWorkspace']);
    const linked = [...md.matchAll(/\]\(command:([\w.]+)/g)].map((m) => m[1]!);
    assert.deepEqual(
      linked.filter((id) => !readOnlyCommands.has(id)),
      [],
      `write commands linked in a read-only hover: ${linked.join(', ')}`,
    );
    assert.doesNotMatch(md, /tagSelection|setReliability|setSourceReliability|editNote|confirmDetection|rejectDetection|deleteAnnotation/);
  });

  it('a write command writes no sidecar and warns the user about trust', async () => {
    const uri = seedUri(SEED);
    await openInEditor(uri);
    // The test module shares the extension's `vscode` API object (both load from the
    // extension under development), so this sees the warning the command boundary shows.
    const shown: string[] = [];
    const original = vscode.window.showWarningMessage;
    (vscode.window as { showWarningMessage: unknown }).showWarningMessage = (message: string) => {
      shown.push(message);
      return Promise.resolve(undefined);
    };
    let ids: string[] | undefined;
    try {
      ids = await vscode.commands.executeCommand<string[] | undefined>('sourceAnnotator.tagSelectionAsClaim', { uri: uri.toString(), start: 0, end: 10 });
    } finally {
      (vscode.window as { showWarningMessage: unknown }).showWarningMessage = original;
    }
    assert.equal(ids, undefined);
    assert.equal(shown.length, 1, `warnings shown: ${JSON.stringify(shown)}`);
    assert.match(shown[0]!, /not trusted.*Trust the workspace/);

    // The store itself refuses, with the same explanation.
    const document = await vscode.workspace.openTextDocument(uri);
    await assert.rejects(
      api.store.update(document, (s) => s),
      (e: unknown) => e instanceof Error && /not trusted/.test(e.message),
    );
    await api.store.flush(uri);
    assert.equal(await exists(sidecarUri(uri)), false, 'a sidecar was written in an untrusted workspace');
  });
});
