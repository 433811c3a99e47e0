/**
 * Export (W3C Web Annotation, brat, CSV, clean text) and brat / W3C import in the editor. The
 * formats are the pure core's (`src/core/interchange`); this module only asks the user what
 * and where, and reads and writes through `vscode.workspace.fs` (remote and virtual
 * workspaces work). Exports use the store's in-memory state, so changes not yet on disk are
 * included; imports go through the store, so open editors update and the sidecar is written
 * with the store's safety rules (never over a corrupt file, atomic, merged on outside change).
 */
import * as vscode from 'vscode';
import type { Sidecar } from '../core/annotations/model';
import { CommandId } from '../core/present/commandIds';
import {
  BRAT_METADATA_COMMENT,
  baseName,
  EXPORT_FORMAT_DESCRIPTIONS,
  fromBrat,
  fromW3C,
  itemsForNamedSource,
  mergeImport,
  readW3C,
  planExport,
  relativeIri,
  detectedCuesOf,
  type ExportFormat,
  type ImportedAnnotations,
} from '../core/interchange';
import type { AnnotationStore } from './annotationStore';
import { registerGuardedCommand } from './commandBoundary';

/** What the interchange commands need from the rest of the extension. */
export interface InterchangeDeps {
  store: AnnotationStore;
  log: vscode.LogOutputChannel;
}

/** Arguments tests (and other commands) may pass instead of answering the pickers. */
export interface ExportArgs {
  /** The source (default: the explorer's or the active editor's file). */
  uri?: string;
  formats?: ExportFormat[];
  /** `beside` (next to the source) or a folder URI. */
  destination?: string;
  /** CSV with a UTF-8 byte order mark (default: true in the picker's Excel entry, else false). */
  bom?: boolean;
}

export interface ImportBratArgs {
  /** The `.ann` files to import. */
  annUris?: string[];
  /** The text they annotate (default: `<name>.txt` next to each `.ann`). */
  sourceUri?: string;
}

/** What the export command returns (for tests): the files written. */
export interface ExportResult {
  written: string[];
  notes: string[];
}

/** What the import command returns (for tests): per source, the ids added. */
export interface ImportResult {
  source: string;
  added: number;
  alreadyPresent: number;
  warnings: string[];
}

const BESIDE = 'beside';

/** Arguments tests may pass instead of answering the file dialog. */
export interface ImportW3cArgs {
  /** The .jsonld files to import. */
  fileUris?: string[];
  /** Import every annotation into this source instead of matching targets to files. */
  sourceUri?: string;
}

/** Registers `sourceAnnotator.export`, `sourceAnnotator.importBrat` and `sourceAnnotator.importW3c`. */
export function registerInterchangeCommands(context: vscode.ExtensionContext, deps: InterchangeDeps): void {
  const { log } = deps;
  const guarded = <A extends object, R>(id: string, handler: (first: unknown, args: A) => Promise<R | undefined>) =>
    registerGuardedCommand<A, R | undefined>(id, log, (args, raw) => handler(raw[0], args));
  context.subscriptions.push(
    guarded<ExportArgs, ExportResult>(CommandId.exportAnnotations, (first, args) => exportCommand(deps, first, args)),
    guarded<ImportBratArgs, ImportResult[]>(CommandId.importBrat, (_first, args) => importBratCommand(deps, args)),
    guarded<ImportW3cArgs, ImportResult[]>(CommandId.importW3c, (_first, args) => importW3cCommand(deps, args)),
  );
}

// ---------------------------------------------------------------------------------------------
// Export

interface FormatPick extends vscode.QuickPickItem {
  format: ExportFormat;
  bom: boolean;
}

async function exportCommand(deps: InterchangeDeps, first: unknown, args: ExportArgs): Promise<ExportResult | undefined> {
  const uri = first instanceof vscode.Uri ? first : args.uri !== undefined ? vscode.Uri.parse(args.uri) : vscode.window.activeTextEditor?.document.uri;
  if (!uri) {
    void vscode.window.showInformationMessage('Open a source file first.');
    return undefined;
  }
  const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString()) ?? (await vscode.workspace.openTextDocument(uri));

  let picks: { format: ExportFormat; bom: boolean }[];
  if (args.formats) {
    picks = args.formats.map((format) => ({ format, bom: args.bom ?? false }));
  } else {
    const items: FormatPick[] = [
      { label: 'W3C Web Annotation', description: EXPORT_FORMAT_DESCRIPTIONS.w3c, format: 'w3c', bom: false },
      { label: 'brat standoff', description: EXPORT_FORMAT_DESCRIPTIONS.brat, format: 'brat', bom: false },
      { label: 'CSV for Excel', description: 'UTF-8 with byte order mark, one row per annotation', format: 'csv', bom: true },
      { label: 'CSV', description: 'plain UTF-8, one row per annotation', format: 'csv', bom: false },
      { label: 'Clean text', description: EXPORT_FORMAT_DESCRIPTIONS.clean, format: 'clean', bom: false },
    ];
    const chosen = await vscode.window.showQuickPick(items, { canPickMany: true, title: 'Export annotations as…', placeHolder: 'Pick one or more formats' });
    if (!chosen || chosen.length === 0) return undefined;
    picks = chosen.map((c) => ({ format: c.format, bom: c.bom }));
  }

  let destination = args.destination;
  if (destination === undefined) {
    const where = await vscode.window.showQuickPick(
      [
        { label: 'Next to the source', value: BESIDE },
        { label: 'Choose a folder…', value: 'choose' },
      ],
      { title: 'Where should the export go?' },
    );
    if (!where) return undefined;
    if (where.value === 'choose') {
      const picked = await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: false, canSelectMany: false, openLabel: 'Export here' });
      if (!picked?.[0]) return undefined;
      destination = picked[0].toString();
    } else {
      destination = BESIDE;
    }
  }
  const sourceFolder = vscode.Uri.joinPath(uri, '..');
  const folder = destination === BESIDE ? sourceFolder : vscode.Uri.parse(destination);

  const snap = await deps.store.ready(document);
  const fileName = uri.path.slice(uri.path.lastIndexOf('/') + 1);
  const sidecar: Sidecar = snap.sidecar ?? { version: 1, source: { path: fileName, sha256: '', tags: [] }, annotations: [] };
  if (!snap.sidecar && picks.some((p) => p.format !== 'clean')) {
    void vscode.window.showInformationMessage(`${snap.path} has no annotations yet; nothing to export.`);
    return { written: [], notes: [] };
  }
  const written: vscode.Uri[] = [];
  const notes: string[] = [];
  for (const pick of picks) {
    let dir = folder;
    // Relative to the export's folder when both are on the same file system (portable, no home
    // folder in shared files); the full URI otherwise.
    const sourceIri = dir.scheme === uri.scheme && dir.authority === uri.authority ? relativeIri(dir.path, uri.path) : uri.toString();
    const plan = planExport(pick.format, { fileName, displayPath: snap.path, sourceIri, text: snap.text, sidecar, cues: detectedCuesOf(snap.analysis.quotes) }, { bom: pick.bom });
    notes.push(...plan.notes);
    const copy = plan.files.find((f) => f.isTextCopy);
    let skipCopy = false;
    // brat wants <name>.txt beside <name>.ann. If that .txt is the source itself, it already is
    // the copy when its bytes are exactly the UTF-8 text; otherwise (BOM, UTF-16, unsaved
    // edits) the pair goes to a brat/ folder so the source is never rewritten.
    if (copy && vscode.Uri.joinPath(dir, copy.name).toString() === uri.toString()) {
      const onDisk = await vscode.workspace.fs.readFile(uri);
      if (sameBytes(onDisk, new TextEncoder().encode(copy.content))) skipCopy = true;
      else dir = vscode.Uri.joinPath(dir, 'brat');
    }
    const ann = plan.files.find((f) => f.name.endsWith('.ann'));
    if (ann && (await isForeignAnn(vscode.Uri.joinPath(dir, ann.name)))) {
      notes.push(`${ann.name} in that folder was not written by Source Annotator; the brat export went to a brat/ folder instead.`);
      dir = vscode.Uri.joinPath(dir, 'brat');
      skipCopy = false;
    }
    await vscode.workspace.fs.createDirectory(dir);
    for (const f of plan.files) {
      const target = vscode.Uri.joinPath(dir, f.name);
      if (f === copy && skipCopy) continue;
      if (f.onlyIfMissing && (await exists(target))) continue;
      await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(f.content));
      written.push(target);
    }
  }
  for (const note of notes) deps.log.info(note);
  deps.log.info(`Exported ${snap.path}: ${written.map((w) => vscode.workspace.asRelativePath(w)).join(', ')}`);
  const firstWritten = written[0];
  if (firstWritten) {
    void vscode.window
      .showInformationMessage(`Exported ${snap.path} to ${written.length} file${written.length === 1 ? '' : 's'}.${notes.length ? ` ${notes.join(' ')}` : ''}`, 'Open')
      .then((choice) => (choice === 'Open' ? vscode.window.showTextDocument(firstWritten) : undefined));
  }
  return { written: written.map((w) => w.toString()), notes };
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

async function isForeignAnn(uri: vscode.Uri): Promise<boolean> {
  if (!(await exists(uri))) return false;
  const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  return text.trim() !== '' && !text.includes(`\t${BRAT_METADATA_COMMENT} T`);
}

// ---------------------------------------------------------------------------------------------
// Import

async function importBratCommand(deps: InterchangeDeps, args: ImportBratArgs): Promise<ImportResult[] | undefined> {
  let annUris = args.annUris?.map((u) => vscode.Uri.parse(u));
  if (!annUris) {
    annUris = await vscode.window.showOpenDialog({ canSelectMany: true, filters: { 'brat standoff': ['ann'] }, openLabel: 'Import' });
    if (!annUris || annUris.length === 0) return undefined;
  }
  const results: ImportResult[] = [];
  for (const annUri of annUris) {
    const annName = annUri.path.slice(annUri.path.lastIndexOf('/') + 1);
    const textUri = args.sourceUri !== undefined ? vscode.Uri.parse(args.sourceUri) : vscode.Uri.joinPath(annUri, '..', `${baseName(annName)}.txt`);
    if (!(await exists(textUri))) {
      void vscode.window.showErrorMessage(`${vscode.workspace.asRelativePath(annUri)}: the text it annotates (${vscode.workspace.asRelativePath(textUri)}) was not found.`);
      continue;
    }
    const ann = new TextDecoder().decode(await vscode.workspace.fs.readFile(annUri));
    const document = await vscode.workspace.openTextDocument(textUri);
    const textName = textUri.path.slice(textUri.path.lastIndexOf('/') + 1);
    const raw = await vscode.workspace.fs.readFile(textUri);
    const textHadBom = raw[0] === 0xef && raw[1] === 0xbb && raw[2] === 0xbf;
    const imported = fromBrat(ann, document.getText(), { sourceName: textName, textHadBom });
    const from = vscode.workspace.asRelativePath(annUri);
    results.push(
      await saveImport(
        deps,
        document,
        imported,
        from,
        (r) => `${from}: ${r.added} annotation${r.added === 1 ? '' : 's'} imported, ${r.alreadyPresent} already present${imported.warnings.length ? ` (${imported.warnings.length} warnings in the Source Annotator log)` : ''}.`,
      ),
    );
  }
  return results;
}

/**
 * Merges imported annotations into the document's sidecar through the store (never over a
 * corrupt file, atomic, merged on outside change), logs the import's warnings under `from`,
 * and tells the user what `summary` says, adding that saving will be retried if it failed.
 */
async function saveImport(
  deps: InterchangeDeps,
  document: vscode.TextDocument,
  imported: ImportedAnnotations,
  from: string,
  summary: (result: ImportResult) => string,
): Promise<ImportResult> {
  let outcome: ReturnType<typeof mergeImport> | undefined;
  // The store's sidecar is already anchored on the document's text; the store sets the hash on save.
  const saved = await deps.store.update(document, (sidecar) => {
    outcome = mergeImport(sidecar, imported, sidecar.source.path, sidecar.source.sha256);
    return outcome.sidecar;
  });
  for (const w of imported.warnings) deps.log.warn(`${from}: ${w}`);
  const result: ImportResult = {
    source: document.uri.toString(),
    added: outcome?.added.length ?? 0,
    alreadyPresent: outcome?.alreadyPresent.length ?? 0,
    warnings: imported.warnings,
  };
  const message = summary(result);
  if (saved) void vscode.window.showInformationMessage(message);
  else void vscode.window.showWarningMessage(`${message} The sidecar could not be saved yet; the import is kept and saving will be retried.`);
  return result;
}

/**
 * Imports W3C Web Annotation JSON-LD. Targets are matched to files: `file:` URLs and paths
 * relative to the import file. A target outside the workspace folders is refused (an import
 * file comes from someone else and must not make us write sidecars anywhere); targets that
 * cannot be matched (web addresses, refused paths) can go into the active source instead, if
 * the user says so.
 */
async function importW3cCommand(deps: InterchangeDeps, args: ImportW3cArgs): Promise<ImportResult[] | undefined> {
  let files = args.fileUris?.map((u) => vscode.Uri.parse(u));
  if (!files) {
    files = await vscode.window.showOpenDialog({ canSelectMany: true, filters: { 'W3C Web Annotation': ['jsonld', 'json'] }, openLabel: 'Import' });
    if (!files || files.length === 0) return undefined;
  }
  const results: ImportResult[] = [];
  for (const file of files) {
    const name = vscode.workspace.asRelativePath(file);
    let json: unknown;
    try {
      json = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(file)).replace(/^\uFEFF/, ''));
    } catch (e) {
      void vscode.window.showErrorMessage(`${name} is not valid JSON (${e instanceof Error ? e.message : String(e)}).`);
      continue;
    }
    const doc = readW3C(json);
    for (const w of doc.warnings) deps.log.warn(`${name}: ${w}`);
    if (doc.bySource.size === 0) {
      void vscode.window.showWarningMessage(`${name}: no annotation to import${doc.warnings.length ? ` (${doc.warnings[0]})` : ''}.`);
      continue;
    }
    const targets = new Map<string, Record<string, unknown>[]>();
    const add = (uri: vscode.Uri, items: Record<string, unknown>[]) => targets.set(uri.toString(), [...(targets.get(uri.toString()) ?? []), ...items]);
    if (args.sourceUri !== undefined) {
      const source = vscode.Uri.parse(args.sourceUri);
      add(source, itemsForNamedSource(doc, source.path.slice(source.path.lastIndexOf('/') + 1)));
    } else {
      const unmatched: { iri: string; items: Record<string, unknown>[] }[] = [];
      for (const [iri, items] of doc.bySource) {
        const uri = targetUri(iri, vscode.Uri.joinPath(file, '..'));
        if (uri && vscode.workspace.getWorkspaceFolder(uri)) add(uri, items);
        else unmatched.push({ iri, items });
      }
      if (unmatched.length > 0) {
        const active = vscode.window.activeTextEditor?.document;
        const count = unmatched.reduce((n, u) => n + u.items.length, 0);
        const what = `${name}: ${count} annotation${count === 1 ? '' : 's'} of ${unmatched.map((u) => u.iri).join(', ')} match no file in the workspace`;
        deps.log.warn(what);
        if (active && deps.store.isSource(active)) {
          const choice = await vscode.window.showWarningMessage(`${what}. Import them into ${vscode.workspace.asRelativePath(active.uri)}?`, 'Import Here');
          if (choice) add(active.uri, unmatched.flatMap((u) => u.items));
        } else {
          void vscode.window.showWarningMessage(`${what}; open the source they belong to and import again.`);
        }
      }
    }
    for (const [target, items] of targets) {
      const uri = vscode.Uri.parse(target);
      if (!(await exists(uri))) {
        void vscode.window.showErrorMessage(`${name}: the annotated source ${vscode.workspace.asRelativePath(uri)} does not exist.`);
        continue;
      }
      const document = await vscode.workspace.openTextDocument(uri);
      const imported = fromW3C(items, document.getText());
      const orphans = imported.orphans.length ? `, ${imported.orphans.length} not found in the text (kept as orphans)` : '';
      results.push(await saveImport(deps, document, imported, name, (r) => `${name} → ${vscode.workspace.asRelativePath(uri)}: ${r.added} imported, ${r.alreadyPresent} already present${orphans}.`));
    }
  }
  return results;
}

/** A target IRI as a resource next to the import file; undefined for web addresses. */
function targetUri(iri: string, folder: vscode.Uri): vscode.Uri | undefined {
  if (/^file:/i.test(iri)) {
    // An export names its sources with file: URLs; in a remote window they are paths there.
    const path = vscode.Uri.parse(iri).path;
    return folder.with({ path });
  }
  if (/^[a-z][a-z0-9+.-]*:/i.test(iri)) return undefined;
  let relative = iri.replace(/[?#].*$/, '');
  try {
    relative = decodeURIComponent(relative);
  } catch {
    // Not percent-encoded after all: use it as written.
  }
  return vscode.Uri.joinPath(folder, relative);
}
