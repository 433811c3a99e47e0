/**
 * Editor decorations: one `TextEditorDecorationType` per key of the pure decoration plan,
 * created once and re-created only when a style setting changes. Every update sets every
 * type (empty lists clear stale ranges), only for visible source editors; editor switches
 * update at once, typing through the store's debounced event.
 */
import * as vscode from 'vscode';
import { DECORATION_KEYS, planDecorations, type DecorationKey } from '../core/decorationPlan';
import type { Settings } from '../core/settings/settings';
import type { AnnotationStore } from './annotationStore';
import { onDidChangeSettings, readSettings } from './config';

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

  constructor(
    private readonly store: AnnotationStore,
    private readonly media: vscode.Uri,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.ensureTypes(readSettings());
    this.disposables.push(
      vscode.window.onDidChangeVisibleTextEditors(() => this.updateVisible()),
      vscode.window.onDidChangeActiveTextEditor((e) => e && this.update(e)),
      store.onDidChangeAnnotations((uri) => {
        for (const e of vscode.window.visibleTextEditors) if (e.document.uri.toString() === uri.toString()) this.update(e);
      }),
      onDidChangeSettings(() => {
        this.ensureTypes(readSettings());
        this.updateVisible();
      }),
    );
    this.updateVisible();
  }

  dispose(): void {
    for (const t of this.types.values()) t.dispose();
    for (const d of this.disposables) d.dispose();
  }

  updateVisible(): void {
    for (const e of vscode.window.visibleTextEditors) this.update(e);
  }

  /** Sets every decoration type on one editor (empty for non-sources). */
  update(editor: vscode.TextEditor): void {
    const doc = editor.document;
    if (!this.store.isSource(doc)) return;
    try {
      const settings = readSettings(doc.uri);
      const snap = this.store.snapshot(doc);
      const plan = planDecorations(snap.text, snap.entries, settings.highlights, settings.reliabilityScale);
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
