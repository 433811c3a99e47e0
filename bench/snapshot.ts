/**
 * `node out/bench/snapshot.js OUT.json [MB]`: the analysis JSON of the benchmark inputs (a
 * corpus, one long document, a 100 KB article, plus texts with astral characters and
 * Markdown), written to one file. Optimisations of the engine must leave it byte-identical:
 * diff the file before and after a change.
 */
import { writeFileSync } from 'node:fs';
import { analyzeDocument } from '../src/core/analyze';
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
const result = {
  corpus: analyzeSources(corpus),
  big: analyzeDocument('big.txt', big),
  article: analyzeDocument('article.txt', article),
  astral: analyzeSources(astral.map((text, i) => ({ path: `astral${i}.txt`, text }))),
  markdown: markdown.map((text, i) => analyzeDocument(`md${i}.md`, text)),
};
writeFileSync(out, JSON.stringify(result, null, 1));
