import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse } from 'csv-parse/sync';
import { main } from '../../src/cli';
import { parseSidecar } from '../../src/core/annotations/parse';
import type { Sidecar, SidecarAnnotation } from '../../src/core/annotations/model';

const CORPUS = resolve(__dirname, '../../../test/fixtures/brat');

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, (s) => (out += s), (s) => (err += s));
  return { code, out, err };
}

function readSidecar(path: string): Sidecar {
  const parsed = parseSidecar(readFileSync(path, 'utf8'));
  assert.ok(parsed.ok, `${path} is not a valid sidecar`);
  return parsed.sidecar;
}

function byId(list: SidecarAnnotation[]): SidecarAnnotation[] {
  return [...list].sort((a, b) => (a.id < b.id ? -1 : 1));
}

describe('interchange: CLI export and import', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'sa-interchange-'));
    for (const name of readdirSync(CORPUS)) if (/\.(txt|ann)$/.test(name)) cpSync(join(CORPUS, name), join(dir, name));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('imports a brat corpus folder into sidecars whose spans all sit on their text, and a second import changes nothing', async () => {
    const first = await run('import', '--format', 'brat', dir);
    assert.equal(first.code, 0, first.err);
    assert.match(first.out, /doc1_parc\.txt\.annotations\.json: 14 added, 0 already present/);
    assert.match(first.out, /doc2_relations\.txt\.annotations\.json: 8 added/);
    assert.match(first.out, /doc3_windows\.txt\.annotations\.json: 4 added/);
    assert.match(first.out, /doc4_bom\.txt\.annotations\.json: 2 added/);
    assert.match(first.err, /byte order mark .* shifted by one/);
    assert.match(first.err, /CRLF line ending as one character/);
    const before = new Map<string, string>();
    for (const name of ['doc1_parc', 'doc2_relations', 'doc3_windows', 'doc4_bom']) {
      const text = readFileSync(join(dir, `${name}.txt`), 'utf8').replace(/^\uFEFF/, '');
      const path = join(dir, `${name}.txt.annotations.json`);
      const sidecar = readSidecar(path);
      for (const a of sidecar.annotations) {
        assert.equal([...text].slice(a.target.position.start, a.target.position.end).join(''), a.target.quote.exact, `${name} ${a.id}`);
      }
      before.set(path, readFileSync(path, 'utf8'));
    }
    const second = await run('import', '--format', 'brat', dir);
    assert.equal(second.code, 0, second.err);
    assert.match(second.out, /doc1_parc\.txt\.annotations\.json: 0 added, 14 already present/);
    for (const [path, content] of before) assert.equal(readFileSync(path, 'utf8'), content, `${path} changed on re-import`);
  });

  it('round-trips through brat and W3C files: export, import into a fresh folder, same annotations', async () => {
    assert.equal((await run('import', '--format', 'brat', join(dir, 'doc1_parc.ann'))).code, 0);
    const original = readSidecar(join(dir, 'doc1_parc.txt.annotations.json'));
    for (const format of ['brat', 'w3c'] as const) {
      const outDir = join(dir, `out-${format}`);
      const exported = await run('export', '--format', format, '--out', outDir, join(dir, 'doc1_parc.txt'));
      assert.equal(exported.code, 0, exported.err);
      const fresh = join(dir, `fresh-${format}`);
      mkdirSync(fresh);
      cpSync(join(dir, 'doc1_parc.txt'), join(fresh, 'doc1_parc.txt'));
      const input = format === 'brat' ? join(outDir, 'doc1_parc.ann') : join(outDir, 'doc1_parc.txt.jsonld');
      if (format === 'brat') assert.equal(readFileSync(join(outDir, 'doc1_parc.txt'), 'utf8'), readFileSync(join(dir, 'doc1_parc.txt'), 'utf8'));
      const imported = await run('import', '--format', format, input, '--source', join(fresh, 'doc1_parc.txt'));
      assert.equal(imported.code, 0, imported.err);
      const back = readSidecar(join(fresh, 'doc1_parc.txt.annotations.json'));
      assert.deepEqual(byId(back.annotations), byId(original.annotations), format);
    }
    // The W3C target is a relative reference from the export folder: importing without
    // --source finds the original source again (and adds nothing: it already has them all).
    const jsonld = JSON.parse(readFileSync(join(dir, 'out-w3c', 'doc1_parc.txt.jsonld'), 'utf8')) as { first: { items: { target: { source: string } }[] } };
    assert.equal(jsonld.first.items[0]!.target.source, '../doc1_parc.txt');
    // (Run from the folder that holds both, as a user would: targets must lie inside the
    // current folder or the import file's folder.)
    const cwd = process.cwd();
    process.chdir(dir);
    const again = await run('import', '--format', 'w3c', join(dir, 'out-w3c', 'doc1_parc.txt.jsonld')).finally(() => process.chdir(cwd));
    assert.equal(again.code, 0, again.err);
    assert.match(again.out, /doc1_parc\.txt\.annotations\.json: 0 added, 14 already present/);
  });

  it('writes CSV (with BOM) and clean text next to the source', async () => {
    assert.equal((await run('import', '--format', 'brat', join(dir, 'doc2_relations.ann'))).code, 0);
    const csv = await run('export', '--format', 'csv', '--bom', join(dir, 'doc2_relations.txt'));
    assert.equal(csv.code, 0, csv.err);
    const content = readFileSync(join(dir, 'doc2_relations.txt.csv'), 'utf8');
    assert.ok(content.startsWith('\uFEFFsource,id,kind'));
    const rows = parse<Record<string, string>>(content, { bom: true, columns: true });
    assert.equal(rows.length, 8);
    assert.equal(rows.find((r) => r.kind === 'quote' && r.speaker === 'A spokesperson')?.text, 'the figure was\n“broadly right”');
    const clean = await run('export', '--format', 'clean', join(dir, 'doc2_relations.txt'));
    assert.equal(clean.code, 0, clean.err);
    assert.equal(readFileSync(join(dir, 'doc2_relations.clean.txt'), 'utf8'), readFileSync(join(dir, 'doc2_relations.txt'), 'utf8').replace('Advertisement\n', ''));
  });

  it('never overwrites a .ann it did not write: the export goes to brat/ instead', async () => {
    assert.equal((await run('import', '--format', 'brat', join(dir, 'doc2_relations.ann'))).code, 0);
    const foreign = readFileSync(join(dir, 'doc2_relations.ann'), 'utf8');
    const result = await run('export', '--format', 'brat', join(dir, 'doc2_relations.txt'));
    assert.equal(result.code, 0, result.err);
    assert.equal(readFileSync(join(dir, 'doc2_relations.ann'), 'utf8'), foreign);
    assert.match(readFileSync(join(dir, 'brat', 'doc2_relations.ann'), 'utf8'), /\tSourceAnnotator T1\t/);
    assert.equal(readFileSync(join(dir, 'brat', 'doc2_relations.txt'), 'utf8'), readFileSync(join(dir, 'doc2_relations.txt'), 'utf8'));
  });

  it('refuses to touch a corrupt sidecar and reports problems in one line, without a stack trace', async () => {
    const sidecarPath = join(dir, 'doc1_parc.txt.annotations.json');
    writeFileSync(sidecarPath, '{ "version": 1, "source": ');
    const imported = await run('import', '--format', 'brat', join(dir, 'doc1_parc.ann'));
    assert.equal(imported.code, 1);
    assert.match(imported.err, /doc1_parc\.txt\.annotations\.json: .*It was not changed/);
    assert.equal(readFileSync(sidecarPath, 'utf8'), '{ "version": 1, "source": ');
    const exported = await run('export', '--format', 'w3c', join(dir, 'doc1_parc.txt'));
    assert.equal(exported.code, 1);
    assert.match(exported.err, /Nothing exported for/);
    const usage = await run('export', '--format', 'pdf', join(dir, 'doc1_parc.txt'));
    assert.equal(usage.code, 2);
    assert.match(usage.err, /unknown format 'pdf'/);
    const missingText = await run('import', '--format', 'brat', join(dir, 'doc1_parc.ann'), '--source', join(dir, 'nope.txt'));
    assert.equal(missingText.code, 1);
    assert.match(missingText.err, /nope\.txt\) does not exist/);
    writeFileSync(join(dir, 'bad.jsonld'), '{"type": "Annotation",');
    const badJson = await run('import', '--format', 'w3c', join(dir, 'bad.jsonld'));
    assert.equal(badJson.code, 1);
    assert.match(badJson.err, /bad\.jsonld is not valid JSON/);
    const noSidecar = await run('export', '--format', 'csv', join(dir, 'doc3_windows.txt'));
    assert.equal(noSidecar.code, 1);
    assert.match(noSidecar.err, /has no sidecar/);
    for (const r of [imported, exported, usage, missingText, badJson, noSidecar]) assert.ok(!/\n\s+at /.test(r.err), r.err);
  });

  it('imports W3C annotations from another tool, matching targets to local files by relative path', async () => {
    const doc = {
      '@context': 'http://www.w3.org/ns/anno.jsonld',
      type: 'AnnotationCollection',
      first: {
        type: 'AnnotationPage',
        items: [
          {
            id: 'https://annotations.example/1',
            type: 'Annotation',
            bodyValue: 'Denial.',
            target: { source: 'doc2_relations.txt', selector: { type: 'TextQuoteSelector', exact: '«Мы не нападали»', prefix: 'заявил: ', suffix: '. 🙄' } },
          },
          {
            id: 'https://annotations.example/2',
            type: 'Annotation',
            body: { type: 'TextualBody', purpose: 'tagging', value: 'bridge' },
            target: { source: 'doc3_windows.txt', selector: [{ type: 'TextPositionSelector', start: 46, end: 79 }] },
          },
          {
            id: 'https://annotations.example/3',
            type: 'Annotation',
            bodyValue: 'Elsewhere.',
            target: { source: 'https://news.example/story', selector: { type: 'TextQuoteSelector', exact: 'nothing' } },
          },
        ],
      },
    };
    writeFileSync(join(dir, 'foreign.jsonld'), JSON.stringify(doc));
    const result = await run('import', '--format', 'w3c', join(dir, 'foreign.jsonld'));
    assert.equal(result.code, 1, 'the web address cannot be matched to a file');
    assert.match(result.err, /annotations of https:\/\/news\.example\/story cannot be matched to a local file; name it with --source/);
    const denial = readSidecar(join(dir, 'doc2_relations.txt.annotations.json')).annotations;
    assert.equal(denial.length, 1);
    assert.equal(denial[0]!.target.quote.exact, '«Мы не нападали»');
    assert.equal(denial[0]!.note, 'Denial.');
    const bridge = readSidecar(join(dir, 'doc3_windows.txt.annotations.json')).annotations;
    assert.equal(bridge[0]!.target.quote.exact, '“the bridge 🌉 will reopen in May”');
    assert.deepEqual(bridge[0]!.tags, ['bridge']);
    // --source takes the web address's annotations too.
    const named = await run('import', '--format', 'w3c', join(dir, 'foreign.jsonld'), '--source', join(dir, 'doc1_parc.txt'));
    assert.equal(named.code, 0, named.err);
    assert.match(named.out, /doc1_parc\.txt\.annotations\.json: 3 added, 0 already present, 2 not found in the text \(kept as orphans\)/);
  });

  it('refuses W3C targets outside the current folder and the import file\'s folder (hostile import files)', async () => {
    const elsewhere = mkdtempSync(join(tmpdir(), 'sa-elsewhere-'));
    try {
      writeFileSync(join(elsewhere, 'victim.txt'), 'Some text the import names.\n');
      const target = (source: string) => ({ type: 'Annotation', bodyValue: 'x', target: { source, selector: { type: 'TextQuoteSelector', exact: 'Some text' } } });
      const relativeOut = relative(dir, join(elsewhere, 'victim.txt')).split(sep).join('/');
      const doc = {
        '@context': 'http://www.w3.org/ns/anno.jsonld',
        type: 'AnnotationCollection',
        first: { type: 'AnnotationPage', items: [target(pathToFileURL(join(elsewhere, 'victim.txt')).href), target(relativeOut), target('doc1_parc.txt')] },
      };
      writeFileSync(join(dir, 'hostile.jsonld'), JSON.stringify(doc));
      const result = await run('import', '--format', 'w3c', join(dir, 'hostile.jsonld'));
      assert.equal(result.code, 1);
      assert.equal((result.err.match(/outside the current folder and the import file's folder; not imported/g) ?? []).length, 2, result.err);
      assert.deepEqual(readdirSync(elsewhere), ['victim.txt'], 'no sidecar written outside');
      // The target inside the import file's folder is still imported (kept as an orphan: its quote is not in that text).
      assert.match(result.out, /doc1_parc\.txt\.annotations\.json: 1 added/);
    } finally {
      rmSync(elsewhere, { recursive: true, force: true });
    }
  });

  it('refuses to let two sources of the same name overwrite each other in one --out folder', async () => {
    mkdirSync(join(dir, 'a'));
    mkdirSync(join(dir, 'b'));
    for (const sub of ['a', 'b']) {
      cpSync(join(dir, 'doc2_relations.txt'), join(dir, sub, 'doc2_relations.txt'));
      cpSync(join(dir, 'doc2_relations.ann'), join(dir, sub, 'doc2_relations.ann'));
      assert.equal((await run('import', '--format', 'brat', join(dir, sub, 'doc2_relations.ann'))).code, 0);
    }
    const result = await run('export', '--format', 'csv', '--out', join(dir, 'out'), join(dir, 'a'), join(dir, 'b'));
    assert.equal(result.code, 1);
    assert.match(result.err, /would overwrite .*doc2_relations\.txt\.csv, just written for .*a\/doc2_relations\.txt/);
    assert.match(readFileSync(join(dir, 'out', 'doc2_relations.txt.csv'), 'utf8'), /a\/doc2_relations\.txt/);
  });
});
