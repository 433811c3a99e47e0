import assert from 'node:assert/strict';
import { TimeSlicer } from '../../src/core/timeSlice';

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
