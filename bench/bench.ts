/**
 * `npm run bench`: analysis throughput on a multi-megabyte corpus built from the seeds and on
 * one large document, next to a single regex pass (the practical upper bound) and to
 * `compromise` (`.people()` + `.quotations()`, the library a user would otherwise reach for).
 *
 * Every measurement runs in a fresh child process (`node bench.js --row <name>`), so each
 * row's peak memory is its own: the child loads the prepared input from disk, records its
 * RSS, runs once, and reports the time and the peak RSS above that baseline
 * (`process.resourceUsage().maxRSS`). Rows are repeated and the median time is reported.
 *
 * Environment: BENCH_RUNS (default 3), BENCH_MB (corpus / document size, default 5),
 * BENCH_COMPROMISE_KB (slice given to compromise, default 200; it runs at well under
 * 1 MB/s, so its figure is extrapolated from the slice and the table says so).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, writeFileSync, existsSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { analyzeSources, type SourceText } from '../src/core/pipeline';
import { analyzeDocument } from '../src/core/analyze';
import { segment } from '../src/core/text/segment';
import { detectBoilerplate } from '../src/core/detect/boilerplate';
import { detectClaims } from '../src/core/detect/claims';
import { findCorpusRepeatedLines } from '../src/core/corpus';

const MB = 1024 * 1024;
const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 3));
const TARGET_MB = Math.max(0.1, Number(process.env.BENCH_MB ?? 5));
const COMPROMISE_KB = Math.max(10, Number(process.env.BENCH_COMPROMISE_KB ?? 200));
const WORK_DIR = join(tmpdir(), 'source-annotator-bench');

// ---------------------------------------------------------------------------------------
// Input generation: seeds repeated with variations, so no two documents are identical
// (names, numbers and paragraph order change) but the mix of prose and boilerplate stays
// that of real scraped pages.

const NAME_SWAPS: readonly [string, string[]][] = [
  ['Lavrov', ['Lavrov', 'Peskov', 'Zakharova', 'Ryabkov']],
  ['Kuleba', ['Kuleba', 'Sybiha', 'Podolyak', 'Yermak']],
  ['Antalya', ['Antalya', 'Istanbul', 'Geneva', 'Vienna']],
  ['Cavusoglu', ['Cavusoglu', 'Fidan', 'Kalin', 'Akar']],
];

function seedsDir(): string {
  for (const dir of [resolve('seeds'), join(__dirname, '../../seeds')]) if (existsSync(dir)) return dir;
  throw new Error('bench: run from the repository root (seeds/ not found)');
}

function readSeeds(): string[] {
  const dir = seedsDir();
  return readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => readFileSync(join(dir, f), 'utf8'));
}

/** A deterministic pseudo-random generator (mulberry32), so every run builds the same input. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function vary(seed: string, k: number, random: () => number): string {
  let s = seed;
  for (const [from, options] of NAME_SWAPS) s = s.split(from).join(options[k % options.length]);
  s = s.replace(/\d/g, (d) => String((Number(d) + k) % 10));
  const paragraphs = s.split(/\n\s*\n/);
  // Keep the head (title, lead) and the tail (footer) in place; shuffle the body.
  const head = paragraphs.slice(0, 2);
  const tail = paragraphs.slice(-4);
  const body = paragraphs.slice(2, -4);
  for (let i = body.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [body[i], body[j]] = [body[j] as string, body[i] as string];
  }
  return [...head, ...body, `Copy ${k}: this version was filed ${1 + (k % 28)} days after the meeting.`, ...tail].join('\n\n');
}

function buildCorpus(seeds: string[], bytes: number): SourceText[] {
  const random = rng(42);
  const docs: SourceText[] = [];
  let size = 0;
  for (let k = 0; size < bytes; k++) {
    const seed = seeds[k % seeds.length] as string;
    const text = vary(seed, Math.floor(k / seeds.length), random);
    docs.push({ path: `corpus/${String(k).padStart(5, '0')}.txt`, text });
    size += Buffer.byteLength(text);
  }
  return docs;
}

/** Base-26 letters for a counter ("a", "b", … "ba"): makes lines unique without adding numbers. */
function letters(n: number): string {
  let s = '';
  do {
    s = String.fromCharCode(97 + (n % 26)) + s;
    n = Math.floor(n / 26);
  } while (n > 0);
  return s;
}

/**
 * One long document (a pasted transcript or a whole feed). Prose paragraphs get a unique
 * tag so that the in-document repeat rule does not turn every recycled seed paragraph into
 * boilerplate, which a real long document would not do.
 */
function buildBigDocument(seeds: string[], bytes: number): string {
  const random = rng(7);
  const parts: string[] = [];
  let size = 0;
  let counter = 0;
  for (let k = 0; size < bytes; k++) {
    const part = vary(seeds[k % seeds.length] as string, k, random)
      .split('\n\n')
      .map((p) => (p.length >= 80 ? `Desk ${letters(counter++)}: ${p}` : p))
      .join('\n\n');
    parts.push(part);
    size += Buffer.byteLength(part) + 2;
  }
  return parts.join('\n\n');
}

// ---------------------------------------------------------------------------------------
// Rows. Each returns the number of input bytes it processed; the child times it.

interface RowInput {
  corpus: SourceText[];
  big: string;
  article: string;
}

type RowName = 'regex' | 'corpus' | 'single' | 'detectorsB' | 'compromise' | 'keystroke';

/** The upper bound: one cheap pass that finds quote marks and capitalised word pairs. */
const FIRST_CAP_PAIR_OR_QUOTE = /[“”"«»„]|[A-Z][a-z]+ [A-Z][a-z]+/g;

function runRow(row: RowName, input: RowInput): { bytes: number; note?: string; extra?: Record<string, number> } {
  switch (row) {
    case 'regex': {
      let hits = 0;
      for (const d of input.corpus) for (const _ of d.text.matchAll(FIRST_CAP_PAIR_OR_QUOTE)) hits++;
      for (const _ of input.big.matchAll(FIRST_CAP_PAIR_OR_QUOTE)) hits++;
      return { bytes: bytesOf(input.corpus) + Buffer.byteLength(input.big), note: `${hits} hits` };
    }
    case 'corpus': {
      const report = analyzeSources(input.corpus);
      const matches = 'quoteMatches' in report.corpus ? report.corpus.quoteMatches.length : 0;
      return { bytes: bytesOf(input.corpus), note: `${input.corpus.length} docs, ${matches} quote matches` };
    }
    case 'single': {
      const a = analyzeDocument('big.txt', input.big);
      return { bytes: Buffer.byteLength(input.big), note: `${a.quotes.length} quotes, ${a.claims.length} claims, ${a.boilerplate.length} boilerplate` };
    }
    case 'detectorsB': {
      // segment + boilerplate + claims + repeated lines: the engine-B share of the work.
      const blocks = segment(input.big);
      const repeated = findCorpusRepeatedLines(input.corpus.map((d) => d.text));
      const bp = detectBoilerplate(input.big, blocks, { corpusRepeatedLines: repeated });
      const claims = detectClaims(input.big, blocks, [], [], bp);
      return { bytes: Buffer.byteLength(input.big), note: `${bp.length} boilerplate, ${claims.length} claims (segment included)` };
    }
    case 'compromise': {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const nlp = require('compromise') as (t: string) => { people(): { out(f: string): unknown[] }; quotations(): { out(f: string): unknown[] } };
      const slice = input.big.slice(0, COMPROMISE_KB * 1024);
      const doc = nlp(slice);
      const people = doc.people().out('array').length;
      const quotes = doc.quotations().out('array').length;
      return { bytes: Buffer.byteLength(slice), note: `${COMPROMISE_KB} KB slice, extrapolated; ${people} people, ${quotes} quotes` };
    }
    case 'keystroke': {
      // Full re-analysis of a 100 KB article after a one-character edit (what the editor waits for).
      const times: number[] = [];
      let text = input.article;
      for (let i = 0; i < 40; i++) {
        const at = Math.floor(text.length / 2) + i;
        text = `${text.slice(0, at)}x${text.slice(at)}`;
        const t0 = performance.now();
        analyzeDocument('article.txt', text);
        times.push(performance.now() - t0);
      }
      times.sort((a, b) => a - b);
      return { bytes: Buffer.byteLength(text), extra: { p50: percentile(times, 0.5), p95: percentile(times, 0.95) } };
    }
  }
}

function bytesOf(docs: readonly SourceText[]): number {
  return docs.reduce((n, d) => n + Buffer.byteLength(d.text), 0);
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] as number;
}

// ---------------------------------------------------------------------------------------
// Child: one measurement.

interface Measurement {
  row: RowName;
  ms: number;
  /** User + system CPU time of the run: less disturbed than wall time on a shared machine. */
  cpuMs: number;
  bytes: number;
  peakRssDelta: number;
  heapDelta: number;
  note?: string;
  extra?: Record<string, number>;
}

function child(row: RowName): void {
  const input = JSON.parse(readFileSync(join(WORK_DIR, 'input.json'), 'utf8')) as RowInput;
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const rss0 = process.memoryUsage().rss;
  const heap0 = process.memoryUsage().heapUsed;
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const result = runRow(row, input);
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  const heap1 = process.memoryUsage().heapUsed;
  const peak = process.resourceUsage().maxRSS * 1024;
  const m: Measurement = { row, ms, cpuMs, bytes: result.bytes, peakRssDelta: Math.max(0, peak - rss0), heapDelta: heap1 - heap0 };
  if (result.note) m.note = result.note;
  if (result.extra) m.extra = result.extra;
  process.stdout.write(`${JSON.stringify(m)}\n`);
}

// ---------------------------------------------------------------------------------------
// Parent: prepare input, run the rows, print the table.

function measure(row: RowName, runs: number): Measurement {
  const results: Measurement[] = [];
  for (let i = 0; i < runs; i++) {
    const out = execFileSync(process.execPath, ['--expose-gc', '--max-old-space-size=4096', __filename, '--row', row], {
      encoding: 'utf8',
      maxBuffer: 16 * MB,
    });
    results.push(JSON.parse(out.trim().split('\n').pop() as string) as Measurement);
  }
  results.sort((a, b) => a.ms - b.ms);
  const median = results[Math.floor(results.length / 2)] as Measurement;
  return { ...median, peakRssDelta: Math.max(...results.map((r) => r.peakRssDelta)) };
}

function fmt(n: number, digits = 1): string {
  return n >= 100 ? n.toFixed(0) : n.toFixed(digits);
}

function parent(): void {
  const seeds = readSeeds();
  const corpus = buildCorpus(seeds, TARGET_MB * MB);
  const big = buildBigDocument(seeds, TARGET_MB * MB);
  const article = buildBigDocument(seeds, 100 * 1024);
  mkdirSync(WORK_DIR, { recursive: true });
  writeFileSync(join(WORK_DIR, 'input.json'), JSON.stringify({ corpus, big, article } satisfies RowInput));

  console.log(`Source Annotator benchmark — node ${process.version}, ${RUNS} run(s) per row (median), each run in a fresh process`);
  const [load1] = loadavg();
  console.log(`Machine: ${cpus().length} CPU(s), load average ${(load1 ?? 0).toFixed(1)} at start${(load1 ?? 0) > cpus().length ? ' — busy: wall-clock figures are inflated, the CPU-time columns are the better guide' : ''}`);
  console.log(`Corpus: ${corpus.length} documents, ${fmt(bytesOf(corpus) / MB, 2)} MB; single document: ${fmt(Buffer.byteLength(big) / MB, 2)} MB (seeds repeated with varied names, numbers and paragraph order)`);
  console.log('');

  const rows: { label: string; row: RowName; runs: number }[] = [
    { label: 'regex pass (upper bound), corpus + doc', row: 'regex', runs: RUNS },
    { label: 'analyzeSources, corpus', row: 'corpus', runs: RUNS },
    { label: 'analyzeDocument, single 5 MB doc', row: 'single', runs: RUNS },
    { label: 'segment+boilerplate+claims, single doc', row: 'detectorsB', runs: RUNS },
    { label: 'compromise people()+quotations()', row: 'compromise', runs: Math.min(RUNS, 2) },
  ];
  const results = rows.map((r) => ({ ...r, m: measure(r.row, r.runs) }));
  const speed = (m: Measurement): number => m.bytes / MB / (m.ms / 1000);
  const regex = speed(results[0]!.m);
  const comp = speed(results[results.length - 1]!.m);

  const cpuSpeed = (m: Measurement): number => m.bytes / MB / (m.cpuMs / 1000);
  const header = ['row', 'input MB', 'median ms', 'MB/s', 'CPU ms', 'MB/s CPU', 'vs regex', 'vs compromise', 'peak RSS +MB', 'RSS/input', 'heap +MB', 'note'];
  const table = results.map(({ label, m }) => {
    const s = speed(m);
    return [
      label,
      fmt(m.bytes / MB, 2),
      fmt(m.ms),
      fmt(s, 2),
      fmt(m.cpuMs),
      fmt(cpuSpeed(m), 2),
      `${(s / regex).toFixed(3)}×`,
      `${fmt(s / comp)}×`,
      fmt(m.peakRssDelta / MB),
      `${(m.peakRssDelta / m.bytes).toFixed(1)}×`,
      fmt(m.heapDelta / MB),
      m.note ?? '',
    ];
  });
  printTable(header, table);

  const ks = measure('keystroke', 1);
  console.log('');
  console.log(`Re-analysis after a one-character edit, ${fmt(ks.bytes / 1024, 0)} KB article (full analyzeDocument, 40 edits): p50 ${fmt(ks.extra?.p50 ?? NaN, 2)} ms, p95 ${fmt(ks.extra?.p95 ?? NaN, 2)} ms (target p95 ≤ 15 ms)`);
  console.log('');
  const corpusSpeed = speed(results[1]!.m);
  const singleSpeed = speed(results[2]!.m);
  console.log(`Target ≥ 20 MB/s: corpus ${fmt(corpusSpeed, 2)} MB/s ${corpusSpeed >= 20 ? 'met' : 'MISSED'}, single document ${fmt(singleSpeed, 2)} MB/s ${singleSpeed >= 20 ? 'met' : 'MISSED'}.`);
  console.log(`compromise figure is extrapolated from a ${COMPROMISE_KB} KB slice of the single document (it is too slow for 5 MB); its peak memory is for that slice only.`);
  console.log('MB/s uses wall time; MB/s CPU uses the process user+system CPU time (garbage collection threads included).');
  console.log('Peak RSS = process maxRSS minus RSS after loading the input; heap = heapUsed after the run minus before (includes uncollected garbage).');
}

function printTable(header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]): string => cells.map((c, i) => (i === 0 || i === cells.length - 1 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) console.log(line(r));
}

const rowArg = process.argv.indexOf('--row');
if (rowArg >= 0) child(process.argv[rowArg + 1] as RowName);
else parent();
