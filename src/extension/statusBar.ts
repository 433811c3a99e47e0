/** Status bar item: counts and reliability of the active source; click opens the sidebar. */
import * as vscode from 'vscode';
import type { AnnotationStore } from './annotationStore';

export class SourceStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('sourceAnnotator.status', vscode.StatusBarAlignment.Right, 100);
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly store: AnnotationStore) {
    this.item.name = 'Source Annotator';
    this.item.command = 'workbench.view.extension.sourceAnnotator';
    this.disposables.push(
      this.item,
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
      store.onDidChangeAnnotations((uri) => {
        if (vscode.window.activeTextEditor?.document.uri.toString() === uri.toString()) this.update();
      }),
    );
    this.update();
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }

  /** The text currently shown (for tests through the extension API). */
  get text(): string {
    return this.item.text;
  }

  update(): void {
    const doc = vscode.window.activeTextEditor?.document;
    if (!doc || !this.store.isSource(doc)) {
      this.item.hide();
      return;
    }
    const snap = this.store.snapshot(doc);
    const visible = snap.entries.filter((e) => e.status !== 'rejected');
    const count = (k: string) => visible.filter((e) => e.kind === k).length;
    const people = snap.analysis.people.length;
    const reliability = snap.sidecar?.source.reliability;
    const saveError = this.store.saveErrorOf(doc.uri);
    const parts = [`$(quote) ${count('quote')}`, `$(person) ${people}`, `$(law) ${count('claim')}`];
    if (reliability) parts.push(`$(verified) ${reliability}`);
    if (snap.tooLarge) parts.unshift('$(warning) too large for detection');
    if (saveError) parts.unshift('$(error) not saved');
    this.item.text = parts.join(' ');
    const md = new vscode.MarkdownString();
    md.appendMarkdown('**Source Annotator**\n\n');
    md.appendText(
      `${count('quote')} quotes, ${count('term')} terms, ${people} people, ${count('claim')} claims, ${count('boilerplate')} boilerplate spans, ${count('note')} notes` +
        (snap.orphans.length ? `, ${snap.orphans.length} orphaned annotations` : '') +
        `\nSource reliability: ${reliability ?? 'not rated'}`,
    );
    if (snap.readOnlyReason) md.appendText(`\n\n${snap.readOnlyReason}`);
    if (saveError) md.appendText(`\n\nNot saved: ${saveError}`);
    md.appendMarkdown('\n\nClick to open the Source Annotator sidebar.');
    this.item.tooltip = md;
    this.item.backgroundColor = saveError ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
    this.item.show();
  }
}
