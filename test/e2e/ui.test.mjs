// End-to-end UI tests: what a person sees. The packaged .vsix runs in code-server, the
// workbench in Chromium; each scenario asserts on the DOM and keeps a screenshot in
// test-artifacts/e2e/. The expected spans come from the CLI shipped in the same .vsix, so the
// tests follow the detectors instead of hard-coding their output for one seed.
// The scenarios run in order on one workbench (the reload checks what the earlier ones wrote).
import assert from 'node:assert/strict';
import { copyFileSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, afterEach, before, describe, it } from 'mocha';
import { ARTIFACTS, HostUnavailableError, log, REPO, Workbench } from './workbench.mjs';

const COVERED = 0.9;

/** The line (0-based) of a code point offset. */
function lineOf(text, codePointOffset) {
  return [...text].slice(0, codePointOffset).join('').split('\n').length - 1;
}

/** The shortest item of a list by its text, among those of at least `min` characters. */
function shortest(items, min = 4) {
  return [...items].filter((i) => i.text.length >= min).sort((a, b) => a.text.length - b.text.length)[0];
}

/** Picks a seed with every kind of highlight and what the scenarios look for in it. */
function planFor(wb) {
  for (const name of readdirSync(join(wb.workspace, 'seeds')).filter((f) => f.endsWith('.txt')).sort()) {
    const path = `seeds/${name}`;
    const text = readFileSync(join(wb.workspace, path), 'utf8');
    const a = wb.analyse(path);
    const attributed = a.quotes.filter((q) => q.kind === 'speech' && q.speaker && q.cue);
    const quote = shortest(attributed.filter((q) => q.text.length <= 100));
    const person = a.people.find((p) => p.mentions.some((m) => !a.quotes.some((q) => q.start <= m.start && m.end <= q.end)));
    const boilerplate = a.boilerplate.find((b) => b.text.length <= 80);
    const claim = a.claims[0];
    // A line to tag by hand: plain prose, not already boilerplate and not a quote.
    const cpLines = [];
    let offset = 0;
    for (const line of text.split('\n')) {
      const length = [...line].length;
      cpLines.push({ line, start: offset, end: offset + length });
      offset += length + 1;
    }
    const overlaps = (l, spans) => spans.some((s) => s.start < l.end && l.start < s.end);
    const toTag = cpLines.find((l) => l.line.length >= 20 && l.line.length <= 70 && l.line === l.line.trim() && !overlaps(l, a.boilerplate) && !overlaps(l, a.quotes));
    if (quote && person && boilerplate && claim && toTag) {
      const mention = person.mentions.find((m) => !a.quotes.some((q) => q.start <= m.start && m.end <= q.end));
      return { path, name, text, analysis: a, quote, person, mention, boilerplate, claim, toTag };
    }
  }
  throw new Error('No seed has an attributed quote, a person, a claim, boilerplate and a plain line to tag.');
}

describe('Source Annotator in the browser (installed .vsix, code-server, Chromium)', function () {
  this.timeout(120_000);
  const wb = new Workbench();
  let plan;
  let chosenReliability;
  const t0 = Date.now();

  /** Scrolls the line of a code point offset into view (Quick Open ":line"). */
  async function goTo(offset) {
    await wb.page.keyboard.press('Escape');
    await wb.page.keyboard.press('Control+P');
    const input = wb.page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible' });
    await input.fill(`:${lineOf(plan.text, offset) + 1}`);
    await input.press('Enter');
    await input.waitFor({ state: 'hidden' });
  }

  /** Waits until `text` is on screen and covered by a decoration of `kind`. */
  async function expectHighlighted(text, kind, offset) {
    if (offset !== undefined) await goTo(offset);
    const seen = await wb.until(`"${text.slice(0, 40)}" highlighted as ${kind}`, () => wb.inspectText(text), (r) => (r?.coverage[kind] ?? 0) >= COVERED);
    return seen;
  }

  async function sidebarPane(title) {
    const pane = wb.page.locator('.part.sidebar .pane', { has: wb.page.locator(`.pane-header[aria-label^="${title}"]`) });
    await pane.waitFor({ state: 'visible' });
    const header = pane.locator('.pane-header');
    if ((await header.getAttribute('aria-expanded')) === 'false') await header.click();
    return pane;
  }

  async function openSidebar() {
    const item = wb.page.locator('.part.activitybar li.action-item', { has: wb.page.locator('a.action-label[aria-label^="Source Annotator"]') });
    if ((await item.getAttribute('aria-selected')) !== 'true') await item.click();
    await wb.page.locator('.part.sidebar .composite.title', { hasText: /Source Annotator/i }).waitFor({ state: 'visible' });
  }

  async function rowLabels(pane) {
    return pane.locator('.monaco-list-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('aria-label') ?? ''));
  }

  before(async function () {
    this.timeout(600_000); // a cold code-server install (first run on a machine) takes minutes
    try {
      await wb.start({ theme: 'Default Light Modern' });
    } catch (e) {
      // Loud on purpose: a missing host is a failed run, never a skipped one.
      if (e instanceof HostUnavailableError) throw new Error(`END-TO-END TESTS CANNOT RUN: ${e.message}`, { cause: e });
      throw e;
    }
    plan = planFor(wb);
    log(`workbench ready in ${((Date.now() - t0) / 1000).toFixed(1)} s; seed ${plan.path}`);
    await wb.openFile(plan.path);
  });

  afterEach(async function () {
    // A failed scenario leaves a picture of what the browser showed.
    if (this.currentTest?.state === 'failed' && wb.page) {
      const name = `failed-${this.currentTest.title.replace(/[^\w]+/g, '-').slice(0, 60)}`;
      await wb.screenshot(name).then((f) => log(`screenshot of the failure: ${f}`), () => {});
    }
  });

  after(async function () {
    this.timeout(30_000);
    await wb.stop();
    log(`end-to-end run: ${((Date.now() - t0) / 1000).toFixed(1)} s; screenshots in ${ARTIFACTS}`);
  });

  it('highlights a quote, its reporting cue, a person, a claim and boilerplate on their text', async () => {
    const { quote, mention, claim, boilerplate } = plan;
    const q = await expectHighlighted(quote.text, 'quote', quote.start);
    assert.ok((q.coverage.boilerplate ?? 0) < 0.1, 'a quote is not shown as boilerplate');
    const cue = await expectHighlighted(quote.cue.text, 'speaker', quote.cue.start);
    assert.equal(cue.style.fontStyle, 'italic', 'the reporting cue is in italics');
    await expectHighlighted(mention.text, 'person', mention.start);
    // Claims are whole sentences that wrap: the first rendered line of it is checked.
    await expectHighlighted(claim.text, 'claim', claim.start);
    const bp = await expectHighlighted(boilerplate.text, 'boilerplate', boilerplate.start);
    assert.ok(Number(bp.style.opacity) < 1, `boilerplate is dimmed (opacity ${bp.style.opacity})`);
    // And plain prose is left alone.
    const plain = await wb.inspectText(plan.toTag.line);
    assert.ok(plain, 'the line to tag later is on screen');
    assert.ok((plain.coverage.boilerplate ?? 0) < 0.1 && (plain.coverage.quote ?? 0) < 0.1, `plain line without quote/boilerplate marks: ${JSON.stringify(plain.coverage)}`);
    await goTo(quote.start);
    await wb.screenshot('01-highlights');
  });

  it('hovering a quote shows its speaker', async () => {
    await goTo(plan.quote.start);
    const text = await wb.hoverText(plan.quote.text, 'Speaker:');
    assert.match(text, /Quote/);
    assert.ok(text.includes(`Speaker: ${plan.quote.speaker.name}`), `hover names the speaker ${plan.quote.speaker.name}:\n${text}`);
    await wb.screenshot('02-hover-quote');
  });

  it('hovering a person shows who they are', async () => {
    await wb.page.keyboard.press('Escape');
    await goTo(plan.mention.start);
    const text = await wb.hoverText(plan.mention.text, plan.person.name);
    assert.match(text, /Person/);
    assert.match(text, /\d+ mentions? here/);
    if (plan.person.role) assert.ok(text.includes(plan.person.role), `hover shows the role ${plan.person.role}`);
    await wb.screenshot('03-hover-person');
    await wb.page.keyboard.press('Escape');
  });

  it('Tag Selection as Boilerplate from the Command Palette dims the text and writes the sidecar', async () => {
    const { toTag } = plan;
    const title = JSON.parse(readFileSync(join(wb.extensionDir, 'package.json'), 'utf8')).contributes.commands.find(
      (c) => c.command === 'sourceAnnotator.tagSelectionAsBoilerplate',
    );
    await goTo(toTag.start); // the cursor is now at the start of the line
    await wb.page.keyboard.press('Home');
    await wb.page.keyboard.press('Shift+End');
    const before = await wb.inspectText(toTag.line);
    assert.ok((before.coverage.boilerplate ?? 0) < 0.1, 'not boilerplate before tagging');
    await wb.runCommand(`${title.category}: ${title.title}`);
    await expectHighlighted(toTag.line, 'boilerplate');
    const sidecar = await wb.until(
      'the sidecar with the boilerplate annotation',
      () => wb.sidecarOf(plan.path),
      (s) => s?.annotations?.some((a) => a.kind === 'boilerplate' && a.target.quote.exact === toTag.line),
    );
    const annotation = sidecar.annotations.find((a) => a.kind === 'boilerplate' && a.target.quote.exact === toTag.line);
    assert.equal(annotation.status, 'manual');
    await wb.page.keyboard.press('ArrowDown'); // drop the selection for the screenshot
    await wb.screenshot('04-tagged-boilerplate');
  });

  it('the sidebar shows this source, all sources, people and cross-source quotes', async () => {
    await openSidebar();
    const thisSource = await sidebarPane('This Source');
    await thisSource.locator('.monaco-list-row').first().waitFor({ state: 'visible' });
    const thisRows = await rowLabels(thisSource);
    assert.ok(thisRows.some((r) => r.startsWith(plan.quote.speaker.name)), `This Source groups quotes by speaker: ${thisRows.join(' | ')}`);

    const sources = await sidebarPane('Sources');
    const seeds = readdirSync(join(wb.workspace, 'seeds')).filter((f) => f.endsWith('.txt'));
    await wb.until('every seed in Sources', () => rowLabels(sources), (rows) => seeds.every((s) => rows.some((r) => r.startsWith(s))));

    const corpus = wb.analyseCorpus();
    const people = await sidebarPane('People');
    const widest = [...corpus.people].sort((a, b) => b.documents.length - a.documents.length)[0];
    await wb.until(`${widest.name} in People`, () => rowLabels(people), (rows) => rows.some((r) => r.startsWith(widest.name) && r.includes(`${widest.documents.length} sources`)));

    const cross = await sidebarPane('Cross-source Quotes');
    const textOf = (loc) => [...readFileSync(join(wb.workspace, loc.path), 'utf8')].slice(loc.start, loc.end).join('');
    const expected = corpus.quoteMatches.map((m) => textOf(m.a).slice(0, 25));
    assert.ok(expected.length > 0, 'the CLI finds quotes shared by several seeds');
    const rows = await wb.until('cross-source quote groups', () => rowLabels(cross), (r) => r.some((label) => expected.some((e) => label.startsWith(e))));
    assert.ok(rows.every((r) => / sources? · \d+% similar/.test(r)), `each group says in how many sources and how similar: ${rows.join(' | ')}`);
    await wb.page.mouse.move(700, 880); // no tooltip over the screenshot
    await wb.screenshot('05-sidebar');
  });

  it('sets a source reliability from the Sources tree (inline action → quick pick) and writes the sidecar', async () => {
    const page = wb.page;
    const scale = JSON.parse(readFileSync(join(wb.extensionDir, 'package.json'), 'utf8')).contributes.configuration.properties['sourceAnnotator.reliabilityScale'].default;
    const choice = scale[1];
    chosenReliability = choice;
    const note = 'Checked against the agency wire copy';
    const sources = await sidebarPane('Sources');
    const row = sources.locator(`.monaco-list-row[aria-label^="${plan.name}"]`);
    await row.hover();
    await row.locator('a.action-label[aria-label="Set Source Reliability…"]').click();
    const quickInput = page.locator('.quick-input-widget');
    await quickInput.locator('.monaco-list-row', { hasText: choice }).first().waitFor({ state: 'visible' });
    assert.match(await quickInput.innerText(), /Reliability of this source/);
    await quickInput.locator('.monaco-list-row', { hasText: choice }).first().click();
    // Then the optional note.
    const input = quickInput.locator('input');
    await page.locator('.quick-input-widget', { hasText: 'Note about this source' }).waitFor({ state: 'visible' });
    await input.fill(note);
    await input.press('Enter');
    const sidecar = await wb.until('the source reliability in the sidecar', () => wb.sidecarOf(plan.path), (s) => s?.source?.reliability === choice);
    assert.equal(sidecar.source.note, note);
    await wb.until(`a "${choice}" group in Sources`, () => rowLabels(sources), (rows) => rows.some((r) => r.startsWith(choice)));
    await wb.screenshot('06-source-reliability');
  });

  it('after reloading the window the annotations are still there', async () => {
    await wb.page.reload();
    await wb.waitForWorkbench();
    await wb.openFile(plan.path);
    await expectHighlighted(plan.toTag.line, 'boilerplate', plan.toTag.start);
    await expectHighlighted(plan.quote.text, 'quote', plan.quote.start);
    await openSidebar();
    const sources = await sidebarPane('Sources');
    await wb.until('the rated source after the reload', () => rowLabels(sources), (rows) => rows.some((r) => r.startsWith(chosenReliability)));
    await wb.screenshot('07-after-reload');
  });

  it('light and dark theme screenshots for the README', async () => {
    const page = wb.page;
    const shoot = async (themeLabel, type, file) => {
      await wb.setColorTheme(themeLabel);
      await page.locator(`.monaco-workbench.${type === 'dark' ? 'vs-dark' : 'vs'}`).waitFor({ state: 'attached' });
      await page.keyboard.press('Escape');
      // Colours of the new theme: the decorations are re-rendered with its defaults.
      await goTo(0);
      await goTo(plan.quote.start); // scrolls only when the quote is below the first screen
      await expectHighlighted(plan.quote.text, 'quote');
      await expectHighlighted(plan.quote.cue.text, 'speaker', plan.quote.cue.start);
      assert.equal(await wb.themeType(), type);
      // The top of the article, the cursor on a line of its own (no word highlight), no tooltip.
      await page.keyboard.press('Control+Home');
      await page.keyboard.press('ArrowDown');
      await page.mouse.move(700, 885);
      const artefact = await wb.screenshot(`screenshot-${type}`);
      // The README's screenshots are refreshed on request only, so an ordinary `npm test` leaves
      // the working tree clean (the artefact is always kept in test-artifacts/e2e/).
      if (process.env.SOURCE_ANNOTATOR_UPDATE_SCREENSHOTS === '1') copyFileSync(artefact, join(REPO, 'media', file));
    };
    await openSidebar();
    // "Default Light Modern" / "Default Dark Modern", the themes new users get.
    await shoot('Light Modern', 'light', 'screenshot-light.png');
    await shoot('Dark Modern', 'dark', 'screenshot-dark.png');
  });
});
