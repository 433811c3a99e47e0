/**
 * The list of sources in the workspace for the Sources view: which files match
 * `sourceGlobs`, and what their sidecars say about them as a whole (reliability, note,
 * number of annotations). Nothing here runs in `activate()`: the first call to
 * `ensureStarted()` (the Sources view becoming visible) lists the files.
 *
 * Listing is one `findFiles` per glob plus one for all sidecars, so the first level of a
 * workspace with thousands of sources shows at once; sidecars are then read in small
 * batches, yielding to the event loop between batches so the extension host stays
 * responsive, and the view fills in as they arrive. A new listing cancels the one running.
 *
 * Detection counts come from the store (open sources, and the last "Analyse Workspace
 * Sources" run), not from analysing here: analysing thousands of articles is the store's
 * cancellable, progress-reporting job.
 */
import * as vscode from 'vscode';
import { SIDECAR_SUFFIX } from '../core/annotations/model';
import { parseSidecar } from '../core/annotations/parse';
import type { SourceInfo } from '../core/present/treeModel';
import type { DocumentAnalysis } from '../core/types';
import type { AnnotationStore } from './annotationStore';
import { onDidChangeSettings, readSettings } from './config';
import { isSourceDocument } from './sources';

/** Sidecars read at once; small enough that one batch never holds the host for long. */
const READ_BATCH = 16;
/** Upper bound of files per glob, so a mis-typed `**` glob cannot list a whole disk. */
const MAX_FILES_PER_GLOB = 50_000;

interface SourceRecord {
  uri: vscode.Uri;
  path: string;
  sidecar: SourceInfo['sidecar'];
  reliability?: string;
  note?: string;
  annotations?: number;
  problem?: string;
  /** Read the sidecar again; the old values stay shown until the new ones arrive (no flicker). */
  stale?: boolean;
}

export type IndexState = 'idle' | 'listing' | 'ready';

export class WorkspaceIndex implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when sources were added, removed, or their sidecar information changed. */
  readonly onDidChange: vscode.Event<void> = this.changed.event;
  private readonly stateChanged = new vscode.EventEmitter<IndexState>();
  readonly onDidChangeState: vscode.Event<IndexState> = this.stateChanged.event;

  private records = new Map<string, SourceRecord>();
  private cts: vscode.CancellationTokenSource | undefined;
  private listing: Promise<void> | undefined;
  private reading: Promise<void> = Promise.resolve();
  private watchers: vscode.Disposable[] = [];
  private readonly disposables: vscode.Disposable[] = [];
  private rereadTimer: ReturnType<typeof setTimeout> | undefined;
  private _state: IndexState = 'idle';

  constructor(
    private readonly store: AnnotationStore,
    private readonly log: vscode.LogOutputChannel,
    /** Where listing progress shows (the Sources view). */
    private readonly progressViewId: string,
  ) {
    this.disposables.push(
      this.changed,
      this.stateChanged,
      store.onDidChangeAnnotations((uri) => this.adoptFromStore(uri)),
      store.onDidChangeCorpus(() => this.changed.fire()),
      onDidChangeSettings((e) => {
        if (this._state !== 'idle' && e.affectsConfiguration('sourceAnnotator.sourceGlobs')) void this.refresh();
      }),
      vscode.workspace.onDidChangeWorkspaceFolders(() => {
        if (this._state !== 'idle') void this.refresh();
      }),
    );
  }

  dispose(): void {
    this.cts?.cancel();
    this.cts?.dispose();
    if (this.rereadTimer) clearTimeout(this.rereadTimer);
    for (const d of [...this.watchers, ...this.disposables]) d.dispose();
  }

  get state(): IndexState {
    return this._state;
  }

  /** Number of known sources (cheap; `sources()` builds the full list). */
  get size(): number {
    return this.records.size;
  }

  /** Lists the sources the first time it is called; later calls wait for that listing. */
  ensureStarted(): Promise<void> {
    if (this._state === 'idle') return this.refresh();
    return this.listing ?? Promise.resolve();
  }

  /** Lists the sources again (cancelling a listing in progress); resolves when the list is known. */
  refresh(): Promise<void> {
    this.cts?.cancel();
    this.cts?.dispose();
    const cts = new vscode.CancellationTokenSource();
    this.cts = cts;
    this.setState('listing');
    const run = vscode.window.withProgress({ location: { viewId: this.progressViewId } }, () => this.list(cts.token));
    this.listing = Promise.resolve(run).then(
      () => undefined,
      (e: unknown) => {
        this.log.error('Listing the workspace sources failed', e instanceof Error ? e : new Error(String(e)));
      },
    );
    return this.listing;
  }

  /** Resolves when the listing and every pending sidecar read have finished. */
  async whenIdle(): Promise<void> {
    await this.listing;
    let current: Promise<void> | undefined;
    while (current !== this.reading) {
      current = this.reading;
      await current;
    }
  }

  /** Every known source with what is known about it, for the tree model. */
  sources(): SourceInfo[] {
    const corpus = this.store.corpus;
    // Live figures only for sources on screen: their analysis is cached for the highlights
    // anyway. Asking for any other open document could analyse it here, synchronously.
    const visible = new Map<string, vscode.TextDocument>();
    for (const e of vscode.window.visibleTextEditors) visible.set(e.document.uri.toString(), e.document);
    const out: SourceInfo[] = [];
    for (const [key, r] of this.records) {
      const info: SourceInfo = { uri: key, path: r.path, sidecar: r.sidecar };
      if (r.reliability !== undefined) info.reliability = r.reliability;
      if (r.note !== undefined) info.note = r.note;
      if (r.annotations !== undefined) info.annotations = r.annotations;
      if (r.problem !== undefined) info.problem = r.problem;
      const doc = visible.get(key);
      const cached = doc && isSourceDocument(doc) ? this.store.analysisFor(doc) : undefined;
      const analysis: DocumentAnalysis | undefined = cached ? (cached.tooLarge ? undefined : cached.analysis) : corpus?.documents.get(r.path);
      if (analysis) {
        info.counts = {
          quotes: analysis.quotes.filter((q) => q.kind === 'speech').length,
          people: analysis.people.length,
          claims: analysis.claims.length,
          boilerplate: analysis.boilerplate.length,
        };
      }
      out.push(info);
    }
    return out;
  }

  private setState(state: IndexState): void {
    if (this._state === state) return;
    this._state = state;
    this.stateChanged.fire(state);
  }

  private async list(token: vscode.CancellationToken): Promise<void> {
    const started = Date.now();
    const found = new Map<string, vscode.Uri>();
    const sidecars = new Set<string>();
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      const exclude = '**/node_modules/**';
      for (const glob of readSettings(folder.uri).sourceGlobs) {
        const uris = await vscode.workspace.findFiles(new vscode.RelativePattern(folder, glob), exclude, MAX_FILES_PER_GLOB, token);
        for (const u of uris) if (!u.path.endsWith(SIDECAR_SUFFIX)) found.set(u.toString(), u);
      }
      const sc = await vscode.workspace.findFiles(new vscode.RelativePattern(folder, `**/*${SIDECAR_SUFFIX}`), exclude, MAX_FILES_PER_GLOB, token);
      for (const u of sc) sidecars.add(u.with({ path: u.path.slice(0, -SIDECAR_SUFFIX.length) }).toString());
      if (token.isCancellationRequested) return;
    }
    // Documents in the news-source language count wherever they are.
    for (const d of vscode.workspace.textDocuments) {
      if (d.uri.scheme !== 'untitled' && isSourceDocument(d)) found.set(d.uri.toString(), d.uri);
    }
    if (token.isCancellationRequested) return;
    const next = new Map<string, SourceRecord>();
    for (const [key, uri] of found) {
      const old = this.records.get(key);
      const has = sidecars.has(key);
      if (old && old.sidecar !== 'unread' && has === (old.sidecar !== 'none')) {
        // An explicit refresh re-reads what the watchers might have missed.
        if (has) old.stale = true;
        next.set(key, old);
      } else next.set(key, { uri, path: vscode.workspace.asRelativePath(uri), sidecar: has ? 'unread' : 'none' });
    }
    this.records = next;
    this.watch();
    this.setState('ready');
    this.changed.fire();
    this.log.info(`Sources view: ${next.size} sources (${sidecars.size} annotation files) listed in ${Date.now() - started} ms.`);
    this.scheduleReads(token);
  }

  /** Reads every sidecar still marked `unread`, in batches, yielding between them. */
  private scheduleReads(token: vscode.CancellationToken): void {
    const previous = this.reading;
    this.reading = previous.then(async () => {
      for (;;) {
        if (token.isCancellationRequested) return;
        const batch: SourceRecord[] = [];
        for (const r of this.records.values()) {
          if (r.sidecar === 'unread' || r.stale) batch.push(r);
          if (batch.length === READ_BATCH) break;
        }
        if (batch.length === 0) return;
        await Promise.all(batch.map((r) => this.readSidecar(r)));
        this.changed.fire();
        await new Promise((resolve) => setTimeout(resolve, 0));
      }
    });
  }

  private async readSidecar(r: SourceRecord): Promise<void> {
    // A loaded source's sidecar is known to the store, including unsaved changes.
    if (this.adoptFromStoreState(r)) return;
    const sidecarUri = r.uri.with({ path: `${r.uri.path}${SIDECAR_SUFFIX}` });
    let bytes: Uint8Array;
    try {
      bytes = await vscode.workspace.fs.readFile(sidecarUri);
    } catch {
      set(r, { sidecar: 'none' });
      return;
    }
    const parsed = parseSidecar(new TextDecoder('utf-8', { fatal: false }).decode(bytes));
    if (!parsed.ok) {
      set(r, { sidecar: 'problem', problem: `${vscode.workspace.asRelativePath(sidecarUri)}: ${parsed.problem.message}` });
      return;
    }
    const s = parsed.sidecar;
    set(r, { sidecar: 'read', reliability: s.source.reliability, note: s.source.note, annotations: s.annotations.length });
  }

  /** Takes a loaded source's sidecar information from the store; false when not loaded there. */
  private adoptFromStoreState(r: SourceRecord): boolean {
    const loaded = this.store.loadedSidecar(r.uri);
    if (!loaded) return false;
    const s = loaded.sidecar;
    if (s) set(r, { sidecar: 'read', reliability: s.source.reliability, note: s.source.note, annotations: s.annotations.length });
    else if (loaded.readOnlyReason && vscode.workspace.isTrusted) set(r, { sidecar: 'problem', problem: loaded.readOnlyReason });
    else set(r, { sidecar: 'none' });
    return true;
  }

  private adoptFromStore(uri: vscode.Uri): void {
    const r = this.records.get(uri.toString());
    if (r && this.adoptFromStoreState(r)) this.changed.fire();
  }

  /** Watches the source globs (files added or deleted) and the sidecars (changed outside). */
  private watch(): void {
    for (const w of this.watchers) w.dispose();
    this.watchers = [];
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      for (const glob of readSettings(folder.uri).sourceGlobs) {
        const w = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, glob), false, true, false);
        this.watchers.push(
          w,
          w.onDidCreate((uri) => {
            if (uri.path.endsWith(SIDECAR_SUFFIX) || this.records.has(uri.toString())) return;
            this.records.set(uri.toString(), { uri, path: vscode.workspace.asRelativePath(uri), sidecar: 'unread' });
            this.scheduleReread();
          }),
          w.onDidDelete((uri) => {
            if (this.records.delete(uri.toString())) this.changed.fire();
          }),
        );
      }
      const sc = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, `**/*${SIDECAR_SUFFIX}`));
      const reread = (uri: vscode.Uri): void => {
        const r = this.records.get(uri.with({ path: uri.path.slice(0, -SIDECAR_SUFFIX.length) }).toString());
        if (!r) return;
        r.stale = true;
        this.scheduleReread();
      };
      this.watchers.push(sc, sc.onDidCreate(reread), sc.onDidChange(reread), sc.onDidDelete(reread));
    }
  }

  /** Outside changes come in bursts (a git checkout): read once they settle. */
  private scheduleReread(): void {
    if (this.rereadTimer) clearTimeout(this.rereadTimer);
    this.rereadTimer = setTimeout(() => {
      this.rereadTimer = undefined;
      this.changed.fire();
      if (this.cts) this.scheduleReads(this.cts.token);
    }, 200);
  }
}

function set(r: SourceRecord, values: Partial<SourceRecord>): void {
  r.stale = false;
  r.sidecar = values.sidecar ?? r.sidecar;
  r.reliability = values.reliability;
  r.note = values.note;
  r.annotations = values.annotations;
  r.problem = values.problem;
}
