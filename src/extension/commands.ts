/**
 * Command handlers. Every command accepts an optional argument object (hover links, tree
 * items and tests pass one) and falls back to the active editor, its selection or cursor, and
 * a quick pick / input box when a value is missing. Each handler degrades gently (a short
 * message when there is no source open or nothing under the cursor) and returns a value tests
 * can check.
 */
import * as vscode from 'vscode';
import { createAnnotation, updateAnnotation } from '../core/annotations/selectors';
import type { AnnotationKind, SidecarAnnotation, SpeakerRef } from '../core/annotations/model';
import { ALL_HIGHLIGHTS_ON, type HighlightToggles } from '../core/decorationPlan';
import { cleanText } from '../core/present/cleanText';
import { CommandId } from '../core/present/commandIds';
import { neighbourEntry, pickEntry, type Entry, type EntryKind } from '../core/present/entries';
import { HIGHLIGHT_TOGGLES } from '../core/settings/settings';
import type { AnnotationStore, SourceSnapshot } from './annotationStore';
import { readSettings, SECTION } from './config';
import { SOURCE_LANGUAGE, sidecarUriOf } from './sources';
import { registerGuardedCommand } from './commandBoundary';

/** The argument object commands accept (all optional). Offsets are code points. */
export interface CommandArgs {
  uri?: string;
  id?: string;
  kind?: EntryKind;
  start?: number;
  end?: number;
  /** A value from the reliability scale; `null` clears it. */
  reliability?: string | null;
  /** `''` or `null` removes the note. */
  note?: string | null;
  speaker?: string;
  /** For toggleHighlights: which switch, and optionally its new value. */
  toggle?: keyof HighlightToggles;
  value?: boolean;
}

const OPEN_SOURCE_FIRST = 'Open a source file first.';
const NOTHING_UNDER_CURSOR = 'Put the cursor on a highlighted quote, person, claim or boilerplate span first.';

interface Target {
  document: vscode.TextDocument;
  snap: SourceSnapshot;
  entry: Entry;
}

export function registerCommands(store: AnnotationStore, log: vscode.LogOutputChannel): vscode.Disposable[] {
  const info = (m: string) => void vscode.window.showInformationMessage(m);

  /** Wraps a handler: catches, logs with the stack, shows one short message. */
  const command = <R>(id: string, handler: (args: CommandArgs, raw: unknown[]) => Promise<R> | R): vscode.Disposable =>
    registerGuardedCommand<CommandArgs, R>(id, log, handler);

  /** The document a command acts on: `args.uri`, a Uri argument (explorer), or the active editor. */
  async function documentFor(args: CommandArgs, raw: unknown[] = [], requireSource = true): Promise<vscode.TextDocument | undefined> {
    let uri: vscode.Uri | undefined;
    if (raw[0] instanceof vscode.Uri) uri = raw[0];
    else if (args.uri) uri = vscode.Uri.parse(args.uri);
    let document: vscode.TextDocument | undefined;
    if (uri) {
      const u = uri;
      document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === u.toString()) ?? (await vscode.workspace.openTextDocument(u));
    } else document = vscode.window.activeTextEditor?.document;
    if (!document) {
      info(OPEN_SOURCE_FIRST);
      return undefined;
    }
    if (requireSource && !store.isSource(document)) {
      const name = vscode.workspace.asRelativePath(document.uri);
      void vscode.window.showInformationMessage(`${name} is not treated as a news source.`, 'Treat as Source').then((c) => {
        if (c) void vscode.commands.executeCommand(CommandId.treatAsSource, { uri: document.uri.toString() });
      });
      return undefined;
    }
    return document;
  }

  function editorFor(document: vscode.TextDocument): vscode.TextEditor | undefined {
    return vscode.window.visibleTextEditors.find((e) => e.document === document);
  }

  function cursorOffset(document: vscode.TextDocument, snap: SourceSnapshot): number | undefined {
    const editor = editorFor(document);
    return editor ? snap.map.toCodePoint(document.offsetAt(editor.selection.active)) : undefined;
  }

  /** The entry a span command acts on: by id, by span, or under the cursor. */
  async function targetFor(args: CommandArgs, preferred?: EntryKind[]): Promise<Target | undefined> {
    const document = await documentFor(args);
    if (!document) return undefined;
    const snap = await store.ready(document);
    let entry: Entry | undefined;
    if (args.id) entry = snap.entries.find((e) => e.id === args.id);
    if (!entry && args.start !== undefined) {
      entry =
        snap.entries.find((e) => e.start === args.start && (args.end === undefined || e.end === args.end) && (!args.kind || e.kind === args.kind)) ??
        pickEntry(snap.entries, args.start, preferred);
    }
    if (!entry && !args.id && args.start === undefined) {
      const offset = cursorOffset(document, snap);
      if (offset !== undefined) entry = pickEntry(snap.entries, offset, preferred);
    }
    if (!entry) {
      info(args.id || args.start !== undefined ? 'That span is no longer in the document.' : NOTHING_UNDER_CURSOR);
      return undefined;
    }
    return { document, snap, entry };
  }

  function author(document: vscode.TextDocument): { author?: string } {
    const a = readSettings(document.uri).author;
    return a ? { author: a } : {};
  }

  interface Decision {
    status?: SidecarAnnotation['status'];
    reliability?: string | null;
    note?: string | null;
    speaker?: SpeakerRef | null;
  }

  /** Records a decision about an entry: updates its annotation or creates one for a detection. */
  async function decide(t: Target, d: Decision): Promise<string | undefined> {
    let id: string | undefined;
    const ok = await store.update(t.document, (sidecar, snap) => {
      const existing = t.entry.annotation ? sidecar.annotations.find((a) => a.id === t.entry.annotation!.id) : undefined;
      const base =
        existing ??
        createAnnotation({
          text: snap.text,
          map: snap.map,
          start: t.entry.start,
          end: t.entry.end,
          kind: (t.entry.kind === 'term' ? 'quote' : t.entry.kind),
          status: t.entry.status === 'detected' ? 'confirmed' : 'manual',
          ...author(t.document),
        });
      const next: SidecarAnnotation = existing ? updateAnnotation(base, { ...author(t.document) }) : base;
      if (d.status) next.status = d.status;
      if (d.reliability === null) delete next.reliability;
      else if (d.reliability !== undefined) next.reliability = d.reliability;
      if (d.note === null || d.note === '') delete next.note;
      else if (d.note !== undefined) next.note = d.note;
      if (d.speaker === null) delete next.speaker;
      else if (d.speaker) next.speaker = d.speaker;
      id = next.id;
      sidecar.annotations = [...sidecar.annotations.filter((a) => a.id !== next.id), next];
      return sidecar;
    });
    if (!ok) log.warn('The change is kept in memory but not yet on disk.');
    return id;
  }

  async function pickReliability(document: vscode.TextDocument, current: string | undefined, what: string): Promise<string | null | undefined> {
    const scale = readSettings(document.uri).reliabilityScale;
    const items: (vscode.QuickPickItem & { value: string | null })[] = scale.map((label, i) => ({
      label,
      value: label,
      description: `${i + 1} of ${scale.length}${label === current ? ' · current' : ''}`,
    }));
    items.push({ label: '$(circle-slash) Clear reliability', value: null, description: '' });
    const picked = await vscode.window.showQuickPick(items, { title: `Reliability of ${what}`, placeHolder: 'From most to least reliable' });
    return picked ? picked.value : undefined;
  }

  async function askNote(current: string | undefined, title: string): Promise<string | undefined> {
    return vscode.window.showInputBox({
      title,
      value: current ?? '',
      prompt: 'Enter to save; an empty note removes it; Escape keeps the note as it was.',
    });
  }

  async function tag(kind: AnnotationKind, args: CommandArgs): Promise<string[] | undefined> {
    const document = await documentFor(args);
    if (!document) return undefined;
    const snap = await store.ready(document);
    let spans: { start: number; end: number }[];
    if (args.start !== undefined && args.end !== undefined) spans = [{ start: args.start, end: args.end }];
    else {
      const editor = editorFor(document);
      spans = (editor?.selections ?? [])
        .filter((s) => !s.isEmpty)
        .map((s) => ({ start: snap.map.toCodePoint(document.offsetAt(s.start)), end: snap.map.toCodePoint(document.offsetAt(s.end)) }));
    }
    spans = spans.filter((s) => s.end > s.start);
    if (spans.length === 0) {
      info(`Select the text to tag as ${kind} first.`);
      return undefined;
    }
    const ids: string[] = [];
    await store.update(document, (sidecar, s) => {
      for (const span of spans) {
        // Tagging exactly what the engine found confirms that detection.
        const detected = s.entries.find((e) => e.start === span.start && e.end === span.end && (e.kind === kind || (kind === 'quote' && e.kind === 'term')));
        const existing = detected?.annotation ? sidecar.annotations.find((a) => a.id === detected.annotation!.id) : undefined;
        const speaker = args.speaker ? { name: args.speaker } : undefined;
        if (existing) {
          const next = updateAnnotation(existing, { status: existing.status === 'rejected' ? 'confirmed' : existing.status, ...author(document) });
          sidecar.annotations = [...sidecar.annotations.filter((a) => a.id !== next.id), next];
          ids.push(next.id);
          continue;
        }
        const created = createAnnotation({
          text: s.text,
          map: s.map,
          start: span.start,
          end: span.end,
          kind,
          status: detected ? 'confirmed' : 'manual',
          ...(speaker ? { speaker } : {}),
          ...(typeof args.reliability === 'string' ? { reliability: args.reliability } : {}),
          ...(args.note ? { note: args.note } : {}),
          ...author(document),
        });
        sidecar.annotations.push(created);
        ids.push(created.id);
      }
      return sidecar;
    });
    return ids;
  }

  return [
    command(CommandId.analyzeActive, async (args) => {
      const document = await documentFor(args, [], false);
      if (!document) return undefined;
      const { analysis } = store.analysisFor(document);
      const summary = `${analysis.quotes.length} quotes, ${analysis.people.length} people, ${analysis.claims.length} claims, ${analysis.boilerplate.length} boilerplate spans`;
      log.info(`Analysed ${document.uri.toString()}: ${summary}`);
      void vscode.window.setStatusBarMessage(`Source Annotator: ${summary}`, 5000);
      return analysis;
    }),
    command(CommandId.tagQuote, (args) => tag('quote', args)),
    command(CommandId.tagPerson, (args) => tag('person', args)),
    command(CommandId.tagClaim, (args) => tag('claim', args)),
    command(CommandId.tagBoilerplate, (args) => tag('boilerplate', args)),

    command(CommandId.setReliability, async (args) => {
      const t = await targetFor(args, ['quote', 'term', 'claim', 'note', 'person', 'boilerplate']);
      if (!t) return undefined;
      const reliability = args.reliability !== undefined ? args.reliability : await pickReliability(t.document, t.entry.reliability, `this ${t.entry.kind}`);
      if (reliability === undefined) return undefined;
      const note = args.note !== undefined ? args.note : args.reliability === undefined ? await askNote(t.entry.note, 'Note (optional)') : undefined;
      return decide(t, { reliability, ...(note !== undefined ? { note } : {}) });
    }),

    command(CommandId.setSourceReliability, async (args, raw) => {
      const document = await documentFor(args, raw);
      if (!document) return undefined;
      const snap = await store.ready(document);
      const current = snap.sidecar?.source;
      const reliability = args.reliability !== undefined ? args.reliability : await pickReliability(document, current?.reliability, 'this source');
      if (reliability === undefined) return undefined;
      const note = args.note !== undefined ? args.note : args.reliability === undefined ? await askNote(current?.note, 'Note about this source (optional)') : undefined;
      await store.update(document, (sidecar) => {
        if (reliability === null) delete sidecar.source.reliability;
        else sidecar.source.reliability = reliability;
        if (note === null || note === '') delete sidecar.source.note;
        else if (note !== undefined) sidecar.source.note = note;
        return sidecar;
      });
      return reliability;
    }),

    command(CommandId.editNote, async (args) => {
      const document = await documentFor(args);
      if (!document) return undefined;
      const snap = await store.ready(document);
      const editor = editorFor(document);
      const selection = editor && !editor.selection.isEmpty && args.id === undefined && args.start === undefined ? editor.selection : undefined;
      const note = (current: string | undefined) => (args.note !== undefined ? Promise.resolve(args.note) : askNote(current, 'Note'));
      if (selection) {
        const start = snap.map.toCodePoint(document.offsetAt(selection.start));
        const end = snap.map.toCodePoint(document.offsetAt(selection.end));
        const onSpan = snap.entries.find((e) => e.start === start && e.end === end);
        if (!onSpan) {
          const text = await note(undefined);
          if (!text) return undefined;
          const ids = await tag('note', { ...args, start, end, note: text });
          return ids?.[0];
        }
      }
      const t = await targetFor(args, ['note', 'quote', 'term', 'claim', 'person', 'boilerplate']);
      if (!t) return undefined;
      const text = await note(t.entry.note);
      if (text === undefined) return undefined;
      if ((text === '' || text === null) && t.entry.kind === 'note' && t.entry.status === 'manual') {
        await store.update(t.document, (sidecar) => ({ ...sidecar, annotations: sidecar.annotations.filter((a) => a.id !== t.entry.id) }));
        return t.entry.id;
      }
      return decide(t, { note: text });
    }),

    command(CommandId.correctSpeaker, async (args) => {
      const t = await targetFor(args, ['quote', 'term']);
      if (!t) return undefined;
      // A scare-quoted term given a speaker becomes speech (the entry follows the annotation).
      if (t.entry.kind !== 'quote' && t.entry.kind !== 'term') {
        info('Put the cursor on a quote to correct its speaker.');
        return undefined;
      }
      let name = args.speaker;
      if (name === undefined) {
        const people = t.snap.analysis.people;
        const items: vscode.QuickPickItem[] = people.map((p) => ({ label: p.name, description: p.role ?? '', detail: p.aliases.filter((a) => a !== p.name).join(', ') }));
        items.push({ label: '$(edit) Someone else…', alwaysShow: true });
        const picked = await vscode.window.showQuickPick(items, { title: 'Who said this?', placeHolder: t.entry.speaker ? `Now: ${t.entry.speaker}` : 'Unattributed now' });
        if (!picked) return undefined;
        name = picked.label.startsWith('$(edit)') ? await vscode.window.showInputBox({ title: 'Speaker', value: t.entry.speaker ?? '', prompt: 'Name as it should be shown' }) : picked.label;
      }
      if (name === undefined) return undefined;
      name = name.trim();
      const person = t.snap.analysis.people.find((p) => p.name === name || p.aliases.includes(name));
      return decide(t, { speaker: name ? { name, ...(person ? { personId: person.id } : {}) } : null });
    }),

    command(CommandId.confirm, async (args) => {
      const t = await targetFor(args);
      if (!t) return undefined;
      if (t.entry.status === 'manual') {
        info('You added this annotation by hand: there is no detection to confirm.');
        return t.entry.id;
      }
      return decide(t, { status: 'confirmed' });
    }),

    command(CommandId.reject, async (args) => {
      const t = await targetFor(args);
      if (!t) return undefined;
      if (t.entry.status === 'manual') {
        await store.update(t.document, (sidecar) => ({ ...sidecar, annotations: sidecar.annotations.filter((a) => a.id !== t.entry.id) }));
        info('Your annotation was deleted.');
        return t.entry.id;
      }
      return decide(t, { status: 'rejected' });
    }),

    command(CommandId.deleteAnnotation, async (args) => {
      const t = await targetFor(args, ['note', 'quote', 'term', 'claim', 'person', 'boilerplate']);
      if (!t) return undefined;
      const id = t.entry.annotation?.id;
      if (!id) {
        info('Nothing to delete here: this is an engine detection without a decision of yours. Use Reject Detection to hide it.');
        return undefined;
      }
      await store.update(t.document, (sidecar) => ({ ...sidecar, annotations: sidecar.annotations.filter((a) => a.id !== id) }));
      return id;
    }),

    command(CommandId.confirmAllBoilerplate, async (args, raw) => {
      const document = await documentFor(args, raw);
      if (!document) return undefined;
      const snap = await store.ready(document);
      const todo = snap.entries.filter((e) => e.kind === 'boilerplate' && e.status === 'detected');
      if (todo.length === 0) {
        info('No unconfirmed boilerplate detected in this source.');
        return 0;
      }
      await store.update(document, (sidecar, s) => {
        for (const e of todo) {
          sidecar.annotations.push(createAnnotation({ text: s.text, map: s.map, start: e.start, end: e.end, kind: 'boilerplate', status: 'confirmed', ...author(document) }));
        }
        return sidecar;
      });
      return todo.length;
    }),

    ...(['next', 'previous'] as const).map((direction) =>
      command(direction === 'next' ? CommandId.nextAnnotation : CommandId.previousAnnotation, async (args) => {
        const document = await documentFor(args);
        if (!document) return undefined;
        const editor = editorFor(document) ?? (await vscode.window.showTextDocument(document));
        const snap = await store.ready(document);
        const offset = snap.map.toCodePoint(document.offsetAt(editor.selection.active));
        const entry = neighbourEntry(snap.entries, offset, direction);
        if (!entry) {
          info('No annotations or detections in this source.');
          return undefined;
        }
        const range = new vscode.Range(document.positionAt(snap.map.toUtf16(entry.start)), document.positionAt(snap.map.toUtf16(entry.end)));
        editor.selection = new vscode.Selection(range.start, range.end);
        editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
        return entry.id;
      }),
    ),

    command(CommandId.toggleHighlights, async (args) => {
      const cfg = vscode.workspace.getConfiguration(SECTION);
      const current = readSettings(vscode.window.activeTextEditor?.document.uri).highlights;
      let next: HighlightToggles;
      if (args.toggle) {
        if (!HIGHLIGHT_TOGGLES.includes(args.toggle)) throw new Error(`Unknown highlight kind "${String(args.toggle)}".`);
        next = { ...current, [args.toggle]: args.value ?? !current[args.toggle] };
      } else {
        const items = HIGHLIGHT_TOGGLES.map((k) => ({ label: k, picked: current[k], key: k }));
        const picked = await vscode.window.showQuickPick(items, { canPickMany: true, title: 'Highlights shown in sources' });
        if (!picked) return undefined;
        next = { ...ALL_HIGHLIGHTS_ON };
        for (const k of HIGHLIGHT_TOGGLES) next[k] = picked.some((p) => p.key === k);
      }
      for (const k of HIGHLIGHT_TOGGLES) {
        if (next[k] !== current[k]) await cfg.update(`highlight.${k}`, next[k], vscode.ConfigurationTarget.Global);
      }
      return next;
    }),

    command(CommandId.analyzeWorkspace, async () => {
      if (!vscode.workspace.workspaceFolders?.length) {
        info('Open a folder with sources first.');
        return undefined;
      }
      const summary = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: 'Source Annotator: analysing workspace sources', cancellable: true },
        (progress, token) => store.analyzeWorkspace(token, progress),
      );
      if (!summary) {
        info('Workspace analysis cancelled.');
        return undefined;
      }
      const skipped = summary.skipped.length ? `; ${summary.skipped.length} skipped (see the log)` : '';
      void vscode.window.setStatusBarMessage(
        `Source Annotator: ${summary.sources} sources, ${summary.people} people, ${summary.quoteMatches} cross-source quotes${skipped}`,
        8000,
      );
      return summary;
    }),

    command(CommandId.openSidecar, async (args, raw) => {
      const document = await documentFor(args, raw);
      if (!document) return undefined;
      const uri = sidecarUriOf(document.uri);
      const exists = await vscode.workspace.fs.stat(uri).then(
        () => true,
        () => false,
      );
      if (!exists) {
        const snap = await store.ready(document);
        if (snap.readOnlyReason) {
          void vscode.window.showWarningMessage(`No annotations file yet. ${snap.readOnlyReason}`);
          return undefined;
        }
        await store.update(document, (s) => s);
        await store.flush(document.uri);
      }
      await vscode.window.showTextDocument(uri, { preview: false, viewColumn: vscode.ViewColumn.Beside });
      return uri.toString();
    }),

    command(CommandId.copyCleanText, async (args, raw) => {
      const document = await documentFor(args, raw);
      if (!document) return undefined;
      const snap = await store.ready(document);
      const spans = snap.entries.filter((e) => e.kind === 'boilerplate' && e.status !== 'rejected');
      const text = cleanText(snap.text, spans);
      await vscode.env.clipboard.writeText(text);
      void vscode.window.setStatusBarMessage(`Source Annotator: copied the text without ${spans.length} boilerplate spans`, 4000);
      return text;
    }),

    command(CommandId.treatAsSource, async (args, raw) => {
      const document = await documentFor(args, raw, false);
      if (!document) return undefined;
      let doc = document;
      if (doc.languageId === 'plaintext') doc = await vscode.languages.setTextDocumentLanguage(doc, SOURCE_LANGUAGE);
      const folder = vscode.workspace.getWorkspaceFolder(doc.uri);
      if (folder && vscode.workspace.isTrusted) {
        const rel = vscode.workspace.asRelativePath(doc.uri, false);
        const cfg = vscode.workspace.getConfiguration(SECTION, folder.uri);
        const globs = cfg.get<string[]>('sourceGlobs') ?? [];
        if (!globs.includes(rel)) await cfg.update('sourceGlobs', [...globs, rel], vscode.ConfigurationTarget.WorkspaceFolder);
      }
      if (vscode.window.activeTextEditor?.document !== doc) await vscode.window.showTextDocument(doc);
      return store.isSource(doc);
    }),

    command(CommandId.openLocation, async (args) => {
      if (!args.uri) return undefined;
      const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(args.uri));
      const editor = await vscode.window.showTextDocument(document, { preview: true });
      if (args.start !== undefined) {
        const snap = store.snapshot(document);
        const start = document.positionAt(snap.map.toUtf16(args.start));
        const end = document.positionAt(snap.map.toUtf16(args.end ?? args.start));
        editor.selection = new vscode.Selection(start, end);
        editor.revealRange(new vscode.Range(start, end), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
      }
      return document.uri.toString();
    }),
  ];
}
