/**
 * `node out/bench/annotations.js` (after `node scripts/build.mjs --tests`): how long the
 * sidecar core takes on large sources — re-anchoring after an outside edit (the per-annotation
 * worst case is the approximate search), moving spans with an editor change, and
 * parse/serialize of a large sidecar. Prints figures; asserts nothing.
 *
 * Environment: BENCH_MB (source size, default 5), BENCH_ANNOTATIONS (default 200).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import {
  anchorTarget,
  applyContentChangesToSidecar,
  createAnnotation,
  emptySidecar,
  parseSidecar,
  reanchorAll,
  serializeSidecar,
  type SidecarAnnotation,
} from '../src/core/annotations';
import { OffsetMap } from '../src/core/text/offsets';

const MB = 1024 * 1024;
const SIZE = Math.max(0.05, Number(process.env.BENCH_MB ?? 5)) * MB;
const COUNT = Math.max(1, Number(process.env.BENCH_ANNOTATIONS ?? 200));

const seeds = readdirSync('seeds').filter((f) => f.endsWith('.txt')).sort().map((f) => readFileSync(`seeds/${f}`, 'utf8'));
// Words of the seeds in a pseudo-random order (fixed seed): realistic characters and word
// lengths, but no passage occurs twice (repeated text is ambiguous by design and would only
// measure the orphan path).
const words = seeds.join(' ').split(/\s+/).filter(Boolean);
let state = 42;
/** mulberry32: a small PRNG with 32-bit integer arithmetic (exact in JS, unlike a float LCG). */
const random = () => {
  state = (state + 0x6d2b79f5) | 0;
  let t = Math.imul(state ^ (state >>> 15), 1 | state);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const parts: string[] = [];
for (let size = 0; size < SIZE; ) {
  const word = words[Math.floor(random() * words.length)] as string;
  const separator = random() < 0.03 ? '\n\n' : ' ';
  parts.push(word, separator);
  size += word.length + separator.length;
}
const text = parts.join('');
const map = new OffsetMap(text);
const length = map.codePointLength;

const annotations: SidecarAnnotation[] = [];
for (let i = 0; i < COUNT; i++) {
  const start = Math.floor(((i + 0.5) / COUNT) * (length - 200));
  annotations.push(createAnnotation({ text, start, end: start + 60 + (i % 80), kind: 'quote', id: `a${i}`, map }));
}
const sidecar = { ...emptySidecar('big.txt', ''), annotations };

function time<T>(label: string, run: () => T): T {
  const t0 = performance.now();
  const result = run();
  console.log(`${label.padEnd(58)} ${(performance.now() - t0).toFixed(1).padStart(9)} ms`);
  return result;
}

console.log(`source ${(text.length / MB).toFixed(1)} MB, ${COUNT} annotations`);
time('reanchorAll, text unchanged (position check)', () => reanchorAll(sidecar, text));
const shifted = 'A new first line added outside the editor.\n' + text;
time('reanchorAll, line added at the top (exact search)', () => reanchorAll(sidecar, shifted));
// Every 10th annotation gets six characters changed inside it, at its own position (the same
// words occur in other copies of the seed): those need the approximate search.
let edited = shifted;
const shiftedMap = new OffsetMap(shifted);
const offset = shiftedMap.codePointLength - length;
for (const a of annotations.filter((_, i) => i % 10 === 0).reverse()) {
  const at = shiftedMap.toUtf16(a.target.position.start + offset + 20);
  edited = edited.slice(0, at) + 'XYZXYZ' + edited.slice(at + 6);
}
const r = time(`reanchorAll, ${Math.ceil(COUNT / 10)} annotations edited inside (fuzzy)`, () => reanchorAll(sidecar, edited));
console.log(`  → ${r.orphans.length} orphans, ${[...r.anchors.values()].filter((x) => x.status === 'anchored' && x.method === 'fuzzy').length} fuzzy`);
const one = annotations[Math.floor(COUNT / 2)] as SidecarAnnotation;
const gone = { ...one.target, quote: { ...one.target.quote, exact: one.target.quote.exact.replace(/[aeiou]/g, 'q') } };
time('anchorTarget, one rewritten quote that ends up an orphan', () => anchorTarget(edited, gone));
time('applyContentChangesToSidecar, one keystroke', () =>
  applyContentChangesToSidecar(sidecar, text, [{ rangeOffset: 100, rangeLength: 0, text: 'x' }]));
const many = { ...sidecar, annotations: Array.from({ length: 20_000 }, (_, i) => ({ ...one, id: `m${i}` })) };
const serialized = time('serializeSidecar, 20,000 annotations', () => serializeSidecar(many));
console.log(`  → ${(serialized.length / MB).toFixed(1)} MB`);
time('parseSidecar (JSON + schema), 20,000 annotations', () => parseSidecar(serialized));
