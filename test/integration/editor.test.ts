/**
 * Editor experience in a real extension host: every command on the seed articles (values are
 * passed as arguments instead of answering quick picks), hovers read through
 * `vscode.executeHoverProvider`, and the sidecars checked on disk through `workspace.fs`.
 */
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Sidecar } from '../../src/core/annotations/model';
import type { SourceAnnotatorApi } from '../../src/extension/extension';
import { activateExtension, openInEditor, seedUri, workspaceRoot } from './helpers';

const SEEDS = [
  '000_93f1e55ce411dc71.txt',
  '001_2db27c522d7c27d8.txt',
  '002_cdc75dd77d75cbb3.txt',
  '003_053c82afe2e18f84.txt',
  '004_8e6f8d0725ff789d.txt',
];
const C = {
  analyzeActive: 'sourceAnnotator.analyzeActive',
  tagQuote: 'sourceAnnotator.tagSelectionAsQuote',
  tagPerson: 'sourceAnnotator.tagSelectionAsPerson',
  tagClaim: 'sourceAnnotator.tagSelectionAsClaim',
  tagBoilerplate: 'sourceAnnotator.tagSelectionAsBoilerplate',
  setReliability: 'sourceAnnotator.setReliability',
  setSourceReliability: 'sourceAnnotator.setSourceReliability',
  editNote: 'sourceAnnotator.editNote',
  correctSpeaker: 'sourceAnnotator.correctSpeaker',
  confirm: 'sourceAnnotator.confirmDetection',
  reject: 'sourceAnnotator.rejectDetection',
  deleteAnnotation: 'sourceAnnotator.deleteAnnotation',
  confirmAllBoilerplate: 'sourceAnnotator.confirmAllBoilerplate',
  next: 'sourceAnnotator.nextAnnotation',
  previous: 'sourceAnnotator.previousAnnotation',
  toggleHighlights: 'sourceAnnotator.toggleHighlights',
  analyzeWorkspace: 'sourceAnnotator.analyzeWorkspace',
  openSidecar: 'sourceAnnotator.openSidecar',
  copyCleanText: 'sourceAnnotator.copyCleanText',
  treatAsSource: 'sourceAnnotator.treatAsSource',
  openLocation: 'sourceAnnotator.openLocation',
} as const;

let api: SourceAnnotatorApi;

function sidecarUri(source: vscode.Uri): vscode.Uri {
  return source.with({ path: `${source.path}.annotations.json` });
}

async function readSidecar(source: vscode.Uri): Promise<Sidecar> {
  const bytes = await vscode.workspace.fs.readFile(sidecarUri(source));
  return JSON.parse(new TextDecoder().decode(bytes)) as Sidecar;
}

async function removeSidecar(source: vscode.Uri): Promise<void> {
  await vscode.workspace.fs.delete(sidecarUri(source)).then(undefined, () => undefined);
}

/** Code point span of the first occurrence of `phrase` in `text`. */
function spanOf(text: string, phrase: string): { start: number; end: number } {
  const at = text.indexOf(phrase);
  assert.ok(at >= 0, `"${phrase}" not in the text`);
  const start = [...text.slice(0, at)].length;
  return { start, end: start + [...phrase].length };
}

function cp(text: string, start: number, end: number): string {
  return [...text].slice(start, end).join('');
}

/** Markdown of every hover at a code point offset of the document. */
async function hoverAt(doc: vscode.TextDocument, codePoint: number): Promise<string[]> {
  const utf16 = [...doc.getText()].slice(0, codePoint).join('').length;
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, doc.positionAt(utf16 + 1));
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value)));
}

/** Puts the cursor (a code point offset) in the active editor. */
function placeCursor(editor: vscode.TextEditor, codePoint: number): void {
  const utf16 = [...editor.document.getText()].slice(0, codePoint).join('').length;
  const p = editor.document.positionAt(utf16);
  editor.selection = new vscode.Selection(p, p);
}

/** A long line of the text to annotate: its first `n` code points after leading spaces. */
function firstLongLine(text: string, n = 30): string {
  const line = text.split('\n').find((l) => l.trim().length > 60);
  assert.ok(line, 'the seed has no long line');
  return [...line.trim()].slice(0, n).join('');
}

describe('Editor: commands, hovers and sidecars on the seeds', () => {
  before(async () => {
    api = await activateExtension<SourceAnnotatorApi>();
    for (const s of SEEDS) await removeSidecar(seedUri(s));
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const s of SEEDS) await removeSidecar(seedUri(s));
  });

  for (const seed of SEEDS) {
    it(`${seed}: analyses, tags by selection and by argument, hovers, and writes a valid sidecar`, async () => {
      const uri = seedUri(seed);
      const editor = await openInEditor(uri);
      const text = editor.document.getText();
      const snap = await api.snapshotFor(uri);
      assert.ok(snap, 'no snapshot for an open seed');
      assert.equal(snap.path, `seeds/${seed}`);
      // Detections obey the code point contract.
      for (const e of snap.entries) assert.equal(cp(text, e.start, e.end), e.text, `${e.kind} ${e.start}-${e.end}`);

      // 1. Tag through a real selection (no arguments), as a person would.
      const phrase = firstLongLine(text);
      const span = spanOf(text, phrase);
      const u16 = text.indexOf(phrase);
      editor.selection = new vscode.Selection(editor.document.positionAt(u16), editor.document.positionAt(u16 + phrase.length));
      const ids = await vscode.commands.executeCommand<string[]>(C.tagClaim);
      assert.equal(ids?.length, 1);

      // 2. Tag by argument.
      const words = text.match(/\b[A-Z][a-z]+ [A-Z][a-z]+\b/);
      assert.ok(words, 'a capitalised two-word name');
      const person = spanOf(text, words[0]);
      const personIds = await vscode.commands.executeCommand<string[]>(C.tagPerson, { uri: uri.toString(), ...person });
      assert.equal(personIds?.length, 1);

      const sidecar = await readSidecar(uri);
      assert.equal(sidecar.version, 1);
      assert.equal(sidecar.source.path, seed);
      assert.match(sidecar.source.sha256, /^[0-9a-f]{64}$/);
      const claim = sidecar.annotations.find((a) => a.id === ids[0]);
      assert.ok(claim);
      // A selection that is exactly a detected claim confirms it; otherwise it is manual.
      assert.ok(claim.status === 'manual' || claim.status === 'confirmed');
      assert.equal(claim.kind, 'claim');
      assert.deepEqual([claim.target.position.start, claim.target.position.end], [span.start, span.end]);
      assert.equal(claim.target.quote.exact, phrase);
      assert.equal(cp(text, claim.target.position.start, claim.target.position.end), claim.target.quote.exact);
      const p = sidecar.annotations.find((a) => a.id === personIds[0]);
      assert.equal(p?.kind, 'person');
      assert.equal(p?.target.quote.exact, words[0]);

      // 3. The hover over the tagged claim shows it with its actions.
      const md = (await hoverAt(editor.document, span.start)).join('\n');
      assert.match(md, /\*\*Claim\*\*/);
      assert.match(md, /command:sourceAnnotator\.setReliability/);
      assert.match(md, /^\*\*Source\*\* seeds\\\/0/);
    });
  }

  it('sets reliability and note under the cursor, source reliability, and escapes a hostile note in the hover', async () => {
    const uri = seedUri(SEEDS[0]!);
    const editor = await openInEditor(uri);
    const text = editor.document.getText();
    const q = spanOf(text, '“limited”');
    const [id] = (await vscode.commands.executeCommand<string[]>(C.tagQuote, { uri: uri.toString(), ...q })) ?? [];
    assert.ok(id);
    // The cursor picks the span; `uri` names the document even if focus moved (e.g. to a notification).
    placeCursor(editor, q.start + 2);
    const hostile = 'see [this](command:workbench.action.quit) <img src=x onerror=alert(1)>';
    const rid = await vscode.commands.executeCommand<string>(C.setReliability, { uri: uri.toString(), reliability: 'disputed', note: hostile });
    assert.equal(rid, id);
    const srcRel = await vscode.commands.executeCommand<string>(C.setSourceReliability, { uri: uri.toString(), reliability: 'likely', note: 'wire copy' });
    assert.equal(srcRel, 'likely');

    const sidecar = await readSidecar(uri);
    const a = sidecar.annotations.find((x) => x.id === id)!;
    assert.equal(a.reliability, 'disputed');
    assert.equal(a.note, hostile);
    assert.equal(sidecar.source.reliability, 'likely');
    assert.equal(sidecar.source.note, 'wire copy');

    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      uri,
      editor.document.positionAt(text.indexOf('“limited”') + 2),
    );
    const md = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(md, /reliability `likely`/, 'source reliability on the first line');
    assert.match(md, /reliability `disputed`/);
    assert.doesNotMatch(md, /\]\(command:workbench/);
    assert.doesNotMatch(md, /(^|[^\\])<img/);
    assert.match(md, /\\\[this\\\]/);
    // Every link in the hover goes to one of our commands.
    for (const m of md.matchAll(/\]\((\w+):([\w.]+)/g)) {
      assert.equal(m[1], 'command');
      assert.ok(m[2]!.startsWith('sourceAnnotator.'), m[2]);
    }
  });

  it('corrects the speaker, adds and edits notes, deletes annotations', async () => {
    const uri = seedUri(SEEDS[0]!);
    const editor = await openInEditor(uri);
    const text = editor.document.getText();
    const q = spanOf(text, '“We are working to prevent this crisis from turning into a tragedy,”');
    const [qid] = (await vscode.commands.executeCommand<string[]>(C.tagQuote, { uri: uri.toString(), ...q })) ?? [];
    assert.ok(qid);
    placeCursor(editor, q.start + 5);
    assert.equal(await vscode.commands.executeCommand<string>(C.correctSpeaker, { uri: uri.toString(), speaker: 'Recep Tayyip Erdogan' }), qid);
    let sidecar = await readSidecar(uri);
    assert.equal(sidecar.annotations.find((a) => a.id === qid)?.speaker?.name, 'Recep Tayyip Erdogan');
    const hover = (await hoverAt(editor.document, q.start + 3)).join('\n');
    assert.match(hover, /Speaker: \*\*Recep Tayyip Erdogan\*\*/);

    // Note on the quote under the cursor, then on a fresh selection (creates a note annotation).
    assert.equal(await vscode.commands.executeCommand<string>(C.editNote, { uri: uri.toString(), note: 'check the video' }), qid);
    // A phrase no detector marks on its own, so the note becomes a note annotation of its own.
    const phrase = 'keen to maintain strong relations';
    const n = spanOf(text, phrase);
    const u16 = text.indexOf(phrase);
    editor.selection = new vscode.Selection(editor.document.positionAt(u16), editor.document.positionAt(u16 + phrase.length));
    const noteId = await vscode.commands.executeCommand<string>(C.editNote, { uri: uri.toString(), note: 'a NATO member: check Ankara\'s line' });
    assert.ok(noteId);
    sidecar = await readSidecar(uri);
    assert.equal(sidecar.annotations.find((a) => a.id === qid)?.note, 'check the video');
    const note = sidecar.annotations.find((a) => a.id === noteId);
    assert.equal(note?.kind, 'note');
    assert.deepEqual([note?.target.position.start, note?.target.position.end], [n.start, n.end]);

    const deleted = await vscode.commands.executeCommand<string>(C.deleteAnnotation, { uri: uri.toString(), id: noteId });
    if (deleted !== noteId) {
      const snap = (await api.snapshotFor(uri))!;
      assert.fail(`delete returned ${String(deleted)}; entries ${snap.entries.filter((e) => e.annotation).map((e) => `${e.id}:${e.kind}:${e.start}`).join(', ')}; orphans ${snap.orphans.map((o) => o.id).join(', ')}; on disk ${(await readSidecar(uri)).annotations.map((a) => a.id).join(', ')}`);
    }
    sidecar = await readSidecar(uri);
    assert.equal(sidecar.annotations.some((a) => a.id === noteId), false);
    assert.equal(sidecar.annotations.some((a) => a.id === qid), true);
  });

  it('confirms and rejects detections, confirms all boilerplate, copies clean text', async () => {
    const uri = seedUri(SEEDS[0]!);
    await openInEditor(uri);
    const snap = (await api.snapshotFor(uri))!;
    const detected = snap.entries.filter((e) => e.status === 'detected');
    assert.ok(detected.length >= 2, `the engine found ${detected.length} undecided spans in seed 000`);
    const boilerplate = snap.entries.filter((e) => e.kind === 'boilerplate' && e.status === 'detected');
    assert.ok(boilerplate.length >= 1, 'seed 000 ends with comment-form boilerplate');
    const [toReject, toConfirm] = detected.filter((e) => e.kind !== 'boilerplate').concat(boilerplate);
    const rejectedId = await vscode.commands.executeCommand<string>(C.reject, { uri: uri.toString(), kind: toReject!.kind, start: toReject!.start, end: toReject!.end });
    const confirmedId = await vscode.commands.executeCommand<string>(C.confirm, { uri: uri.toString(), kind: toConfirm!.kind, start: toConfirm!.start, end: toConfirm!.end });
    let sidecar = await readSidecar(uri);
    assert.equal(sidecar.annotations.find((a) => a.id === rejectedId)?.status, 'rejected');
    assert.equal(sidecar.annotations.find((a) => a.id === confirmedId)?.status, 'confirmed');
    const after = (await api.snapshotFor(uri))!;
    assert.equal(after.entries.find((e) => e.id === rejectedId)?.status, 'rejected');

    const remaining = after.entries.filter((e) => e.kind === 'boilerplate' && e.status === 'detected').length;
    const count = await vscode.commands.executeCommand<number>(C.confirmAllBoilerplate, { uri: uri.toString() });
    assert.equal(count, remaining);
    sidecar = await readSidecar(uri);
    const confirmedBoilerplate = sidecar.annotations.filter((a) => a.kind === 'boilerplate' && a.status === 'confirmed');
    assert.ok(confirmedBoilerplate.length >= remaining);
    const final = (await api.snapshotFor(uri))!;
    assert.equal(final.entries.filter((e) => e.kind === 'boilerplate' && e.status === 'detected').length, 0);

    const clean = await vscode.commands.executeCommand<string>(C.copyCleanText, { uri: uri.toString() });
    assert.ok(clean);
    for (const b of final.entries.filter((e) => e.kind === 'boilerplate' && e.status !== 'rejected')) {
      if (b.text.trim().length > 12) assert.ok(!clean.includes(b.text.trim()), `clean text still has "${b.text}"`);
    }
    assert.ok(clean.includes('Dmytro Kuleba'));
    assert.equal(await vscode.env.clipboard.readText(), clean);
  });

  it('walks next / previous through the annotations and opens locations', async () => {
    const uri = seedUri(SEEDS[0]!);
    const editor = await openInEditor(uri);
    const snap = (await api.snapshotFor(uri))!;
    const visible = snap.entries.filter((e) => e.status !== 'rejected');
    assert.ok(visible.length >= 3);
    placeCursor(editor, 0);
    const first = await vscode.commands.executeCommand<string>(C.next, { uri: uri.toString() });
    const firstEntry = visible.find((e) => e.start > 0) ?? visible[0]!;
    assert.equal(first, firstEntry.id);
    const second = await vscode.commands.executeCommand<string>(C.next, { uri: uri.toString() });
    assert.notEqual(second, first);
    const back = await vscode.commands.executeCommand<string>(C.previous, { uri: uri.toString() });
    const backEntry = visible.find((e) => e.id === back);
    assert.ok(backEntry && backEntry.start >= firstEntry.start, 'previous goes back towards the first entry');
    assert.equal(editor.document.getText(editor.selection), backEntry.text);

    const other = seedUri(SEEDS[2]!);
    await vscode.commands.executeCommand(C.openLocation, { uri: other.toString(), start: 0, end: 9 });
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), other.toString());
    assert.equal(vscode.window.activeTextEditor?.document.getText(vscode.window.activeTextEditor.selection), cp(vscode.window.activeTextEditor.document.getText(), 0, 9));
  });

  it('moves annotations with edits in the editor and back on undo', async () => {
    const uri = seedUri(SEEDS[0]!);
    const editor = await openInEditor(uri);
    const before = (await api.snapshotFor(uri))!;
    const manual = before.entries.find((e) => e.annotation && e.status === 'manual');
    assert.ok(manual);
    await editor.edit((b) => b.insert(new vscode.Position(0, 0), 'EDITED 😀 '));
    const moved = (await api.snapshotFor(uri))!;
    const m = moved.entries.find((e) => e.id === manual.id);
    assert.equal(m?.start, manual.start + [...'EDITED 😀 '].length);
    assert.equal(m?.text, manual.text);
    await vscode.commands.executeCommand('undo');
    const back = (await api.snapshotFor(uri))!;
    assert.equal(back.entries.find((e) => e.id === manual.id)?.start, manual.start);
    assert.equal(editor.document.isDirty, false);
  });

  it('toggles highlights per kind through settings', async () => {
    const cfg = () => vscode.workspace.getConfiguration('sourceAnnotator');
    const off = await vscode.commands.executeCommand<Record<string, boolean>>(C.toggleHighlights, { toggle: 'claims', value: false });
    assert.equal(off?.claims, false);
    assert.equal(cfg().get('highlight.claims'), false);
    const on = await vscode.commands.executeCommand<Record<string, boolean>>(C.toggleHighlights, { toggle: 'claims' });
    assert.equal(on?.claims, true);
    assert.equal(cfg().get('highlight.claims'), true);
  });

  it('analyses the workspace with progress and links the same quote across sources in hovers', async () => {
    const summary = await vscode.commands.executeCommand<{ sources: number; quoteMatches: number; people: number; skipped: string[] }>(C.analyzeWorkspace);
    assert.ok(summary);
    assert.ok(summary.sources >= SEEDS.length, `${summary.sources} sources`);
    assert.ok(summary.people > 0);
    const corpus = api.store.corpus;
    assert.ok(corpus);
    assert.ok(summary.quoteMatches > 0, 'the five seeds report the same statements');
    // Find a matched quote that is still shown (earlier tests rejected some detections).
    let checked = 0;
    for (const m of corpus.corpus.quoteMatches) {
      for (const side of [m.a, m.b]) {
        const uri = corpus.uriByPath.get(side.path)!;
        const doc = (await openInEditor(uri)).document;
        const snap = (await api.snapshotFor(uri))!;
        const quote = snap.entries.find((e) => (e.kind === 'quote' || e.kind === 'term') && e.status !== 'rejected' && e.start < side.end && e.end > side.start);
        if (!quote || checked > 0) continue;
        const md = (await hoverAt(doc, quote.start + 1)).join('\n');
        assert.match(md, /Also in: .*\]\(command:sourceAnnotator\.openLocation/);
        checked++;
      }
    }
    assert.equal(checked, 1, 'no shown quote of a cross-source match to hover');
    assert.equal(summary.quoteMatches, corpus.corpus.quoteMatches.length);
  });

  it('opens the sidecar, treats a new file as a source, and runs analyse on it', async () => {
    const uri = seedUri(SEEDS[1]!);
    await openInEditor(uri);
    const opened = await vscode.commands.executeCommand<string>(C.openSidecar, { uri: uri.toString() });
    assert.equal(opened, sidecarUri(uri).toString());
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), sidecarUri(uri).toString());
    assert.equal((await readSidecar(uri)).source.path, SEEDS[1]);

    const extra = vscode.Uri.joinPath(workspaceRoot(), 'notes', 'extra-source.txt');
    await vscode.workspace.fs.writeFile(extra, new TextEncoder().encode('Officials said “talks will resume on Monday,” according to Reuters.\n'));
    try {
      await openInEditor(extra);
      assert.equal(await vscode.commands.executeCommand<boolean>(C.treatAsSource), true);
      const doc = vscode.window.activeTextEditor.document;
      assert.equal(doc.languageId, 'news-source');
      const globs = vscode.workspace.getConfiguration('sourceAnnotator', extra).get<string[]>('sourceGlobs') ?? [];
      assert.ok(globs.includes('notes/extra-source.txt'), globs.join(', '));
      const analysis = await vscode.commands.executeCommand<{ path: string }>(C.analyzeActive);
      assert.equal(analysis?.path, 'notes/extra-source.txt');
      const ids = await vscode.commands.executeCommand<string[]>(C.tagBoilerplate, { uri: extra.toString(), start: 0, end: 9 });
      assert.equal(ids?.length, 1);
      assert.equal((await readSidecar(extra)).annotations[0]?.kind, 'boilerplate');
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await vscode.workspace.fs.delete(vscode.Uri.joinPath(workspaceRoot(), 'notes'), { recursive: true }).then(undefined, () => undefined);
      await vscode.workspace.getConfiguration('sourceAnnotator', extra).update('sourceGlobs', undefined, vscode.ConfigurationTarget.WorkspaceFolder);
    }
  });

  it('every command degrades gently with no editor open', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const id of Object.values(C)) {
      if (id === C.analyzeWorkspace || id === C.toggleHighlights || id === C.openLocation) continue;
      const result = await vscode.commands.executeCommand<unknown>(id);
      assert.equal(result, undefined, `${id} returned ${JSON.stringify(result)} with no editor`);
    }
    // openLocation without a target is a no-op
    assert.equal(await vscode.commands.executeCommand<unknown>(C.openLocation), undefined);
  });

  it('the status bar shows counts and the source reliability', async () => {
    const uri = seedUri(SEEDS[0]!);
    await openInEditor(uri);
    await api.snapshotFor(uri);
    await new Promise((r) => setTimeout(r, 50));
    assert.match(api.statusText(), /\$\(quote\) \d+ \$\(person\) \d+ \$\(law\) \d+ \$\(verified\) likely/);
  });
});

describe('Editor: big files degrade instead of blocking', () => {
  const big = () => vscode.Uri.joinPath(workspaceRoot(), 'sources', 'huge-source.txt');

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs.delete(vscode.Uri.joinPath(workspaceRoot(), 'sources'), { recursive: true }).then(undefined, () => undefined);
  });

  it('skips detection over sourceAnnotator.maxFileSize, says so in the status bar, and still annotates', async () => {
    const api = await activateExtension<SourceAnnotatorApi>();
    const paragraph = 'The minister said “we will not give up” on Monday, according to officials. Click to comment\n';
    const text = paragraph.repeat(Math.ceil(2_100_000 / paragraph.length));
    await vscode.workspace.fs.writeFile(big(), new TextEncoder().encode(text));
    await openInEditor(big());
    const started = Date.now();
    const snap = await api.snapshotFor(big());
    const took = Date.now() - started;
    assert.ok(snap);
    assert.equal(snap.tooLarge, true);
    assert.equal(snap.entries.length, 0);
    assert.match(api.statusText(), /too large for detection/);
    // Annotating still works on a file too large for the detectors.
    const ids = await vscode.commands.executeCommand<string[]>('sourceAnnotator.tagSelectionAsQuote', { uri: big().toString(), start: 18, end: 39 });
    assert.equal(ids?.length, 1);
    const after = (await api.snapshotFor(big()))!;
    assert.equal(after.entries[0]?.text, '“we will not give up”');
    console.log(`      big file (${text.length.toLocaleString()} characters): first snapshot in ${took} ms`);
  });
});

describe('Editor: orphaned annotations in the Problems panel', () => {
  const seed = () => seedUri('003_053c82afe2e18f84.txt');

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await removeSidecar(seed());
  });

  it('lists an annotation whose text is gone as a warning, and keeps it in the sidecar', async () => {
    const api = await activateExtension<SourceAnnotatorApi>();
    await removeSidecar(seed());
    const editor = await openInEditor(seed());
    const text = editor.document.getText();
    const phrase = firstLongLine(text, 25);
    const [id] = (await vscode.commands.executeCommand<string[]>('sourceAnnotator.tagSelectionAsClaim', { uri: seed().toString(), ...spanOf(text, phrase) })) ?? [];
    assert.ok(id);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    // A teammate's sidecar refers to text this copy of the article does not have.
    const sidecar = await readSidecar(seed());
    const a = sidecar.annotations.find((x) => x.id === id)!;
    a.target.quote = { type: 'TextQuoteSelector', exact: 'a sentence that was never in this article', prefix: 'zzzz ', suffix: ' qqqq' };
    await vscode.workspace.fs.writeFile(sidecarUri(seed()), new TextEncoder().encode(JSON.stringify(sidecar, null, 2)));
    await openInEditor(seed());
    // The document may still be open behind the closed editor: then the sidecar watcher
    // reloads it; either way the store sees the new file within a moment.
    let snap = (await api.snapshotFor(seed()))!;
    for (let i = 0; i < 60 && snap.orphans.length === 0; i++) {
      await new Promise((r) => setTimeout(r, 50));
      snap = (await api.snapshotFor(seed()))!;
    }
    assert.deepEqual(snap.orphans.map((o) => o.id), [id]);
    assert.equal(snap.entries.some((e) => e.id === id), false);
    let diagnostics: vscode.Diagnostic[] = [];
    for (let i = 0; i < 20 && diagnostics.length === 0; i++) {
      await new Promise((r) => setTimeout(r, 50));
      diagnostics = vscode.languages.getDiagnostics(seed()).filter((d) => d.source === 'Source Annotator');
    }
    assert.equal(diagnostics.length, 1);
    assert.equal(diagnostics[0]!.severity, vscode.DiagnosticSeverity.Warning);
    assert.match(diagnostics[0]!.message, /a sentence that was never in this article.*not found/);
    // Nothing was dropped on disk.
    assert.ok((await readSidecar(seed())).annotations.some((x) => x.id === id));
  });
});

describe('Editor: updates and cancellation', () => {
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('a burst of typing produces one debounced change event, after which the analysis is current', async () => {
    const api = await activateExtension<SourceAnnotatorApi>();
    const uri = seedUri(SEEDS[4]!);
    const editor = await openInEditor(uri);
    await api.snapshotFor(uri);
    await new Promise((r) => setTimeout(r, 400));
    let events = 0;
    const sub = api.store.onDidChangeAnnotations((u) => {
      if (u.toString() === uri.toString()) events++;
    });
    try {
      for (let i = 0; i < 8; i++) {
        await editor.edit((b) => b.insert(editor.document.lineAt(editor.document.lineCount - 1).range.end, ' “typed quote,” he said.'.charAt(i)));
      }
      assert.equal(events, 0, 'no update while typing');
      const delay = vscode.workspace.getConfiguration('sourceAnnotator').get<number>('updateDelay') ?? 300;
      await new Promise((r) => setTimeout(r, delay + 400));
      assert.equal(events, 1);
      const snap = (await api.snapshotFor(uri))!;
      assert.equal(snap.version, editor.document.version);
      assert.equal(snap.text, editor.document.getText());
    } finally {
      sub.dispose();
    }
  });

  it('workspace analysis stops when cancelled', async () => {
    const api = await activateExtension<SourceAnnotatorApi>();
    const source = new vscode.CancellationTokenSource();
    source.cancel();
    assert.equal(await api.store.analyzeWorkspace(source.token), undefined);
    source.dispose();
  });
});

describe('Editor: unusable sidecars are read-only and never overwritten', () => {
  const seed = () => seedUri('002_cdc75dd77d75cbb3.txt');

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await removeSidecar(seed());
  });

  for (const [what, content, reason] of [
    ['truncated JSON', '{ "version": 1, "source": { "path": "002_cdc75dd77d75cbb3.txt", ', /JSON|truncated|end/i],
    ['a future schema version', JSON.stringify({ version: 99, source: { path: '002_cdc75dd77d75cbb3.txt', sha256: '0'.repeat(64), tags: [] }, annotations: [] }), /version|newer/i],
    ['git conflict markers', '<<<<<<< HEAD\n{}\n=======\n{}\n>>>>>>> theirs\n', /conflict/i],
  ] as const) {
    it(`${what}: explains, blocks changes from commands and hovers, leaves the bytes as they were`, async () => {
      const api = await activateExtension<SourceAnnotatorApi>();
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await vscode.workspace.fs.writeFile(sidecarUri(seed()), new TextEncoder().encode(content));
      const editor = await openInEditor(seed());
      // If the document stayed open behind the closed editor, the sidecar watcher reloads it.
      let snap = (await api.snapshotFor(seed()))!;
      for (let i = 0; i < 60 && !reason.test(snap.readOnlyReason ?? ''); i++) {
        await new Promise((r) => setTimeout(r, 50));
        snap = (await api.snapshotFor(seed()))!;
      }
      assert.ok(snap.readOnlyReason, 'no read-only reason');
      assert.match(snap.readOnlyReason, /read-only/);
      assert.match(snap.readOnlyReason, reason);
      const ids = await vscode.commands.executeCommand<string[] | undefined>('sourceAnnotator.tagSelectionAsClaim', { uri: seed().toString(), start: 0, end: 10 });
      assert.equal(ids, undefined);
      const on = snap.entries.find((e) => e.kind !== 'boilerplate');
      if (on) {
        const md = (await hoverAt(editor.document, on.start)).join('\n');
        assert.match(md, /read\\-only/);
        assert.doesNotMatch(md, /command:sourceAnnotator\.(setReliability|confirmDetection|rejectDetection)/);
      }
      const onDisk = new TextDecoder().decode(await vscode.workspace.fs.readFile(sidecarUri(seed())));
      assert.equal(onDisk, content);
    });
  }
});

describe('Editor: user boilerplate patterns from settings', () => {
  const cfg = () => vscode.workspace.getConfiguration('sourceAnnotator');

  after(async () => {
    await cfg().update('boilerplatePatterns', undefined, vscode.ConfigurationTarget.Workspace);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('marks lines matching a valid pattern at once, and explains and ignores a catastrophic one', async () => {
    const api = await activateExtension<SourceAnnotatorApi>();
    const uri = seedUri(SEEDS[0]!);
    await openInEditor(uri);
    const line = 'Ukrainian Foreign Minister Dmytro Kuleba';
    const before = (await api.snapshotFor(uri))!;
    assert.equal(before.entries.some((e) => e.kind === 'boilerplate' && e.text === line), false);
    await cfg().update('boilerplatePatterns', [`^${line}$`, '^(a+)+$'], vscode.ConfigurationTarget.Workspace);
    let snap = (await api.snapshotFor(uri))!;
    for (let i = 0; i < 40 && !snap.entries.some((e) => e.kind === 'boilerplate' && e.text === line); i++) {
      await new Promise((r) => setTimeout(r, 50));
      snap = (await api.snapshotFor(uri))!;
    }
    const marked = snap.entries.find((e) => e.kind === 'boilerplate' && e.text === line);
    assert.ok(marked, 'the user pattern did not mark the caption line');
    assert.equal(marked.boilerplate?.reason, 'user-pattern');
    const problems = api.settingsProblems(uri);
    assert.equal(problems.length, 1);
    assert.match(problems[0]!, /\(a\+\)\+.*nests quantifiers/);
  });
});
