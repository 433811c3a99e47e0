/** Hover tooltips for sources, built by the pure `hoverContent`. */
import * as vscode from 'vscode';
import { entriesAt } from '../core/present/entries';
import { hoverContent, type CrossSourceRef } from '../core/present/hoverContent';
import type { AnnotationStore } from './annotationStore';

export class SourceHoverProvider implements vscode.HoverProvider {
  constructor(private readonly store: AnnotationStore) {}

  async provideHover(document: vscode.TextDocument, position: vscode.Position, token: vscode.CancellationToken): Promise<vscode.Hover | undefined> {
    if (!this.store.isSource(document)) return undefined;
    const snap = await this.store.ready(document);
    if (token.isCancellationRequested) return undefined;
    const offset = snap.map.toCodePoint(document.offsetAt(position));
    // Innermost first: the person inside a quote is what the pointer is on.
    const entries = entriesAt(snap.entries, offset).sort((a, b) => a.end - a.start - (b.end - b.start));
    if (entries.length === 0) return undefined;
    const crossSource = this.store.corpus ? new Map<string, CrossSourceRef[]>() : undefined;
    for (const e of crossSource ? entries : []) {
      const refs = this.store.crossSourceFor(snap, e);
      if (refs.length) crossSource?.set(e.id, refs);
    }
    const { markdown, enabledCommands } = hoverContent({
      source: {
        uri: document.uri.toString(),
        label: snap.path,
        ...(snap.sidecar?.source.reliability ? { reliability: snap.sidecar.source.reliability } : {}),
        ...(snap.sidecar?.source.note ? { note: snap.sidecar.source.note } : {}),
      },
      entries,
      analysis: snap.analysis,
      writable: snap.readOnlyReason === undefined,
      ...(snap.readOnlyReason ? { readOnlyReason: snap.readOnlyReason } : {}),
      ...(crossSource ? { crossSource } : {}),
      corpusPeople: this.store.corpusPeopleFor(snap),
    });
    const md = new vscode.MarkdownString(markdown);
    // Only our own commands, never `true`: a note cannot smuggle a link to another command.
    md.isTrusted = { enabledCommands: [...enabledCommands] };
    md.supportHtml = false;
    const first = entries[0]!;
    const range = new vscode.Range(
      document.positionAt(snap.map.toUtf16(first.start)),
      document.positionAt(snap.map.toUtf16(first.end)),
    );
    return new vscode.Hover(md, range);
  }
}
