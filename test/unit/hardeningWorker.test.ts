/**
 * Hardening (issue 9): long sources are analysed on a worker thread (dist/analysisWorker.js,
 * built by `npm run test:unit`) with the same result as on the calling thread, and a missing
 * worker is reported so the store can fall back. The caller's event loop is probed while the
 * worker runs (printed, not asserted).
 */
import assert from 'node:assert/strict';
import { join, resolve } from 'node:path';
import { analyzeDocument } from '../../src/core/analyze';
import { checkPatterns } from '../../src/core/settings/regexSafety';
import { OffThreadAnalysis } from '../../src/extension/offThreadAnalysis';

// This file runs from out/test/unit/.
const WORKER = join(resolve(__dirname, '..', '..', '..'), 'dist', 'analysisWorker.js');

function article(i: number): string {
  return `Foreign Minister Dmytro Kuleba said on Thursday, day ${i}, that “there will be no ceasefire without withdrawal”. “We are ready,” Lavrov told reporters. Zoë said “😀 fine”.\nShare this article\n\n`;
}

describe('hardening: analysis on a worker thread', () => {
  const worker = new OffThreadAnalysis(WORKER);
  after(() => worker.dispose());

  it('gives exactly the analysis of the calling thread (options, RegExp and Set included) without blocking it', async () => {
    let text = '';
    for (let i = 0; text.length < 200_000; i++) text += article(i);
    const options = { extraBoilerplatePatterns: checkPatterns(['^share this article$']).regexes, corpusRepeatedLines: new Set(['click here to subscribe']) };
    let last = performance.now();
    let worst = 0;
    const probe = setInterval(() => {
      const now = performance.now();
      worst = Math.max(worst, now - last - 10);
      last = now;
    }, 10);
    const started = performance.now();
    const offThread = await worker.analyse('a.txt', text, options);
    const workerMs = performance.now() - started;
    clearInterval(probe);
    const here = analyzeDocument('a.txt', text, options);
    assert.deepEqual(offThread, here);
    assert.ok(here.quotes.length > 1000 && here.boilerplate.length > 100);
    console.log(`      worker: ${text.length} characters in ${workerMs.toFixed(0)} ms; longest block of the calling thread meanwhile ${worst.toFixed(0)} ms`);
  });

  it('a second request while one runs is answered in order, each with its own result', async () => {
    const [a, b] = await Promise.all([worker.analyse('a.txt', article(1), {}), worker.analyse('b.txt', 'Kuleba said “no”.', {})]);
    assert.equal(a.path, 'a.txt');
    assert.equal(b.path, 'b.txt');
    assert.equal(b.quotes[0]?.text, '“no”');
  });

  it('a missing worker file rejects (the store then analyses on its own thread), and keeps rejecting', async () => {
    const missing = new OffThreadAnalysis(join(__dirname, 'no-such-worker.js'));
    await assert.rejects(missing.analyse('a.txt', 'text', {}));
    await assert.rejects(missing.analyse('a.txt', 'text', {}));
    missing.dispose();
  });

  it('after dispose nothing is accepted', async () => {
    const w = new OffThreadAnalysis(WORKER);
    w.dispose();
    await assert.rejects(w.analyse('a.txt', 'text', {}), /disposed/);
  });
});
