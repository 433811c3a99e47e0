import * as vscode from 'vscode';
import { AnnotationStore, type SourceSnapshot } from './annotationStore';
import { registerCommands } from './commands';
import { onDidChangeSettings, readSettings, SettingsProblemReporter, trackSettings } from './config';
import { trackContextKeys } from './contextKeys';
import { DecorationController } from './decorations';
import { registerInterchangeCommands } from './interchangeCommands';
import { OrphanDiagnostics } from './diagnostics';
import { SourceHoverProvider } from './hoverProvider';
import { SourceStatusBar } from './statusBar';
import { registerTreeViews, type TreeViewsApi } from './tree/registerTreeViews';
import type { DocumentAnalysis } from '../core/types';

/** What `activate()` returns: the store for the tree views, and a few reads for tests. */
export interface SourceAnnotatorApi {
  store: AnnotationStore;
  /** The engine's analysis of an open document (undefined when it is not open). */
  analysisFor(uri: vscode.Uri): DocumentAnalysis | undefined;
  /** The store's snapshot of an open source after its sidecar was read. */
  snapshotFor(uri: vscode.Uri): Promise<SourceSnapshot | undefined>;
  /** The status bar text for the active editor. */
  statusText(): string;
  /** Why settings values are ignored (invalid or unsafe boilerplate patterns...), for a resource. */
  settingsProblems(resource?: vscode.Uri): readonly string[];
  /** The sidebar's tree providers and views (issue 6). */
  tree: TreeViewsApi;
  /** Start-up cost in this host: evaluating the bundle, then `activate()` itself (milliseconds). */
  startup: { bundleLoadMs: number | undefined; activateMs: number };
}

/** Set by the bundle's first statement (scripts/build.mjs banner); absent in test bundles. */
declare const __bundleLoadStart: number | undefined;
const bundleLoadMs = typeof __bundleLoadStart === 'number' ? performance.now() - __bundleLoadStart : undefined;

/** Entry point: composes the extension's parts; no I/O here (sidecars load on first use). */
export function activate(context: vscode.ExtensionContext): SourceAnnotatorApi {
  const activateStart = performance.now();
  const log = vscode.window.createOutputChannel('Source Annotator', { log: true });
  try {
    context.subscriptions.push(...trackSettings());
    const store = new AnnotationStore(log);
    const statusBar = new SourceStatusBar(store);
    const problems = new SettingsProblemReporter(log);
    problems.report(readSettings());
    context.subscriptions.push(
      log,
      store,
      new DecorationController(store, vscode.Uri.joinPath(context.extensionUri, 'media'), log),
      vscode.languages.registerHoverProvider([{ scheme: 'file' }, { scheme: 'vscode-remote' }, { scheme: 'vscode-vfs' }, { scheme: 'untitled' }], new SourceHoverProvider(store)),
      statusBar,
      new OrphanDiagnostics(store),
      ...registerCommands(store, log),
      ...trackContextKeys(store),
      onDidChangeSettings(() => problems.report(readSettings())),
    );
    registerInterchangeCommands(context, { store, log });
    const openDoc = (uri: vscode.Uri) => vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    const tree = registerTreeViews(context, store, log);
    const startup = { bundleLoadMs, activateMs: performance.now() - activateStart };
    log.info(`Activated in ${startup.activateMs.toFixed(1)} ms (bundle evaluated in ${bundleLoadMs?.toFixed(1) ?? '?'} ms)`);
    return {
      store,
      analysisFor: (uri) => {
        const doc = openDoc(uri);
        return doc ? store.analysisFor(doc).analysis : undefined;
      },
      snapshotFor: async (uri) => {
        const doc = openDoc(uri);
        return doc ? store.ready(doc) : undefined;
      },
      statusText: () => statusBar.text,
      settingsProblems: (resource) => readSettings(resource).problems,
      tree,
      startup,
    };
  } catch (e) {
    log.error('Source Annotator failed to start', e instanceof Error ? e : new Error(String(e)));
    void vscode.window.showErrorMessage(`Source Annotator failed to start: ${e instanceof Error ? e.message : String(e)}`);
    throw e;
  }
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
