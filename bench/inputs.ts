/**
 * Benchmark inputs built from the seeds: a corpus of varied copies and one long document.
 * Deterministic (fixed pseudo-random seeds), so every run and every tool measures the same text.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { SourceText } from '../src/core/pipeline';

// Seeds repeated with variations, so no two documents are identical (names, numbers and
// paragraph order change) but the mix of prose and boilerplate stays that of real scraped pages.

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

export function readSeeds(): string[] {
  const dir = seedsDir();
  return readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => readFileSync(join(dir, f), 'utf8'));
}

/** A deterministic pseudo-random generator (mulberry32), so every run builds the same input. */
export function rng(seed: number): () => number {
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

export function buildCorpus(seeds: string[], bytes: number): SourceText[] {
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
export function letters(n: number): string {
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
export function buildBigDocument(seeds: string[], bytes: number): string {
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

export function bytesOf(docs: readonly SourceText[]): number {
  return docs.reduce((n, d) => n + Buffer.byteLength(d.text), 0);
}

/** `count` article-sized documents (varied copies of the seeds), for the workspace rows. */
export function buildArticles(seeds: string[], count: number): SourceText[] {
  const random = rng(99);
  const docs: SourceText[] = [];
  for (let k = 0; k < count; k++) {
    const text = vary(seeds[k % seeds.length] as string, Math.floor(k / seeds.length), random);
    docs.push({ path: `articles/${String(Math.floor(k / 500)).padStart(3, '0')}/${String(k).padStart(5, '0')}.txt`, text });
  }
  return docs;
}
