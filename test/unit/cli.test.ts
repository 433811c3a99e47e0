/**
 * The built `source-annotator` command line as a user runs it: a separate `node dist/cli.js`
 * process (the bundle `npm run test:unit` builds first), its exit code, stdout and stderr.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

// This file runs from out/test/unit/.
const REPO = resolve(__dirname, '..', '..', '..');
const CLI = join(REPO, 'dist', 'cli.js');
const SEED_NAMES = readdirSync(join(REPO, 'seeds')).filter((n) => n.endsWith('.txt')).sort();

interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

function cli(...args: string[]): CliRun {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: REPO, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A user mistake: non-zero exit, one clear message on stderr, nothing on stdout, no stack trace. */
function assertCleanFailure(run: CliRun, mentions: RegExp): void {
  assert.notEqual(run.status, 0, 'expected a non-zero exit code');
  assert.match(run.stderr, mentions);
  assert.doesNotMatch(run.stderr, /\n\s+at /, 'stderr shows a stack trace');
  assert.ok(!run.stderr.includes('    at '), 'stderr shows a stack trace');
  assert.equal(run.stdout, '');
}

interface SpanLike {
  start: number;
  end: number;
  text: string;
}

function assertSpanOn(codePoints: string[], span: SpanLike, what: string): void {
  assert.ok(Number.isInteger(span.start) && Number.isInteger(span.end), `${what}: offsets are not integers`);
  assert.ok(span.start >= 0 && span.start <= span.end && span.end <= codePoints.length, `${what}: ${span.start}-${span.end} is out of range`);
  assert.equal(codePoints.slice(span.start, span.end).join(''), span.text, `${what}: text is not at its code point offsets`);
}

describe('CLI: source-annotator (built dist/cli.js)', () => {
  let scratch: string;
  before(() => {
    scratch = mkdtempSync(join(tmpdir(), 'sa-cli-'));
  });
  after(() => rmSync(scratch, { recursive: true, force: true }));

  it('--help prints usage with the analyze command and exits 0', () => {
    const run = cli('--help');
    assert.equal(run.status, 0);
    assert.match(run.stdout, /Usage:/);
    assert.match(run.stdout, /source-annotator analyze <file\|dir>\.\.\. \[--json\]/);
    assert.equal(run.stderr, '');
  });

  it('--version prints the version from package.json', () => {
    const { version } = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { version: string };
    const run = cli('--version');
    assert.equal(run.status, 0);
    assert.equal(run.stdout.trim(), version);
  });

  it('analyze seeds --json prints one JSON object in the version 1 contract, spans on code points', () => {
    const run = cli('analyze', 'seeds', '--json');
    assert.equal(run.status, 0, run.stderr);
    const report = JSON.parse(run.stdout) as {
      version: unknown;
      documents: Array<Record<string, unknown>>;
      corpus: unknown;
    };
    assert.equal(report.version, 1);
    assert.ok(report.corpus !== null && typeof report.corpus === 'object' && !Array.isArray(report.corpus), 'corpus is not an object');
    assert.equal(report.documents.length, SEED_NAMES.length);
    assert.deepEqual(
      report.documents.map((d) => d.path),
      SEED_NAMES.map((n) => `seeds/${n}`),
    );
    for (const doc of report.documents) {
      for (const key of ['quotes', 'people', 'claims', 'boilerplate']) assert.ok(Array.isArray(doc[key]), `${String(doc.path)}: ${key} is not an array`);
      const codePoints = [...readFileSync(join(REPO, String(doc.path)), 'utf8')];
      for (const key of ['quotes', 'claims', 'boilerplate']) {
        (doc[key] as SpanLike[]).forEach((s, i) => assertSpanOn(codePoints, s, `${String(doc.path)} ${key}[${i}]`));
      }
      for (const person of doc.people as Array<{ id: string; mentions: SpanLike[] }>) {
        person.mentions.forEach((m, i) => assertSpanOn(codePoints, m, `${String(doc.path)} ${person.id}.mentions[${i}]`));
      }
    }
  });

  it('analyze without --json prints a readable report naming every source', () => {
    const run = cli('analyze', 'seeds');
    assert.equal(run.status, 0, run.stderr);
    assert.throws(() => JSON.parse(run.stdout) as unknown, 'the readable report should not be JSON');
    for (const name of SEED_NAMES) assert.ok(run.stdout.includes(name), `the report does not mention ${name}`);
  });

  it('an unknown flag is a clear usage error', () => {
    assertCleanFailure(cli('analyze', '--frobnicate', 'seeds'), /--frobnicate/);
  });

  it('an unknown command is a clear usage error', () => {
    assertCleanFailure(cli('analyse-everything'), /unknown command/);
  });

  it('a missing file is reported by name', () => {
    const missing = join(scratch, 'no-such-article.txt');
    assertCleanFailure(cli('analyze', missing), /no-such-article\.txt: no such file/);
  });

  it('a directory without text files is reported', () => {
    const empty = join(scratch, 'empty');
    mkdirSync(join(empty, 'images'), { recursive: true });
    writeFileSync(join(empty, 'images', 'photo.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    assertCleanFailure(cli('analyze', empty), /contains no text files/);
  });

  it('a binary file with a text extension is refused, not analysed', () => {
    const binary = join(scratch, 'scraped.txt');
    writeFileSync(binary, Buffer.concat([Buffer.from('Headline\n'), Buffer.from([0, 1, 2, 0xff, 0xfe, 0, 0]), Buffer.alloc(512)]));
    assertCleanFailure(cli('analyze', binary), /scraped\.txt: .*binary/);
  });
  it('a reader that closes the pipe early (| head) ends the CLI quietly, without a stack trace', () => {
    // `head -c 1` reads one byte and exits; the CLI then writes into a closed pipe (EPIPE).
    const r = spawnSync('bash', ['-c', `set -o pipefail; "${process.execPath}" "${CLI}" analyze seeds --json | head -c 1 >/dev/null`], {
      cwd: REPO,
      encoding: 'utf8',
      timeout: 60_000,
    });
    assert.equal(r.status, 0, `exit ${String(r.status)}: ${r.stderr}`);
    assert.equal(r.stderr, '');
  });
});
