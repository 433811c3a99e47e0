import * as vscode from 'vscode';
import { analyzeDocument } from '../core/analyze';

/** Entry point: composes the extension's parts; no I/O here. */
export function activate(context: vscode.ExtensionContext): void {
  const log = vscode.window.createOutputChannel('Source Annotator', { log: true });
  context.subscriptions.push(
    log,
    vscode.commands.registerCommand('sourceAnnotator.analyzeActive', () => {
      const editor = vscode.window.activeTextEditor;
      if (!editor) {
        void vscode.window.showInformationMessage('Open a source file first.');
        return undefined;
      }
      const doc = editor.document;
      const analysis = analyzeDocument(vscode.workspace.asRelativePath(doc.uri), doc.getText());
      const summary = `${analysis.quotes.length} quotes, ${analysis.people.length} people, ${analysis.claims.length} claims, ${analysis.boilerplate.length} boilerplate spans`;
      log.info(`Analysed ${doc.uri.toString()}: ${summary}`);
      void vscode.window.setStatusBarMessage(`Source Annotator: ${summary}`, 5000);
      return analysis;
    }),
  );
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
