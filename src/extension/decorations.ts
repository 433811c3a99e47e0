/**
 * Editor decorations: one `TextEditorDecorationType` per key of the pure decoration plan,
 * created once and re-created only when a style setting changes. Every update sets every
 * type (empty lists clear stale ranges), only for visible source editors. Updates run in a
 * turn of their own (coalesced per editor), after the store's other listeners, so one change
 * never adds all of its work to a single block of the extension host.
 *
 * A source with thousands of detections is decorated around what is visible (a window of
 * {@link WINDOW_MARGIN} characters either side), refreshed when scrolling leaves it: with
 * 8,000 quotes the 20,000 ranges of the whole document took 51 ms to build and send
 * (docs/hardening.md), over the 50 ms the host may be blocked. Its overview ruler then only
 * shows marks for that window.
 */
import * as vscode from 'vscode';
import { DECORATION_KEYS, planDecorations, type DecorationKey } from '../core/decorationPlan';
import type { Settings } from '../core/settings/settings';
import type { AnnotationStore } from './annotationStore';
import { onDidChangeSettings, readSettings } from './config';

/** Documents with more entries than this are decorated around the visible part only. */
export const DENSE_ENTRIES = 2_000;
/** Characters decorated either side of the visible part of a dense document. */
export const WINDOW_MARGIN = 20_000;
/** Visible text beyond this (one enormous line) counts as this long when placing the window. */
const VISIBLE_CAP = 40_000;

const color = (id: string) => new vscode.ThemeColor(`sourceAnnotator.${id}`);

function styleFor(key: DecorationKey, settings: Settings, media: vscode.Uri): vscode.DecorationRenderOptions {
  const gutter = (name: string): vscode.DecorationRenderOptions =>
    settings.gutterIcons ? { gutterIconPath: vscode.Uri.joinPath(media, `gutter-${name}.svg`), gutterIconSize: 'contain' } : {};
  const ruler = (id: string): vscode.DecorationRenderOptions => ({ overviewRulerColor: color(id), overviewRulerLane: vscode.OverviewRulerLane.Right });
  switch (key) {
    case 'quote':
      return { backgroundColor: color('quoteBackground'), borderWidth: '1px', borderStyle: 'solid', borderColor: color('quoteBorder'), ...ruler('quoteRuler'), ...gutter('quote') };
    case 'term':
      return { backgroundColor: color('termBackground'), borderWidth: '1px', borderStyle: 'dashed', borderColor: color('termBorder') };
    case 'speaker':
      return { color: color('speakerForeground'), fontStyle: 'italic' };
    case 'person':
      return { borderWidth: '0 0 1px 0', borderStyle: 'dotted', borderColor: color('personBorder'), ...ruler('personRuler') };
    case 'claim':
      return { backgroundColor: color('claimBackground'), borderWidth: '0 0 2px 0', borderStyle: 'solid', borderColor: color('claimBorder'), ...ruler('claimRuler'), ...gutter('claim') };
    case 'boilerplate': {
      const dim = settings.boilerplateStyle !== 'strikethrough';
      const strike = settings.boilerplateStyle !== 'dim';
      return { ...(dim ? { color: color('boilerplateForeground'), opacity: '0.6' } : {}), ...(strike ? { textDecoration: 'line-through' } : {}) };
    }
    case 'note':
      return { backgroundColor: color('noteBackground'), borderWidth: '1px', borderStyle: 'solid', borderColor: color('noteBorder'), ...ruler('noteRuler'), ...gutter('note') };
    case 'confirmed':
      return { outlineWidth: '1px', outlineStyle: 'solid', outlineColor: color('confirmedBorder') };
    default: {
      // reliability1..5: a thick underline in the tier colour, with an overview-ruler mark.
      return { borderWidth: '0 0 2px 0', borderStyle: 'solid', borderColor: color(key), overviewRulerColor: color(key), overviewRulerLane: vscode.OverviewRulerLane.Left };
    }
  }
}

export class DecorationController implements vscode.Disposable {
  private types = new Map<DecorationKey, vscode.TextEditorDecorationType>();
  private styleKey = '';
  private readonly disposables: vscode.Disposable[] = [];
  /** UTF-16 window decorated last in a dense document's editor (undefined: the whole document). */
  private readonly windows = new WeakMap<vscode.TextEditor, { start: number; end: number } | undefined>();
  private readonly pending = new Set<vscode.TextEditor>();
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly store: AnnotationStore,
    private readonly media: vscode.Uri,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.ensureTypes(readSettings());
    this.disposables.push(
      vscode.window.onDidChangeVisibleTextEditors(() => this.updateVisible()),
      vscode.window.onDidChangeActiveTextEditor((e) => e && this.schedule(e)),
      store.onDidChangeAnnotations((uri) => {
        for (const e of vscode.window.visibleTextEditors) if (e.document.uri.toString() === uri.toString()) this.schedule(e);
      }),
      vscode.window.onDidChangeTextEditorVisibleRanges((e) => {
        const window = this.windows.get(e.textEditor);
        if (window && !this.insideWindow(e.textEditor, window)) this.schedule(e.textEditor);
      }),
      onDidChangeSettings(() => {
        this.ensureTypes(readSettings());
        this.updateVisible();
      }),
    );
    this.updateVisible();
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.pending.clear();
    for (const t of this.types.values()) t.dispose();
    for (const d of this.disposables) d.dispose();
  }

  updateVisible(): void {
    for (const e of vscode.window.visibleTextEditors) this.schedule(e);
  }

  /** Updates `editor` in a turn of its own; several requests before it runs make one update. */
  private schedule(editor: vscode.TextEditor): void {
    this.pending.add(editor);
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      const editors = [...this.pending];
      this.pending.clear();
      for (const e of editors) if (vscode.window.visibleTextEditors.includes(e)) this.update(e);
    }, 0);
  }

  /** The visible part of `editor` in UTF-16 offsets (one enormous line counts as VISIBLE_CAP long). */
  private visibleSpan(editor: vscode.TextEditor): { start: number; end: number } {
    const doc = editor.document;
    const visible = editor.visibleRanges;
    const first = visible[0];
    const last = visible[visible.length - 1];
    const start = first ? doc.offsetAt(first.start) : 0;
    return { start, end: Math.min(last ? doc.offsetAt(last.end) : start, start + VISIBLE_CAP) };
  }

  /** The UTF-16 window to decorate around the visible part of `editor`. */
  private windowAround(editor: vscode.TextEditor): { start: number; end: number } {
    const visible = this.visibleSpan(editor);
    return { start: Math.max(0, visible.start - WINDOW_MARGIN), end: visible.end + WINDOW_MARGIN };
  }

  /** True while what is visible stays at least half a margin inside the decorated window. */
  private insideWindow(editor: vscode.TextEditor, window: { start: number; end: number }): boolean {
    const visible = this.visibleSpan(editor);
    const slack = WINDOW_MARGIN / 2;
    const doc = editor.document;
    const length = doc.offsetAt(doc.lineAt(doc.lineCount - 1).range.end);
    const startOk = window.start === 0 || visible.start - slack >= window.start;
    const endOk = window.end >= length || visible.end + slack <= window.end;
    return startOk && endOk;
  }

  /** Sets every decoration type on one editor (empty for non-sources). */
  update(editor: vscode.TextEditor): void {
    const doc = editor.document;
    if (!this.store.isSource(doc)) return;
    try {
      const settings = readSettings(doc.uri);
      const snap = this.store.snapshot(doc);
      const window = snap.entries.length > DENSE_ENTRIES ? this.windowAround(editor) : undefined;
      this.windows.set(editor, window);
      const plan = planDecorations(snap.text, snap.entries, settings.highlights, settings.reliabilityScale, {
        map: snap.map,
        ...(window ? { window: { start: snap.map.toCodePoint(window.start), end: snap.map.toCodePoint(Math.min(window.end, snap.text.length)) } } : {}),
      });
      for (const key of DECORATION_KEYS) {
        const type = this.types.get(key);
        if (!type) continue;
        editor.setDecorations(
          type,
          plan[key].map((r) => new vscode.Range(doc.positionAt(r.start), doc.positionAt(r.end))),
        );
      }
    } catch (e) {
      this.log.error(`Decorating ${doc.uri.toString()} failed`, e instanceof Error ? e : new Error(String(e)));
    }
  }

  private ensureTypes(settings: Settings): void {
    const key = `${settings.boilerplateStyle}:${settings.gutterIcons}`;
    if (key === this.styleKey && this.types.size) return;
    this.styleKey = key;
    for (const t of this.types.values()) t.dispose();
    this.types = new Map(
      DECORATION_KEYS.map((k) => [k, vscode.window.createTextEditorDecorationType({ ...styleFor(k, settings, this.media), rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed })]),
    );
  }
}
