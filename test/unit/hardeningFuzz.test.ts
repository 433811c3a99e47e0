/**
 * Hardening (issue 9), fuzzing the annotation store's core the way the editor drives it:
 * a random document (letters, quotes, CRLF, emoji, combining marks), random edit sequences
 * (as `onDidChangeTextDocument` sends them) and random annotation operations in two windows
 * that share one sidecar file, with random write failures (a full disk) and an outside tool
 * appending to the file. Checked after every step:
 *   - nothing throws except the reported write failure (`SidecarWriteError`);
 *   - no annotation that was created and never deleted is missing from either window;
 *   - every annotation not made an orphan by an edit sits on its own text
 *     (`[...text].slice(start, end).join('') === quote.exact`) or is honestly an orphan
 *     (`anchorTarget` cannot place it) — never on other text;
 *   - what is on disk always parses, and no temporary file is left behind.
 * At the end every window saves without faults and the file holds every surviving annotation.
 *
 * Size: FUZZ_RUNS steps (default 300 in `npm test`; `npm run test:fuzz` runs 10,000).
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  anchorTarget,
  applyContentChangesToSidecar,
  createAnnotation,
  emptySidecar,
  parseSidecar,
  reanchorAll,
  serializeSidecar,
  sha256Hex,
  updateAnnotation,
  type ContentChange,
  type Sidecar,
} from '../../src/core/annotations';
import { SidecarStorage, SidecarWriteError } from '../../src/core/annotations/storage';
import { MemoryFs } from './support/memoryFs';
import { OffsetMap } from '../../src/core/text/offsets';

const STEPS = Number(process.env.FUZZ_RUNS ?? 300);
const MEAN_OPS = 20;

/** Pieces a scraped article is made of, hostile ones included. */
const PIECES = [
  'Kuleba said ', '“we are ready”', ' ', '. ', '\n', '\r\n', '\n\n', '"', '‘', '’', '«non»', 'Zoë', 'e\u0301', '👩‍👩‍👧', '🇺🇦',
  '𝓗𝓮𝓵𝓵𝓸', 'قال', 'the ministry', ', according to officials, ', '40%', '[link](command:x)', '<script>x</script>', '\t', 'a',
];
const documentArb = fc.array(fc.constantFrom(...PIECES), { minLength: 0, maxLength: 60 }).map((p) => p.join(''));

type Op =
  | { op: 'add'; w: number; a: number; b: number; kind: 'quote' | 'note' | 'claim' }
  | { op: 'edit'; w: number; pick: number }
  | { op: 'delete'; w: number; pick: number }
  | { op: 'type'; changes: { a: number; b: number; text: string }[] }
  | { op: 'save'; w: number }
  | { op: 'reload'; w: number }
  | { op: 'fail'; n: number }
  | { op: 'outside'; a: number; b: number };

const w = fc.integer({ min: 0, max: 1 });
const pos = fc.nat({ max: 10_000 });
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ op: fc.constant('add' as const), w, a: pos, b: pos, kind: fc.constantFrom('quote' as const, 'note' as const, 'claim' as const) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('edit' as const), w, pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('delete' as const), w, pick: fc.nat() }) },
  {
    weight: 5,
    arbitrary: fc.record({
      op: fc.constant('type' as const),
      changes: fc.array(fc.record({ a: pos, b: pos, text: fc.oneof(fc.constant(''), fc.constantFrom(...PIECES), fc.string({ maxLength: 6 })) }), { minLength: 1, maxLength: 3 }),
    }),
  },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('save' as const), w }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('reload' as const), w }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('fail' as const), n: fc.integer({ min: 1, max: 2 }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('outside' as const), a: pos, b: pos }) },
);

const FILE = 'source.txt.annotations.json';

/** Code point offset → UTF-16 offset into `text`, clamped. */
function utf16At(map: OffsetMap, cp: number): number {
  return map.toUtf16(Math.min(cp, map.codePointLength));
}

let stepsRun = 0;

describe('hardening fuzz: documents + edits + annotation operations in two windows (fast-check)', () => {
  after(() => console.log(`      fuzz: ${stepsRun} steps (FUZZ_RUNS=${STEPS})`));

  it('never throws, never loses an annotation, never moves one onto other text; the disk always parses', async function () {
    this.timeout(Math.max(60_000, STEPS * 200));
    let ids = 0;
    const property = fc.asyncProperty(documentArb, fc.array(opArb, { minLength: 5, maxLength: 2 * MEAN_OPS }), async (initial, ops) => {
        const fs = new MemoryFs();
        let text = initial;
        // Both windows show the same source; an edit reaches both (the other one as a reload of the file).
        const windows = [0, 1].map(() => ({ storage: new SidecarStorage(fs, FILE), local: emptySidecar('source.txt', '') }));
        const created = new Set<string>();
        const deleted = new Set<string>();
        const collapsed = new Set<string>();

        /** Every annotation sits on its own text, or was emptied by an edit, or is honestly an orphan. */
        const checkPlaced = (win: { local: Sidecar }, which: string) => {
          const map = new OffsetMap(text);
          const cps = [...text];
          for (const ann of win.local.annotations) {
            if (collapsed.has(ann.id)) continue;
            const { start, end } = ann.target.position;
            const inPlace = start >= 0 && start <= end && end <= cps.length && cps.slice(start, end).join('') === ann.target.quote.exact;
            if (!inPlace) {
              const r = anchorTarget(text, ann.target, map);
              assert.equal(r.status, 'orphan', `${which}: ${ann.id} at ${start}-${end} is not on "${ann.target.quote.exact}" yet could be placed at ${r.status === 'anchored' ? `${r.start}-${r.end}` : ''}`);
            }
          }
        };
        /** What the extension's store does with a sidecar read or merged from disk: re-anchor it on the current text. */
        const adopt = async (sidecar: Sidecar): Promise<Sidecar> => {
          const re = reanchorAll(sidecar, text, await sha256Hex(text));
          assert.equal(re.sidecar.annotations.length, sidecar.annotations.length, 're-anchoring dropped an annotation');
          return re.sidecar;
        };
        const diskCheck = () => {
          const data = fs.files.get(FILE);
          if (data) {
            const parsed = parseSidecar(new TextDecoder().decode(data));
            assert.ok(parsed.ok, parsed.ok ? '' : parsed.problem.message);
          }
          assert.deepEqual([...fs.files.keys()].filter((k) => k !== FILE), [], 'a temporary file was left behind');
        };
        const save = async (i: number) => {
          const win = windows[i]!;
          const local: Sidecar = { ...win.local, source: { ...win.local.source, sha256: await sha256Hex(text) } };
          try {
            win.local = await adopt((await win.storage.save(local, { text })).sidecar);
          } catch (e) {
            assert.ok(e instanceof SidecarWriteError, `unexpected ${String(e)}`);
            assert.match(e.message, /ENOSPC|could not|write/i);
          }
        };

        for (const step of ops) {
          stepsRun++;
          const held = windows.map((win) => win.local.annotations.map((a) => a.id));
          const map = new OffsetMap(text);
          const len = map.codePointLength;
          switch (step.op) {
            case 'add': {
              if (len === 0) break;
              const s = step.a % len;
              const e = Math.min(len, s + 1 + (step.b % 40));
              const id = `id-${ids++}`;
              const win = windows[step.w]!;
              win.local = { ...win.local, annotations: [...win.local.annotations, createAnnotation({ text, start: s, end: e, kind: step.kind, id, map, note: step.kind === 'note' ? '[x](command:evil) <b>' : undefined })] };
              created.add(id);
              break;
            }
            case 'edit': {
              const win = windows[step.w]!;
              const target = win.local.annotations[step.pick % Math.max(1, win.local.annotations.length)];
              if (target) win.local = { ...win.local, annotations: win.local.annotations.map((a) => (a === target ? updateAnnotation(a, { note: `edited ${step.pick}`, reliability: 'likely' }) : a)) };
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
            case 'type': {
              // Each change's offsets refer to the text after the previous ones (VS Code's order).
              const changes: ContentChange[] = [];
              let t = text;
              for (const c of step.changes) {
                const m = new OffsetMap(t);
                const l = m.codePointLength;
                const a = l === 0 ? 0 : c.a % (l + 1);
                const b = Math.min(l, a + (c.b % 12));
                const change = { rangeOffset: utf16At(m, a), rangeLength: utf16At(m, b) - utf16At(m, a), text: c.text };
                changes.push(change);
                t = t.slice(0, change.rangeOffset) + c.text + t.slice(change.rangeOffset + change.rangeLength);
              }
              for (const win of windows) {
                const shift = applyContentChangesToSidecar(win.local, text, changes, t);
                assert.equal(shift.sidecar.annotations.length, win.local.annotations.length, 'an edit dropped an annotation');
                for (const id of shift.collapsed) collapsed.add(id);
                win.local = shift.sidecar;
              }
              text = t;
              break;
            }
            case 'save':
              await save(step.w);
              break;
            case 'reload': {
              const win = windows[step.w]!;
              const result = await win.storage.reload(win.local);
              if (result.kind === 'merged' || result.kind === 'loaded') win.local = await adopt(result.sidecar);
              else assert.ok(result.kind === 'missing', `reload: ${result.kind}`);
              break;
            }
            case 'fail':
              fs.failWrites = step.n;
              break;
            case 'outside': {
              // Another tool (a teammate's commit) adds an annotation straight to the file.
              const data = fs.files.get(FILE);
              if (!data || len === 0) break;
              const parsed = parseSidecar(new TextDecoder().decode(data));
              assert.ok(parsed.ok);
              const id = `outside-${ids++}`;
              const s = step.a % len;
              parsed.sidecar.annotations.push(createAnnotation({ text, start: s, end: Math.min(len, s + 1 + (step.b % 10)), kind: 'claim', id, map }));
              created.add(id);
              fs.files.set(FILE, new TextEncoder().encode(serializeSidecar(parsed.sidecar)));
              break;
            }
          }
          diskCheck();
          for (const [i, win] of windows.entries()) {
            checkPlaced(win, `window ${i}`);
            // An annotation a window held before this step is still there unless someone deleted it.
            const have = new Set(win.local.annotations.map((a) => a.id));
            for (const id of held[i]!) if (!deleted.has(id)) assert.ok(have.has(id), `window ${i} lost ${id} in step ${JSON.stringify(step)}`);
          }
        }

        // Everyone saves without faults: the file holds every annotation created and not deleted.
        fs.failWrites = 0;
        await save(0);
        await save(1);
        await save(0);
        const final = parseSidecar(new TextDecoder().decode(fs.files.get(FILE) ?? new TextEncoder().encode('{"version":1,"source":{"path":"source.txt","sha256":""},"annotations":[]}')));
        assert.ok(final.ok);
        const onDisk = new Set(final.sidecar.annotations.map((a) => a.id));
        for (const id of created) if (!deleted.has(id)) assert.ok(onDisk.has(id), `annotation ${id} was lost`);
        // And both windows agree with the disk.
        assert.deepEqual(new Set(windows[0]!.local.annotations.map((a) => a.id)), onDisk);
      });
    // fast-check favours short sequences: keep going until FUZZ_RUNS steps have run.
    while (stepsRun < STEPS) await fc.assert(property, { numRuns: Math.max(5, Math.ceil((STEPS - stepsRun) / MEAN_OPS)) });
  });
});
