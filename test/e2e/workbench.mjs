// The end-to-end harness: the packaged .vsix installed into code-server (the same cached
// installation as the offline integration launcher), a throw-away copy of seeds/ as the
// workspace, and Debian's Chromium driven by playwright-core — the product as a user sees it.
// Every process it starts is stopped by its pid (process group), never by name.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHROMIUM, chromiumOptions, codeServerArgs, ensureCodeServer, freePort, groupAlive, killGroup } from '../launchers/offline.mjs';

/* global document, getComputedStyle, NodeFilter */

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
// Packaged by `npm run test:e2e` into the artefacts folder, so a parallel `npm run package` cannot swap it mid-run.
export const VSIX = resolve(process.env.SOURCE_ANNOTATOR_E2E_VSIX || join(REPO, 'test-artifacts', 'e2e', 'source-annotator.vsix'));
export const ARTIFACTS = join(REPO, 'test-artifacts', 'e2e');
const VERBOSE = process.env.SOURCE_ANNOTATOR_TEST_VERBOSE === '1';
const VSIX_SIZE_LIMIT = 1024 * 1024;

/** Colour ids of package.json `contributes.colors` → the decoration kind that uses them. */
const COLOR_KIND = {
  quoteBackground: 'quote',
  quoteBorder: 'quote',
  termBackground: 'term',
  termBorder: 'term',
  speakerForeground: 'speaker',
  personBorder: 'person',
  claimBackground: 'claim',
  claimBorder: 'claim',
  boilerplateForeground: 'boilerplate',
  noteBackground: 'note',
  noteBorder: 'note',
  confirmedBorder: 'confirmed',
  reliability1: 'reliability1',
  reliability2: 'reliability2',
  reliability3: 'reliability3',
  reliability4: 'reliability4',
  reliability5: 'reliability5',
};

/** A failure of the environment (no browser, no host): the message says what to install. */
export class HostUnavailableError extends Error {}

/** '#rrggbb' or '#rrggbbaa' → [r, g, b, alpha 0..1]. */
function hexToRgba(hex) {
  const m = /^#([0-9a-f]{6})([0-9a-f]{2})?$/i.exec(hex ?? '');
  if (!m) return undefined;
  const n = parseInt(m[1], 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255, m[2] ? parseInt(m[2], 16) / 255 : 1];
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export function log(message) {
  process.stdout.write(`      [e2e] ${message}\n`);
}

/** The environment for code-server: no npm_* of an outer `npm run`, config kept in the scratch dir. */
function hostEnv(scratch) {
  const env = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^npm_/i.test(key) || key === 'NODE' || key === 'INIT_CWD') continue;
    env[key] = value;
  }
  return { ...env, XDG_CONFIG_HOME: join(scratch, 'xdg-config'), XDG_DATA_HOME: join(scratch, 'xdg-data') };
}

/** Quiet, deterministic user settings; the colour theme is what the screenshots show. */
export function userSettings(theme) {
  return {
    'workbench.colorTheme': theme,
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
    'chat.disableAIFeatures': true,
    'security.workspace.trust.enabled': false,
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'extensions.ignoreRecommendations': true,
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'git.enabled': false,
    'editor.minimap.enabled': false,
    'editor.cursorBlinking': 'solid',
    'window.commandCenter': false,
    'workbench.layoutControl.enabled': false,
  };
}

/**
 * One code-server + Chromium session. `start()` throws HostUnavailableError with an
 * actionable message when Chromium, the .vsix or code-server are missing.
 */
export class Workbench {
  constructor() {
    this.pids = new Map();
    this.scratch = undefined;
    this.page = undefined;
    this.browser = undefined;
    this.serverOutput = [];
  }

  get workspace() {
    return join(this.scratch, 'workspace');
  }

  get settingsFile() {
    return join(this.scratch, 'user-data', 'User', 'settings.json');
  }

  async start({ theme = 'Default Light Modern' } = {}) {
    // Ctrl-C or a CI kill mid-run: stop what we started (code-server runs detached).
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
      process.once(signal, () => {
        log(`${signal}: stopping code-server and Chromium`);
        void this.stop().finally(() => process.exit(130));
      });
    }
    if (!existsSync(CHROMIUM)) {
      throw new HostUnavailableError(
        `Chromium not found at ${CHROMIUM}: the end-to-end tests drive the VS Code workbench in Debian's Chromium.\n` +
          '  sudo apt-get install -y chromium      (or set CHROMIUM_PATH)',
      );
    }
    if (!existsSync(VSIX)) throw new HostUnavailableError(`${VSIX} is missing: run \`npm run package\` first (npm run test:e2e does).`);
    const vsixBytes = statSync(VSIX).size;
    if (vsixBytes >= VSIX_SIZE_LIMIT) throw new Error(`${VSIX} is ${(vsixBytes / 1024).toFixed(0)} KiB, over the 1 MiB limit (check .vscodeignore).`);
    let chromium;
    try {
      chromium = (await import('playwright-core')).chromium;
    } catch {
      throw new HostUnavailableError('playwright-core is not installed; run `npm ci` first.');
    }
    let layout;
    try {
      layout = await ensureCodeServer();
    } catch (e) {
      throw new HostUnavailableError(`The code-server host is unavailable: ${e instanceof Error ? e.message : String(e)}`);
    }

    this.scratch = mkdtempSync(join(tmpdir(), 'source-annotator-e2e-'));
    const userDataDir = join(this.scratch, 'user-data');
    const extensionsDir = join(this.scratch, 'extensions');
    mkdirSync(dirname(this.settingsFile), { recursive: true });
    mkdirSync(extensionsDir, { recursive: true });
    this.writeSettings(userSettings(theme));
    // A copy of the seeds: the tests write sidecars, the repository stays untouched.
    cpSync(join(REPO, 'seeds'), join(this.workspace, 'seeds'), { recursive: true });
    const env = hostEnv(this.scratch);

    // Installed exactly as a user installs a downloaded .vsix.
    const installed = spawnSync(layout.node, [layout.entry, '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir, '--install-extension', VSIX], {
      encoding: 'utf8',
      env,
      timeout: 120_000,
    });
    if (installed.status !== 0 || !/successfully installed/i.test(installed.stdout ?? '')) {
      throw new Error(`code-server --install-extension ${VSIX} failed (exit ${installed.status}):\n${installed.stdout}\n${installed.stderr}`);
    }
    this.extensionDir = this.findInstalledExtension(extensionsDir);

    const port = await freePort();
    this.origin = `http://127.0.0.1:${port}`;
    const server = spawn(
      layout.node,
      codeServerArgs(layout, { port, userDataDir, extensionsDir, config: join(this.scratch, 'code-server.yaml') }),
      { cwd: this.scratch, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    this.pids.set(server.pid, 'code-server');
    this.server = server;
    const keep = (chunk) => {
      this.serverOutput.push(chunk.toString());
      if (this.serverOutput.length > 200) this.serverOutput.shift();
      if (VERBOSE) process.stdout.write(`[code-server] ${chunk}`);
    };
    server.stdout.on('data', keep);
    server.stderr.on('data', keep);
    await this.waitForHttp(`${this.origin}/healthz`, 60_000);
    log(`code-server listening on ${this.origin} (pid ${server.pid}), extension installed in ${this.extensionDir}`);

    try {
      this.browser = await chromium.launch(chromiumOptions());
    } catch (e) {
      throw new HostUnavailableError(`Chromium (${CHROMIUM}) did not start: ${e instanceof Error ? e.message : String(e)}`);
    }
    const context = await this.browser.newContext({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1 });
    this.page = await context.newPage();
    this.page.setDefaultTimeout(30_000);
    if (VERBOSE) this.page.on('console', (m) => process.stdout.write(`[browser] ${m.text()}\n`));
    await this.open();
  }

  findInstalledExtension(extensionsDir) {
    const out = spawnSync('sh', ['-c', `ls -d "${extensionsDir}"/source-annotator.source-annotator-*`], { encoding: 'utf8' });
    const dir = out.stdout.trim().split('\n')[0];
    if (!dir || !existsSync(join(dir, 'package.json'))) throw new Error(`The installed extension was not found in ${extensionsDir}.`);
    return dir;
  }

  writeSettings(settings) {
    writeFileSync(this.settingsFile, `${JSON.stringify(settings, null, 2)}\n`);
  }

  async waitForHttp(url, timeoutMs) {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.server.exitCode !== null) throw new HostUnavailableError(`code-server exited with code ${this.server.exitCode}:\n${this.serverOutput.join('')}`);
      try {
        if ((await fetch(url)).ok) return;
      } catch {
        // not listening yet
      }
      await sleep(250);
    }
    throw new HostUnavailableError(`code-server did not answer on ${url} within ${timeoutMs / 1000} s:\n${this.serverOutput.join('')}`);
  }

  /** Opens (or reopens) the workbench on the workspace and waits until it is usable. */
  async open() {
    await this.page.goto(`${this.origin}/?folder=${encodeURIComponent(this.workspace)}`);
    await this.waitForWorkbench();
  }

  async waitForWorkbench() {
    await this.page.locator('.monaco-workbench .part.activitybar').waitFor({ state: 'visible', timeout: 90_000 });
    await this.page.locator('.monaco-workbench .part.statusbar').waitFor({ state: 'visible', timeout: 30_000 });
  }

  async stop() {
    if (this.stopped) return;
    this.stopped = true;
    if (this.browser) {
      const browserPid = this.browser.process?.()?.pid;
      if (browserPid) this.pids.set(browserPid, 'chromium');
      await Promise.race([this.browser.close().catch(() => {}), sleep(5000)]);
    }
    const pids = [...this.pids.keys()];
    for (const pid of pids) killGroup(pid, 'SIGTERM');
    const deadline = Date.now() + 5000;
    while (pids.some(groupAlive) && Date.now() < deadline) await sleep(100);
    for (const pid of pids) if (groupAlive(pid)) killGroup(pid, 'SIGKILL');
    this.pids.clear();
    if (this.scratch) rmSync(this.scratch, { recursive: true, force: true, maxRetries: 3 });
  }

  /** The engine's analysis of a workspace file, computed by the CLI shipped in the .vsix. */
  analyse(relPath) {
    const r = spawnSync(process.execPath, [join(this.extensionDir, 'dist', 'cli.js'), 'analyze', relPath, '--json'], {
      cwd: this.workspace,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    if (r.status !== 0) throw new Error(`source-annotator analyze ${relPath} failed (exit ${r.status}): ${r.stderr}`);
    return JSON.parse(r.stdout).documents[0];
  }

  /** The CLI's workspace-wide analysis of the seeds (people and quotes across sources). */
  analyseCorpus() {
    const r = spawnSync(process.execPath, [join(this.extensionDir, 'dist', 'cli.js'), 'analyze', 'seeds', '--json'], {
      cwd: this.workspace,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    if (r.status !== 0) throw new Error(`source-annotator analyze seeds failed (exit ${r.status}): ${r.stderr}`);
    return JSON.parse(r.stdout).corpus;
  }

  sidecarOf(relPath) {
    const file = join(this.workspace, `${relPath}.annotations.json`);
    return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : undefined;
  }

  /** Polls `read` until `accept` holds; throws with the last value otherwise. */
  async until(what, read, accept, timeoutMs = 20_000) {
    const deadline = Date.now() + timeoutMs;
    let last;
    for (;;) {
      try {
        last = await read();
        if (accept(last)) return last;
      } catch (e) {
        last = e;
      }
      if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs / 1000} s waiting for ${what}; last value: ${last instanceof Error ? last.message : JSON.stringify(last)?.slice(0, 600)}`);
      await sleep(250);
    }
  }

  async screenshot(name, dir = ARTIFACTS) {
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `${name}.png`);
    await this.page.screenshot({ path: file });
    return file;
  }

  // ---- Workbench actions, as a user performs them ------------------------------------------

  /** F1, type the command's title, Enter. */
  async runCommand(title) {
    const page = this.page;
    const input = page.locator('.quick-input-widget input');
    // No Escape first: in the editor it would cancel the selection the command acts on.
    await page.keyboard.press('F1');
    await input.waitFor({ state: 'visible' });
    await input.fill(`>${title}`);
    // The row of exactly this command (its aria-label may add ", <keybinding>"): fuzzy
    // matching also lists longer titles first, e.g. "… Color Themes in Marketplace".
    const row = page.locator(`.quick-input-widget .monaco-list-row[aria-label="${title}"], .quick-input-widget .monaco-list-row[aria-label^="${title}, "]`).first();
    await row.waitFor({ state: 'visible' });
    await row.click();
  }

  /** Preferences: Color Theme → the theme's label in the picker, as a user switches themes. */
  async setColorTheme(theme) {
    const page = this.page;
    await this.runCommand('Preferences: Color Theme');
    const input = page.locator('.quick-input-widget input');
    await page.locator('.quick-input-widget .monaco-list-row[aria-label*="Modern"]').first().waitFor({ state: 'visible' });
    // The picker lists themes by label ("Dark Modern"), the setting holds the id ("Default Dark Modern").
    await input.fill(theme);
    const row = page.locator(`.quick-input-widget .monaco-list-row[aria-label="${theme}"]`).first();
    await row.waitFor({ state: 'visible' });
    await row.click();
    await input.waitFor({ state: 'hidden' });
  }

  /** Quick Open (Ctrl+P) a workspace file by name and wait for its editor. */
  async openFile(relPath) {
    const page = this.page;
    const name = relPath.split('/').pop();
    const input = page.locator('.quick-input-widget input');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+P');
    await input.waitFor({ state: 'visible' });
    await input.fill(name);
    await page.locator('.quick-input-widget .monaco-list-row', { hasText: name }).first().waitFor({ state: 'visible' });
    await input.press('Enter');
    await page.locator(`.part.editor .tab[aria-label*="${name}"]`).first().waitFor({ state: 'visible' });
    await page.locator('.part.editor .monaco-editor .view-lines .view-line').first().waitFor({ state: 'visible' });
  }

  /** The theme type of the workbench: 'light' or 'dark' (high contrast is not used here). */
  async themeType() {
    const cls = await this.page.locator('.monaco-workbench').first().getAttribute('class');
    return /\bvs-dark\b/.test(cls ?? '') ? 'dark' : 'light';
  }

  /**
   * Decoration class name → kind. The workbench turns each decoration type's theme colours
   * into a CSS rule (`.ced-…`) with the resolved colour, so a rule is ours, and of which kind,
   * when its colours are the defaults our package.json contributes for the current theme.
   */
  async decorationClasses() {
    const theme = await this.themeType();
    const manifest = JSON.parse(readFileSync(join(this.extensionDir, 'package.json'), 'utf8'));
    const colours = [];
    for (const c of manifest.contributes.colors) {
      const kind = COLOR_KIND[c.id.replace(/^sourceAnnotator\./, '')];
      const rgba = kind ? hexToRgba(c.defaults[theme]) : undefined;
      if (rgba && rgba[3] > 0) colours.push({ kind, rgba });
    }
    return this.page.evaluate((colours) => {
      const byClass = {};
      const near = (a, b) => a.slice(0, 3).every((v, i) => Math.abs(v - b[i]) <= 1) && Math.abs(a[3] - b[3]) <= 0.01;
      for (const sheet of document.styleSheets) {
        let rules;
        try {
          rules = sheet.cssRules;
        } catch {
          continue;
        }
        for (const rule of rules) {
          const selector = rule.selectorText;
          if (!selector || !selector.includes('.ced-')) continue;
          for (const m of rule.style.cssText.matchAll(/rgba?\(([^)]+)\)/g)) {
            const v = m[1].split(',').map(Number);
            const rgba = [v[0], v[1], v[2], v.length > 3 ? v[3] : 1];
            const hit = colours.find((c) => near(c.rgba, rgba));
            if (hit) for (const cls of selector.matchAll(/\.(ced-[\w-]+)/g)) byClass[cls[1]] = hit.kind;
          }
        }
      }
      return byClass;
    }, colours);
  }

  /**
   * Where `text` (or its longest leading piece that fits on one rendered line) is in the
   * active editor, and which decoration kinds cover it. Returns undefined when it is not on
   * screen. `coverage[kind]` is the fraction of the text's width covered by elements of the
   * kind: inline spans for text styles, overlay divs (`.cdr`) for backgrounds and borders.
   */
  async inspectText(text, { minPiece = 8 } = {}) {
    const classes = await this.decorationClasses();
    return this.page.evaluate(
      ({ text, minPiece, classes }) => {
        const norm = (s) => s.replace(/\u00a0/g, ' ');
        const editor = document.querySelector('.part.editor .editor-group-container.active .monaco-editor') ?? document.querySelector('.part.editor .monaco-editor');
        if (!editor) return undefined;
        const lines = [...editor.querySelectorAll('.view-lines .view-line')];
        let best;
        for (const line of lines) {
          const t = norm(line.textContent ?? '');
          for (let k = text.length; k >= Math.min(minPiece, text.length); k--) {
            const at = t.indexOf(text.slice(0, k));
            if (at >= 0) {
              if (!best || k > best.k) best = { line, at, k };
              break;
            }
          }
          if (best && best.k === text.length) break;
        }
        if (!best) return undefined;
        // Map character offsets of the line onto text nodes to measure the piece.
        const walker = document.createTreeWalker(best.line, NodeFilter.SHOW_TEXT);
        const nodes = [];
        let offset = 0;
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          nodes.push({ node: n, start: offset });
          offset += n.data.length;
        }
        const locate = (pos) => {
          for (let i = nodes.length - 1; i >= 0; i--) if (nodes[i].start <= pos) return { node: nodes[i].node, offset: pos - nodes[i].start };
          return { node: nodes[0].node, offset: 0 };
        };
        const range = document.createRange();
        const a = locate(best.at);
        const b = locate(best.at + best.k);
        range.setStart(a.node, a.offset);
        range.setEnd(b.node, b.offset);
        const rects = [...range.getClientRects()].filter((r) => r.width > 0).map((r) => ({ left: r.left, right: r.right, top: r.top, bottom: r.bottom }));
        const box = range.getBoundingClientRect();
        const coverage = {};
        const kinds = {};
        for (const [cls, kind] of Object.entries(classes)) {
          for (const el of editor.querySelectorAll(`.${cls}`)) {
            const r = el.getBoundingClientRect();
            if (r.width > 0) (kinds[kind] ??= []).push(r);
          }
        }
        for (const [kind, decoRects] of Object.entries(kinds)) {
          let covered = 0;
          let total = 0;
          for (const t of rects) {
            total += t.right - t.left;
            const midY = (t.top + t.bottom) / 2;
            const spans = decoRects
              .filter((d) => d.top <= midY && d.bottom >= midY)
              .map((d) => [Math.max(d.left, t.left), Math.min(d.right, t.right)])
              .filter(([l, r]) => r > l)
              .sort((x, y) => x[0] - y[0]);
            let end = t.left;
            for (const [l, r] of spans) {
              if (r <= end) continue;
              covered += r - Math.max(l, end);
              end = r;
            }
          }
          coverage[kind] = total > 0 ? covered / total : 0;
        }
        // The inline style of the text's own span (text colour, opacity, font style).
        const el = a.node.parentElement;
        const style = el ? getComputedStyle(el) : undefined;
        return {
          piece: text.slice(0, best.k),
          center: { x: (box.left + box.right) / 2, y: (box.top + box.bottom) / 2 },
          start: rects[0] ? { x: rects[0].left + 1, y: (rects[0].top + rects[0].bottom) / 2 } : undefined,
          coverage,
          style: style ? { color: style.color, opacity: style.opacity, fontStyle: style.fontStyle, textDecorationLine: style.textDecorationLine } : undefined,
        };
      },
      { text, minPiece, classes },
    );
  }

  /** Hovers the middle of `text` in the editor and returns the hover widget's text. */
  async hoverText(text, expected) {
    const page = this.page;
    const at = await this.inspectText(text);
    if (!at) throw new Error(`"${text}" is not on screen`);
    await page.mouse.move(at.center.x - 40, at.center.y + 200);
    const hover = page.locator('.monaco-hover:not(.hidden)', { hasText: expected }).first();
    // Hovers follow the pointer; a small move inside the span retriggers a missed one.
    for (let attempt = 0; ; attempt++) {
      await page.mouse.move(at.center.x + attempt, at.center.y);
      try {
        await hover.waitFor({ state: 'visible', timeout: 5000 });
        break;
      } catch (e) {
        if (attempt >= 3) throw e;
      }
    }
    return hover.innerText();
  }
}
