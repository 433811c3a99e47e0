#!/usr/bin/env node
// Online launcher for the integration suite: `@vscode/test-electron` downloads desktop
// VS Code (into .vscode-test/) and runs out/test/integration/index.js in its extension
// host. Machines without access to update.code.visualstudio.com use the offline launcher
// (test/launchers/offline.mjs, `npm run test:integration`) instead.
//
// Environment:
//   VSCODE_TEST_VERSION   'stable' (default), 'insiders', 'minimum' (= engines.vscode in
//                         package.json) or an exact version such as 1.139.1
//   VSCODE_EXECUTABLE     use this VS Code binary instead of downloading one
//   SOURCE_ANNOTATOR_TEST_GREP  only run tests whose full title matches this pattern
//
// On a Linux machine without a display, run it under `xvfb-run -a`.
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const TESTS_MODULE = join(REPO, 'out', 'test', 'integration', 'index.js');

function fail(message) {
  process.stderr.write(`[electron-launcher] ${message}\n`);
  process.exit(1);
}

function requestedVersion() {
  const wanted = process.env.VSCODE_TEST_VERSION || 'stable';
  if (wanted !== 'minimum') return wanted;
  const engine = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')).engines.vscode;
  return engine.replace(/^[\^~>=]+/, '');
}

if (!existsSync(TESTS_MODULE)) {
  fail(`${TESTS_MODULE} is missing: build the tests first (npm run test:electron does it, or node scripts/build.mjs --tests).`);
}

const { runTests } = await import('@vscode/test-electron');

// The same throw-away workspace layout as the offline launcher: <workspace>/seeds/*.txt.
const scratch = mkdtempSync(join(tmpdir(), 'source-annotator-electron-'));
const workspace = join(scratch, 'workspace');
cpSync(join(REPO, 'seeds'), join(workspace, 'seeds'), { recursive: true });

// Tee the host's output so we can tell a real run from a silent non-run.
let output = '';
const tee = (target) =>
  new Writable({
    write(chunk, _encoding, done) {
      output += chunk.toString();
      target.write(chunk, done);
    },
  });

let exitCode = 1;
const version = requestedVersion();
try {
  exitCode = await runTests({
    ...(process.env.VSCODE_EXECUTABLE ? { vscodeExecutablePath: process.env.VSCODE_EXECUTABLE } : { version }),
    extensionDevelopmentPath: REPO,
    extensionTestsPath: TESTS_MODULE,
    extensionTestsEnv: { SOURCE_ANNOTATOR_EXPECTED_EXTENSION_ROOT: REPO, SOURCE_ANNOTATOR_TEST_GREP: process.env.SOURCE_ANNOTATOR_TEST_GREP },
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
    timeout: 30_000,
    stdout: tee(process.stdout),
    stderr: tee(process.stderr),
  });
} catch (e) {
  const message = e instanceof Error ? e.message : String(e);
  rmSync(scratch, { recursive: true, force: true });
  if (/ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT|timeout|download|fetch|getaddrinfo|socket/i.test(message)) {
    fail(
      `could not get VS Code ${version} from Microsoft's update server (${message}).\n` +
        `  This launcher needs internet access. Offline, run the same suite with: npm run test:integration`,
    );
  }
  fail(`VS Code test run failed: ${message}`);
}
rmSync(scratch, { recursive: true, force: true });

const passing = /^\s*(\d+) passing\b/m.exec(output);
if (exitCode === 0 && (!output.includes('VS Code version:') || !passing || Number(passing[1]) === 0)) {
  fail('VS Code exited with 0 but the suite did not report passing tests: it did not run.');
}
process.exit(exitCode);
