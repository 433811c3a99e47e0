/**
 * Hardening (issue 9), hostile inputs: every kind of file a scraper can leave behind goes
 * through the same path as a real source (bytes → `decodeSource` → `analyzeDocument`) and
 * through the built CLI as a separate process. Asserted: no exception, a clear refusal where
 * the file is not text, and every span that leaves the core sits on its code point offsets
 * (`[...text].slice(start, end).join('') === span.text`). Timings are measured and printed
 * (a benchmark print at the end of the suite), never asserted.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { analyzeDocument } from '../../src/core/analyze';
import { decodeSource } from '../../src/core/text/decode';
import { OffsetMap } from '../../src/core/text/offsets';
import type { DocumentAnalysis, Span } from '../../src/core/types';

// This file runs from out/test/unit/.
const REPO = resolve(__dirname, '..', '..', '..');
const CLI = join(REPO, 'dist', 'cli.js');

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

/** `s` repeated up to exactly `n` UTF-16 units, cut at a code point boundary. */
function repeatTo(s: string, n: number): string {
  let out = s.repeat(Math.ceil(n / s.length)).slice(0, n);
  if (/[\uD800-\uDBFF]$/.test(out)) out = out.slice(0, -1);
  return out;
}

/** Every span of an analysis, named for assertion messages. */
function spansOf(a: DocumentAnalysis): [string, Span][] {
  const out: [string, Span][] = [];
  for (const q of a.quotes) {
    out.push([`quote ${q.start}`, q]);
    if (q.cue) out.push([`cue of quote ${q.start}`, q.cue]);
  }
  for (const p of a.people) for (const m of p.mentions) out.push([`mention of ${p.name}`, m]);
  for (const c of a.claims) out.push([`claim ${c.start}`, c]);
  for (const b of a.boilerplate) out.push([`boilerplate ${b.start}`, b]);
  return out;
}

/**
 * The contract literally (`[...text]`) for ordinary sizes; for tens of megabytes the same
 * check through an OffsetMap (an array of 50 million one-character strings would need
 * gigabytes).
 */
function assertSpansValid(text: string, a: DocumentAnalysis, what: string): void {
  const literal = text.length <= 2_000_000;
  const codePoints = literal ? [...text] : undefined;
  const map = new OffsetMap(text);
  const length = map.codePointLength;
  for (const [name, s] of spansOf(a)) {
    assert.ok(Number.isInteger(s.start) && Number.isInteger(s.end), `${what}: ${name} has non-integer offsets`);
    assert.ok(s.start >= 0 && s.start <= s.end && s.end <= length, `${what}: ${name} ${s.start}-${s.end} out of range 0-${length}`);
    const at = codePoints ? codePoints.slice(s.start, s.end).join('') : text.slice(map.toUtf16(s.start), map.toUtf16(s.end));
    assert.equal(at, s.text, `${what}: ${name} is not on its code point offsets`);
  }
}

/** Nested quotations `depth` levels deep, alternating curly double and single marks. */
function nestedQuotes(depth: number): string {
  let open = '';
  let close = '';
  for (let i = 0; i < depth; i++) {
    const double = i % 2 === 0;
    open += `${double ? '“' : '‘'}Level ${i} said `;
    close = `${double ? '”' : '’'}, he added.${close}`;
  }
  return `The minister said ${open}enough${close}\n`;
}

const ARTICLE =
  'Kyiv, Monday. Foreign Minister Dmytro Kuleba said on Thursday that “there will be no ceasefire without withdrawal”.\n\n' +
  'According to officials, 40 per cent of the grain was exported in 2023. “We are ready,” Lavrov told reporters.\n\n' +
  'Share this article\nClick here to subscribe to our newsletter\n';

interface Case {
  name: string;
  bytes: () => Uint8Array;
  /** False when the file must be refused as not text (with a reason). */
  text: boolean;
  /** What the decoded text must equal, when it is known exactly. */
  expected?: () => string;
}

const CASES: Case[] = [
  { name: 'empty file', bytes: () => new Uint8Array(0), text: true, expected: () => '' },
  { name: 'whitespace only', bytes: () => utf8(' \t\n\r\n   \u00a0\u2003\n\n'), text: true },
  {
    name: 'binary file renamed .txt (PNG header, NUL bytes)',
    bytes: () => {
      const b = new Uint8Array(4096);
      b.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
      for (let i = 12; i < b.length; i++) b[i] = (i * 7919) & 0xff;
      return b;
    },
    text: false,
  },
  {
    name: 'binary without NUL bytes (control characters)',
    bytes: () => Uint8Array.from({ length: 4096 }, (_, i) => [1, 2, 3, 4, 5, 6, 7, 14, 15, 16][i % 10] as number),
    text: false,
  },
  { name: 'invalid UTF-8, a few bad bytes (kept, lossy)', bytes: () => Uint8Array.from([...utf8(ARTICLE), 0xc3, 0x28, 0xff, ...utf8(ARTICLE)]), text: true },
  { name: 'invalid UTF-8 throughout (Latin-1 bytes)', bytes: () => Uint8Array.from({ length: 3000 }, (_, i) => (i % 3 === 0 ? 0xe9 : 0x61 + (i % 20))), text: false },
  {
    name: 'UTF-16 LE with BOM',
    bytes: () => {
      const body = ARTICLE + 'Zoë said “😀 ok”.\n';
      const b = new Uint8Array(2 + body.length * 2);
      b.set([0xff, 0xfe]);
      for (let i = 0; i < body.length; i++) {
        b[2 + 2 * i] = body.charCodeAt(i) & 0xff;
        b[3 + 2 * i] = body.charCodeAt(i) >> 8;
      }
      return b;
    },
    text: true,
    expected: () => ARTICLE + 'Zoë said “😀 ok”.\n',
  },
  {
    name: 'UTF-16 BE with BOM',
    bytes: () => {
      const body = ARTICLE;
      const b = new Uint8Array(2 + body.length * 2);
      b.set([0xfe, 0xff]);
      for (let i = 0; i < body.length; i++) {
        b[2 + 2 * i] = body.charCodeAt(i) >> 8;
        b[3 + 2 * i] = body.charCodeAt(i) & 0xff;
      }
      return b;
    },
    text: true,
    expected: () => ARTICLE,
  },
  { name: 'UTF-8 with BOM', bytes: () => utf8('\uFEFF' + ARTICLE), text: true, expected: () => ARTICLE },
  { name: 'CRLF line endings', bytes: () => utf8(ARTICLE.replace(/\n/g, '\r\n')), text: true },
  {
    name: 'mixed line endings (LF, CRLF, CR, U+2028)',
    bytes: () => utf8(ARTICLE.repeat(4).split('\n').map((line, i) => line + (['\n', '\r\n', '\r', '\u2028'][i % 4] as string)).join('')),
    text: true,
  },
  { name: 'a single 5 MB line', bytes: () => utf8(repeatTo('Kuleba said “we will not give up” and the ministry, according to officials, agreed. ', 5_000_000)), text: true },
  { name: '100k straight quote marks', bytes: () => utf8('"'.repeat(100_000)), text: true },
  { name: '100k curly quote marks, unbalanced', bytes: () => utf8(repeatTo('“““”', 100_000)), text: true },
  { name: 'deeply nested quotes (200 levels)', bytes: () => utf8(nestedQuotes(200)), text: true },
  {
    name: 'right-to-left text (Arabic, Hebrew, bidi controls)',
    bytes: () => utf8(repeatTo('قال الوزير «لن نستسلم» يوم الخميس. אמר השר "אנחנו מוכנים". \u202Eevil\u202C Kuleba said "ok".\n', 20_000)),
    text: true,
  },
  {
    name: 'emoji, flags, ZWJ sequences and combining marks',
    bytes: () => utf8(repeatTo('Zoë (Zoe\u0308) said “👩‍👩‍👧 🇺🇦 ok”. Ångström, A\u030Angstro\u0308m and 𝓗𝓮𝓵𝓵𝓸 told Reuters. ', 30_000)),
    text: true,
  },
];

const timings: { name: string; chars: number; decodeMs: number; analyseMs: number }[] = [];

describe('hardening: hostile inputs through decodeSource + analyzeDocument', () => {
  after(() => {
    // Benchmark print (figures for docs/hardening.md); not assertions.
    console.log('      timings (decode / analyse, this machine, shared):');
    for (const t of timings) console.log(`        ${t.name.padEnd(56)} ${String(t.chars).padStart(9)} chars  ${t.decodeMs.toFixed(0).padStart(5)} ms / ${t.analyseMs.toFixed(0).padStart(6)} ms`);
  });

  for (const c of CASES) {
    it(`${c.name}: ${c.text ? 'valid spans, no exception' : 'refused with a reason'}`, () => {
      const bytes = c.bytes();
      const t0 = performance.now();
      const decoded = decodeSource(bytes);
      const t1 = performance.now();
      if (!c.text) {
        assert.equal(decoded.ok, false, 'a non-text file was decoded as text');
        if (!decoded.ok) assert.match(decoded.reason, /binary|not valid UTF-8/);
        timings.push({ name: c.name, chars: 0, decodeMs: t1 - t0, analyseMs: 0 });
        return;
      }
      assert.ok(decoded.ok, decoded.ok ? '' : decoded.reason);
      if (c.expected) assert.equal(decoded.text, c.expected());
      const analysis = analyzeDocument('source.txt', decoded.text);
      const t2 = performance.now();
      assertSpansValid(decoded.text, analysis, c.name);
      timings.push({ name: c.name, chars: decoded.text.length, decodeMs: t1 - t0, analyseMs: t2 - t1 });
    });
  }

  it('text the editor holds but no decoder produces (lone surrogates, BOM kept, NUL characters) still gives valid spans', () => {
    const texts = [
      '\uFEFFKuleba said “we are ready”.\n',
      'Lavrov said “\uD800 broken \uDC00 pairs” on Monday.\n',
      'NUL\u0000inside said “x y z” and Kuleba agreed.\n',
      '\r\r\r\n\n\u2029“”””“““',
    ];
    for (const t of texts) assertSpansValid(t, analyzeDocument('x.txt', t), JSON.stringify(t.slice(0, 20)));
  });

  it('a lossy decode says so; a strict one does not', () => {
    const lossy = decodeSource(Uint8Array.from([...utf8(ARTICLE), 0xff, ...utf8(ARTICLE)]));
    assert.ok(lossy.ok && lossy.lossy && lossy.text.includes('\uFFFD'));
    const clean = decodeSource(utf8(ARTICLE));
    assert.ok(clean.ok && !clean.lossy);
  });
});

interface CliRun {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
}

function cli(args: string[], timeout = 120_000): CliRun {
  const started = performance.now();
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout, maxBuffer: 512 * 1024 * 1024 });
  if (r.error) throw r.error;
  return { status: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr, ms: performance.now() - started };
}

describe('hardening: the CLI exits cleanly on every hostile input', () => {
  let dir: string;
  const cliTimings: { name: string; ms: number; status: number | null }[] = [];
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'sa-hardening-'));
  });
  after(() => {
    rmSync(dir, { recursive: true, force: true });
    console.log('      CLI wall time per input (process start included):');
    for (const t of cliTimings) console.log(`        ${t.name.padEnd(56)} exit ${t.status}  ${t.ms.toFixed(0).padStart(6)} ms`);
  });

  for (const [i, c] of CASES.entries()) {
    it(`${c.name}: ${c.text ? 'exit 0 with valid JSON spans' : 'exit 1 with one line naming the file, no stack trace'}`, () => {
      const file = join(dir, `case-${i}.txt`);
      writeFileSync(file, c.bytes());
      const run = cli(['analyze', '--json', file]);
      cliTimings.push({ name: c.name, ms: run.ms, status: run.status });
      assert.equal(run.signal, null, `killed by ${run.signal}`);
      assert.ok(!run.stderr.includes('    at '), `stack trace on stderr: ${run.stderr.slice(0, 500)}`);
      if (!c.text) {
        assert.equal(run.status, 1, run.stderr);
        assert.match(run.stderr, new RegExp(`case-${i}\\.txt: not analysed: it (looks like a binary file|is not valid UTF-8)`));
        assert.equal(run.stdout, '');
        return;
      }
      assert.equal(run.status, 0, run.stderr);
      const report = JSON.parse(run.stdout) as { documents: DocumentAnalysis[] };
      assert.equal(report.documents.length, 1);
      const decoded = decodeSource(c.bytes());
      assert.ok(decoded.ok);
      assertSpansValid(decoded.text, report.documents[0]!, c.name);
    });
  }

  it('a 50 MB text file: analysed to the end (valid spans) and the process exits 0; just over the limit: refused by name', function () {
    this.timeout(600_000);
    // ~50 MB of prose with an article (quotes, names, claims, boilerplate) every ~100 KB, so
    // the JSON report stays a few megabytes while every detector runs over the whole file.
    const file = join(dir, 'fifty.txt');
    const filler = repeatTo('the talks went on through the night and into the next morning with little sign of progress. ', 100_000);
    // Each article is numbered: lines repeated verbatim all through one file count as page
    // furniture (boilerplate), and quotes inside boilerplate are dropped.
    const parts: string[] = [];
    let size = 0;
    for (let i = 0; size < 50_000_000; i++) {
      const part = `${ARTICLE.replace(/Thursday/, `Thursday, day ${i},`)}Zoë said “😀 fine number ${i}”, the ministry told Reuters.\n\n${filler}\n\n`;
      parts.push(part);
      size += part.length;
    }
    const text = parts.join('');
    writeFileSync(file, text);
    const run = cli(['analyze', '--json', file], 540_000);
    cliTimings.push({ name: '50 MB text file', ms: run.ms, status: run.status });
    assert.equal(run.signal, null, `killed by ${run.signal}`);
    assert.equal(run.status, 0, run.stderr.slice(0, 1000));
    const report = JSON.parse(run.stdout) as { documents: DocumentAnalysis[] };
    assert.ok(report.documents[0]!.quotes.length > 500, `the whole file was analysed (${report.documents[0]!.quotes.length} quotes)`);
    assertSpansValid(text, report.documents[0]!, '50 MB');
    // The last quote lies near the end: nothing was cut short.
    const lastQuote = report.documents[0]!.quotes.at(-1)!;
    assert.ok(lastQuote.start > 49_000_000, `last quote at ${lastQuote.start}`);

    const over = join(dir, 'over.txt');
    writeFileSync(over, repeatTo(ARTICLE, 50 * 1024 * 1024 + 10));
    const refused = cli(['analyze', over]);
    assert.equal(refused.status, 1);
    assert.match(refused.stderr, /over\.txt: file is 5\d\.\d MiB, over the 50 MiB limit/);
    assert.ok(!refused.stderr.includes('    at '));
  });
});
