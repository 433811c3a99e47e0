#!/usr/bin/env node
// Offline launcher for the integration suite: runs test/integration inside a real VS Code
// extension host without downloading VS Code. VS Code comes from the npm registry as
// code-server (VS Code OSS as a server + web workbench); Debian's Chromium, driven by
// playwright-core, runs the workbench. Follows ../shared/docs/vscode-offline-testing.md.
//
//   node test/launchers/offline.mjs                 run the suite against the working tree
//   node test/launchers/offline.mjs --vsix FILE     install FILE with --install-extension into a
//                                                   throw-away extensions dir and run the
//                                                   Foundation suite against the installed copy
//   node test/launchers/offline.mjs --untrusted     open the workspace in an UNTRUSTED window (workspace
//                                                   trust on, never granted) and run only
//                                                   test/integration/untrusted.test.ts
//   node test/launchers/offline.mjs --install-only  only make sure code-server is installed
//
// Environment:
//   SOURCE_ANNOTATOR_CACHE            cache root (default $XDG_CACHE_HOME/source-annotator or ~/.cache/source-annotator)
//   SOURCE_ANNOTATOR_TEST_TIMEOUT     seconds for one suite run, from starting code-server (default 900)
//   SOURCE_ANNOTATOR_INSTALL_TIMEOUT  seconds for a cold code-server install (default 1800)
//   SOURCE_ANNOTATOR_TEST_GREP        only run tests whose full title matches this pattern
//   SOURCE_ANNOTATOR_TEST_VERBOSE=1   also print the workbench's own log lines
//   CHROMIUM_PATH                     browser binary (default /usr/bin/chromium)
//
// The npm scripts build before calling this; it builds nothing itself.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { format } from 'node:util';

const CODE_SERVER_VERSION = '4.139.1';
const VSIX_SIZE_LIMIT = 1024 * 1024;
const NODE_MAJOR = 24; // code-server 4.139 declares engines.node 24
const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const TESTS_MODULE = join(REPO, 'out', 'test', 'integration', 'index.js');
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const VERBOSE = process.env.SOURCE_ANNOTATOR_TEST_VERBOSE === '1';

/** A failure the user can act on: printed without a stack trace. */
class LauncherError extends Error {}

function seconds(envName, fallback) {
  const raw = process.env[envName];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) throw new LauncherError(`${envName}=${raw} is not a positive number of seconds.`);
  return n;
}

function log(message) {
  process.stdout.write(`[offline-launcher] ${message}\n`);
}

// ---------------------------------------------------------------------------------------
// Processes we start, stopped by pid (never by name) on every exit path.

/** pid -> label of process groups we started (each child is a group leader: detached). */
const started = new Map();

function track(child, label) {
  started.set(child.pid, label);
  child.once('exit', () => started.delete(child.pid));
  return child;
}

/** Signals the whole process group led by `pid` (code-server forks the extension host). */
export function killGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
  } catch {
    try {
      process.kill(pid, signal);
    } catch {
      // already gone
    }
  }
}

/** True while any process of the group led by `pid` still exists. */
export function groupAlive(pid) {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function stopAll() {
  const pids = [...started.keys()];
  for (const pid of pids) killGroup(pid, 'SIGTERM');
  const deadline = Date.now() + 5000;
  while (pids.some(groupAlive) && Date.now() < deadline) await sleep(100);
  for (const pid of pids) if (groupAlive(pid)) killGroup(pid, 'SIGKILL');
  started.clear();
}

/** Graceful closers (the browser), run before the kill; scratch dirs, removed after it. */
let closers = [];
let scratchDirs = [];
async function cleanup() {
  const pending = closers.reverse();
  closers = [];
  for (const close of pending) {
    try {
      await Promise.race([close(), sleep(5000)]);
    } catch {
      // best effort: the kill below still stops it
    }
  }
  await stopAll();
  for (const dir of scratchDirs) rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
  scratchDirs = [];
}

function stopOnSignals() {
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.once(signal, () => {
      log(`${signal}: stopping the processes this launcher started`);
      void cleanup().finally(() => process.exit(130));
    });
  }
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Runs a command, streaming its output with a prefix; resolves with the exit code. */
function runStreaming(command, args, options, prefix, timeoutMs) {
  return new Promise((resolvePromise, reject) => {
    const child = track(spawn(command, args, { ...options, detached: true, stdio: ['ignore', 'pipe', 'pipe'] }), prefix);
    const timer = setTimeout(() => {
      killGroup(child.pid, 'SIGKILL');
      reject(new LauncherError(`${prefix}: still running after ${timeoutMs / 1000} s; stopped it.`));
    }, timeoutMs);
    const forward = (chunk) => {
      for (const line of chunk.toString().split('\n')) if (line.trim()) process.stdout.write(`[${prefix}] ${line}\n`);
    };
    child.stdout.on('data', forward);
    child.stderr.on('data', forward);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(new LauncherError(`${prefix}: could not start ${command}: ${e.message}`));
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolvePromise(code ?? (signal ? 128 : 1));
    });
  });
}

// ---------------------------------------------------------------------------------------
// code-server installation: a per-user cache keyed by version, with a marker file written
// only after a complete install, so an interrupted install is redone from scratch.

function cacheRoot() {
  if (process.env.SOURCE_ANNOTATOR_CACHE) return resolve(process.env.SOURCE_ANNOTATOR_CACHE);
  const base = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(base, 'source-annotator');
}

/**
 * How the launcher and the e2e harness start Debian's Chromium: headless, no sandbox (CI runs
 * as root), nothing that reaches for the network, and signals left to our own clean-up.
 */
export function chromiumOptions() {
  return {
    executablePath: CHROMIUM,
    headless: true,
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  };
}

/**
 * The code-server command line both the test launcher and the e2e harness start: loopback,
 * no auth, no telemetry or update checks, throw-away profile folders. `trust: false` leaves
 * workspace trust on (the folder is then untrusted); `smokeTestDriver` lets the workbench take
 * the extension-development payload of the integration runs.
 */
export function codeServerArgs(layout, { port, userDataDir, extensionsDir, config, trust = true, smokeTestDriver = false }) {
  return [
    layout.entry,
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    ...(trust ? ['--disable-workspace-trust'] : []),
    '--disable-getting-started-override',
    '--user-data-dir', userDataDir,
    '--extensions-dir', extensionsDir,
    '--config', config,
    ...(smokeTestDriver ? ['--vscode-option', 'enable-smoke-test-driver'] : []),
  ];
}

export function codeServerLayout(root = cacheRoot()) {
  const dir = join(root, `cs-${CODE_SERVER_VERSION}`);
  const nodePackage = join(dir, 'node24', 'node_modules', 'node');
  return {
    dir,
    marker: join(dir, '.complete'),
    node: join(nodePackage, 'bin', 'node'),
    // node@24 installs the platform package (binary + headers) as its own dependency.
    nodeHeaders: join(nodePackage, 'node_modules', `node-${process.platform}-${process.arch}`),
    serverPrefix: join(dir, 'server'),
    entry: join(dir, 'server', 'lib', 'node_modules', 'code-server', 'out', 'node', 'entry.js'),
  };
}

function hasCommand(name) {
  return spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;
}

function checkBuildPrerequisites() {
  const missing = [];
  // kerberos (a native module of VS Code's server) compiles against MIT Kerberos headers.
  if (!existsSync('/usr/include/krb5.h') && !existsSync('/usr/include/gssapi/gssapi.h') && !hasCommand('krb5-config')) {
    missing.push('libkrb5-dev (Kerberos headers)');
  }
  for (const tool of ['python3', 'make', 'g++']) if (!hasCommand(tool)) missing.push(tool);
  if (!hasCommand('npm')) missing.push('npm');
  if (missing.length > 0) {
    throw new LauncherError(
      `Cannot install code-server ${CODE_SERVER_VERSION}: missing ${missing.join(', ')}.\n` +
        `  On Debian/Ubuntu: sudo apt-get install -y libkrb5-dev python3 make g++\n` +
        `  Then run this again; the install goes to ${codeServerLayout().dir} (about 800 MB, 3-5 minutes).`,
    );
  }
}

function nodeVersionOf(binary) {
  const r = spawnSync(binary, ['--version'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

/**
 * The environment for a nested npm: without the npm_* variables an outer `npm run` sets.
 * Otherwise the nested npm inherits e.g. npm_config_user_agent ("… node/v20 …"), and
 * code-server's postinstall, which reads the Node major from it, refuses to install.
 */
function cleanNpmEnv(extra = {}) {
  const env = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^npm_/i.test(key) || key === 'NODE' || key === 'INIT_CWD') continue;
    env[key] = value;
  }
  return { ...env, ...extra };
}

async function installCodeServer(layout) {
  checkBuildPrerequisites();
  const timeoutMs = seconds('SOURCE_ANNOTATOR_INSTALL_TIMEOUT', 1800) * 1000;
  const t0 = Date.now();
  log(`installing code-server ${CODE_SERVER_VERSION} into ${layout.dir} (first use; about 3-5 minutes, ~800 MB)`);
  rmSync(layout.dir, { recursive: true, force: true });
  mkdirSync(layout.dir, { recursive: true });
  // npm must not pick up a project .npmrc or lockfile from wherever we were started.
  const quiet = ['--no-audit', '--no-fund', '--loglevel=warn', '--no-update-notifier'];

  // 1. Node 24 from the npm registry (its preinstall fetches the platform package). npm 11
  //    rejects --allow-scripts for a project-scoped install; the policy goes in the
  //    throw-away project's package.json instead.
  const nodeProject = join(layout.dir, 'node24');
  mkdirSync(nodeProject, { recursive: true });
  writeFileSync(join(nodeProject, 'package.json'), `${JSON.stringify({ private: true, allowScripts: { node: true } }, null, 2)}\n`);
  let code = await runStreaming(
    'npm',
    ['install', '--prefix', nodeProject, '--no-save', ...quiet, `node@${NODE_MAJOR}`],
    { cwd: layout.dir, env: cleanNpmEnv() },
    'install node24',
    timeoutMs,
  );
  const nodeVersion = nodeVersionOf(layout.node);
  if (code !== 0 || !nodeVersion?.startsWith(`v${NODE_MAJOR}.`)) {
    throw new LauncherError(`Installing Node ${NODE_MAJOR} from the npm package node@${NODE_MAJOR} failed (exit ${code}); see the lines above.`);
  }
  if (!existsSync(join(layout.nodeHeaders, 'include', 'node', 'node.h'))) {
    throw new LauncherError(`node@${NODE_MAJOR} installed without its headers (${layout.nodeHeaders}); cannot build code-server's native modules.`);
  }

  // 2. code-server, run by Node 24 (its postinstall checks the Node major from npm's user
  //    agent) with node-gyp pointed at Node 24's headers instead of the machine's nodedir.
  //    npm 11 blocks install scripts unless allowed: code-server's postinstall installs
  //    VS Code's server dependencies; argon2 is its password hashing module.
  const env = cleanNpmEnv({
    PATH: `${dirname(layout.node)}:${process.env.PATH ?? ''}`,
    npm_config_nodedir: layout.nodeHeaders,
  });
  code = await runStreaming(
    'npm',
    ['install', '-g', '--prefix', layout.serverPrefix, '--allow-scripts=code-server,argon2', ...quiet, `code-server@${CODE_SERVER_VERSION}`],
    { cwd: layout.dir, env },
    'install code-server',
    timeoutMs,
  );
  const reported = code === 0 ? spawnSync(layout.node, [layout.entry, '--version'], { encoding: 'utf8', env: isolatedEnv(layout.dir) }) : undefined;
  if (code !== 0 || reported?.status !== 0 || !reported.stdout.includes(CODE_SERVER_VERSION)) {
    throw new LauncherError(
      `Installing code-server ${CODE_SERVER_VERSION} failed (exit ${code}); see the lines above.\n` +
        `  It needs Debian's libkrb5-dev, python3, make and g++ and the npm registry. It will be retried from scratch next time.`,
    );
  }
  writeFileSync(
    layout.marker,
    `${JSON.stringify({ codeServer: CODE_SERVER_VERSION, node: nodeVersion, installedAt: new Date().toISOString(), seconds: Math.round((Date.now() - t0) / 1000) }, null, 2)}\n`,
  );
  log(`code-server ${CODE_SERVER_VERSION} installed in ${Math.round((Date.now() - t0) / 1000)} s`);
}

function isInstalled(layout) {
  return existsSync(layout.marker) && existsSync(layout.entry) && nodeVersionOf(layout.node) !== undefined;
}

/**
 * Returns a complete code-server installation, installing it first if needed. A lock file
 * (holding the installer's pid) keeps two launchers on one machine from installing into
 * the same folder at once; a lock whose process is gone is taken over.
 */
export async function ensureCodeServer() {
  const layout = codeServerLayout();
  if (isInstalled(layout)) return layout;
  mkdirSync(dirname(layout.dir), { recursive: true });
  const lock = `${layout.dir}.lock`;
  const deadline = Date.now() + seconds('SOURCE_ANNOTATOR_INSTALL_TIMEOUT', 1800) * 1000;
  for (;;) {
    try {
      writeFileSync(lock, String(process.pid), { flag: 'wx' });
      break;
    } catch (e) {
      if (e?.code !== 'EEXIST') throw e;
    }
    const holder = Number(readFileSync(lock, 'utf8'));
    if (!Number.isInteger(holder) || holder <= 0 || !processExists(holder)) {
      rmSync(lock, { force: true }); // stale: its installer died
      continue;
    }
    if (Date.now() > deadline) throw new LauncherError(`Another process (pid ${holder}) has been installing code-server into ${layout.dir} for too long; remove ${lock} if it is gone.`);
    log(`waiting for pid ${holder}, which is installing code-server into ${layout.dir}`);
    await sleep(5000);
    if (isInstalled(layout)) return layout;
  }
  try {
    if (!isInstalled(layout)) await installCodeServer(layout);
  } finally {
    rmSync(lock, { force: true });
  }
  return layout;
}

function processExists(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return e?.code === 'EPERM';
  }
}

/** Keeps code-server from writing config and state into the user's home directory. */
function isolatedEnv(scratch) {
  return {
    ...cleanNpmEnv(),
    XDG_CONFIG_HOME: join(scratch, 'xdg-config'),
    XDG_DATA_HOME: join(scratch, 'xdg-data'),
  };
}

// ---------------------------------------------------------------------------------------
// One run: code-server + Chromium + the test payload.

export function freePort() {
  return new Promise((resolvePromise, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePromise(port));
    });
  });
}

async function waitForHttp(url, child, timeoutMs, output) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new LauncherError(`code-server exited with code ${child.exitCode} before it was ready:\n${output.join('')}`);
    }
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(250);
  }
  throw new LauncherError(`code-server did not answer on ${url} within ${timeoutMs / 1000} s:\n${output.join('')}`);
}

async function loadPlaywright() {
  try {
    return (await import('playwright-core')).chromium;
  } catch {
    throw new LauncherError('playwright-core is not installed; run `npm ci` first.');
  }
}

function checkChromium() {
  if (!existsSync(CHROMIUM)) {
    throw new LauncherError(
      `Chromium not found at ${CHROMIUM}. The offline VS Code host runs its workbench in Debian's Chromium:\n` +
        `  sudo apt-get install -y chromium      (or set CHROMIUM_PATH to another Chromium/Chrome binary)`,
    );
  }
}

/** Writes user settings that keep the throw-away profile quiet and deterministic. */
function writeUserSettings(userDataDir, { untrusted = false } = {}) {
  const userDir = join(userDataDir, 'User');
  mkdirSync(userDir, { recursive: true });
  writeFileSync(
    join(userDir, 'settings.json'),
    JSON.stringify(
      {
        'workbench.startupEditor': 'none',
        'workbench.tips.enabled': false,
        // --untrusted: trust on, and no startup dialog, so the folder stays untrusted (a fresh
        // profile trusts nothing) without a modal for a headless browser to answer.
        'security.workspace.trust.enabled': untrusted,
        ...(untrusted ? { 'security.workspace.trust.startupPrompt': 'never', 'security.workspace.trust.banner': 'never' } : {}),
        'extensions.autoCheckUpdates': false,
        'extensions.autoUpdate': false,
        'telemetry.telemetryLevel': 'off',
        'update.mode': 'none',
        'git.enabled': false,
      },
      null,
      2,
    ),
  );
}

/** An extension with no code, used as the "extension under development" in --vsix mode. */
function writeHarnessExtension(dir) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({ name: 'vsix-test-harness', publisher: 'source-annotator-tests', version: '0.0.0', engines: { vscode: '*' } }, null, 2),
  );
  return dir;
}

/**
 * Interprets what the extension host printed: the suite counts as run only if VS Code's
 * version line, a spec reporter "N passing" line with N > 0 and an exit code all arrived.
 */
function verdict(state) {
  if (state.exitCode === undefined) return { code: 1, reason: 'the extension host never reported the end of the suite (no codeAutomationExit)' };
  if (!state.sawVersion) return { code: state.exitCode || 1, reason: 'the suite did not print "VS Code version:", so it did not run in the extension host' };
  if (state.exitCode !== 0) return { code: state.exitCode, reason: `the suite failed (exit code ${state.exitCode})` };
  if (state.passing === undefined) return { code: 1, reason: 'no "passing" line from mocha: the suite did not run' };
  if (state.passing === 0 || state.failing > 0) return { code: 1, reason: `${state.passing} passing, ${state.failing} failing` };
  return { code: 0, reason: `${state.passing} passing` };
}

async function runSuite(layout, { vsix, untrusted }) {
  if (!existsSync(TESTS_MODULE)) {
    throw new LauncherError(`${TESTS_MODULE} is missing: build the tests first (npm run test:integration does it, or node scripts/build.mjs --tests).`);
  }
  checkChromium();
  const chromium = await loadPlaywright();

  const scratch = mkdtempSync(join(tmpdir(), 'source-annotator-it-'));
  scratchDirs.push(scratch);
  const userDataDir = join(scratch, 'user-data');
  const extensionsDir = join(scratch, 'extensions');
  const workspace = join(scratch, 'workspace');
  mkdirSync(extensionsDir, { recursive: true });
  writeUserSettings(userDataDir, { untrusted });
  // A copy of the seeds, so tests may write sidecars without touching the repository.
  cpSync(join(REPO, 'seeds'), join(workspace, 'seeds'), { recursive: true });

  // Plain reporter lines: mocha's log-symbols picks colours from the environment (CI=true
  // turns them on) regardless of mocha's own color option.
  const env = { ...isolatedEnv(scratch), NO_COLOR: '1', FORCE_COLOR: '0' };
  // Read by the test runner (index.ts) and the Foundation suite inside the extension host,
  // which inherits code-server's environment.
  env.SOURCE_ANNOTATOR_EXPECTED_EXTENSION_ROOT = REPO;
  // Tells index.ts to load only untrusted.test.js (and the trusted runs to leave it out).
  if (untrusted) env.SOURCE_ANNOTATOR_UNTRUSTED = '1';
  else delete env.SOURCE_ANNOTATOR_UNTRUSTED;
  if (vsix) {
    const vsixPath = resolve(vsix);
    if (!existsSync(vsixPath)) throw new LauncherError(`${vsixPath} does not exist; run npm run package first.`);
    // Issue 2's packaging budget: the bundled extension must stay small.
    const vsixBytes = statSync(vsixPath).size;
    if (vsixBytes >= VSIX_SIZE_LIMIT) {
      throw new LauncherError(`${vsixPath} is ${(vsixBytes / 1024).toFixed(0)} KiB, over the 1 MiB limit; check .vscodeignore and the bundle.`);
    }
    log(`${vsixPath}: ${(vsixBytes / 1024).toFixed(0)} KiB (limit 1024 KiB)`);
    log(`installing ${vsixPath} with code-server --install-extension`);
    const installed = spawnSync(
      layout.node,
      [layout.entry, '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir, '--install-extension', vsixPath],
      { encoding: 'utf8', env, timeout: 120_000 },
    );
    process.stdout.write(installed.stdout ?? '');
    process.stderr.write(installed.stderr ?? '');
    if (installed.status !== 0 || !/successfully installed/i.test(installed.stdout ?? '')) {
      throw new LauncherError(`code-server --install-extension ${vsixPath} failed (exit ${installed.status}).`);
    }
    env.SOURCE_ANNOTATOR_EXPECTED_EXTENSION_ROOT = extensionsDir;
    env.SOURCE_ANNOTATOR_TEST_GREP = process.env.SOURCE_ANNOTATOR_TEST_GREP || '^Foundation';
  }

  const timeoutMs = seconds('SOURCE_ANNOTATOR_TEST_TIMEOUT', 900) * 1000;
  const t0 = Date.now();
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const serverOutput = [];
  const server = track(
    spawn(
      layout.node,
      codeServerArgs(layout, {
        port,
        userDataDir,
        extensionsDir,
        config: join(scratch, 'code-server.yaml'),
        trust: !untrusted,
        // Without it the built web workbench ignores the extension-development payload.
        smokeTestDriver: true,
      }),
      { cwd: scratch, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
    ),
    'code-server',
  );
  const keep = (chunk) => {
    serverOutput.push(chunk.toString());
    if (serverOutput.length > 200) serverOutput.shift();
    if (VERBOSE) process.stdout.write(`[code-server] ${chunk}`);
  };
  server.stdout.on('data', keep);
  server.stderr.on('data', keep);
  await waitForHttp(`${origin}/healthz`, server, 60_000, serverOutput);
  log(`code-server ${CODE_SERVER_VERSION} listening on ${origin} (pid ${server.pid})`);

  const browserServer = await chromium.launchServer(chromiumOptions());
  const browserPid = browserServer.process().pid;
  started.set(browserPid, 'chromium');
  closers.push(() => browserServer.close());
  const browser = await chromium.connect(browserServer.wsEndpoint());
  const page = await browser.newPage();

  const state = { exitCode: undefined, sawVersion: false, passing: undefined, failing: 0 };
  let settle;
  const finished = new Promise((r) => (settle = r));

  // The smoke-test driver's log hook receives the workbench's log and the extension host's
  // console output (mocha's reporter) alike, each call as console-style arguments
  // (a format string and its values). The suite's lines are those between our runner's
  // "VS Code version:" line and the exit; workbench noise (offline marketplace / GitHub
  // lookups, chat, agent host) is hidden unless SOURCE_ANNOTATOR_TEST_VERBOSE=1.
  await page.exposeFunction('codeAutomationLog', (level, args) => {
    const text = (Array.isArray(args) ? format(...args) : String(args)).replace(ANSI_ESCAPE, '').replace(/\s+$/, '');
    if (text.startsWith('VS Code version:')) state.sawVersion = true;
    const passing = /^\s*(\d+) passing\b/m.exec(text);
    if (passing) state.passing = Number(passing[1]);
    const failing = /^\s*(\d+) failing\b/m.exec(text);
    if (failing) state.failing = Number(failing[1]);
    const ours = text.includes('[source-annotator.source-annotator]');
    const suiteRunning = state.sawVersion && state.exitCode === undefined;
    if (VERBOSE || ours || (suiteRunning && !isWorkbenchNoise(text))) process.stdout.write(`${text}\n`);
  });
  await page.exposeFunction('codeAutomationExit', (code) => {
    state.exitCode = Number(code);
    settle();
  });
  page.on('pageerror', (e) => VERBOSE && log(`page error: ${e.message}`));

  const remote = (p) => `vscode-remote://127.0.0.1:${port}${p}`;
  // The workbench runs extensionTestsPath only together with an extension under
  // development. With --vsix that is an empty harness, so Source Annotator itself loads
  // from the extensions dir exactly as for a user who installed the .vsix.
  const developmentPath = vsix ? writeHarnessExtension(join(scratch, 'harness')) : REPO;
  const payload = [
    ['extensionDevelopmentPath', remote(developmentPath)],
    ['extensionTestsPath', remote(TESTS_MODULE)],
    ['skipWelcome', 'true'],
  ];
  const url = `${origin}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  log(`opening the workbench in ${CHROMIUM} (pid ${browserPid}); time limit ${timeoutMs / 1000} s`);
  await page.goto(url);

  let timer;
  const timedOut = new Promise((r) => (timer = setTimeout(() => r('timeout'), Math.max(1000, timeoutMs - (Date.now() - t0)))));
  const outcome = await Promise.race([finished.then(() => 'finished'), timedOut]);
  clearTimeout(timer);
  if (outcome === 'timeout') {
    log(`time limit of ${timeoutMs / 1000} s reached; stopping code-server and Chromium`);
    if (!VERBOSE) process.stdout.write(`--- last code-server output ---\n${serverOutput.slice(-40).join('')}\n`);
  }
  await browser.close().catch(() => {});
  const result =
    outcome === 'timeout' ? { code: 124, reason: `time limit of ${timeoutMs / 1000} s reached before the suite finished (SOURCE_ANNOTATOR_TEST_TIMEOUT)` } : verdict(state);
  log(`${result.code === 0 ? 'PASS' : 'FAIL'}: ${result.reason} (${Math.round((Date.now() - t0) / 1000)} s${vsix ? ', installed .vsix' : ''}${untrusted ? ', untrusted workspace' : ''})`);
  return result.code;
}

// eslint-disable-next-line no-control-regex -- matching terminal colour codes is the point
const ANSI_ESCAPE = /\u001b\[[0-9;]*m/g;

/** Workbench log lines that are not the suite's output (they carry a `[Component]` tag). */
function isWorkbenchNoise(text) {
  return /^\[(?:[A-Z][\w ]*|reconnection-grace-time)\] /.test(text) || /ENOTFOUND|ECONNREFUSED|open-vsx\.org|api\.github\.com/.test(text);
}

// ---------------------------------------------------------------------------------------

async function main() {
  const args = process.argv.slice(2);
  let vsix;
  let installOnly = false;
  let untrusted = false;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--vsix' && args[i + 1]) vsix = args[++i];
    else if (args[i] === '--install-only') installOnly = true;
    else if (args[i] === '--untrusted') untrusted = true;
    else throw new LauncherError(`unknown argument ${args[i]}. Usage: offline.mjs [--vsix FILE | --untrusted] [--install-only]`);
  }
  if (vsix && untrusted) throw new LauncherError('--vsix and --untrusted cannot be combined (the untrusted suite runs against the working tree).');
  const layout = await ensureCodeServer();
  if (installOnly) {
    log(`code-server ${CODE_SERVER_VERSION} is ready in ${layout.dir}`);
    return 0;
  }
  return runSuite(layout, { vsix, untrusted });
}

// Run as a script; importable (ensureCodeServer, codeServerLayout) by other launchers.
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  stopOnSignals();
  let exitCode;
  try {
    exitCode = await main();
  } catch (e) {
    process.stderr.write(`[offline-launcher] ${e instanceof LauncherError ? e.message : (e?.stack ?? String(e))}\n`);
    exitCode = 1;
  }
  await cleanup();
  process.exit(exitCode);
}
