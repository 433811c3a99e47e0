import * as vscode from 'vscode';
import { ReadOnlyError } from './annotationStore';

/**
 * Registers a command behind the house error boundary: an argument object (from a tree item,
 * a hover link or a test) is passed through, anything else (a Uri from a menu, nothing from
 * the palette) becomes `{}`; a read-only source is a warning; any other failure is logged
 * with its stack and shown as one short message, never thrown into VS Code.
 */
export function registerGuardedCommand<A extends object, R>(
  id: string,
  log: vscode.LogOutputChannel,
  handler: (args: A, raw: unknown[]) => Promise<R> | R,
): vscode.Disposable {
  return vscode.commands.registerCommand(id, async (...raw: unknown[]) => {
    const first = raw[0];
    const args = (first && typeof first === 'object' && !(first instanceof vscode.Uri) ? first : {}) as A;
    try {
      return await handler(args, raw);
    } catch (e) {
      if (e instanceof ReadOnlyError) {
        void vscode.window.showWarningMessage(e.message);
        return undefined;
      }
      log.error(`${id} failed`, e instanceof Error ? e : new Error(String(e)));
      void vscode.window.showErrorMessage(`Source Annotator: ${e instanceof Error ? e.message : String(e)}`);
      return undefined;
    }
  });
}
