/**
 * Long corpus passes are written as generators that `yield` every few hundred items. The CLI
 * runs them to the end at once (`runSteps`); the extension host runs them with turns of its
 * event loop between slices (`runStepsSliced` in timeSlice.ts), so a pass over 10,000 files
 * never blocks typing for long (the cross-document pass alone took 0.5 s for 10,000 articles).
 */
export type Steps<T> = Generator<void, T, void>;

/** Items a corpus loop handles between two yields (each yield only asks "is the slice used up?"). */
export const ITEMS_PER_STEP = 256;

/** Runs `steps` to the end without pausing. */
export function runSteps<T>(steps: Steps<T>): T {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}
