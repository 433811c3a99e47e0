/**
 * The single source of truth per source document: the engine's detections (cached per
 * uri + version) merged with the user's annotations from the sidecar, plus the workspace
 * corpus (people across sources, the same quote in several sources, repeated lines).
 * Decorations, hovers, commands, the status bar and the trees read it and subscribe to
 * `onDidChangeAnnotations`; they never call each other.
 */
import * as vscode from 'vscode';
import { analyzeDocument } from '../core/analyze';
import { DocumentMemos, type BlockMemo } from '../core/blockMemo';
import { reanchorAll } from '../core/annotations/anchor';
import { applyContentChangesToSidecar } from '../core/annotations/edits';
import { mergeSidecars } from '../core/annotations/merge';
import { sha256Hex } from '../core/annotations/hash';
import { SIDECAR_VERSION, type Sidecar, type SidecarAnnotation, type SidecarProblemKind } from '../core/annotations/model';
import { compareAnnotations } from '../core/annotations/serialize';
import { analyzeCorpusSteps, findCorpusRepeatedLinesSteps } from '../core/corpus';
import { buildEntries, type Entry, type UserAnnotationView } from '../core/present/entries';
import type { CorpusPersonSummary, CrossSourceRef } from '../core/present/hoverContent';
import type { Settings } from '../core/settings/settings';
import { decodeSource } from '../core/text/decode';
import { OffsetMap } from '../core/text/offsets';
import type { CorpusAnalysis, DocumentAnalysis } from '../core/types';
import { onDidChangeSettings, readSettings } from './config';
import { SidecarBlockedError, SidecarFile } from './sidecarFile';
import { isSourceDocument, sidecarUriOf } from './sources';
import { OFF_THREAD_MIN_CHARS, OffThreadAnalysis } from './offThreadAnalysis';
import type { MemoKey } from './analysisWorker';
import { nextTurn, runStepsSliced, TimeSlicer } from '../core/timeSlice';
import type { AnalyzeOptions } from '../core/types';

/** Everything known about one source at one document version. */
export interface SourceSnapshot {
  uri: vscode.Uri;
  version: number;
  /** Workspace-relative path, as in analyses and the CLI. */
  path: string;
  text: string;
  map: OffsetMap;
  analysis: DocumentAnalysis;
  /** True when the document is over `maxFileSize`: detections are skipped, annotations still shown. */
  tooLarge: boolean;
  /** True while a long source is analysed on the worker thread (detections follow with a change event). */
  analysing: boolean;
  entries: Entry[];
  /** The in-memory sidecar (positions re-anchored to `text`); undefined until something is saved. */
  sidecar: Sidecar | undefined;
  /** Annotations that could not be found in the current text. */
  orphans: SidecarAnnotation[];
  /** Why annotations cannot be changed now (untrusted workspace, unusable sidecar); undefined when writable. */
  readOnlyReason: string | undefined;
  /** False until the sidecar has been read. */
  loaded: boolean;
}

/** Thrown by mutations that are not allowed now; the message is for the user. */
export class ReadOnlyError extends Error {}

interface DocState {
  uri: vscode.Uri;
  /** The sidecar file (atomic writes, merge on outside change, watcher); created on first load. */
  file: SidecarFile | undefined;
  loading?: Promise<void>;
  loaded: boolean;
  sidecar: Sidecar | undefined;
  /** Message naming the file when the sidecar is unusable (it is then never written). */
  problem: string | undefined;
  /** The text the sidecar's positions refer to (kept in step with edits). */
  text: string | undefined;
  /** Ids of annotations that could not be placed in `text`. */
  orphans: Set<string>;
  /** Annotation changes not yet on disk. */
  dirty: boolean;
  /** Positions moved with edits since the last write; written when the source is saved. */
  positionsMoved: boolean;
  saveError: string | undefined;
  saving: Promise<unknown>;
  /** A reload after an outside change, in flight; mutations wait for it so it cannot clobber them. */
  reloading: Promise<void> | undefined;
  revision: number;
}

interface CorpusState {
  documents: Map<string, DocumentAnalysis>;
  uriByPath: Map<string, vscode.Uri>;
  corpus: CorpusAnalysis;
  repeatedLines: Set<string>;
}

const patternsKey = (patterns: readonly RegExp[]): string => JSON.stringify(patterns.map(String));

interface CachedAnalysis {
  version: number;
  text: string;
  map: OffsetMap;
  analysis: DocumentAnalysis;
  tooLarge: boolean;
  /** Set while the worker analyses this version: the job whose result may replace `analysis`. */
  pendingJob?: number;
}

export interface CorpusSummary {
  sources: number;
  skipped: string[];
  quoteMatches: number;
  people: number;
}

export class AnnotationStore implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  /** Fires with a source's uri when its detections or annotations changed (typing: debounced). */
  readonly onDidChangeAnnotations: vscode.Event<vscode.Uri> = this.changed.event;
  private readonly corpusChanged = new vscode.EventEmitter<void>();
  /** Fires when the workspace corpus was (re)computed. */
  readonly onDidChangeCorpus: vscode.Event<void> = this.corpusChanged.event;

  private readonly states = new Map<string, DocState>();
  private readonly analyses = new Map<string, CachedAnalysis>();
  /**
   * Per open document, the block-local results of its last analyses (core/blockMemo.ts): after
   * an edit only the touched paragraphs are analysed again. Forgotten when the document closes.
   */
  private readonly memos = new DocumentMemos();
  private readonly entriesCache = new Map<string, { key: string; entries: Entry[]; orphans: SidecarAnnotation[] }>();
  private readonly typingTimers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly disposables: vscode.Disposable[] = [];
  private readonly tooLargeReported = new Set<string>();
  private corpusState: CorpusState | undefined;
  private corpusRevision = 0;
  /** Long sources are analysed off the event loop (dist/analysisWorker.js next to this bundle). */
  private readonly offThread = new OffThreadAnalysis(`${__dirname}/analysisWorker.js`);
  private analysisJobs = 0;

  constructor(
    private readonly log: vscode.LogOutputChannel,
    private readonly settingsFor: (uri: vscode.Uri) => Settings = readSettings,
  ) {
    this.disposables.push(
      this.changed,
      this.corpusChanged,
      vscode.workspace.onDidChangeTextDocument((e) => this.onTextChanged(e)),
      vscode.workspace.onDidCloseTextDocument((d) => this.onClosed(d)),
      vscode.workspace.onDidSaveTextDocument((d) => this.onSourceSaved(d)),
      vscode.workspace.onDidGrantWorkspaceTrust(() => {
        this.analyses.clear();
        for (const s of this.states.values()) this.changed.fire(s.uri);
      }),
      onDidChangeSettings(() => {
        // Patterns, size limit or source globs may have changed: re-analyse what is shown.
        this.analyses.clear();
        this.memos.clear();
        this.entriesCache.clear();
        this.tooLargeReported.clear();
        for (const s of this.states.values()) this.changed.fire(s.uri);
      }),
    );
  }

  dispose(): void {
    for (const t of this.typingTimers.values()) clearTimeout(t);
    for (const d of this.disposables) d.dispose();
    for (const st of this.states.values()) st.file?.dispose();
    this.offThread.dispose();
  }

  isSource(document: vscode.TextDocument): boolean {
    return isSourceDocument(document);
  }

  /** The engine's analysis of the document at its current version (cached). */
  analysisFor(document: vscode.TextDocument): CachedAnalysis {
    const key = document.uri.toString();
    const cached = this.analyses.get(key);
    if (cached && cached.version === document.version) return cached;
    const text = document.getText();
    const map = new OffsetMap(text);
    const settings = this.settingsFor(document.uri);
    const path = vscode.workspace.asRelativePath(document.uri);
    let analysis: DocumentAnalysis = { path, quotes: [], people: [], claims: [], boilerplate: [] };
    const tooLarge = text.length > settings.maxFileSize;
    if (tooLarge) {
      if (!this.tooLargeReported.has(key)) {
        this.tooLargeReported.add(key);
        const msg = `${path} has ${text.length.toLocaleString()} characters, more than sourceAnnotator.maxFileSize (${settings.maxFileSize.toLocaleString()}): detections are off for it so the editor stays responsive. Your annotations are still shown.`;
        this.log.warn(msg);
        void vscode.window.showInformationMessage(msg, 'Change Limit').then((c) => {
          if (c) void vscode.commands.executeCommand('workbench.action.openSettings', 'sourceAnnotator.maxFileSize');
        });
      }
    } else {
      const options: AnalyzeOptions = {
        extraBoilerplatePatterns: [...settings.boilerplatePatterns],
        ...(this.corpusState ? { corpusRepeatedLines: this.corpusState.repeatedLines } : {}),
      };
      const memoKey = { document: key, options: `${patternsKey(settings.boilerplatePatterns)}\u0001${this.corpusRevision}` };
      if (text.length >= OFF_THREAD_MIN_CHARS) {
        // Detections follow with a change event; until then the annotations are shown alone.
        const fresh: CachedAnalysis = { version: document.version, text, map, analysis, tooLarge, pendingJob: ++this.analysisJobs };
        this.analyses.set(key, fresh);
        this.analyseOffThread(document.uri, fresh, path, text, options, memoKey);
        return fresh;
      }
      analysis = this.analyseHere(path, document.version, text, options, this.memos.for(memoKey.document, memoKey.options));
    }
    const fresh = { version: document.version, text, map, analysis, tooLarge };
    this.analyses.set(key, fresh);
    return fresh;
  }

  private analyseHere(path: string, version: number, text: string, options: AnalyzeOptions, memo?: BlockMemo): DocumentAnalysis {
    const started = Date.now();
    try {
      return analyzeDocument(path, text, options, memo);
    } catch (e) {
      // A detector bug must not take the editor down: show annotations without detections.
      this.log.error(`Analysis of ${path} failed`, e instanceof Error ? e : new Error(String(e)));
      return { path, quotes: [], people: [], claims: [], boilerplate: [] };
    } finally {
      this.log.trace(`Analysed ${path} v${version} in ${Date.now() - started} ms`);
    }
  }

  /** Runs the analysis on the worker and adopts it if the document is still at that version. */
  private analyseOffThread(uri: vscode.Uri, pending: CachedAnalysis, path: string, text: string, options: AnalyzeOptions, memoKey: MemoKey): void {
    const key = uri.toString();
    const started = Date.now();
    const stillWanted = () => this.analyses.get(key) === pending;
    // Receiving a dense result, building its entries and the listeners' work each take their
    // own turn of the host's event loop: together they blocked it for over 50 ms with 8,000
    // quotes (issue 9, docs/hardening.md).
    const adopt = async (analysis: DocumentAnalysis): Promise<void> => {
      await nextTurn();
      if (!stillWanted()) return;
      const adopted: CachedAnalysis = { version: pending.version, text, map: pending.map, analysis, tooLarge: false };
      this.analyses.set(key, adopted);
      this.entriesCache.delete(key);
      this.log.trace(`Analysed ${path} v${pending.version} on the worker in ${Date.now() - started} ms`);
      const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === key);
      if (document?.version === pending.version) {
        this.snapshot(document);
        await nextTurn();
        if (this.analyses.get(key) !== adopted) return;
      }
      this.changed.fire(uri);
    };
    const adoptLogged = (analysis: DocumentAnalysis): void => {
      adopt(analysis).catch((e: unknown) => this.log.error(`Showing the analysis of ${path} failed`, e instanceof Error ? e : new Error(String(e))));
    };
    this.offThread.analyse(path, text, options, memoKey).then(adoptLogged, (e: unknown) => {
      if (!stillWanted()) return;
      // No worker here (web extension host) or it failed: analyse on this thread, as before.
      this.log.warn(`Analysis worker unavailable (${e instanceof Error ? e.message : String(e)}); analysing ${path} in the extension host.`);
      adoptLogged(this.analyseHere(path, pending.version, text, options, this.memos.for(memoKey.document, memoKey.options)));
    });
  }

  /** The current snapshot; starts loading the sidecar if needed (an event follows when loaded). */
  snapshot(document: vscode.TextDocument): SourceSnapshot {
    const state = this.stateFor(document.uri);
    if (!state.loaded) void this.ensureLoaded(document);
    const a = this.analysisFor(document);
    this.reanchorIfStale(state, a.text);
    const key = `${document.version}:${state.revision}:${this.corpusRevision}`;
    let cached = this.entriesCache.get(document.uri.toString());
    if (!cached || cached.key !== key) {
      const views: UserAnnotationView[] = [];
      const orphans: SidecarAnnotation[] = [];
      for (const ann of state.sidecar?.annotations ?? []) {
        if (state.orphans.has(ann.id)) {
          orphans.push(ann);
          continue;
        }
        views.push(viewOf(ann));
      }
      cached = { key, entries: buildEntries(a.analysis, views), orphans };
      this.entriesCache.set(document.uri.toString(), cached);
    }
    return {
      uri: document.uri,
      version: document.version,
      path: a.analysis.path,
      text: a.text,
      map: a.map,
      analysis: a.analysis,
      tooLarge: a.tooLarge,
      analysing: a.pendingJob !== undefined,
      entries: cached.entries,
      sidecar: state.sidecar,
      orphans: cached.orphans,
      readOnlyReason: this.readOnlyReason(state),
      loaded: state.loaded,
    };
  }

  /**
   * The entries computed last for this document, possibly for an older version, without
   * analysing anything: for cheap, frequent reads such as context keys on every cursor move.
   */
  peekEntries(uri: vscode.Uri): readonly Entry[] {
    return this.entriesCache.get(uri.toString())?.entries ?? [];
  }

  /** The snapshot after the sidecar has been read. */
  async ready(document: vscode.TextDocument): Promise<SourceSnapshot> {
    await this.ensureLoaded(document);
    return this.snapshot(document);
  }

  /** True when the document's annotations are saved (or there is nothing to save). */
  isSaved(uri: vscode.Uri): boolean {
    const s = this.states.get(uri.toString());
    return !s || !s.dirty;
  }

  /** The last save error of a source, if its annotations are not on disk. */
  saveErrorOf(uri: vscode.Uri): string | undefined {
    return this.states.get(uri.toString())?.saveError;
  }

  /**
   * The in-memory sidecar of a source whose sidecar was read, without analysing the text
   * (for the Sources view); undefined when not loaded.
   */
  loadedSidecar(uri: vscode.Uri): { sidecar: Sidecar | undefined; readOnlyReason: string | undefined } | undefined {
    const s = this.states.get(uri.toString());
    return s?.loaded ? { sidecar: s.sidecar, readOnlyReason: this.readOnlyReason(s) } : undefined;
  }

  /** Resolves when every pending write of this source has finished (successfully or not). */
  async flush(uri: vscode.Uri): Promise<void> {
    await this.states.get(uri.toString())?.saving;
  }

  // ---- mutations -------------------------------------------------------------------------

  /**
   * Applies `change` to the document's sidecar (creating it if there is none) and saves.
   * Returns whether the save succeeded; the in-memory state keeps the change either way.
   * Throws `ReadOnlyError` when changes are not allowed.
   */
  async update(document: vscode.TextDocument, change: (sidecar: Sidecar, snap: SourceSnapshot) => Sidecar): Promise<boolean> {
    await this.ensureLoaded(document);
    const state = this.stateFor(document.uri);
    // Apply the change on top of what an outside change brought in, never underneath it.
    while (state.reloading) await state.reloading;
    const reason = this.readOnlyReason(state);
    if (reason) throw new ReadOnlyError(reason);
    const snap = this.snapshot(document);
    const base = state.sidecar ?? emptySidecar(document.uri);
    const next = change(structuredClone(base), snap);
    next.annotations.sort(compareAnnotations);
    state.sidecar = next;
    // Orphans stay orphans (a change does not re-place them); deleted ones are gone.
    const ids = new Set(next.annotations.map((a) => a.id));
    for (const id of state.orphans) if (!ids.has(id)) state.orphans.delete(id);
    state.text = snap.text;
    state.dirty = true;
    state.revision++;
    this.changed.fire(document.uri);
    return this.save(state, document);
  }

  /** Retries writing a source whose last save failed. */
  async retrySave(document: vscode.TextDocument): Promise<boolean> {
    const state = this.stateFor(document.uri);
    return state.dirty ? this.save(state, document) : true;
  }

  // ---- corpus ----------------------------------------------------------------------------

  get corpus(): Readonly<CorpusState> | undefined {
    return this.corpusState;
  }

  /**
   * Reads and analyses every source of the workspace (files matching `sourceGlobs`, open
   * `news-source` documents), then the cross-source pass. Yields between documents and stops
   * when cancelled; files that are binary, undecodable or too large are skipped and listed.
   */
  async analyzeWorkspace(
    token: vscode.CancellationToken,
    progress?: vscode.Progress<{ message?: string; increment?: number }>,
  ): Promise<CorpusSummary | undefined> {
    const uris = await this.findSourceUris(token);
    if (token.isCancellationRequested) return undefined;
    // `openVersion`: the version of an open document whose text was read, so its analysis from
    // this pass can be adopted at the end instead of analysing it again.
    const texts: { path: string; uri: vscode.Uri; text: string; openVersion?: number }[] = [];
    const skipped: string[] = [];
    for (const [i, uri] of uris.entries()) {
      if (token.isCancellationRequested) return undefined;
      const path = vscode.workspace.asRelativePath(uri);
      progress?.report({ message: `reading ${path} (${i + 1}/${uris.length})`, increment: 40 / Math.max(1, uris.length) });
      const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
      let text: string;
      let openVersion: number | undefined;
      if (open) {
        text = open.getText();
        openVersion = open.version;
      } else {
        const bytes = await vscode.workspace.fs.readFile(uri).then(
          (b) => b,
          () => undefined,
        );
        const decoded = bytes ? decodeSource(bytes) : { ok: false as const, reason: 'it could not be read' };
        if (!decoded.ok) {
          skipped.push(`${path}: ${decoded.reason}`);
          continue;
        }
        text = decoded.text;
      }
      if (text.length > this.settingsFor(uri).maxFileSize) {
        skipped.push(`${path}: larger than sourceAnnotator.maxFileSize`);
        continue;
      }
      texts.push({ path, uri, text, ...(openVersion !== undefined ? { openVersion } : {}) });
    }
    const slicer = new TimeSlicer();
    const cancelled = () => token.isCancellationRequested;
    // The cross-document steps run in slices too (0.2 s and 0.5 s in one go for 10,000 files).
    const repeatedLines = texts.length > 1 ? await runStepsSliced(findCorpusRepeatedLinesSteps(texts.map((t) => t.text)), slicer, cancelled) : new Set<string>();
    if (!repeatedLines) return undefined;
    const documents = new Map<string, DocumentAnalysis>();
    const optionsUsed = new Map<string, AnalyzeOptions>();
    for (const [i, t] of texts.entries()) {
      if (token.isCancellationRequested) return undefined;
      progress?.report({ message: `analysing ${t.path} (${i + 1}/${texts.length})`, increment: 55 / Math.max(1, texts.length) });
      // Give the extension host a turn every few milliseconds so typing and cancelling stay
      // responsive (a turn per document cost 12 s of 23 s for 10,000 files: timer clamp).
      await slicer.turn();
      try {
        const options: AnalyzeOptions = { extraBoilerplatePatterns: [...this.settingsFor(t.uri).boilerplatePatterns], corpusRepeatedLines: repeatedLines };
        // Long sources go to the worker thread (a web host without one analyses here).
        const analysis =
          t.text.length >= OFF_THREAD_MIN_CHARS
            ? await this.offThread.analyse(t.path, t.text, options).catch(() => analyzeDocument(t.path, t.text, options))
            : analyzeDocument(t.path, t.text, options);
        documents.set(t.path, analysis);
        optionsUsed.set(t.path, options);
      } catch (e) {
        skipped.push(`${t.path}: analysis failed (${e instanceof Error ? e.message : String(e)})`);
      }
    }
    if (token.isCancellationRequested) return undefined;
    progress?.report({ message: 'comparing sources', increment: 5 });
    const corpus = await runStepsSliced(
      analyzeCorpusSteps(texts.filter((t) => documents.has(t.path)).map((t) => ({ path: t.path, text: t.text, analysis: documents.get(t.path)! }))),
      slicer,
      cancelled,
    );
    if (!corpus) return undefined;
    this.corpusState = {
      documents,
      uriByPath: new Map(texts.map((t) => [t.path, t.uri])),
      corpus: { ...corpus, repeatedLines: [...repeatedLines].sort() },
      repeatedLines,
    };
    this.corpusRevision++;
    // Repeated lines feed the boilerplate detector: analyses of open documents are stale now.
    this.analyses.clear();
    // ...but this pass has just analysed the open ones with the new repeated lines. Re-analysing
    // them all in the change events below blocked the host 0.5 s in one go (issue 9); adopt this
    // pass's analysis where the text and the options are still the ones it used.
    for (const t of texts) {
      const analysis = documents.get(t.path);
      const used = optionsUsed.get(t.path);
      if (!analysis || !used || t.openVersion === undefined) continue;
      const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === t.uri.toString());
      const settings = this.settingsFor(t.uri);
      // Settings may have changed meanwhile (patterns are compiled afresh on each read: compare their text).
      const samePatterns = patternsKey(settings.boilerplatePatterns) === patternsKey(used.extraBoilerplatePatterns ?? []);
      if (!open || open.version !== t.openVersion || !samePatterns || t.text.length > settings.maxFileSize) continue;
      this.analyses.set(t.uri.toString(), { version: t.openVersion, text: t.text, map: new OffsetMap(t.text), analysis, tooLarge: false });
    }
    this.corpusChanged.fire();
    for (const d of vscode.workspace.textDocuments) {
      if (!this.states.has(d.uri.toString())) continue;
      // Listeners may still analyse a document this pass did not cover: one at a time, with turns.
      await slicer.turn();
      this.changed.fire(d.uri);
    }
    for (const s of skipped) this.log.warn(`Skipped ${s}`);
    return { sources: documents.size, skipped, quoteMatches: corpus.quoteMatches.length, people: corpus.people.length };
  }

  /** Where else the quote `entry` of this source appears, from the last workspace analysis. */
  crossSourceFor(snap: SourceSnapshot, entry: Entry): CrossSourceRef[] {
    const c = this.corpusState;
    if (!c || (entry.kind !== 'quote' && entry.kind !== 'term')) return [];
    const out: CrossSourceRef[] = [];
    const overlaps = (s: number, e: number) => s < entry.end && e > entry.start;
    for (const m of c.corpus.quoteMatches) {
      for (const [here, there] of [
        [m.a, m.b],
        [m.b, m.a],
      ] as const) {
        if (here.path !== snap.path || !overlaps(here.start, here.end)) continue;
        const uri = c.uriByPath.get(there.path);
        if (!uri) continue;
        const other = c.documents.get(there.path);
        const text = other?.quotes.find((q) => q.start === there.start && q.end === there.end)?.text;
        out.push({ uri: uri.toString(), label: there.path, start: there.start, end: there.end, similarity: m.similarity, ...(text ? { text } : {}) });
      }
    }
    return out.sort((x, y) => y.similarity - x.similarity);
  }

  /** Corpus-wide figures for the people of this source, by their per-document id. */
  corpusPeopleFor(snap: SourceSnapshot): Map<string, CorpusPersonSummary> {
    const out = new Map<string, CorpusPersonSummary>();
    for (const p of this.corpusState?.corpus.people ?? []) {
      const mine = p.documents.find((d) => d.path === snap.path);
      if (!mine) continue;
      out.set(mine.personId, { sources: p.documents.length, mentions: p.documents.reduce((n, d) => n + d.mentions, 0) });
    }
    return out;
  }

  // ---- internals -------------------------------------------------------------------------

  private stateFor(uri: vscode.Uri): DocState {
    const key = uri.toString();
    let s = this.states.get(key);
    if (!s) {
      s = {
        uri,
        file: undefined,
        loaded: false,
        sidecar: undefined,
        problem: undefined,
        text: undefined,
        orphans: new Set(),
        dirty: false,
        positionsMoved: false,
        saveError: undefined,
        saving: Promise.resolve(),
        reloading: undefined,
        revision: 0,
      };
      this.states.set(key, s);
    }
    return s;
  }

  private readOnlyReason(state: DocState): string | undefined {
    if (!vscode.workspace.isTrusted) {
      return 'This workspace is not trusted: highlights and hovers work, but annotations cannot be changed or saved. Trust the workspace to annotate.';
    }
    if (state.problem) return `Annotations are read-only: ${state.problem}`;
    return undefined;
  }

  private ensureLoaded(document: vscode.TextDocument): Promise<void> {
    const state = this.stateFor(document.uri);
    if (state.loaded) return Promise.resolve();
    state.loading ??= this.load(state, document).finally(() => {
      state.loading = undefined;
    });
    return state.loading;
  }

  private fileOf(state: DocState): SidecarFile {
    if (!state.file) {
      const file = new SidecarFile(state.uri);
      file.onDidChangeOnDisk(() => void this.onSidecarChangedOutside(state));
      state.file = file;
    }
    return state.file;
  }

  /** Adopts a sidecar read from disk (or merged): re-anchors it on the current text. */
  private async adopt(state: DocState, sidecar: Sidecar, text: string): Promise<void> {
    const re = reanchorAll(sidecar, text, await sha256Hex(text));
    state.sidecar = re.sidecar;
    state.text = text;
    state.orphans = new Set(re.orphans);
    if (re.orphans.length) {
      this.log.warn(`${vscode.workspace.asRelativePath(state.uri)}: ${re.orphans.length} annotation(s) could not be found in the current text (orphans); they are kept in the sidecar.`);
    }
  }

  private async load(state: DocState, document: vscode.TextDocument): Promise<void> {
    let result;
    try {
      result = await this.fileOf(state).load();
    } catch (e) {
      result = { kind: 'problem' as const, message: `${vscode.workspace.asRelativePath(sidecarUriOf(state.uri))}: ${e instanceof Error ? e.message : String(e)}` };
    }
    state.problem = undefined;
    if (result.kind === 'missing') {
      state.sidecar = undefined;
      state.orphans = new Set();
    } else if (result.kind === 'problem') {
      state.sidecar = undefined;
      state.orphans = new Set();
      this.reportUnusable(state, result.message, 'problem' in result ? result.problem.kind : undefined);
    } else {
      for (const w of result.warnings) this.log.warn(`${vscode.workspace.asRelativePath(sidecarUriOf(state.uri))}: ${w.message}`);
      await this.adopt(state, result.sidecar, document.getText());
    }
    state.loaded = true;
    state.revision++;
    this.changed.fire(state.uri);
  }

  /** A sidecar that cannot be used: read-only, never overwritten; the user can open it or move it aside. */
  private reportUnusable(state: DocState, message: string, kind?: SidecarProblemKind): void {
    state.problem = message;
    this.log.warn(message);
    // A newer tool's file is fine, just not ours to rewrite: no "move aside" for it.
    const actions = kind === 'future-version' ? ['Open It'] : ['Open It', 'Move Aside and Start New'];
    void vscode.window
      .showWarningMessage(`Source Annotator: ${message}. The file is left untouched and this source's annotations are read-only.`, ...actions)
      .then(async (choice) => {
        if (choice === 'Open It') await vscode.window.showTextDocument(sidecarUriOf(state.uri));
        if (choice === 'Move Aside and Start New') {
          const moved = await this.fileOf(state).moveAside();
          void vscode.window.showInformationMessage(`Moved the broken file to ${vscode.workspace.asRelativePath(moved)}.`);
          state.problem = undefined;
          state.loaded = false;
          const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === state.uri.toString());
          if (doc) await this.ensureLoaded(doc);
        }
      });
  }

  /** Safety net: when the text changed without an edit event we saw, re-anchor (exact, then fuzzy; else orphan). */
  private reanchorIfStale(state: DocState, text: string): void {
    if (!state.loaded || !state.sidecar || state.text === undefined || state.text === text) return;
    const re = reanchorAll(state.sidecar, text);
    state.sidecar = re.sidecar;
    state.text = text;
    state.orphans = new Set(re.orphans);
    state.revision++;
  }

  private async save(state: DocState, document: vscode.TextDocument): Promise<boolean> {
    const run = async (): Promise<boolean> => {
      if ((!state.dirty && !state.positionsMoved) || !state.sidecar || this.readOnlyReason(state)) return !state.dirty;
      const revision = state.revision;
      const text = state.text ?? document.getText();
      const sidecar: Sidecar = { ...state.sidecar, source: { ...state.sidecar.source, sha256: await sha256Hex(text) } };
      const file = vscode.workspace.asRelativePath(sidecarUriOf(state.uri));
      try {
        const result = await this.fileOf(state).save(sidecar, { text });
        // Edits made while this save was in flight are not in `result.sidecar`.
        const editedMeanwhile = state.revision !== revision;
        if (result.merge) {
          // Someone else changed the file meanwhile: both sides' annotations are kept.
          this.log.info(`${file}: merged outside changes (${result.merge.addedFromDisk.length} added from disk, ${result.merge.conflicts.length} conflicts resolved by date).`);
          // Adopting the merged file as it is would drop those edits: merge them in, with what
          // was just saved as the common base, and stay dirty so the next save writes them.
          const merged = editedMeanwhile && state.sidecar ? mergeSidecars(state.sidecar, result.sidecar, sidecar).sidecar : result.sidecar;
          await this.adopt(state, merged, document.getText());
          state.revision++;
          this.changed.fire(state.uri);
        }
        if (!editedMeanwhile) {
          state.dirty = false;
          state.positionsMoved = false;
        }
        state.saveError = undefined;
        return true;
      } catch (e) {
        if (e instanceof SidecarBlockedError) {
          this.reportUnusable(state, e.message, e.problem.kind);
          state.saveError = e.message;
        } else {
          const reason = e instanceof Error ? e.message : String(e);
          state.saveError = reason.startsWith(file) ? reason : `${file}: ${reason}`;
          this.log.error(`Could not save ${file}`, e instanceof Error ? e : new Error(reason));
          void vscode.window
            .showErrorMessage(`Source Annotator could not save: ${state.saveError}. Your annotations are kept in memory; nothing is lost while this window is open.`, 'Retry')
            .then((c) => {
              if (c) void this.retrySave(document);
            });
        }
        this.changed.fire(state.uri);
        return false;
      }
    };
    const next = state.saving.then(run, run);
    state.saving = next;
    return next;
  }

  private onTextChanged(e: vscode.TextDocumentChangeEvent): void {
    if (e.contentChanges.length === 0) return;
    const key = e.document.uri.toString();
    const state = this.states.get(key);
    if (!state && !this.analyses.has(key)) return;
    if (state?.loaded && state.sidecar && state.text !== undefined) {
      // Move annotations with the text now, while the old text is known; an edit inside a
      // span updates its `exact`; a span whose text was deleted becomes an orphan (undo restores it on reload).
      const shift = applyContentChangesToSidecar(
        state.sidecar,
        state.text,
        e.contentChanges.map((c) => ({ rangeOffset: c.rangeOffset, rangeLength: c.rangeLength, text: c.text })),
        e.document.getText(),
      );
      state.sidecar = shift.sidecar;
      state.text = shift.text;
      for (const id of shift.collapsed) state.orphans.add(id);
      state.positionsMoved = true;
      state.revision++;
    }
    const previous = this.typingTimers.get(key);
    if (previous) clearTimeout(previous);
    const delay = this.settingsFor(e.document.uri).updateDelay;
    this.typingTimers.set(
      key,
      setTimeout(() => {
        this.typingTimers.delete(key);
        this.changed.fire(e.document.uri);
      }, delay),
    );
  }

  /** Saving the source writes the moved positions, so the sidecar matches the text on disk. */
  private onSourceSaved(document: vscode.TextDocument): void {
    const state = this.states.get(document.uri.toString());
    if (state?.positionsMoved && !this.readOnlyReason(state)) void this.save(state, document);
  }

  private onClosed(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    this.analyses.delete(key);
    this.memos.forget(key);
    this.offThread.forget(key);
    this.entriesCache.delete(key);
    const s = this.states.get(key);
    // Unsaved annotations stay in memory (a retry is still possible); the rest is reloaded on open.
    if (s && !s.dirty) {
      s.file?.dispose();
      this.states.delete(key);
    }
  }

  private onSidecarChangedOutside(state: DocState): Promise<void> {
    const previous = state.reloading ?? Promise.resolve();
    const next = previous
      .then(() => this.reloadFromDisk(state))
      .catch((e: unknown) => this.log.error(`Reloading the sidecar of ${state.uri.toString()} failed`, e instanceof Error ? e : new Error(String(e))))
      .finally(() => {
        if (state.reloading === next) state.reloading = undefined;
      });
    state.reloading = next;
    return next;
  }

  private async reloadFromDisk(state: DocState): Promise<void> {
    await state.saving;
    const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === state.uri.toString());
    if (!document || !state.loaded) return;
    const text = document.getText();
    const result = await this.fileOf(state).reload(state.dirty ? state.sidecar : undefined, { text });
    const label = vscode.workspace.asRelativePath(sidecarUriOf(state.uri));
    if (result.kind === 'problem') {
      this.reportUnusable(state, result.message, result.problem.kind);
    } else if (result.kind === 'missing') {
      if (!state.dirty) {
        state.sidecar = undefined;
        state.orphans = new Set();
      }
      state.problem = undefined;
    } else {
      state.problem = undefined;
      await this.adopt(state, result.sidecar, text);
      if (result.kind === 'merged') {
        this.log.info(`${label} changed on disk while this window had unsaved annotations: merged by id (${result.merge.addedFromDisk.length} added from disk).`);
        void this.save(state, document);
      } else this.log.info(`${label} changed on disk: reloaded.`);
    }
    state.revision++;
    this.changed.fire(state.uri);
  }

  private async findSourceUris(token: vscode.CancellationToken): Promise<vscode.Uri[]> {
    const found = new Map<string, vscode.Uri>();
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      for (const glob of this.settingsFor(folder.uri).sourceGlobs) {
        const uris = await vscode.workspace.findFiles(new vscode.RelativePattern(folder, glob), '**/node_modules/**', 5000, token);
        for (const u of uris) if (!u.path.endsWith('.annotations.json')) found.set(u.toString(), u);
      }
    }
    for (const d of vscode.workspace.textDocuments) if (isSourceDocument(d) && d.uri.scheme !== 'untitled') found.set(d.uri.toString(), d.uri);
    return [...found.values()].sort((a, b) => a.path.localeCompare(b.path));
  }
}

function viewOf(a: SidecarAnnotation): UserAnnotationView {
  const view: UserAnnotationView = {
    id: a.id,
    kind: a.kind,
    start: a.target.position.start,
    end: a.target.position.end,
    exact: a.target.quote.exact,
    status: a.status,
  };
  if (a.reliability !== undefined) view.reliability = a.reliability;
  if (a.speaker !== undefined) view.speaker = a.speaker.name;
  if (a.note !== undefined) view.note = a.note;
  return view;
}

function emptySidecar(source: vscode.Uri): Sidecar {
  const name = source.path.slice(source.path.lastIndexOf('/') + 1);
  return { version: SIDECAR_VERSION, source: { path: name, sha256: '', tags: [] }, annotations: [] };
}
