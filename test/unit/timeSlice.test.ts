import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeDocument } from '../../src/core/analyze';
import { analyzeCorpus, analyzeCorpusSteps, findCorpusRepeatedLines, findCorpusRepeatedLinesSteps } from '../../src/core/corpus';
import type { Steps } from '../../src/core/steps';
import { runStepsSliced, TimeSlicer } from '../../src/core/timeSlice';

describe('TimeSlicer', () => {
  it('yields only once the slice of work is used up, then starts a new slice', async () => {
    let clock = 0;
    let turns = 0;
    const slicer = new TimeSlicer(
      10,
      () => clock,
      () => {
        turns++;
        return Promise.resolve();
      },
    );
    for (const t of [0, 3, 9.9]) {
      clock = t;
      await slicer.turn();
    }
    assert.equal(turns, 0);
    clock = 10;
    await slicer.turn();
    assert.equal(turns, 1);
    clock = 15;
    await slicer.turn();
    assert.equal(turns, 1, 'a new slice starts after the turn');
    clock = 20;
    await slicer.turn();
    assert.equal(turns, 2);
  });

  it('lets timers run during a long loop with the default turn', async () => {
    let timerRan = false;
    setTimeout(() => (timerRan = true), 0);
    const slicer = new TimeSlicer(1);
    const until = performance.now() + 200;
    while (!timerRan && performance.now() < until) {
      const busy = performance.now() + 2;
      while (performance.now() < busy);
      await slicer.turn();
    }
    assert.equal(timerRan, true);
  });
});

describe('corpus passes in steps (runSteps / runStepsSliced)', () => {
  const seeds = readdirSync(join(__dirname, '..', '..', '..', 'seeds'))
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => readFileSync(join(__dirname, '..', '..', '..', 'seeds', f), 'utf8'));
  /** Many varied documents, so every loop passes several yields. */
  const texts = Array.from({ length: 60 }, (_, i) => (seeds[i % seeds.length] as string).replace(/Lavrov/g, i % 2 ? 'Lavrov' : 'Peskov'));

  function countingSlicer(sliceMs = 10): { slicer: TimeSlicer; turns: () => number } {
    let clock = 0;
    let turns = 0;
    // Every step "takes" 1 ms: a turn every `sliceMs` steps.
    const slicer = new TimeSlicer(sliceMs, () => clock++, () => {
      turns++;
      return Promise.resolve();
    });
    return { slicer, turns: () => turns };
  }

  it('gives the same result sliced as in one go, with turns between the slices', async () => {
    const whole = findCorpusRepeatedLines(texts);
    const { slicer, turns } = countingSlicer();
    const sliced = await runStepsSliced(findCorpusRepeatedLinesSteps(texts), slicer);
    assert.deepEqual(sliced && [...sliced].sort(), [...whole].sort());
    assert.deepEqual(sliced && [...sliced.rawForms].sort(), [...whole.rawForms].sort());
    assert.ok(turns() >= 3, `${turns()} turns`);

    const docs = texts.map((text, i) => ({ path: `d${i}.txt`, text, analysis: analyzeDocument(`d${i}.txt`, text, { corpusRepeatedLines: whole }) }));
    const counted = countingSlicer(1);
    const corpus = await runStepsSliced(analyzeCorpusSteps(docs), counted.slicer);
    assert.deepEqual(corpus, analyzeCorpus(docs));
    assert.ok(counted.turns() >= 2, `${counted.turns()} turns`);
  });

  it('stops at the next slice once cancelled, and reports that with undefined', async () => {
    const { slicer, turns } = countingSlicer();
    let steps = 0;
    function* endless(): Steps<number> {
      for (;;) {
        steps++;
        yield;
      }
    }
    const result = await runStepsSliced(endless(), slicer, () => turns() >= 2);
    assert.equal(result, undefined);
    assert.ok(steps >= 2 && steps < 100, `${steps} steps`);
  });
});
