/**
 * Fuzzing the sidecar storage: two windows and an outside tool editing one sidecar with
 * random operations, random write failures and random save / reload interleavings. After
 * every step what is on disk parses; at the end, once every window has saved, no annotation
 * that was created and never deleted is missing. Size: SOURCE_ANNOTATOR_FUZZ_RUNS (default
 * 300 runs' worth of steps spread over 30 runs; the nightly run sets e.g. 10000).
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  createAnnotation,
  emptySidecar,
  parseSidecar,
  serializeSidecar,
  updateAnnotation,
  type Sidecar,
} from '../../src/core/annotations';
import { SidecarStorage, SidecarWriteError } from '../../src/core/annotations/storage';
import { MemoryFs } from './support/memoryFs';

const STEPS = Number(process.env.SOURCE_ANNOTATOR_FUZZ_RUNS ?? 300);
const TEXT = 'Lavrov said on Thursday that “there will be no ceasefire”. Kuleba called the talks “easy”. 🇺🇦 Officials confirmed it.\n';
const LENGTH = [...TEXT].length;

type Op =
  | { op: 'add'; w: number; at: number; len: number }
  | { op: 'edit'; w: number; pick: number }
  | { op: 'delete'; w: number; pick: number }
  | { op: 'save'; w: number }
  | { op: 'doubleSave'; w: number; at: number }
  | { op: 'reload'; w: number }
  | { op: 'fail'; n: number }
  | { op: 'outside'; at: number };

const window = fc.integer({ min: 0, max: 1 });
const operation: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ op: fc.constant('add' as const), w: window, at: fc.nat({ max: LENGTH - 1 }), len: fc.integer({ min: 1, max: 30 }) }),
  fc.record({ op: fc.constant('edit' as const), w: window, pick: fc.nat() }),
  fc.record({ op: fc.constant('delete' as const), w: window, pick: fc.nat() }),
  fc.record({ op: fc.constant('save' as const), w: window }),
  fc.record({ op: fc.constant('doubleSave' as const), w: window, at: fc.nat({ max: LENGTH - 1 }) }),
  fc.record({ op: fc.constant('reload' as const), w: window }),
  fc.record({ op: fc.constant('fail' as const), n: fc.integer({ min: 1, max: 2 }) }),
  fc.record({ op: fc.constant('outside' as const), at: fc.nat({ max: LENGTH - 1 }) }),
);

const FILE = 'a.txt.annotations.json';

describe('sidecar storage fuzz (fast-check)', () => {
  it('two windows + an outside tool, random failures: disk always parses, nothing created is lost', async () => {
    let ids = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(operation, { minLength: 5, maxLength: 40 }), async (ops) => {
        const fs = new MemoryFs();
        const windows: { storage: SidecarStorage<string>; local: Sidecar }[] = [0, 1].map(() => ({ storage: new SidecarStorage(fs, FILE), local: emptySidecar('a.txt', '') }));
        const created = new Set<string>();
        const deleted = new Set<string>();
        const diskParses = () => {
          const data = fs.files.get(FILE);
          if (!data) return;
          const parsed = parseSidecar(new TextDecoder().decode(data));
          assert.ok(parsed.ok, parsed.ok ? '' : parsed.problem.message);
        };
        const save = async (w: number) => {
          const win = windows[w]!;
          try {
            win.local = (await win.storage.save(win.local)).sidecar;
          } catch (e) {
            // A failed write is reported and the state stays as it was (still dirty).
            assert.ok(e instanceof SidecarWriteError, String(e));
          }
        };
        for (const step of ops) {
          switch (step.op) {
            case 'add': {
              const id = `id-${ids++}`;
              const win = windows[step.w]!;
              win.local = { ...win.local, annotations: [...win.local.annotations, createAnnotation({ text: TEXT, start: step.at, end: step.at + step.len, kind: 'note', id })] };
              created.add(id);
              break;
            }
            case 'edit': {
              const win = windows[step.w]!;
              const target = win.local.annotations[step.pick % Math.max(1, win.local.annotations.length)];
              if (target) win.local = { ...win.local, annotations: win.local.annotations.map((a) => (a === target ? updateAnnotation(a, { note: `edited ${step.pick}` }) : a)) };
              break;
            }
            case 'delete': {
              const win = windows[step.w]!;
              const target = win.local.annotations[step.pick % Math.max(1, win.local.annotations.length)];
              if (target) {
                deleted.add(target.id);
                win.local = { ...win.local, annotations: win.local.annotations.filter((a) => a !== target) };
              }
              break;
            }
            case 'save':
              await save(step.w);
              break;
            case 'doubleSave': {
              // A second save queued before the first one's (possibly merged) result was adopted.
              const win = windows[step.w]!;
              const first = win.storage.save(win.local);
              const id = `id-${ids++}`;
              created.add(id);
              win.local = { ...win.local, annotations: [...win.local.annotations, createAnnotation({ text: TEXT, start: step.at, end: Math.min(LENGTH, step.at + 3), kind: 'note', id })] };
              const second = win.storage.save(win.local);
              const [r1, r2] = await Promise.allSettled([first, second]);
              for (const r of [r1, r2]) if (r.status === 'rejected') assert.ok(r.reason instanceof SidecarWriteError, String(r.reason));
              if (r2.status === 'fulfilled') win.local = r2.value.sidecar;
              break;
            }
            case 'reload': {
              const win = windows[step.w]!;
              const result = await win.storage.reload(win.local);
              if (result.kind === 'merged' || result.kind === 'loaded') win.local = result.sidecar;
              break;
            }
            case 'fail':
              fs.failWrites = step.n;
              break;
            case 'outside': {
              // Another tool appends an annotation directly to the file (when it is there).
              const data = fs.files.get(FILE);
              if (!data) break;
              const parsed = parseSidecar(new TextDecoder().decode(data));
              if (!parsed.ok) break;
              const id = `outside-${ids++}`;
              created.add(id);
              parsed.sidecar.annotations.push(createAnnotation({ text: TEXT, start: step.at, end: Math.min(LENGTH, step.at + 5), kind: 'claim', id }));
              fs.files.set(FILE, new TextEncoder().encode(serializeSidecar(parsed.sidecar)));
              break;
            }
          }
          diskParses();
          // No stray temporary files are left behind.
          assert.deepEqual([...fs.files.keys()].filter((k) => k !== FILE), []);
        }
        // Everyone saves without faults: the file converges and nothing created is missing.
        fs.failWrites = 0;
        await save(0);
        await save(1);
        await save(0);
        const final = parseSidecar(new TextDecoder().decode(fs.files.get(FILE) ?? new TextEncoder().encode('{}')));
        const onDisk = new Set(final.ok ? final.sidecar.annotations.map((a) => a.id) : []);
        for (const id of created) {
          if (!deleted.has(id)) assert.ok(onDisk.has(id), `annotation ${id} was lost`);
        }
      }),
      { numRuns: Math.max(10, Math.round(STEPS / 10)) },
    );
  });
});
