/**
 * Interchange in a real extension host: the export command writes W3C, CSV and brat files
 * through `workspace.fs`, and the brat and W3C import commands fill sidecars through the store.
 * Arguments are passed instead of answering the quick picks.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import * as vscode from 'vscode';
import { createAnnotation } from '../../src/core/annotations/selectors';
import { serializeSidecar } from '../../src/core/annotations/serialize';
import type { Sidecar } from '../../src/core/annotations/model';
import { activateExtension, EXTENSION_ID, workspaceRoot } from './helpers';

interface ExportResult {
  written: string[];
  notes: string[];
}
interface ImportResult {
  source: string;
  added: number;
  alreadyPresent: number;
}

const TEXT = 'Menu | Sport\r\nKuleba said: “We did not make progress 😟 on a ceasefire.”\r\nZoë Nguye\u0302\u0303n added nothing.\r\n';

function spanOf(text: string, needle: string): { start: number; end: number } {
  const start = [...text.slice(0, text.indexOf(needle))].length;
  return { start, end: start + [...needle].length };
}

async function readText(uri: vscode.Uri): Promise<string> {
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
}

describe('Interchange: export, brat and W3C import commands', () => {
  const folder = () => vscode.Uri.joinPath(workspaceRoot(), 'interchange-test');
  const source = () => vscode.Uri.joinPath(folder(), 'article.txt');

  before(async () => {
    await activateExtension();
    await vscode.workspace.fs.createDirectory(folder());
    await vscode.workspace.fs.writeFile(source(), new TextEncoder().encode(TEXT));
    const quote = spanOf(TEXT, '“We did not make progress 😟 on a ceasefire.”');
    const menu = spanOf(TEXT, 'Menu | Sport');
    const sidecar: Sidecar = {
      version: 1,
      source: { path: 'article.txt', sha256: '', reliability: 'likely', tags: [] },
      annotations: [
        createAnnotation({ text: TEXT, ...quote, kind: 'quote', status: 'confirmed', reliability: 'unverified', speaker: { name: 'Kuleba' }, note: 'Check, "really".' }),
        createAnnotation({ text: TEXT, ...menu, kind: 'boilerplate', status: 'confirmed' }),
      ],
    };
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(folder(), 'article.txt.annotations.json'), new TextEncoder().encode(serializeSidecar(sidecar)));
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs.delete(folder(), { recursive: true, useTrash: false }).then(undefined, () => undefined);
  });

  it('is contributed and registered', async () => {
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes('sourceAnnotator.export'));
    assert.ok(commands.includes('sourceAnnotator.importBrat'));
    assert.ok(commands.includes('sourceAnnotator.importW3c'));
    const contributed = (vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as { contributes: { commands: { command: string; category: string }[] } }).contributes.commands;
    for (const id of ['sourceAnnotator.export', 'sourceAnnotator.importBrat', 'sourceAnnotator.importW3c']) {
      assert.equal(contributed.find((c) => c.command === id)?.category, 'Source Annotator');
    }
  });

  it('writes W3C JSON-LD, CSV and brat files next to the source through workspace.fs', async () => {
    const result = await vscode.commands.executeCommand<ExportResult>('sourceAnnotator.export', {
      uri: source().toString(),
      formats: ['w3c', 'csv', 'brat', 'clean'],
      destination: 'beside',
    });
    assert.ok(result, 'the export command returned nothing');
    const names = result.written.map((u) => u.slice(u.lastIndexOf('/') + 1)).sort();
    // The brat .txt copy is the source itself (same bytes), so it is not rewritten.
    assert.deepEqual(names, ['annotation.conf', 'article.ann', 'article.clean.txt', 'article.txt.csv', 'article.txt.jsonld']);
    assert.equal(await readText(source()), TEXT);

    const w3c = JSON.parse(await readText(vscode.Uri.joinPath(folder(), 'article.txt.jsonld'))) as {
      first: { items: { '@context': string; type: string; target: { source: string; selector?: { type: string; start?: number; exact?: string }[] } }[] };
    };
    assert.equal(w3c.first.items.length, 3, 'two annotations and the source-level rating');
    for (const item of w3c.first.items) {
      assert.equal(item['@context'], 'http://www.w3.org/ns/anno.jsonld');
      assert.equal(item.type, 'Annotation');
      // A relative reference: resolved against the .jsonld next to the source.
      assert.equal(item.target.source, 'article.txt');
    }
    const quoteItem = w3c.first.items.find((i) => i.target.selector?.[0]?.exact?.startsWith('“We did'))!;
    assert.equal(quoteItem.target.selector![1]!.start, spanOf(TEXT, '“We did').start);

    const rows = parse<Record<string, string>>(await readText(vscode.Uri.joinPath(folder(), 'article.txt.csv')), { columns: true, bom: true });
    assert.equal(rows.length, 2);
    const quoteRow = rows.find((r) => r.kind === 'quote')!;
    assert.equal(quoteRow.text, '“We did not make progress 😟 on a ceasefire.”');
    assert.equal(quoteRow.note, 'Check, "really".');
    assert.equal(quoteRow.speaker, 'Kuleba');

    const ann = await readText(vscode.Uri.joinPath(folder(), 'article.ann'));
    const { start, end } = spanOf(TEXT, '“We did not make progress 😟 on a ceasefire.”');
    assert.ok(ann.includes(`\tQuote ${start} ${end}\t“We did not make progress 😟 on a ceasefire.”\n`), ann);
    assert.equal(await readText(vscode.Uri.joinPath(folder(), 'article.clean.txt')), TEXT.replace('Menu | Sport\r\n', ''));
  });

  it('writes into a chosen folder', async () => {
    const target = vscode.Uri.joinPath(folder(), 'exports');
    const result = await vscode.commands.executeCommand<ExportResult>('sourceAnnotator.export', {
      uri: source().toString(),
      formats: ['csv'],
      destination: target.toString(),
      bom: true,
    });
    assert.deepEqual(result?.written, [vscode.Uri.joinPath(target, 'article.txt.csv').toString()]);
    const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(target, 'article.txt.csv'));
    assert.deepEqual([...bytes.slice(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 BOM');
  });

  it('imports a brat .ann into the sidecar of its .txt, and a second import adds nothing', async () => {
    const extensionPath = vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath;
    const corpus = vscode.Uri.joinPath(folder(), 'corpus');
    await vscode.workspace.fs.createDirectory(corpus);
    for (const name of ['doc1_parc.txt', 'doc1_parc.ann']) {
      await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(corpus, name), readFileSync(join(extensionPath, 'test', 'fixtures', 'brat', name)));
    }
    const annUri = vscode.Uri.joinPath(corpus, 'doc1_parc.ann').toString();
    const first = await vscode.commands.executeCommand<ImportResult[]>('sourceAnnotator.importBrat', { annUris: [annUri] });
    assert.equal(first?.[0]?.added, 14);
    const api = await activateExtension<{ store: { flush(uri: vscode.Uri): Promise<void> } }>();
    const textUri = vscode.Uri.joinPath(corpus, 'doc1_parc.txt');
    await api.store.flush(textUri);
    const sidecar = JSON.parse(await readText(vscode.Uri.joinPath(corpus, 'doc1_parc.txt.annotations.json'))) as Sidecar;
    assert.equal(sidecar.annotations.length, 14);
    const text = await readText(textUri);
    for (const a of sidecar.annotations) {
      assert.equal([...text].slice(a.target.position.start, a.target.position.end).join(''), a.target.quote.exact);
    }
    const quote = sidecar.annotations.find((a) => a.target.quote.exact === 'prices rose “30% 😟 in a week”');
    assert.equal(quote?.speaker?.name, 'Zoë Nguyễn of the café (e\u0301');
    const second = await vscode.commands.executeCommand<ImportResult[]>('sourceAnnotator.importBrat', { annUris: [annUri] });
    assert.deepEqual([second?.[0]?.added, second?.[0]?.alreadyPresent], [0, 14]);
  });

  it('imports W3C JSON-LD: targets matched to workspace files, nothing written outside the workspace, everything into a named source', async () => {
    // An export of the article names it relative to the export folder (../article.txt).
    const outDir = vscode.Uri.joinPath(folder(), 'w3c-out');
    const exported = await vscode.commands.executeCommand<ExportResult>('sourceAnnotator.export', { uri: source().toString(), formats: ['w3c'], destination: outDir.toString() });
    const jsonld = vscode.Uri.parse(exported.written[0]!);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const again = await vscode.commands.executeCommand<ImportResult[]>('sourceAnnotator.importW3c', { fileUris: [jsonld.toString()] });
    assert.equal(again?.length, 1);
    assert.equal(again[0]!.source, source().toString());
    assert.deepEqual([again[0]!.added, again[0]!.alreadyPresent], [0, 2], 'the article already has both annotations');

    // A hostile file: targets outside the workspace (a file: URL and a ../ path) are refused.
    const outside = vscode.Uri.file('/tmp/source-annotator-outside/victim.txt');
    const hostile = {
      '@context': 'http://www.w3.org/ns/anno.jsonld',
      type: 'AnnotationCollection',
      first: {
        type: 'AnnotationPage',
        items: [outside.toString(), '../../../../../../../../tmp/source-annotator-outside/victim.txt'].map((target) => ({
          type: 'Annotation',
          bodyValue: 'x',
          target: { source: target, selector: { type: 'TextQuoteSelector', exact: 'Kuleba said' } },
        })),
      },
    };
    const hostileUri = vscode.Uri.joinPath(folder(), 'hostile.jsonld');
    await vscode.workspace.fs.writeFile(hostileUri, new TextEncoder().encode(JSON.stringify(hostile)));
    const refused = await vscode.commands.executeCommand<ImportResult[]>('sourceAnnotator.importW3c', { fileUris: [hostileUri.toString()] });
    assert.deepEqual(refused, [], 'nothing imported (no source editor is active to take them)');
    const written = await vscode.workspace.fs.stat(outside.with({ path: `${outside.path}.annotations.json` })).then(() => true, () => false);
    assert.equal(written, false, 'no sidecar outside the workspace');

    // Named source: a fresh copy of the article receives every annotation, each on its text.
    const fresh = vscode.Uri.joinPath(folder(), 'fresh', 'article.txt');
    await vscode.workspace.fs.writeFile(fresh, new TextEncoder().encode(TEXT));
    const named = await vscode.commands.executeCommand<ImportResult[]>('sourceAnnotator.importW3c', { fileUris: [jsonld.toString()], sourceUri: fresh.toString() });
    assert.deepEqual([named?.[0]?.added, named?.[0]?.alreadyPresent], [2, 0]);
    const api = await activateExtension<{ store: { flush(uri: vscode.Uri): Promise<void> } }>();
    await api.store.flush(fresh);
    const sidecar = JSON.parse(await readText(vscode.Uri.joinPath(folder(), 'fresh', 'article.txt.annotations.json'))) as Sidecar;
    assert.equal(sidecar.annotations.length, 2);
    for (const a of sidecar.annotations) assert.equal([...TEXT].slice(a.target.position.start, a.target.position.end).join(''), a.target.quote.exact);
    assert.equal(sidecar.source.reliability, 'likely', 'the source-level rating came along');
  });
});
