import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createAnnotation,
  emptySidecar,
  parseSidecar,
  serializeSidecar,
  updateAnnotation,
  type Sidecar,
  type SidecarAnnotation,
} from '../../src/core/annotations';
import { SidecarStorage, type ISidecarFileSystem } from '../../src/core/annotations/storage';
import { NodeSidecarFileSystem, SidecarBlockedError, SidecarWriteError, openSidecar, sidecarPathOf } from '../../src/node/sidecarNode';

const TEXT = 'Lavrov said on Thursday that “there will be no ceasefire”. Kuleba said the talks were “easy” and “short”.\n';

function annotation(needle: string, id: string, extra: Partial<SidecarAnnotation> = {}): SidecarAnnotation {
  const start = [...TEXT.slice(0, TEXT.indexOf(needle))].length;
  return { ...createAnnotation({ text: TEXT, start, end: start + [...needle].length, kind: 'quote', id, now: new Date('2026-11-20T00:00:00Z') }), ...extra };
}

function sidecar(...annotations: SidecarAnnotation[]): Sidecar {
  return { ...emptySidecar('a.txt', ''), annotations };
}

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

/** Makes a folder read-only for this process: chattr +i as root (root ignores permissions), chmod otherwise. */
function makeReadOnly(dir: string, readOnly: boolean): void {
  if (isRoot) execFileSync('chattr', [readOnly ? '+i' : '-i', dir]);
  else chmodSync(dir, readOnly ? 0o555 : 0o755);
}

describe('sidecar storage (node:fs)', () => {
  let dir: string;
  let source: string;
  let file: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'sidecar-'));
    source = join(dir, 'a.txt');
    writeFileSync(source, TEXT);
    file = sidecarPathOf(source);
  });

  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  const leftovers = () => readdirSync(dir).filter((n) => n.endsWith('.tmp'));

  it('a missing sidecar loads as missing; save then load round-trips', async () => {
    const storage = openSidecar(source);
    assert.deepEqual(await storage.load(), { kind: 'missing' });
    const state = sidecar(annotation('there will be no ceasefire', 'q1', { note: 'ü 🇺🇦' }));
    await storage.save(state);
    assert.equal(readFileSync(file, 'utf8'), serializeSidecar(state));
    const loaded = await openSidecar(source).load();
    assert.equal(loaded.kind, 'loaded');
    if (loaded.kind === 'loaded') assert.deepEqual(loaded.sidecar, state);
    assert.deepEqual(leftovers(), []);
  });

  for (const [name, content, kind] of [
    ['truncated JSON', '{"version": 1, "source": {"path": "a.txt", "sha', 'invalid-json'],
    ['wrong types', '{"version": 1, "source": {"path": 5, "sha256": ""}, "annotations": {}}', 'schema'],
    ['a git conflict', '{\n<<<<<<< HEAD\n  "version": 1,\n=======\n  "version": 1,\n>>>>>>> theirs\n}\n', 'conflict-markers'],
    ['a future version', '{"version": 2, "source": {"path": "a.txt", "sha256": ""}, "annotations": [], "newThing": true}\n', 'future-version'],
    ['invalid UTF-8', Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), 'invalid-json'],
  ] as const) {
    it(`${name}: reported with the file name, never overwritten, can be moved aside`, async () => {
      writeFileSync(file, content);
      const before = readFileSync(file);
      const storage = openSidecar(source);
      const loaded = await storage.load();
      assert.equal(loaded.kind, 'problem');
      if (loaded.kind !== 'problem') return;
      assert.equal(loaded.problem.kind, kind);
      assert.ok(loaded.message.startsWith(`${file}: `), loaded.message);
      await assert.rejects(storage.save(sidecar(annotation('easy', 'q2'))), (e: unknown) => e instanceof SidecarBlockedError && e.message === loaded.message);
      assert.deepEqual(readFileSync(file), before);
      assert.deepEqual(leftovers(), []);
      // "Move aside and start new": the broken bytes are kept under a new name, then a new sidecar is written.
      const aside = await storage.moveAside(new Date('2026-11-24T18:40:05Z'));
      assert.equal(aside, join(dir, 'a.txt.annotations.corrupt-20261124T184005Z.json'));
      assert.deepEqual(readFileSync(aside), before);
      await storage.save(sidecar(annotation('easy', 'q2')));
      assert.equal(parseSidecar(readFileSync(file, 'utf8')).ok, true);
      // Moving aside a second time in the same second does not overwrite the first copy.
      writeFileSync(file, content);
      const aside2 = await storage.moveAside(new Date('2026-11-24T18:40:05Z'));
      assert.notEqual(aside2, aside);
      assert.deepEqual(readFileSync(aside), before);
    });
  }

  it('a folder where the sidecar should be is reported and left alone', async () => {
    mkdirSync(file);
    const storage = openSidecar(source);
    const loaded = await storage.load();
    assert.equal(loaded.kind === 'problem' && loaded.problem.kind, 'unreadable');
    await assert.rejects(storage.save(sidecar()), SidecarBlockedError);
    assert.deepEqual(readdirSync(file), []);
  });

  it('a sidecar that is a symbolic link is not read or written through', async () => {
    const outside = join(dir, 'elsewhere.json');
    writeFileSync(outside, serializeSidecar(sidecar(annotation('easy', 'q1'))));
    symlinkSync(outside, file);
    const storage = openSidecar(source);
    const loaded = await storage.load();
    assert.equal(loaded.kind, 'problem');
    if (loaded.kind === 'problem') assert.match(loaded.message, /symbolic link/);
    const before = readFileSync(outside, 'utf8');
    await assert.rejects(storage.save(sidecar()), SidecarBlockedError);
    assert.equal(readFileSync(outside, 'utf8'), before);
  });

  it('a read-only folder: the write fails with a message, nothing changes, a retry succeeds', async () => {
    const storage = openSidecar(source);
    const first = sidecar(annotation('easy', 'q1'));
    await storage.save(first);
    const state = sidecar(annotation('easy', 'q1'), annotation('short', 'q2'));
    makeReadOnly(dir, true);
    try {
      await assert.rejects(storage.save(state), (e: unknown) => {
        assert.ok(e instanceof SidecarWriteError);
        assert.match(e.message, /could not save annotations .*Your changes are kept/);
        assert.ok(e.message.startsWith(file));
        return true;
      });
      assert.equal(readFileSync(file, 'utf8'), serializeSidecar(first));
    } finally {
      makeReadOnly(dir, false);
    }
    assert.deepEqual(leftovers(), []);
    await storage.save(state);
    assert.equal(readFileSync(file, 'utf8'), serializeSidecar(state));
  });

  /** A port that fails the way a full disk does: part of the temporary file is written, then ENOSPC. */
  class FullDisk extends NodeSidecarFileSystem {
    full = true;
    override async writeFile(path: string, data: Uint8Array): Promise<void> {
      if (!this.full) return super.writeFile(path, data);
      await super.writeFile(path, data.subarray(0, data.length >> 1));
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    }
  }

  it('a full disk: the old file stays intact, the partial temporary file is removed, retry works', async () => {
    const fs = new FullDisk();
    const storage = new SidecarStorage(fs, file);
    fs.full = false;
    const first = sidecar(annotation('easy', 'q1'));
    await storage.save(first);
    fs.full = true;
    const state = sidecar(annotation('easy', 'q1'), annotation('short', 'q2'));
    await assert.rejects(storage.save(state), /no space left on device.*Your changes are kept/);
    assert.equal(readFileSync(file, 'utf8'), serializeSidecar(first));
    assert.deepEqual(leftovers(), []);
    fs.full = false;
    await storage.save(state);
    assert.equal(readFileSync(file, 'utf8'), serializeSidecar(state));
  });

  it('a failing rename leaves the old file and no temporary file', async () => {
    class NoRename extends NodeSidecarFileSystem {
      override rename(): Promise<void> {
        return Promise.reject(new Error('EXDEV: cross-device link not permitted'));
      }
    }
    writeFileSync(file, serializeSidecar(sidecar()));
    const storage = new SidecarStorage(new NoRename(), file);
    await storage.load();
    await assert.rejects(storage.save(sidecar(annotation('easy', 'q1'))), SidecarWriteError);
    assert.equal(readFileSync(file, 'utf8'), serializeSidecar(sidecar()));
    assert.deepEqual(leftovers(), []);
  });

  it('a change made on disk by someone else is merged on save, not clobbered', async () => {
    const mine = openSidecar(source);
    const theirs = openSidecar(source);
    const base = sidecar(annotation('there will be no ceasefire', 'base'));
    await mine.save(base);
    await theirs.load();
    const theirEdit = updateAnnotation(base.annotations[0]!, { reliability: 'disputed' }, new Date('2026-11-23T00:00:00Z'));
    await theirs.save(sidecar(theirEdit, annotation('easy', 'theirs')));
    const result = await mine.save(sidecar(base.annotations[0]!, annotation('short', 'mine')));
    assert.deepEqual(result.merge?.addedFromDisk, ['theirs']);
    const onDisk = parseSidecar(readFileSync(file, 'utf8'));
    assert.ok(onDisk.ok);
    if (!onDisk.ok) return;
    assert.deepEqual(onDisk.sidecar.annotations.map((a) => a.id), ['base', 'theirs', 'mine']);
    assert.equal(onDisk.sidecar.annotations[0]?.reliability, 'disputed');
  });

  it('reload with unsaved local state merges by id; without it, it is a plain load', async () => {
    const mine = openSidecar(source);
    await mine.save(sidecar(annotation('easy', 'shared')));
    const other = openSidecar(source);
    await other.load();
    await other.save(sidecar(annotation('easy', 'shared'), annotation('short', 'theirs')));
    const dirty = sidecar(annotation('easy', 'shared'), annotation('there will be no ceasefire', 'mine'));
    const merged = await mine.reload(dirty);
    assert.equal(merged.kind, 'merged');
    if (merged.kind === 'merged') assert.deepEqual(merged.sidecar.annotations.map((a) => a.id).sort(), ['mine', 'shared', 'theirs']);
    const plain = await openSidecar(source).reload();
    assert.equal(plain.kind, 'loaded');
  });

  it('a deletion made here survives a save after an unrelated outside change', async () => {
    const mine = openSidecar(source);
    await mine.save(sidecar(annotation('easy', 'keep'), annotation('short', 'delete-me')));
    const other = openSidecar(source);
    await other.load();
    await other.save(sidecar(annotation('easy', 'keep'), annotation('short', 'delete-me'), annotation('there will be no ceasefire', 'theirs')));
    await mine.save(sidecar(annotation('easy', 'keep')));
    const ids = (parseSidecar(readFileSync(file, 'utf8')) as { sidecar: Sidecar }).sidecar.annotations.map((a) => a.id).sort();
    assert.deepEqual(ids, ['keep', 'theirs']);
  });

  it('saves are serialised per file: many overlapping saves from two "windows" lose nothing', async () => {
    const windows = [openSidecar(source), openSidecar(source)];
    const needles = ['Lavrov', 'Thursday', 'there will be no ceasefire', 'Kuleba', 'talks', 'easy', 'short'];
    const states: Sidecar[] = [sidecar(), sidecar()];
    const saves: Promise<unknown>[] = [];
    needles.forEach((needle, i) => {
      const w = i % 2;
      states[w] = sidecar(...states[w]!.annotations, annotation(needle, `n${i}`));
      saves.push(windows[w]!.save(states[w]));
    });
    await Promise.all(saves);
    const onDisk = parseSidecar(readFileSync(file, 'utf8'));
    assert.ok(onDisk.ok);
    if (onDisk.ok) assert.deepEqual(onDisk.sidecar.annotations.map((a) => a.id).sort(), needles.map((_, i) => `n${i}`).sort());
    assert.deepEqual(leftovers(), []);
  });

  it('a save queued before the caller adopted an earlier merge result does not drop what that merge brought in', async () => {
    const mine = openSidecar(source);
    await mine.save(sidecar(annotation('easy', 'a')));
    const other = openSidecar(source);
    await other.load();
    await other.save(sidecar(annotation('easy', 'a'), annotation('short', 'outside')));
    const first = mine.save(sidecar(annotation('easy', 'a'), annotation('Lavrov', 'b')));
    const second = mine.save(sidecar(annotation('easy', 'a'), annotation('Lavrov', 'b'), annotation('Kuleba', 'c')));
    assert.deepEqual((await first).merge?.addedFromDisk, ['outside']);
    await second;
    const ids = (parseSidecar(readFileSync(file, 'utf8')) as { sidecar: Sidecar }).sidecar.annotations.map((x) => x.id).sort();
    assert.deepEqual(ids, ['a', 'b', 'c', 'outside']);
    // Once the caller has held it, deleting it is a deletion.
    await mine.save(sidecar(annotation('easy', 'a'), annotation('short', 'outside')));
    await mine.save(sidecar(annotation('easy', 'a')));
    const after = (parseSidecar(readFileSync(file, 'utf8')) as { sidecar: Sidecar }).sidecar.annotations.map((x) => x.id);
    assert.deepEqual(after, ['a']);
  });

  it('annotations merged in from a version written against other text are re-anchored on the current text', async () => {
    const mine = openSidecar(source);
    await mine.save({ ...sidecar(), source: { path: 'a.txt', sha256: 'a'.repeat(64), tags: [] } });
    // A teammate annotated an older copy with a header line the current text does not have.
    const older = 'HEADER LINE\n' + TEXT;
    const start = [...older.slice(0, older.indexOf('there will be'))].length;
    const theirs = createAnnotation({ text: older, start, end: start + 'there will be no ceasefire'.length, kind: 'quote', id: 't' });
    writeFileSync(file, serializeSidecar({ ...emptySidecar('a.txt', 'b'.repeat(64)), annotations: [theirs] }));
    const result = await mine.save({ ...sidecar(), source: { path: 'a.txt', sha256: 'a'.repeat(64), tags: [] } }, { text: TEXT });
    const placed = result.sidecar.annotations[0]!;
    assert.equal([...TEXT].slice(placed.target.position.start, placed.target.position.end).join(''), 'there will be no ceasefire');
  });

  it('a 20 MB sidecar loads', async () => {
    const many: SidecarAnnotation[] = [];
    const proto = annotation('there will be no ceasefire', 'x', { note: 'n'.repeat(200) });
    for (let i = 0; i < 36_000; i++) many.push({ ...proto, id: `a-${i}` });
    const text = serializeSidecar(sidecar(...many));
    assert.ok(text.length > 20 * 1024 * 1024, `${text.length} bytes`);
    writeFileSync(file, text);
    const loaded = await openSidecar(source).load();
    assert.equal(loaded.kind === 'loaded' && loaded.sidecar.annotations.length, 36_000);
  });

  it('the port never writes through an existing temporary name and moves aside without overwriting', async () => {
    const fs: ISidecarFileSystem<string> = new NodeSidecarFileSystem();
    writeFileSync(join(dir, 'x'), '1');
    await assert.rejects(fs.writeFile(join(dir, 'x'), new Uint8Array([50])));
    writeFileSync(join(dir, 'y'), '2');
    await assert.rejects(fs.rename(join(dir, 'x'), join(dir, 'y'), false));
    assert.equal(readFileSync(join(dir, 'y'), 'utf8'), '2');
    assert.ok(existsSync(join(dir, 'x')));
  });
});

describe('sidecar format under git', () => {
  it('two branches adding different annotations to one sidecar merge cleanly, and the result loads with both', function () {
    this.timeout(60_000);
    const repo = mkdtempSync(join(tmpdir(), 'sidecar-git-'));
    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.invalid', '-c', 'init.defaultBranch=main', '-c', 'commit.gpgsign=false', ...args], { cwd: repo, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      git('init', '-q');
      const path = join(repo, 'a.txt.annotations.json');
      writeFileSync(join(repo, 'a.txt'), TEXT);
      const base = sidecar(annotation('Lavrov', 'base-1'), annotation('there will be no ceasefire', 'base-2'), annotation('talks', 'base-3'), annotation('short', 'base-4'));
      writeFileSync(path, serializeSidecar(base));
      git('add', '.');
      git('commit', '-q', '-m', 'base');
      git('checkout', '-q', '-b', 'alice');
      const alice = { ...base, annotations: [...base.annotations, annotation('Thursday', 'alice-1', { author: 'alice', note: 'date checked' })] };
      writeFileSync(path, serializeSidecar(alice));
      git('commit', '-q', '-am', 'alice annotates');
      git('checkout', '-q', 'main');
      const bob = {
        ...base,
        annotations: [...base.annotations.slice(0, 3), updateAnnotation(base.annotations[3]!, { reliability: 'disputed' }), annotation('easy', 'bob-1', { author: 'bob' })],
      };
      writeFileSync(path, serializeSidecar(bob));
      git('commit', '-q', '-am', 'bob annotates');
      git('merge', '-q', '--no-edit', 'alice'); // throws on a conflict
      const merged = parseSidecar(readFileSync(path, 'utf8'));
      assert.ok(merged.ok, merged.ok ? '' : merged.problem.message);
      if (!merged.ok) return;
      assert.deepEqual(merged.sidecar.annotations.map((a) => a.id).sort(), ['alice-1', 'base-1', 'base-2', 'base-3', 'base-4', 'bob-1']);
      assert.equal(merged.sidecar.annotations.find((a) => a.id === 'base-4')?.reliability, 'disputed');
      // The merged file is already in canonical form: the next save does not reshuffle it.
      assert.equal(serializeSidecar(merged.sidecar), readFileSync(path, 'utf8'));
    } finally {
      rmSync(repo, { recursive: true, force: true });
    }
  });
});
