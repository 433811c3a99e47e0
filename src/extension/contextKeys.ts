/** Context keys for `when` clauses (menus, keybindings), set through one helper. */
import * as vscode from 'vscode';
import type { AnnotationStore } from './annotationStore';
import { entriesAt } from '../core/present/entries';

type ContextKey = 'isSource' | 'cursorOnDetection' | 'cursorOnAnnotation' | 'cursorOnQuote' | 'cursorOnUserAnnotation';

const current = new Map<ContextKey, boolean>();

function setContext(key: ContextKey, value: boolean): void {
  if (current.get(key) === value) return;
  current.set(key, value);
  void vscode.commands.executeCommand('setContext', `sourceAnnotator.${key}`, value);
}

export function trackContextKeys(store: AnnotationStore): vscode.Disposable[] {
  const update = (): void => {
    const editor = vscode.window.activeTextEditor;
    const isSource = !!editor && store.isSource(editor.document);
    setContext('isSource', isSource);
    if (!editor || !isSource) {
      for (const k of ['cursorOnDetection', 'cursorOnAnnotation', 'cursorOnQuote', 'cursorOnUserAnnotation'] as const) setContext(k, false);
      return;
    }
    // Runs on every cursor move (so on every keystroke): read the last computed entries and
    // never trigger an analysis. UTF-16 offsets stand in for code points; for these yes/no
    // keys the difference after astral characters does not matter.
    const here = entriesAt(store.peekEntries(editor.document.uri), editor.document.offsetAt(editor.selection.active), true);
    setContext('cursorOnAnnotation', here.length > 0);
    setContext('cursorOnDetection', here.some((e) => e.status !== 'manual'));
    setContext('cursorOnQuote', here.some((e) => e.kind === 'quote'));
    setContext('cursorOnUserAnnotation', here.some((e) => e.annotation !== undefined));
  };
  update();
  return [
    vscode.window.onDidChangeActiveTextEditor(update),
    vscode.window.onDidChangeTextEditorSelection(update),
    store.onDidChangeAnnotations(update),
  ];
}
