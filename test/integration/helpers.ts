/**
 * Shared helpers for integration tests (bundled into each test file).
 *
 * Workspace layout: both launchers open a throw-away folder that holds a copy of the repo's
 * `seeds/` (so `<workspace>/seeds/000_….txt`). Tests may write sidecars there without
 * touching the repository, and the default `sourceGlobs` (`**\/seeds/**\/*.txt`) match the
 * copies by relative and by absolute path.
 */
import * as vscode from 'vscode';

/** The extension's id as VS Code knows it: `<publisher>.<name>` from package.json. */
export const EXTENSION_ID = 'source-annotator.source-annotator';

/** The first (only) workspace folder the launchers open. */
export function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('The integration suite needs a workspace folder; run it through a launcher in test/launchers.');
  return folder.uri;
}

/** URI of a seed article in the throw-away workspace, e.g. `seedUri('000_93f1e55ce411dc71.txt')`. */
export function seedUri(fileName: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceRoot(), 'seeds', fileName);
}

/** Activates the extension under test and returns what `activate()` returned (its test API). */
export async function activateExtension<Api = unknown>(): Promise<Api> {
  const extension = vscode.extensions.getExtension<Api>(EXTENSION_ID);
  if (!extension) throw new Error(`Extension ${EXTENSION_ID} is not loaded in this VS Code window.`);
  return extension.activate();
}

/** Opens a file in an editor and waits until it is the active editor. */
export async function openInEditor(uri: vscode.Uri): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(uri);
  return vscode.window.showTextDocument(document, { preview: false });
}
