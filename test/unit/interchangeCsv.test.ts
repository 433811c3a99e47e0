import assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import { CSV_COLUMNS, cleanText, csvCell, toCsv, uuidV5, planExport, relativeIri } from '../../src/core/interchange';
import { createAnnotation } from '../../src/core/annotations/selectors';
import type { Sidecar } from '../../src/core/annotations/model';
import { SOURCE_TEXT, richSidecar, spanOf } from './interchangeFixtures';

describe('interchange: CSV export', () => {
  const sidecar = richSidecar();
  const csv = toCsv([{ path: 'news/article.txt', text: SOURCE_TEXT, sidecar }], { bom: true });

  function rows(text: string): Record<string, string>[] {
    return parse<Record<string, string>>(text, { bom: true, columns: true, skip_empty_lines: true, relax_column_count: false });
  }

  it('opens in csv-parse with the documented columns and one row per annotation', () => {
    const records = rows(csv);
    assert.equal(records.length, sidecar.annotations.length);
    assert.deepEqual(Object.keys(records[0]!), [...CSV_COLUMNS]);
    const header: unknown = parse(csv, { bom: true, to_line: 1 })[0];
    assert.deepEqual(header, [...CSV_COLUMNS]);
  });

  it('starts with a UTF-8 BOM only when asked, and ends records with CRLF (RFC 4180)', () => {
    assert.equal(csv.charCodeAt(0), 0xfeff);
    assert.notEqual(toCsv([{ path: 'a', text: SOURCE_TEXT, sidecar }]).charCodeAt(0), 0xfeff);
    assert.ok(csv.startsWith('\uFEFFsource,id,kind,status,start,end,text,sentence,speaker'));
    assert.ok(csv.endsWith('\r\n'));
  });

  it('keeps text with commas, quotes, tabs, line breaks and emoji intact through a real parser', () => {
    const records = rows(csv);
    const quote = records.find((r) => r.id === '44444444-4444-4444-8444-444444444444')!;
    assert.equal(quote.text, '“We did not make progress on a ceasefire.”');
    assert.equal(quote.note, 'Matches the ministry transcript.\nSecond line, with a tab\there, a comma, and "quotes".');
    assert.equal(quote.speaker, 'Dmytro Kuleba');
    assert.equal(quote.reliability, 'likely');
    assert.equal(quote.tags, 'ceasefire; talks, Antalya');
    assert.equal(quote.source, 'news/article.txt');
    assert.equal(quote.source_reliability, 'unverified');
    assert.equal(quote.sentence, 'Foreign Minister Dmytro Kuleba said: “We did not make progress on a ceasefire.”');
    const multiLine = records.find((r) => r.id === '77777777-7777-4777-8777-777777777777')!;
    assert.equal(multiLine.text, 'He added that\r\nthe talks were “difficult”');
    const prices = records.find((r) => r.id === '88888888-8888-4888-8888-888888888888')!;
    assert.equal(prices.text, '“prices rose 30% 😟 since March”');
    assert.equal(prices.sentence, 'Café owner Zoë Nguyễn (e\u0301 with a combining accent) said “prices rose 30% 😟 since March”.');
    assert.deepEqual([Number(prices.start), Number(prices.end)], Object.values(spanOf(SOURCE_TEXT, '“prices rose 30% 😟 since March”')));
    assert.equal(prices.orphan, 'no');
  });

  it('neutralises cells a spreadsheet would run as a formula', () => {
    const records = rows(csv);
    const lavrov = records.find((r) => r.id === '55555555-5555-4555-8555-555555555555')!;
    assert.equal(lavrov.note, `'=HYPERLINK("http://evil.example") — formula-looking note`);
    const claim = records.find((r) => r.id === '66666666-6666-4666-8666-666666666666')!;
    assert.equal(claim.tags, `'-numbers; @check`);
    for (const cell of ['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx']) assert.ok(csvCell(cell).replace(/^"/, '').startsWith(`'`), JSON.stringify(cell));
    assert.equal(csvCell('plain, text'), '"plain, text"');
    assert.equal(csvCell('say "hi"'), '"say ""hi"""');
    assert.equal(csvCell('no quoting needed'), 'no quoting needed');
  });

  it('lists orphans last, without offsets or sentence', () => {
    const edited = SOURCE_TEXT.replace('Subscribe to our newsletter', 'Sign up today');
    const records = rows(toCsv([{ path: 'a.txt', text: edited, sidecar }]));
    const last = records[records.length - 1]!;
    assert.deepEqual([last.id, last.orphan, last.start, last.end, last.sentence], ['aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa', 'yes', '', '', '']);
  });
});

describe('interchange: clean text', () => {
  it('removes confirmed and manual boilerplate with the lines it emptied, keeps rejected boilerplate and CRLF', () => {
    const result = cleanText(SOURCE_TEXT, richSidecar());
    assert.equal(result.removed, 2);
    assert.ok(!result.text.includes('Home | World | Sport'));
    assert.ok(!result.text.includes('Share this article'));
    assert.ok(result.text.startsWith('Talks in Antalya 🇹🇷 end without a deal\r\n'));
    assert.ok(result.text.includes('Subscribe to our newsletter'), 'rejected boilerplate stays');
    assert.equal(result.text, SOURCE_TEXT.replace('Home | World | Sport\r\nShare this article 📤\r\n', ''));
  });

  it('cuts a boilerplate span inside a line without touching the rest of the line', () => {
    const text = 'Kyiv, 24 Nov. Read more: bit.ly/x\nThe talks ended.\n';
    const { start, end } = spanOf(text, ' Read more: bit.ly/x');
    const sidecar: Sidecar = {
      version: 1,
      source: { path: 'a.txt', sha256: '', tags: [] },
      annotations: [createAnnotation({ text, start, end, kind: 'boilerplate', status: 'confirmed' })],
    };
    assert.equal(cleanText(text, sidecar).text, 'Kyiv, 24 Nov.\nThe talks ended.\n');
  });

  it('removes a boilerplate last line without leaving a trailing line break behind it', () => {
    const text = 'Story text.\nAll rights reserved';
    const { start, end } = spanOf(text, 'All rights reserved');
    const sidecar: Sidecar = { version: 1, source: { path: 'a.txt', sha256: '', tags: [] }, annotations: [createAnnotation({ text, start, end, kind: 'boilerplate' })] };
    assert.equal(cleanText(text, sidecar).text, 'Story text.');
  });

  it('names the clean copy after the source and reports what it removed', () => {
    const plan = planExport('clean', { fileName: 'article.txt', displayPath: 'news/article.txt', sourceIri: 'file:///news/article.txt', text: SOURCE_TEXT, sidecar: richSidecar() });
    assert.deepEqual(plan.files.map((f) => f.name), ['article.clean.txt']);
    assert.deepEqual(plan.notes, ['news/article.txt: 2 boilerplate spans removed.']);
  });
});

describe('interchange: relative source IRIs', () => {
  it('points from the export folder to the source, percent-encoding names', () => {
    assert.equal(relativeIri('/news', '/news/article.txt'), 'article.txt');
    assert.equal(relativeIri('/news/out', '/news/article.txt'), '../article.txt');
    assert.equal(relativeIri('/exports/2026', '/news/a b/Café #1.txt'), '../../news/a%20b/Caf%C3%A9%20%231.txt');
    assert.equal(relativeIri('/', '/article.txt'), 'article.txt');
  });
});

describe('interchange: deterministic ids', () => {
  it('computes RFC 9562 UUID version 5 (known vector: DNS namespace, www.example.com)', () => {
    assert.equal(uuidV5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8'), '2ed6657d-e927-568b-95e1-2665a8aea6a2');
  });

  it('gives the same id for the same name and different ids for different names', () => {
    assert.equal(uuidV5('brat:a.txt#T1'), uuidV5('brat:a.txt#T1'));
    assert.notEqual(uuidV5('brat:a.txt#T1'), uuidV5('brat:a.txt#T2'));
    assert.match(uuidV5('brat:é😟.txt#T1'), /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
