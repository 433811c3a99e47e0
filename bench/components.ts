/**
 * `node out/bench/components.js [MB] [runs]`: time of each analysis stage on the benchmark's
 * long document (warm, median of runs), to see where the time goes before optimising.
 * Run with `node --cpu-prof` for a profile of the same work.
 */
import { analyzeDocument } from '../src/core/analyze';
import { detectBoilerplate } from '../src/core/detect/boilerplate';
import { detectClaims } from '../src/core/detect/claims';
import { detectPeople } from '../src/core/detect/people';
import { detectQuotes } from '../src/core/detect/quotes';
import { OffsetMap } from '../src/core/text/offsets';
import { segment } from '../src/core/text/segment';
import { buildBigDocument, readSeeds } from './inputs';

const MB = 1024 * 1024;
const mb = Number(process.argv[2] ?? 5);
const runs = Math.max(1, Number(process.argv[3] ?? 5));
const text = buildBigDocument(readSeeds(), mb * MB);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

const times: Record<string, number[]> = {};
const cpuTimes: Record<string, number[]> = {};
/** Wall and CPU time of `work` (CPU time is the steadier figure on a loaded machine). */
function time<T>(name: string, work: () => T): T {
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const result = work();
  const cpu = process.cpuUsage(cpu0);
  (times[name] ??= []).push(performance.now() - t0);
  (cpuTimes[name] ??= []).push((cpu.user + cpu.system) / 1000);
  return result;
}

for (let run = 0; run < runs; run++) {
  const blocks = time('segment', () => segment(text));
  const people = time('people', () => detectPeople(text, blocks));
  const quotes = time('quotes', () => detectQuotes(text, blocks, people));
  const boilerplate = time('boilerplate', () => detectBoilerplate(text, blocks, {}));
  time('claims', () => detectClaims(text, blocks, quotes, people, boilerplate));
  time('offsetMap', () => new OffsetMap(text));
  time('analyzeDocument', () => analyzeDocument('big.txt', text));
}
const bytes = Buffer.byteLength(text);
console.log(`${(bytes / MB).toFixed(1)} MB document, median of ${runs} runs: wall ms, MB/s | CPU ms, MB/s`);
for (const [name, values] of Object.entries(times)) {
  const ms = median(values);
  const cpuMs = median(cpuTimes[name] ?? []);
  const rate = (t: number) => (bytes / MB / (t / 1000)).toFixed(1).padStart(7);
  console.log(`${name.padEnd(16)} ${ms.toFixed(1).padStart(8)} ms ${rate(ms)} MB/s | ${cpuMs.toFixed(1).padStart(8)} ms ${rate(cpuMs)} MB/s`);
}
