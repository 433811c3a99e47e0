import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fromBrat, mergeImport, parseAnn, toBrat, bratAnnotationConf, detectedCuesOf } from '../../src/core/interchange';
import { analyzeDocument } from '../../src/core/analyze';
import { createAnnotation } from '../../src/core/annotations/selectors';
import { serializeSidecar } from '../../src/core/annotations/serialize';
import type { SidecarAnnotation } from '../../src/core/annotations/model';
import { SOURCE_TEXT, richSidecar, spanOf } from './interchangeFixtures';

const CORPUS = resolve(__dirname, '../../../test/fixtures/brat');

function readPair(name: string): { ann: string; txt: string } {
  return { ann: readFileSync(resolve(CORPUS, `${name}.ann`), 'utf8'), txt: readFileSync(resolve(CORPUS, `${name}.txt`), 'utf8') };
}

/** Text at brat fragments, counted as brat counts (Python string indices = code points). */
function bratText(txt: string, fragments: [number, number][]): string {
  const cps = [...txt];
  return fragments.map(([s, e]) => cps.slice(s, e).join('')).join(' ');
}

function byId(list: SidecarAnnotation[]): SidecarAnnotation[] {
  return [...list].sort((a, b) => (a.id < b.id ? -1 : 1));
}

describe('interchange: brat export', () => {
  const sidecar = richSidecar();
  const exported = toBrat(sidecar, SOURCE_TEXT);
  const parsed = parseAnn(exported.ann);

  it('writes the .txt copy as exactly the source text (CRLF kept) and a well-formed .ann', () => {
    assert.equal(exported.txt, SOURCE_TEXT);
    assert.ok(exported.txt.includes('\r\n'));
    assert.deepEqual(parsed.warnings, []);
    for (const line of exported.ann.split('\n').slice(0, -1)) {
      assert.match(line, /^[TAR#]\d+\t/, `unexpected line ${line}`);
      assert.ok(!/[\r\u2028\u2029\x85]/.test(line), 'no Python line boundary inside a line');
    }
    assert.ok(exported.ann.endsWith('\n'));
  });

  it('gives every T line code point offsets whose text is the text field, as brat reads it', () => {
    assert.equal(parsed.entities.size, sidecar.annotations.length + 2, 'one T per annotation plus the two derived Speaker spans');
    for (const e of parsed.entities.values()) {
      assert.equal(bratText(exported.txt, e.fragments), e.text, `${e.id} ${e.type}`);
    }
    const types = [...parsed.entities.values()].map((e) => e.type).sort();
    assert.deepEqual(types, ['Boilerplate', 'Boilerplate', 'Boilerplate', 'Claim', 'Cue', 'Person', 'Person', 'Quote', 'Quote', 'Quote', 'Speaker', 'Speaker']);
  });

  it('splits a span across a CRLF line break into fragments around the line break', () => {
    const cue = [...parsed.entities.values()].find((e) => e.type === 'Cue')!;
    const { start, end } = spanOf(SOURCE_TEXT, 'He added that\r\nthe talks were “difficult”');
    assert.deepEqual(cue.fragments, [[start, start + 'He added that'.length], [start + 'He added that'.length + 2, end]]);
    assert.equal(cue.text, 'He added that the talks were “difficult”');
  });

  it('writes Status and Reliability attributes, AnnotatorNotes and SaidBy relations', () => {
    const tOf = (needle: string) => [...parsed.entities.values()].find((e) => e.text === needle)!.id;
    const kuleba = tOf('Dmytro Kuleba');
    const quote = tOf('“We did not make progress on a ceasefire.”');
    const lavrovQuote = tOf('“never attacked anyone”');
    assert.ok(parsed.attributes.some((a) => a.name === 'Status' && a.target === quote && a.value === 'confirmed'));
    assert.ok(parsed.attributes.some((a) => a.name === 'Reliability' && a.target === quote && a.value === 'likely'));
    // A rating with a space becomes one brat token.
    assert.ok(parsed.attributes.some((a) => a.name === 'Reliability' && a.value === 'mostly_true'));
    assert.ok(parsed.relations.some((r) => r.type === 'SaidBy' && r.args[0]!.target === quote && r.args[1]!.target === kuleba));
    // Lavrov has no person annotation: a Speaker span is found next to his quote.
    const speaker = [...parsed.entities.values()].find((e) => e.type === 'Speaker' && e.text === 'Sergei Lavrov')!;
    assert.equal(speaker.text, 'Sergei Lavrov');
    assert.ok(parsed.relations.some((r) => r.args[0]!.target === lavrovQuote && r.args[1]!.target === speaker.id));
    const note = parsed.comments.find((c) => c.type === 'AnnotatorNotes' && c.target === quote)!;
    assert.equal(note.text, 'Matches the ministry transcript. Second line, with a tab here, a comma, and "quotes".');
  });

  it('declares the types and rating values it used in annotation.conf', () => {
    const conf = bratAnnotationConf(exported.used.entities, exported.used.reliabilities);
    for (const type of ['Quote', 'Person', 'Claim', 'Boilerplate', 'Speaker', 'Cue']) assert.match(conf, new RegExp(`^${type}$`, 'm'));
    assert.match(conf, /^Reliability\tArg:<ENTITY>, Value:.*mostly_true/m);
    assert.match(conf, /^SaidBy\tArg1:Quote, Arg2:Person\|Speaker$/m);
  });

  it('leaves out annotations it cannot place and says which', () => {
    const edited = SOURCE_TEXT.replace('Subscribe to our newsletter', 'Sign up today');
    const result = toBrat(sidecar, edited);
    assert.deepEqual(result.orphans, ['aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa']);
    assert.equal(parseAnn(result.ann).entities.size, sidecar.annotations.length - 1 + 2);
  });
});

describe('interchange: brat cues from the engine', () => {
  const TEXT = 'Talks end\r\nForeign Minister Anna Berg said: “We will not sign this agreement today.” 😟\r\n“It is a bad deal,” said Berg.\r\n';
  const quoteSpan = spanOf(TEXT, '“We will not sign this agreement today.”');
  const sidecar = {
    version: 1 as const,
    source: { path: 'berg.txt', sha256: '', tags: [] },
    annotations: [createAnnotation({ text: TEXT, ...quoteSpan, kind: 'quote', status: 'confirmed', speaker: { name: 'Anna Berg' }, id: 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb' })],
  };

  it('adds a Cue span and a CuedBy relation for a quote annotation on a detected quote, and does not import them back', () => {
    const cue = spanOf(TEXT, 'Foreign Minister Anna Berg said');
    // The detection excludes nothing here; a detection differing only by the quotation marks also matches.
    const { ann, txt } = toBrat(sidecar, TEXT, { cues: [{ start: quoteSpan.start + 1, end: quoteSpan.end - 1, cue }, { start: 0, end: 4, cue: { start: 5, end: 8 } }] });
    const parsed = parseAnn(ann);
    const cues = [...parsed.entities.values()].filter((e) => e.type === 'Cue');
    assert.deepEqual(cues.map((e) => e.text), ['Foreign Minister Anna Berg said']);
    const quoteT = [...parsed.entities.values()].find((e) => e.type === 'Quote')!;
    assert.ok(parsed.relations.some((r) => r.type === 'CuedBy' && r.args[0]!.target === quoteT.id && r.args[1]!.target === cues[0]!.id));
    const back = fromBrat(ann, txt, { sourceName: 'berg.txt' });
    assert.deepEqual(back.warnings, []);
    assert.deepEqual(back.annotations, sidecar.annotations);
  });

  it('takes the cues from the engine through the CLI-style pipeline (analyzeDocument)', () => {
    const { ann } = toBrat(sidecar, TEXT, { cues: detectedCuesOf(analyzeDocument('berg.txt', TEXT).quotes) });
    const parsed = parseAnn(ann);
    const cue = [...parsed.entities.values()].find((e) => e.type === 'Cue');
    assert.ok(cue, `no Cue span in\n${ann}`);
    assert.match(cue.text, /Berg said/);
    assert.ok(parsed.relations.some((r) => r.type === 'CuedBy'));
  });
});

describe('interchange: brat round trip', () => {
  it('sidecar → brat → sidecar keeps every annotation with every field', () => {
    const sidecar = richSidecar();
    const { ann, txt } = toBrat(sidecar, SOURCE_TEXT);
    const imported = fromBrat(ann, txt, { sourceName: 'article.txt' });
    assert.deepEqual(imported.warnings, []);
    assert.equal(imported.convention, 'as-is');
    assert.equal(imported.annotations.length, sidecar.annotations.length);
    assert.deepEqual(byId(imported.annotations), byId(sidecar.annotations));
  });

  it('re-importing the export into the original sidecar adds nothing', () => {
    const sidecar = richSidecar();
    const { ann, txt } = toBrat(sidecar, SOURCE_TEXT);
    const outcome = mergeImport(sidecar, fromBrat(ann, txt, { sourceName: 'article.txt' }), 'article.txt', sidecar.source.sha256);
    assert.deepEqual(outcome.added, []);
    assert.equal(serializeSidecar(outcome.sidecar), serializeSidecar(sidecar));
  });
});

describe('interchange: brat corpus import', () => {
  const NOW = new Date('2026-11-24T12:00:00.000Z');

  /** Every T of the .ann must land on its text (with line breaks shown as spaces, as brat writes them). */
  function assertSpansLand(name: string, annotations: SidecarAnnotation[], ann: string): void {
    const parsed = parseAnn(ann);
    for (const e of parsed.entities.values()) {
      const found = annotations.filter((a) => a.tags.includes(`brat:${e.type}`) || ['Quote', 'Person', 'Claim', 'Boilerplate', 'Note'].includes(e.type));
      const match = found.find((a) => a.target.quote.exact.replace(/\r?\n/g, ' ') === e.text);
      const discontinuous = e.fragments.length > 1 && !annotations.some((a) => a.target.quote.exact.replace(/\r?\n/g, ' ') === e.text);
      if (discontinuous) {
        // A fragmented span with text between its fragments: covers the gap, starts and ends on the fragments.
        const cover = annotations.find((a) => a.target.quote.exact.startsWith(e.text.split(' ')[0]!) && a.target.quote.exact.endsWith(e.text.split(' ').pop()!));
        assert.ok(cover, `${name} ${e.id}: no span covers “${e.text}”`);
      } else {
        assert.ok(match, `${name} ${e.id} (${e.type}) “${e.text}” did not land on its text`);
      }
    }
  }

  it('imports PARC-style Source / Cue / Content spans and attribution events (CRLF, emoji, combining marks)', () => {
    const { ann, txt } = readPair('doc1_parc');
    assert.ok(txt.includes('\r\n') && txt.includes('😟') && txt.includes('e\u0301'));
    const imported = fromBrat(ann, txt, { sourceName: 'doc1_parc.txt', now: NOW });
    assert.equal(imported.convention, 'as-is');
    assert.equal(imported.mismatched, 0);
    assert.equal(imported.annotations.length, 14);
    assertSpansLand('doc1', imported.annotations, ann);
    const exact = (s: string) => imported.annotations.find((a) => a.target.quote.exact === s)!;
    const quotes = imported.annotations.filter((a) => a.kind === 'quote');
    assert.equal(quotes.length, 4);
    for (const q of quotes) assert.ok(q.tags.includes('brat:Content'));
    assert.deepEqual(exact('that “no progress was made on a ceasefire”').speaker, { name: 'Dmytro Kuleba', annotationId: exact('Dmytro Kuleba').id });
    assert.equal(exact('“The Russian side is not ready,”').speaker?.name, 'the minister');
    assert.equal(exact('“The Russian side is not ready,”').note, 'The minister is Kuleba (coreference).');
    assert.equal(exact('prices rose “30% 😟 in a week”').speaker?.name, 'Zoë Nguyễn of the café (e\u0301');
    assert.deepEqual(exact('prices rose “30% 😟 in a week”').tags, ['brat:Content', 'Factuality=uncertain']);
    assert.equal(exact('“not attacked”').speaker?.name, 'Lavrov');
    // Cues (and the event trigger typed Attribution) are notes tagged with their brat type, saying which quote they introduce.
    const cue = exact('said');
    assert.equal(cue.kind, 'note');
    assert.deepEqual(cue.tags, ['brat:Cue']);
    assert.match(cue.note!, /Reporting cue of the quote “that “no progress/);
    assert.deepEqual(exact('insisted').tags, ['brat:Attribution']);
    // Unknown types are kept as tagged notes; a fragmented span across CRLF joins back into one span.
    assert.deepEqual([exact('Antalya').kind, exact('Antalya').tags], ['note', ['brat:Location']]);
    assert.ok(imported.annotations.some((a) => a.target.quote.exact === 'in Antalya.\r\nAccording to Zoë'));
    // Positions are code points of the text: the emoji quote.
    const prices = exact('prices rose “30% 😟 in a week”');
    assert.deepEqual([prices.target.position.start, prices.target.position.end], [253, 282]);
    assert.equal([...txt].slice(253, 282).join(''), prices.target.quote.exact);
  });

  it('imports relations, attributes, notes, discontinuous and multi-line spans (Cyrillic, emoji)', () => {
    const { ann, txt } = readPair('doc2_relations');
    const imported = fromBrat(ann, txt, { sourceName: 'doc2_relations.txt', now: NOW });
    assert.equal(imported.annotations.length, 8);
    assertSpansLand('doc2', imported.annotations, ann);
    const exact = (s: string) => imported.annotations.find((a) => a.target.quote.exact === s)!;
    const denial = exact('«Мы не нападали»');
    assert.deepEqual(denial.speaker, { name: 'Сергей Лавров', annotationId: exact('Сергей Лавров').id });
    assert.equal(denial.reliability, 'false');
    assert.equal(denial.note, 'Denial; contradicted by events.');
    const figure = exact('the figure was\n“broadly right”');
    assert.equal(figure.kind, 'quote');
    assert.equal(figure.speaker?.name, 'A spokesperson');
    assert.equal(exact('A spokesperson').kind, 'person');
    assert.deepEqual(exact('A spokesperson').tags, ['brat:Speaker']);
    assert.equal(exact('Advertisement').status, 'confirmed');
    assert.equal(exact('Advertisement').kind, 'boilerplate');
    assert.deepEqual(exact('141 countries condemned the invasion').tags, ['Negated']);
    assert.equal(exact('🙄').kind, 'note');
    assert.ok(exact('The claim that 141 countries condemned the invasion was checked'), 'the discontinuous claim covers its gap');
    assert.match(imported.warnings.join('\n'), /T8 is discontinuous/);
    assert.match(imported.warnings.join('\n'), /equivalence lines are not imported/);
  });

  it('detects offsets counted with CRLF as one character and maps them onto the file', () => {
    const { ann, txt } = readPair('doc3_windows');
    const imported = fromBrat(ann, txt, { sourceName: 'doc3_windows.txt', now: NOW });
    assert.equal(imported.convention, 'crlf-as-one');
    assert.equal(imported.mismatched, 0);
    assertSpansLand('doc3', imported.annotations, ann);
    const bridge = imported.annotations.find((a) => a.target.quote.exact === '“the bridge 🌉 will reopen in May”')!;
    assert.equal(bridge.speaker?.name, 'The mayor');
    assert.deepEqual([bridge.target.position.start, bridge.target.position.end], Object.values(spanOf(txt, '“the bridge 🌉 will reopen in May”')));
  });

  it('detects offsets that count a byte order mark (brat reads it as a character) and shifts them', () => {
    const { ann, txt } = readPair('doc4_bom');
    assert.equal(txt.charCodeAt(0), 0xfeff, 'the fixture starts with a BOM');
    const text = txt.slice(1); // what the source decoder gives the importer
    const imported = fromBrat(ann, text, { sourceName: 'doc4_bom.txt', now: NOW, textHadBom: true });
    assert.equal(imported.convention, 'bom-counted');
    assert.equal(imported.mismatched, 0);
    const quote = imported.annotations.find((a) => a.kind === 'quote')!;
    assert.equal(quote.target.quote.exact, '“no comment 🤐 for now”');
    assert.equal(quote.speaker?.name, 'The spokeswoman');
    // Without being told about the BOM, every span is off by one and each one is reported.
    const blind = fromBrat(ann, text, { sourceName: 'doc4_bom.txt', now: NOW });
    assert.equal(blind.mismatched, 2);
    assert.match(blind.warnings.join('\n'), /differs from the text at its offsets/);
  });

  it('reads .ann files with CRLF line endings', () => {
    const { ann, txt } = readPair('doc2_relations');
    const imported = fromBrat(ann.replace(/\n/g, '\r\n'), txt, { sourceName: 'doc2_relations.txt', now: NOW });
    assert.equal(imported.annotations.length, 8);
    assert.equal(imported.mismatched, 0);
  });

  it('is idempotent: the second import of the corpus adds nothing and leaves the sidecar byte-identical', () => {
    for (const name of ['doc1_parc', 'doc2_relations', 'doc3_windows']) {
      const { ann, txt } = readPair(name);
      const first = mergeImport(undefined, fromBrat(ann, txt, { sourceName: `${name}.txt`, now: NOW }), `${name}.txt`, 'b'.repeat(64));
      const later = new Date('2026-12-01T00:00:00.000Z');
      const second = mergeImport(first.sidecar, fromBrat(ann, txt, { sourceName: `${name}.txt`, now: later }), `${name}.txt`, 'b'.repeat(64));
      assert.ok(first.added.length > 0);
      assert.deepEqual(second.added, [], name);
      assert.equal(serializeSidecar(second.sidecar), serializeSidecar(first.sidecar), name);
    }
  });

  it('does not add an imported span the sidecar already marks as the same kind', () => {
    const { ann, txt } = readPair('doc2_relations');
    const imported = fromBrat(ann, txt, { sourceName: 'doc2_relations.txt', now: NOW });
    const mine = { ...imported.annotations.find((a) => a.kind === 'boilerplate')!, id: '12345678-1234-4234-8234-123456789abc' };
    const outcome = mergeImport({ version: 1, source: { path: 'doc2_relations.txt', sha256: 'b'.repeat(64), tags: [] }, annotations: [mine] }, imported, 'doc2_relations.txt', 'b'.repeat(64));
    assert.equal(outcome.duplicates.length, 1);
    assert.equal(outcome.sidecar.annotations.filter((a) => a.kind === 'boilerplate').length, 1);
  });

  it('reports malformed lines and out-of-range spans instead of throwing', () => {
    const imported = fromBrat('T1\tQuote 0 5\tHello\nT2\tQuote 3\tbroken\nX9\twhat\nT3\tQuote 2 999\tfar\nA1\tStatus T42 confirmed\n', 'Hello world', { sourceName: 'x.txt' });
    assert.equal(imported.annotations.length, 1);
    const warnings = imported.warnings.join('\n');
    assert.match(warnings, /line 2: not a valid text-bound annotation/);
    assert.match(warnings, /line 3: unknown annotation type/);
    assert.match(warnings, /line 4: T3 \(Quote\) ends at 999, after the end of the text/);
    assert.match(warnings, /line 5: attribute A1 refers to T42/);
  });
});
