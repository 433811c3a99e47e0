/** Orphaned annotations (no longer found in the edited source) as warnings in the Problems panel. */
import * as vscode from 'vscode';
import type { AnnotationStore } from './annotationStore';
import { readSettings } from './config';
import { sidecarUriOf } from './sources';

export class OrphanDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('sourceAnnotator');
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly store: AnnotationStore) {
    this.disposables.push(
      this.collection,
      store.onDidChangeAnnotations((uri) => this.update(uri)),
      vscode.workspace.onDidCloseTextDocument((d) => this.collection.delete(d.uri)),
    );
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }

  update(uri: vscode.Uri): void {
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (!doc || !this.store.isSource(doc) || !readSettings(uri).orphanDiagnostics) {
      this.collection.delete(uri);
      return;
    }
    const snap = this.store.snapshot(doc);
    const sidecar = vscode.workspace.asRelativePath(sidecarUriOf(uri));
    this.collection.set(
      uri,
      snap.orphans.map((o) => {
        // Point at where it used to be (clamped), so the reader sees roughly what changed.
        const at = doc.positionAt(snap.map.toUtf16(Math.min(o.target.position.start, snap.map.codePointLength)));
        const exact = o.target.quote.exact.replace(/\s+/g, ' ');
        const shown = exact.length > 60 ? `${exact.slice(0, 59)}…` : exact;
        const d = new vscode.Diagnostic(
          new vscode.Range(at, doc.lineAt(at.line).range.end),
          `Annotation (${o.kind}) on "${shown}" was not found in the current text. It is kept in ${sidecar}; re-tag the text or delete it there.`,
          vscode.DiagnosticSeverity.Warning,
        );
        d.source = 'Source Annotator';
        d.code = 'orphaned-annotation';
        return d;
      }),
    );
  }
}
