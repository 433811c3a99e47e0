// Bundles the extension, the CLI and (with --tests) the test and benchmark entry points.
// unified / remark-parse are ESM-only; esbuild inlines them into CommonJS bundles, so the
// extension host and plain Node load the output with require().
import { build } from 'esbuild';
import { readdirSync, statSync, rmSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
const pkg = JSON.parse(readFileSync('package.json', 'utf8'));

const args = new Set(process.argv.slice(2));
const production = args.has('--production');
const withTests = args.has('--tests');

/** @param {string} dir @returns {string[]} */
function walk(dir) {
  let out = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out = out.concat(walk(p));
    else out.push(p);
  }
  return out;
}

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: production ? false : 'linked',
  minify: production,
  legalComments: 'none',
  logLevel: 'warning',
  define: { PACKAGE_VERSION: JSON.stringify(pkg.version) },
};

rmSync('dist', { recursive: true, force: true });
await build({
  ...common,
  // analysisWorker: long sources are analysed on a worker thread (src/extension/offThreadAnalysis.ts).
  entryPoints: { extension: 'src/extension/extension.ts', cli: 'src/cli.ts', analysisWorker: 'src/extension/analysisWorker.ts' },
  outdir: 'dist',
  external: ['vscode'],
  // The first statement of each bundle: the extension reports how long loading its bundle took
  // (module evaluation before activate()), measured in the real host (issue 8).
  // ("use strict" first, or the banner would make the bundle sloppy-mode code.)
  banner: { js: '"use strict";var __bundleLoadStart = performance.now();' },
  metafile: false,
});

if (withTests) {
  rmSync('out', { recursive: true, force: true });
  const entries = walk('test')
    .filter((f) => /\.(test|index)\.ts$/.test(f) || /[\\/]index\.ts$/.test(f))
    .concat(walk('bench').filter((f) => f.endsWith('.ts')));
  await build({
    ...common,
    sourcemap: 'inline',
    minify: false,
    entryPoints: entries,
    outbase: '.',
    outdir: 'out',
    // mocha and fast-check stay in node_modules; vscode is provided by the extension host.
    external: ['vscode', 'mocha', 'fast-check', 'playwright-core', '@vscode/test-electron'],
  });
}
