/**
 * The sidebar: This Source, Sources, People and Cross-source quotes. Each view is a
 * `ModelTreeProvider` over a pure model from src/core/present/treeModel.ts, fed by the
 * `AnnotationStore` (single source of truth) and the `WorkspaceIndex`; views refresh on
 * store events only, and only while visible. Span actions reuse the editor's commands: a
 * tree node is a valid argument for them (see treeModel.ts).
 */
import * as vscode from 'vscode';
import { CommandId } from '../../core/present/commandIds';
import { pickEntry, type Entry } from '../../core/present/entries';
import {
  baseName,
  buildCrossSourceTree,
  buildPeopleTree,
  buildSourcesTree,
  buildThisSourceTree,
  entryNodeKey,
  LazyTree,
  locationKey,
  quoted,
  type OrphanView,
  type PersonQuote,
  type TreeNode,
} from '../../core/present/treeModel';
import type { DocumentAnalysis } from '../../core/types';
import type { AnnotationStore } from '../annotationStore';
import { onDidChangeSettings, readSettings } from '../config';
import { WorkspaceIndex } from '../workspaceIndex';
import { ModelTreeProvider, SHOW_MORE_COMMAND } from './modelTreeProvider';
import { COMPARE_SCHEME, QuoteCompareProvider, QuoteGroups } from './quoteCompare';

export const TreeViewId = {
  thisSource: 'sourceAnnotator.thisSource',
  sources: 'sourceAnnotator.sources',
  people: 'sourceAnnotator.people',
  crossSource: 'sourceAnnotator.crossSourceQuotes',
} as const;

/** Commands only the tree uses (hidden from the palette; they take a tree node). */
export const TreeCommandId = {
  compareQuotes: 'sourceAnnotator.tree.compareQuotes',
  deleteOrphan: 'sourceAnnotator.tree.deleteOrphan',
  refreshSources: 'sourceAnnotator.tree.refreshSources',
  revealAnnotation: 'sourceAnnotator.tree.revealAnnotation',
} as const;

/** Workspaces up to this many sources are analysed by themselves when People or Cross-source quotes opens. */
const AUTO_ANALYSE_LIMIT = 200;
/** Milliseconds the cursor rests before This Source follows it. */
const FOLLOW_DELAY = 200;

/** What the extension API exposes of the trees (integration tests read the providers). */
export interface TreeViewsApi {
  providers: Record<keyof typeof TreeViewId, ModelTreeProvider>;
  views: Record<keyof typeof TreeViewId, vscode.TreeView<TreeNode>>;
  index: WorkspaceIndex;
  /** Reveals and selects the This Source item under the active editor's cursor. */
  revealAtCursor(): Promise<TreeNode | undefined>;
}

const emptyTree = (): LazyTree => new LazyTree(() => [], () => []);

const contextValues = new Map<string, string>();

/** Sets a context key for the welcome views, only when its value changes (the index fires often). */
function setContext(key: 'sourcesState' | 'corpusState', value: string): void {
  if (contextValues.get(key) === value) return;
  contextValues.set(key, value);
  void vscode.commands.executeCommand('setContext', `sourceAnnotator.${key}`, value);
}

/** Creates the views, their commands and the comparison documents; disposables go into `context`. */
export function registerTreeViews(context: vscode.ExtensionContext, store: AnnotationStore, log: vscode.LogOutputChannel): TreeViewsApi {
  const disposables: vscode.Disposable[] = [];
  const index = new WorkspaceIndex(store, log, TreeViewId.sources);
  const groups = new QuoteGroups(store);
  disposables.push(index, vscode.workspace.registerTextDocumentContentProvider(COMPARE_SCHEME, new QuoteCompareProvider(groups)));

  const openAt = (node: TreeNode): vscode.Command | undefined =>
    node.open
      ? {
          command: CommandId.openLocation,
          title: 'Open',
          arguments: [{ uri: node.open.uri, ...(node.open.start !== undefined ? { start: node.open.start, end: node.open.end } : {}) }],
        }
      : undefined;

  // ---- This Source ------------------------------------------------------------------------
  let current: vscode.TextDocument | undefined;
  const pickCurrent = (): boolean => {
    const before = current;
    const editor = vscode.window.activeTextEditor;
    // Focus in a panel or a non-text editor keeps the last source; another file replaces it.
    // A side-by-side comparison of quotes is about the sources: it keeps the last one too.
    if (editor && editor.document.uri.scheme !== COMPARE_SCHEME) current = store.isSource(editor.document) ? editor.document : undefined;
    if (current?.isClosed) current = undefined;
    return before !== current;
  };
  pickCurrent();

  // The view is created after its provider; the provider's build reads it through this holder.
  const thisViewRef: { view?: vscode.TreeView<TreeNode> } = {};
  const thisProvider = new ModelTreeProvider(
    'thisSource',
    () => {
      const doc = current;
      const thisView = thisViewRef.view;
      if (!doc || doc.isClosed) {
        if (thisView) thisView.description = undefined;
        return emptyTree();
      }
      const snap = store.snapshot(doc);
      const reliability = snap.sidecar?.source.reliability;
      if (thisView) {
        thisView.description = `${baseName(snap.path)}${reliability ? ` · ${reliability}` : ''}`;
        thisView.message = snap.tooLarge ? 'This source is too large for detection; only your annotations are listed.' : snap.readOnlyReason;
      }
      const orphans: OrphanView[] = snap.orphans.map((a) => ({
        id: a.id,
        kind: a.kind,
        exact: a.target.quote.exact,
        status: a.status,
        ...(a.reliability ? { reliability: a.reliability } : {}),
        ...(a.note ? { note: a.note } : {}),
        ...(a.speaker ? { speaker: a.speaker.name } : {}),
      }));
      return buildThisSourceTree({
        uri: doc.uri.toString(),
        path: snap.path,
        entries: snap.entries,
        orphans,
        scale: readSettings(doc.uri).reliabilityScale,
        ...(reliability ? { sourceReliability: reliability } : {}),
      });
    },
    (node) => (node.type === 'orphan' ? { command: CommandId.openSidecar, title: 'Open Annotations File', arguments: [{ uri: node.uri }] } : openAt(node)),
  );

  // ---- Sources ------------------------------------------------------------------------------
  const sourcesProvider = new ModelTreeProvider('sources', async () => {
    await index.ensureStarted();
    return buildSourcesTree(index.sources(), readSettings().reliabilityScale);
  }, openAt);

  // ---- People ---------------------------------------------------------------------------------
  const uriByPath = (): Map<string, string> => new Map([...(store.corpus?.uriByPath ?? new Map<string, vscode.Uri>())].map(([p, u]) => [p, u.toString()]));
  const peopleProvider = new ModelTreeProvider('people', () => {
    const c = store.corpus;
    if (!c) return emptyTree();
    const quotesByPath = new Map<string, PersonQuote[]>();
    for (const [path, analysis] of c.documents) quotesByPath.set(path, quotesOf(store, c.uriByPath.get(path), analysis));
    return buildPeopleTree({ people: c.corpus.people, quotesByPath, uriByPath: uriByPath() });
  }, openAt);

  // ---- Cross-source quotes ------------------------------------------------------------------------
  const crossProvider = new ModelTreeProvider(
    'crossSource',
    () => (store.corpus ? buildCrossSourceTree(groups.all(), uriByPath()) : emptyTree()),
    (node) => ({ command: TreeCommandId.compareQuotes, title: 'Compare', arguments: [node] }),
  );

  const providers = { thisSource: thisProvider, sources: sourcesProvider, people: peopleProvider, crossSource: crossProvider };
  const create = (id: string, provider: ModelTreeProvider) => vscode.window.createTreeView(id, { treeDataProvider: provider, showCollapseAll: true });
  const views = {
    thisSource: create(TreeViewId.thisSource, thisProvider),
    sources: create(TreeViewId.sources, sourcesProvider),
    people: create(TreeViewId.people, peopleProvider),
    crossSource: create(TreeViewId.crossSource, crossProvider),
  };
  thisViewRef.view = views.thisSource;

  // The corpus views analyse a small workspace by themselves the first time they are shown.
  let autoAnalysed = false;
  const autoAnalyse = (): void => {
    if (autoAnalysed || store.corpus || !vscode.workspace.workspaceFolders?.length) return;
    autoAnalysed = true;
    void index.ensureStarted().then(() => {
      const n = index.size;
      if (n > 0 && n <= AUTO_ANALYSE_LIMIT && !store.corpus) void vscode.commands.executeCommand(CommandId.analyzeWorkspace);
    });
  };
  thisProvider.attach(views.thisSource, () => {
    if (pickCurrent()) thisProvider.invalidate();
  });
  sourcesProvider.attach(views.sources, () => void index.ensureStarted());
  peopleProvider.attach(views.people, autoAnalyse);
  crossProvider.attach(views.crossSource, autoAnalyse);

  setContext('corpusState', 'none');
  setContext('sourcesState', 'idle');
  const updateSourcesState = (): void => {
    setContext('sourcesState', index.state === 'ready' ? (index.size ? 'found' : 'none') : index.state);
  };

  // ---- Follow cursor ----------------------------------------------------------------------------------
  const revealAtCursor = async (): Promise<TreeNode | undefined> => {
    const editor = vscode.window.activeTextEditor;
    if (!editor || !store.isSource(editor.document)) return undefined;
    if (editor.document !== current) {
      current = editor.document;
      thisProvider.invalidate();
    }
    const snap = store.snapshot(editor.document);
    const entry: Entry | undefined = pickEntry(snap.entries, snap.map.toCodePoint(editor.document.offsetAt(editor.selection.active)));
    if (!entry) return undefined;
    const key = entryNodeKey(editor.document.uri.toString(), entry);
    // VS Code resolves the element by identity; if the model was rebuilt meanwhile, retry once with the new one.
    for (let attempt = 0; ; attempt++) {
      const node = (await thisProvider.current()).find(key);
      if (!node) return undefined;
      try {
        await thisProvider.pageIn(node);
        await views.thisSource.reveal(node, { select: true, focus: false, expand: true });
        return node;
      } catch (e) {
        if (attempt > 0) throw e;
      }
    }
  };
  let followTimer: ReturnType<typeof setTimeout> | undefined;
  const follow = (e: vscode.TextEditorSelectionChangeEvent): void => {
    if (!views.thisSource.visible || e.textEditor.document !== current || !readSettings(current.uri).followCursor) return;
    if (followTimer) clearTimeout(followTimer);
    followTimer = setTimeout(() => {
      followTimer = undefined;
      revealAtCursor().catch((err: unknown) => log.debug(`Follow cursor: ${String(err)}`));
    }, FOLLOW_DELAY);
  };

  // ---- Events ----------------------------------------------------------------------------------------------
  disposables.push(
    thisProvider,
    sourcesProvider,
    peopleProvider,
    crossProvider,
    ...Object.values(views),
    { dispose: () => followTimer && clearTimeout(followTimer) },
    vscode.window.onDidChangeActiveTextEditor(() => {
      if (pickCurrent()) thisProvider.invalidate();
    }),
    // Sources and People take live figures from the sources on screen.
    vscode.window.onDidChangeVisibleTextEditors(() => {
      sourcesProvider.invalidate();
      if (store.corpus) peopleProvider.invalidate();
    }),
    vscode.workspace.onDidCloseTextDocument((d) => {
      if (d === current) {
        current = undefined;
        thisProvider.invalidate();
      }
    }),
    vscode.window.onDidChangeTextEditorSelection(follow),
    store.onDidChangeAnnotations((uri) => {
      if (current && uri.toString() === current.uri.toString()) thisProvider.invalidate();
      // Corrected speakers and rejected quotes of analysed sources show in People.
      const c = store.corpus;
      if (c && [...c.uriByPath.values()].some((u) => u.toString() === uri.toString())) peopleProvider.invalidate();
    }),
    store.onDidChangeCorpus(() => {
      setContext('corpusState', 'analysed');
      peopleProvider.invalidate();
      crossProvider.invalidate();
      sourcesProvider.invalidate();
    }),
    index.onDidChange(() => {
      updateSourcesState();
      sourcesProvider.invalidate();
    }),
    index.onDidChangeState(updateSourcesState),
    onDidChangeSettings((e) => {
      if (e.affectsConfiguration('sourceAnnotator.reliabilityScale')) for (const p of Object.values(providers)) p.invalidate();
    }),

    vscode.commands.registerCommand(TreeCommandId.refreshSources, () => index.refresh()),
    vscode.commands.registerCommand(SHOW_MORE_COMMAND, (node?: TreeNode) => {
      const owner = node?.type === 'more' && node.id !== undefined && Object.hasOwn(providers, node.id) ? providers[node.id as keyof typeof providers] : undefined;
      return owner?.showMore(node as TreeNode);
    }),
    vscode.commands.registerCommand(TreeCommandId.revealAnnotation, () => revealAtCursor()),
    vscode.commands.registerCommand(TreeCommandId.deleteOrphan, async (node?: TreeNode) => {
      if (!node?.uri || !node.id) return undefined;
      const uri = vscode.Uri.parse(node.uri);
      const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString()) ?? (await vscode.workspace.openTextDocument(uri));
      const id = node.id;
      try {
        await store.update(doc, (s) => ({ ...s, annotations: s.annotations.filter((a) => a.id !== id) }));
      } catch (e) {
        void vscode.window.showWarningMessage(e instanceof Error ? e.message : String(e));
        return undefined;
      }
      return id;
    }),
    vscode.commands.registerCommand(TreeCommandId.compareQuotes, async (node?: TreeNode) => {
      const g = node?.id ? groups.byKey(node.id) : undefined;
      if (!node || !g) {
        void vscode.window.showInformationMessage('That statement is no longer in the last workspace analysis.');
        return undefined;
      }
      const label = quoted(g.reference.text, 40);
      const diff = async (other: (typeof g.variants)[number]): Promise<vscode.Uri[]> => {
        const left = QuoteCompareProvider.variantUri(g.key, g.reference);
        const right = QuoteCompareProvider.variantUri(g.key, other);
        const similarity = Math.round((g.similarityToReference.get(locationKey(other)) ?? 0) * 100);
        await vscode.commands.executeCommand('vscode.diff', left, right, `${label} ${baseName(g.reference.path)} ↔ ${baseName(other.path)} (${similarity}% similar)`, {
          preview: true,
        });
        return [left, right];
      };
      if (node.type === 'variant' && node.parentKey) {
        const key = node.key.slice(node.parentKey.length + 1);
        const v = g.variants.find((x) => locationKey(x) === key);
        if (!v) return undefined;
        if (key === g.key) {
          const uri = store.corpus?.uriByPath.get(v.path);
          if (uri) await vscode.commands.executeCommand(CommandId.openLocation, { uri: uri.toString(), start: v.start, end: v.end });
          return uri ? [uri] : undefined;
        }
        return diff(v);
      }
      if (g.variants.length === 2) return diff(g.variants.find((v) => locationKey(v) !== g.key) ?? (g.variants[1] as (typeof g.variants)[number]));
      const uri = QuoteCompareProvider.groupUri(g);
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { preview: true });
      return [uri];
    }),
  );
  context.subscriptions.push(...disposables);
  return { providers, views, index, revealAtCursor };
}

/**
 * A source's speech quotes with their speakers: from the store's snapshot when the source is
 * on screen (so corrected speakers and rejected quotes count), else from the workspace
 * analysis. Only on screen: the snapshot of any other open document could mean analysing it
 * here, synchronously, right after a workspace analysis cleared the store's cache.
 */
function quotesOf(store: AnnotationStore, uri: vscode.Uri | undefined, analysis: DocumentAnalysis): PersonQuote[] {
  const doc = uri && vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString())?.document;
  if (doc && store.isSource(doc)) {
    const snap = store.snapshot(doc);
    if (snap.loaded) {
      return snap.entries
        .filter((e) => e.kind === 'quote' && e.status !== 'rejected')
        .map((e) => {
          const corrected = e.annotation?.speaker;
          const person = corrected ? snap.analysis.people.find((p) => p.name === corrected || p.aliases.includes(corrected)) : undefined;
          const personId = corrected ? person?.id : e.quote?.speaker?.personId;
          return { start: e.start, end: e.end, text: e.text, ...(personId ? { personId } : {}), ...(e.speaker ? { speaker: e.speaker } : {}) };
        });
    }
  }
  return analysis.quotes
    .filter((q) => q.kind === 'speech')
    .map((q) => ({
      start: q.start,
      end: q.end,
      text: q.text,
      ...(q.speaker?.personId ? { personId: q.speaker.personId } : {}),
      ...(q.speaker ? { speaker: q.speaker.name } : {}),
    }));
}
