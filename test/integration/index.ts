/**
 * Test-runner module for the VS Code extension host (the `extensionTestsPath` given to
 * `@vscode/test-electron` and to the offline code-server launcher). VS Code calls `run()`
 * and treats a rejected promise as a failed suite.
 *
 * Each `*.test.ts` under test/integration is bundled on its own by scripts/build.mjs, so a
 * test reaches extension internals only through the API object that `activate()` returns
 * (see `helpers.ts`), never by importing src/extension directly (that would load a second
 * copy of the extension).
 */
import * as vscode from 'vscode';
import { readdirSync } from 'node:fs';
import { join, sep } from 'node:path';
// mocha stays external in the bundle and loads from node_modules (ESM package, loaded via
// require(esm) on Node >= 20.19 and in the extension host's Node 22/24).
import Mocha from 'mocha';

/** Every bundled integration test file below `dir`, sorted so the run order is stable. */
function findTestFiles(dir: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...findTestFiles(path));
    else if (entry.isFile() && entry.name.endsWith('.test.js')) files.push(path);
  }
  return files.sort();
}

export function run(): Promise<void> {
  // The launchers look for this line: it proves the suite ran inside a real VS Code.
  console.log(`VS Code version: ${vscode.version}`);

  const mocha = new Mocha({ ui: 'bdd', reporter: 'spec', color: false, timeout: 60_000 });
  // Forbidden by team rules; make it an error rather than a silently shortened run.
  mocha.forbidOnly();
  mocha.forbidPending();
  // Set by test/launchers/offline.mjs --vsix (to run only the Foundation suite against the
  // installed .vsix) or by a developer narrowing a run.
  const grep = process.env.SOURCE_ANNOTATOR_TEST_GREP;
  if (grep) mocha.grep(new RegExp(grep));

  // untrusted.test.js needs a window that is NOT trusted, which only `offline.mjs
  // --untrusted` opens (it sets SOURCE_ANNOTATOR_UNTRUSTED=1 for the extension host); that
  // run loads only this file, every other run leaves it out (not skipped: never loaded).
  const untrusted = process.env.SOURCE_ANNOTATOR_UNTRUSTED === '1';
  const files = findTestFiles(__dirname).filter((file) => file.endsWith(`${sep}untrusted.test.js`) === untrusted);
  for (const file of files) mocha.addFile(file);

  return new Promise<void>((resolve, reject) => {
    try {
      const runner = mocha.run((failures) => {
        // Counts tests that actually finished, not merely ones that were declared.
        const ran = runner.stats?.tests ?? 0;
        if (files.length === 0 || ran === 0) {
          reject(new Error(`No integration tests ran (found ${files.length} test files in ${__dirname}).`));
        } else if (failures > 0) {
          reject(new Error(`${failures} of ${ran} integration tests failed.`));
        } else {
          resolve();
        }
      });
    } catch (e) {
      // A test file that throws while loading ends up here; report it instead of hanging.
      reject(e instanceof Error ? e : new Error(String(e)));
    }
  });
}
