import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  createAnnotation,
  createTarget,
  emptySidecar,
  mergeSidecars,
  parseSidecar,
  serializeSidecar,
  sha256Hex,
  updateAnnotation,
  corruptPathFor,
  describeProblem,
  sidecarPathFor,
  sourcePathFor,
  reliabilityWarnings,
  DEFAULT_RELIABILITY_SCALE,
  type Sidecar,
  type SidecarAnnotation,
} from '../../src/core/annotations';
// The generator script is plain ESM; esbuild bundles it (and ajv's compiler) into this test only.
import { generateValidatorSource } from '../../scripts/genSidecarValidator.mjs';

const SOURCE = 'Kuleba said: "We will not trade territory for peace." 🇺🇦 The talks — in Geneva — resume.\nNext paragraph.';
const T0 = new Date('2026-11-20T10:00:00.000Z');

function sidecarWith(...annotations: SidecarAnnotation[]): Sidecar {
  return { ...emptySidecar('a.txt', 'ab'.repeat(32)), annotations };
}

function quoteAnnotation(start: number, end: number, extra: Partial<SidecarAnnotation> = {}): SidecarAnnotation {
  return { ...createAnnotation({ text: SOURCE, start, end, kind: 'quote', now: T0 }), ...extra };
}

/** The raw JSON of a sidecar, for tests that damage or extend the file by hand. */
type RawObject = Record<string, unknown>;
type RawAnnotation = RawObject & { target: RawObject & { quote: RawObject; position: RawObject } };
type RawSidecar = RawObject & { source: RawObject; annotations: RawAnnotation[] };
function raw(text: string): RawSidecar {
  return JSON.parse(text) as RawSidecar;
}

function ok(text: string) {
  const result = parseSidecar(text);
  if (!result.ok) assert.fail(`expected a usable sidecar, got ${result.problem.kind}: ${result.problem.message}`);
  return result;
}

function problemOf(text: string) {
  const result = parseSidecar(text);
  if (result.ok) assert.fail('expected the sidecar to be refused');
  return result.problem;
}

describe('annotations: selectors', () => {
  it('builds quote and position selectors in code points with 32 code points of context', () => {
    const cps = [...SOURCE];
    const start = cps.indexOf('🇺');
    const target = createTarget(SOURCE, start, start + 2);
    assert.equal(target.quote.exact, '🇺🇦');
    assert.deepEqual(target.position, { type: 'TextPositionSelector', start, end: start + 2 });
    assert.equal([...target.quote.prefix].length, 32);
    assert.equal(cps.slice(start - 32, start).join(''), target.quote.prefix);
    assert.equal(cps.slice(start + 2, start + 34).join(''), target.quote.suffix);
  });

  it('clamps out-of-range spans and orders reversed ones', () => {
    const target = createTarget('short', 3, 99);
    assert.deepEqual([target.position.start, target.position.end, target.quote.exact], [3, 5, 'rt']);
    assert.equal(createTarget('short', 4, 1).quote.exact, 'hor');
  });

  it('creates annotations with a UUID, timestamps and defaults', () => {
    const a = createAnnotation({ text: SOURCE, start: 14, end: 51, kind: 'quote', speaker: { name: 'Dmytro Kuleba' }, reliability: 'likely' });
    assert.match(a.id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.equal(a.target.quote.exact, 'We will not trade territory for peace');
    assert.equal(a.status, 'manual');
    assert.equal(a.created, a.modified);
    assert.deepEqual(a.tags, []);
  });

  it('updateAnnotation always moves modified forward, even within one millisecond', () => {
    const a = quoteAnnotation(14, 51);
    const b = updateAnnotation(a, { note: 'checked' }, T0);
    assert.ok(Date.parse(b.modified) > Date.parse(a.modified));
    assert.equal(b.created, a.created);
    assert.equal(b.note, 'checked');
  });

  it('maps source and sidecar names both ways and names corrupt copies', () => {
    assert.equal(sidecarPathFor('seeds/a.txt'), 'seeds/a.txt.annotations.json');
    assert.equal(sourcePathFor('seeds/a.txt.annotations.json'), 'seeds/a.txt');
    assert.equal(sourcePathFor('seeds/a.json'), undefined);
    assert.equal(corruptPathFor('a.txt.annotations.json', new Date('2026-11-24T18:40:05.123Z')), 'a.txt.annotations.corrupt-20261124T184005Z.json');
  });

  it('hashes the UTF-8 bytes with sha256', async () => {
    assert.equal(await sha256Hex(''), 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    assert.equal(await sha256Hex('é'), '4a99557e4033c3539de2eb65472017cad5f9557f7a0625a09f1c3f6e2ba69c4c');
    assert.notEqual(await sha256Hex('a\n'), await sha256Hex('a\r\n'));
  });
});

describe('annotations: serialize and parse', () => {
  it('round-trips every field byte for byte', () => {
    const a = quoteAnnotation(14, 51, {
      status: 'confirmed',
      reliability: 'disputed',
      speaker: { name: 'Dmytro Kuleba', personId: 'p:dmytro-kuleba', annotationId: 'x-1' },
      note: 'Said twice; see <script>alert(1)</script> and [link](command:foo)',
      tags: ['ukraine', 'territory'],
      author: 'ana',
    });
    const sidecar = sidecarWith(a);
    sidecar.source.reliability = 'likely';
    sidecar.source.note = 'Re-scraped on Monday';
    sidecar.source.tags = ['wire'];
    const text = serializeSidecar(sidecar);
    const parsed = ok(text);
    assert.deepEqual(parsed.sidecar, sidecar);
    assert.deepEqual(parsed.warnings, []);
    assert.equal(serializeSidecar(parsed.sidecar), text);
  });

  it('writes 2-space JSON, fixed key order, sorted annotations and a final newline', () => {
    const late = quoteAnnotation(60, 66, { id: 'b' });
    const early2 = quoteAnnotation(0, 6, { id: 'z' });
    const early1 = quoteAnnotation(0, 6, { id: 'a' });
    const text = serializeSidecar(sidecarWith(late, early2, early1));
    assert.ok(text.endsWith('}\n') && !text.endsWith('\n\n'));
    assert.ok(text.startsWith('{\n  "version": 1,\n  "source": {\n    "path": "a.txt",'));
    const data = JSON.parse(text) as { annotations: Record<string, unknown>[] };
    assert.deepEqual(data.annotations.map((x) => x.id), ['a', 'z', 'b']);
    assert.deepEqual(Object.keys(data.annotations[0] as object), ['id', 'kind', 'status', 'target', 'tags', 'created', 'modified']);
  });

  it('is deterministic: key order of the input object does not matter', () => {
    const a = quoteAnnotation(14, 51, { note: 'n', reliability: 'likely' });
    const shuffled = Object.fromEntries(Object.entries(a).reverse()) as unknown as SidecarAnnotation;
    assert.equal(serializeSidecar(sidecarWith(a)), serializeSidecar(sidecarWith(shuffled)));
  });

  it('keeps unknown fields at every level and writes them back', () => {
    const text = serializeSidecar(sidecarWith(quoteAnnotation(14, 51, { id: 'q1' })));
    const data = raw(text);
    const first = data.annotations[0]!;
    data.generator = { name: 'other-tool', v: 3 };
    data.source.license = 'CC-BY';
    first.confidence = 0.75;
    first.target.refinedBy = { type: 'CssSelector' };
    first.target.quote.lang = 'uk';
    first.target.position.unit = 'codepoint';
    const parsed = ok(JSON.stringify(data));
    const again = raw(serializeSidecar(parsed.sidecar));
    const firstAgain = again.annotations[0]!;
    assert.deepEqual(again.generator, { name: 'other-tool', v: 3 });
    assert.equal(again.source.license, 'CC-BY');
    assert.equal(firstAgain.confidence, 0.75);
    assert.deepEqual(firstAgain.target.refinedBy, { type: 'CssSelector' });
    assert.equal(firstAgain.target.quote.lang, 'uk');
    assert.equal(firstAgain.target.position.unit, 'codepoint');
    assert.deepEqual(again, JSON.parse(serializeSidecar(ok(serializeSidecar(parsed.sidecar)).sidecar)));
  });

  it('accepts a byte-order mark and missing optional fields', () => {
    const text = '\uFEFF' + JSON.stringify({
      version: 1,
      source: { path: 'a.txt', sha256: '' },
      annotations: [{ id: 'x', kind: 'note', status: 'manual', created: '2026-01-01', modified: '2026-01-01',
        target: { quote: { type: 'TextQuoteSelector', exact: 'Kuleba' }, position: { type: 'TextPositionSelector', start: 0, end: 6 } } }],
    });
    const parsed = ok(text);
    assert.deepEqual(parsed.sidecar.source.tags, []);
    assert.equal(parsed.sidecar.annotations[0]?.target.quote.prefix, '');
  });
});

describe('annotations: bad sidecars', () => {
  const valid = serializeSidecar(sidecarWith(quoteAnnotation(14, 51, { id: 'q1' })));

  it('truncated JSON → invalid-json with the last line', () => {
    const p = problemOf(valid.slice(0, valid.length / 2));
    assert.equal(p.kind, 'invalid-json');
    assert.match(p.message, /not valid JSON.*truncated/);
    assert.equal(p.line, valid.slice(0, valid.length / 2).split('\n').length);
  });

  it('a syntax error names its line', () => {
    const broken = valid.replace('"kind": "quote",', '"kind": "quote",,');
    const p = problemOf(broken);
    assert.equal(p.kind, 'invalid-json');
    assert.equal(p.line, broken.split('\n').findIndex((l) => l.includes(',,')) + 1);
  });

  it('empty and whitespace-only files', () => {
    assert.equal(problemOf('').kind, 'invalid-json');
    assert.match(problemOf('  \n').message, /empty/);
  });

  it('git conflict markers → conflict-markers with the line', () => {
    const lines = valid.split('\n');
    const i = lines.findIndex((l) => l.includes('"modified"'));
    lines.splice(i, 1, '<<<<<<< HEAD', lines[i] as string, '=======', '      "modified": "2026-11-21T00:00:00.000Z"', '>>>>>>> other');
    const p = problemOf(lines.join('\n'));
    assert.equal(p.kind, 'conflict-markers');
    assert.equal(p.line, i + 1);
    assert.match(p.message, /merge conflict/);
  });

  it('wrong types → schema with readable details', () => {
    const data = raw(valid);
    data.annotations[0]!.target.position.start = '13';
    data.annotations[0]!.kind = 'rumour';
    const p = problemOf(JSON.stringify(data));
    assert.equal(p.kind, 'schema');
    assert.ok(p.details?.some((d) => d.includes('annotations.0.target.position.start must be integer')), String(p.details));
    assert.ok(p.details?.some((d) => d.includes('annotations.0.kind must be equal to one of the allowed values (quote, person, claim, boilerplate, note)')), String(p.details));
  });

  it('negative positions, a non-object, a missing version', () => {
    assert.equal(problemOf(valid.replace('"start": 14', '"start": -1')).kind, 'schema');
    assert.equal(problemOf('[1, 2]').kind, 'schema');
    assert.match(problemOf('{"source": {}, "annotations": []}').message, /no "version"/);
  });

  it('a future version is refused (read-only), not downgraded', () => {
    const p = problemOf(valid.replace('"version": 1', '"version": 7'));
    assert.equal(p.kind, 'future-version');
    assert.equal(p.foundVersion, 7);
    assert.match(p.message, /newer version.*read-only/);
  });

  it('describeProblem names the file and line', () => {
    assert.equal(describeProblem('seeds/a.txt.annotations.json', { kind: 'invalid-json', message: 'it is not valid JSON (x)', line: 4 }),
      'seeds/a.txt.annotations.json: it is not valid JSON (x) (line 4).');
  });

  it('duplicate ids: identical copies removed, different ones re-id-ed deterministically, nothing else lost', () => {
    const a = quoteAnnotation(14, 51, { id: 'same' });
    const b = quoteAnnotation(0, 6, { id: 'same', note: 'different' });
    const text = JSON.stringify({ ...raw(serializeSidecar(sidecarWith())), annotations: [a, a, b].map((x) => raw(serializeSidecar(sidecarWith(x))).annotations[0]) });
    const first = ok(text);
    const second = ok(text);
    assert.deepEqual(first.sidecar.annotations.map((x) => x.id).sort(), ['same', 'same~2']);
    assert.equal(first.sidecar.annotations.find((x) => x.id === 'same~2')?.note, 'different');
    assert.deepEqual(first.warnings.map((w) => w.kind), ['duplicate-id', 'duplicate-id']);
    assert.deepEqual(first.sidecar, second.sidecar);
  });

  it('a source path leaving the folder is a warning (the path is never followed)', () => {
    for (const path of ['../../etc/passwd', '/etc/passwd', 'C:\\Windows\\x.txt', 'file:///etc/passwd', 'a/../../b.txt']) {
      const parsed = ok(valid.replace('"path": "a.txt"', `"path": ${JSON.stringify(path)}`));
      assert.deepEqual(parsed.warnings.map((w) => w.kind), ['source-path'], path);
    }
    assert.deepEqual(ok(valid.replace('"path": "a.txt"', '"path": "sub/a.txt"')).warnings, []);
  });

  it('ratings off the configured scale are reported, not changed', () => {
    const s = sidecarWith(quoteAnnotation(14, 51, { id: 'r', reliability: 'shaky' }));
    s.source.reliability = 'likely';
    assert.deepEqual(reliabilityWarnings(s, DEFAULT_RELIABILITY_SCALE).map((w) => w.annotationId), ['r']);
    assert.deepEqual(reliabilityWarnings(s, ['shaky', 'solid']).map((w) => w.kind), ['unknown-reliability']);
  });

  it('start after end is a warning, not a refusal', () => {
    const parsed = ok(valid.replace('"start": 14', '"start": 60'));
    assert.equal(parsed.warnings[0]?.kind, 'invalid-range');
  });
});

describe('annotations: migration', () => {
  const v0 = {
    schemaVersion: 0,
    file: 'a.txt',
    hash: 'cd'.repeat(32),
    rating: 'likely',
    comment: 'old note',
    labels: ['wire'],
    exportedBy: 'prototype',
    items: [
      { uuid: 'u1', type: 'quote', quote: 'We will not trade territory for peace', before: 'Kuleba said: "', after: '." ', start: 14, end: 51,
        state: 'accepted', rating: 'confirmed', who: 'Dmytro Kuleba', comment: 'ok', labels: ['x'], user: 'ana',
        createdAt: '2025-01-01T00:00:00.000Z', updatedAt: '2025-01-02T00:00:00.000Z', colour: 'red' },
      { uuid: 'u2', type: 'claim', quote: 'resume', start: 85, end: 91, state: 'added', createdAt: '2025-01-03T00:00:00.000Z' },
    ],
  };

  it('migrates version 0 field by field and keeps fields it does not know', () => {
    const parsed = ok(JSON.stringify(v0));
    assert.equal(parsed.migratedFrom, 0);
    assert.equal(parsed.warnings[0]?.kind, 'migrated');
    const s = parsed.sidecar;
    assert.deepEqual(s.source, { path: 'a.txt', sha256: 'cd'.repeat(32), reliability: 'likely', note: 'old note', tags: ['wire'] });
    assert.deepEqual(s.unknownFields, { exportedBy: 'prototype' });
    const [u1, u2] = s.annotations;
    assert.deepEqual(u1, {
      id: 'u1', kind: 'quote', status: 'confirmed', reliability: 'confirmed', speaker: { name: 'Dmytro Kuleba' }, note: 'ok', tags: ['x'], author: 'ana',
      target: { quote: { type: 'TextQuoteSelector', exact: 'We will not trade territory for peace', prefix: 'Kuleba said: "', suffix: '." ' },
        position: { type: 'TextPositionSelector', start: 14, end: 51 } },
      created: '2025-01-01T00:00:00.000Z', modified: '2025-01-02T00:00:00.000Z', unknownFields: { colour: 'red' },
    });
    assert.equal(u2?.status, 'manual');
    assert.equal(u2?.modified, '2025-01-03T00:00:00.000Z');
    // Written back in the current format, it loads as version 1 without a migration.
    const again = ok(serializeSidecar(s));
    assert.equal(again.migratedFrom, undefined);
    assert.deepEqual(again.sidecar, s);
  });

  it('a broken version 0 file is refused like any other invalid file', () => {
    const broken = { ...v0, items: [{ uuid: 'u1', type: 'quote' }] };
    assert.equal(problemOf(JSON.stringify(broken)).kind, 'schema');
  });

  it('an unknown old version is refused', () => {
    assert.match(problemOf('{"version": -3, "source": {}, "annotations": []}').message, /not a known version/);
  });
});

describe('annotations: merge by id', () => {
  const base = sidecarWith(quoteAnnotation(14, 51, { id: 'shared' }), quoteAnnotation(0, 6, { id: 'gone-here' }), quoteAnnotation(60, 66, { id: 'gone-there' }));

  it('keeps both sides\u2019 additions', () => {
    const local = sidecarWith(...base.annotations, quoteAnnotation(1, 5, { id: 'mine' }));
    const disk = sidecarWith(...base.annotations, quoteAnnotation(2, 5, { id: 'theirs' }));
    const m = mergeSidecars(local, disk, base);
    assert.deepEqual(m.sidecar.annotations.map((a) => a.id).sort(), ['gone-here', 'gone-there', 'mine', 'shared', 'theirs']);
    assert.deepEqual(m.addedFromDisk, ['theirs']);
    assert.deepEqual(m.conflicts, []);
  });

  it('for the same id the newer modified wins, on either side', () => {
    const shared = base.annotations[0] as SidecarAnnotation;
    const older = updateAnnotation(shared, { note: 'older' }, new Date('2026-11-21T00:00:00Z'));
    const newer = updateAnnotation(shared, { note: 'newer' }, new Date('2026-11-22T00:00:00Z'));
    for (const [local, disk, kept] of [[older, newer, 'disk'], [newer, older, 'local']] as const) {
      const m = mergeSidecars(sidecarWith(local), sidecarWith(disk), sidecarWith(shared));
      assert.equal(m.sidecar.annotations[0]?.note, 'newer');
      assert.deepEqual(m.conflicts, [{ id: 'shared', kept }]);
    }
  });

  it('a change on one side beats an unchanged copy regardless of clocks', () => {
    const shared = base.annotations[0] as SidecarAnnotation;
    const changedWithOldClock = { ...shared, note: 'changed', modified: '2000-01-01T00:00:00.000Z' };
    const m = mergeSidecars(sidecarWith(shared), sidecarWith(changedWithOldClock), sidecarWith(shared));
    assert.equal(m.sidecar.annotations[0]?.note, 'changed');
  });

  it('deletions with a base: removed when the other side did not change it; an edit beats a delete', () => {
    const [shared, goneHere, goneThere] = base.annotations as [SidecarAnnotation, SidecarAnnotation, SidecarAnnotation];
    const local = sidecarWith(shared, goneThere);
    const disk = sidecarWith(shared, goneHere);
    const m = mergeSidecars(local, disk, base);
    assert.deepEqual(m.sidecar.annotations.map((a) => a.id), ['shared']);
    assert.deepEqual(m.removed.sort(), ['gone-here', 'gone-there']);
    const edited = updateAnnotation(goneHere, { note: 'edited on disk' });
    const m2 = mergeSidecars(local, sidecarWith(shared, edited), base);
    assert.ok(m2.sidecar.annotations.some((a) => a.id === 'gone-here' && a.note === 'edited on disk'));
  });

  it('without a base nothing is removed', () => {
    const m = mergeSidecars(sidecarWith(base.annotations[0] as SidecarAnnotation), sidecarWith(base.annotations[1] as SidecarAnnotation));
    assert.equal(m.sidecar.annotations.length, 2);
  });

  it('ties are broken the same way in both windows', () => {
    const shared = base.annotations[0] as SidecarAnnotation;
    const x = { ...shared, note: 'x' };
    const y = { ...shared, note: 'y' };
    const one = mergeSidecars(sidecarWith(x), sidecarWith(y)).sidecar;
    const two = mergeSidecars(sidecarWith(y), sidecarWith(x)).sidecar;
    assert.equal(serializeSidecar(one), serializeSidecar(two));
  });

  it('source-level fields: the side that changed them wins', () => {
    const local = structuredClone(base);
    const disk = structuredClone(base);
    disk.source.reliability = 'disputed';
    local.source.note = 'local note';
    const m = mergeSidecars(local, disk, base);
    assert.equal(m.sidecar.source.reliability, 'disputed');
    assert.equal(m.sidecar.source.note, 'local note');
  });
});

describe('annotations: shipped schema', () => {
  it('the generated validator matches schemas/annotations.schema.json (run scripts/genSidecarValidator.mjs after editing it)', () => {
    const generated = generateValidatorSource(readFileSync('schemas/annotations.schema.json', 'utf8'));
    assert.equal(readFileSync('src/core/annotations/validateSidecar.generated.ts', 'utf8'), generated);
  });

  it('package.json contributes the schema for *.annotations.json', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { contributes: { jsonValidation?: { fileMatch: string; url: string }[] } };
    assert.ok(pkg.contributes.jsonValidation?.some((j) => j.fileMatch === '*.annotations.json' && j.url === './schemas/annotations.schema.json'));
  });
});
