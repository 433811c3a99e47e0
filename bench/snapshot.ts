/**
 * `node out/bench/snapshot.js OUT.json [MB]`: the analysis JSON of the benchmark inputs (a
 * corpus, one long document, a 100 KB article, plus texts with astral characters and
 * Markdown), written to one file. Optimisations of the engine must leave it byte-identical:
 * diff the file before and after a change.
 */
import { writeFileSync } from 'node:fs';
import { analyzeDocument } from '../src/core/analyze';
import { BlockMemo } from '../src/core/blockMemo';
import { analyzeSources } from '../src/core/pipeline';
import { buildBigDocument, buildCorpus, readSeeds } from './inputs';

const MB = 1024 * 1024;
const out = process.argv[2] ?? 'snapshot.json';
const mb = Number(process.argv[3] ?? 1);
const seeds = readSeeds();
const corpus = buildCorpus(seeds, mb * MB);
const big = buildBigDocument(seeds, mb * MB);
const article = buildBigDocument(seeds, 100 * 1024);
// Astral characters (emoji, math letters) shift code point offsets; Markdown wakes remark.
const astral = seeds.map((s, i) => s.replace(/\. /g, (m, at: number) => (at % 7 === i ? '. 😀 ' : at % 11 === 0 ? '. 𝐀 ' : m)));
const markdown = seeds.map((s) => `# Title\n\n${s.replace(/\n\n/g, '\n\n> ').replace(/ said /g, ' **said** ')}\n\n- one [link](https://example.org)\n- two\n`);
// The editor's path: one memo kept through a series of edits (typing, a deleted paragraph
// break, a pasted quote, an added name); each analysis must equal a fresh one.
const memo = new BlockMemo();
const edited: unknown[] = [];
let text = article;
const edits: [number, number, string][] = [
  [0.5, 0, 'x'], [0.5, 0, 'y'], [0.3, 2, ''], [0.7, 0, '\n\n'], [0.2, 0, ' “We will not,” Kuleba said. '],
  [0.9, 0, 'Maria Santos said: "no". '], [0.4, 5, ''], [0.6, 0, '\n'], [0.1, 0, 'Register now for updates\n\n'],
];
for (const [where, remove, insert] of edits) {
  const at = Math.floor(text.length * where);
  text = text.slice(0, at) + insert + text.slice(at + remove);
  analyzeDocument('article.txt', text, {}, memo);
  edited.push(analyzeDocument('article.txt', text, {}, memo));
}
const result = {
  edited,
  corpus: analyzeSources(corpus),
  big: analyzeDocument('big.txt', big),
  article: analyzeDocument('article.txt', article),
  astral: analyzeSources(astral.map((text, i) => ({ path: `astral${i}.txt`, text }))),
  markdown: markdown.map((text, i) => analyzeDocument(`md${i}.md`, text)),
};
writeFileSync(out, JSON.stringify(result, null, 1));
