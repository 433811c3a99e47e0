/**
 * Hardening (issue 9): workspace trust and hostile sidecar content, as far as they can be
 * tested outside an untrusted window. The launchers run VS Code with
 * --disable-workspace-trust, so a real untrusted host is not available: the manifest's trust
 * declaration and `when` clauses are checked here, and the read-only hover that the store shows
 * in an untrusted workspace is checked through the pure hover builder it uses.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { emptySidecar, isPlainRelativePath, parseSidecar, serializeSidecar } from '../../src/core/annotations';
import { CommandId } from '../../src/core/present/commandIds';
import { buildEntries, entriesAt } from '../../src/core/present/entries';
import { hoverContent } from '../../src/core/present/hoverContent';
import type { DocumentAnalysis } from '../../src/core/types';

// This file runs from out/test/unit/.
const REPO = resolve(__dirname, '..', '..', '..');

interface Manifest {
  capabilities: { untrustedWorkspaces: { supported: boolean | 'limited'; description?: string; restrictedConfigurations?: string[] } };
  contributes: {
    commands: { command: string; title: string }[];
    menus: Record<string, { command: string; when?: string }[]>;
    keybindings: { command: string; when?: string }[];
  };
}
const manifest = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as Manifest;

/** Commands that change a sidecar (or write files from imported data). */
const MUTATING = [
  'tagSelectionAsQuote', 'tagSelectionAsPerson', 'tagSelectionAsClaim', 'tagSelectionAsBoilerplate', 'setReliability',
  'setSourceReliability', 'editNote', 'correctSpeaker', 'confirmDetection', 'rejectDetection', 'deleteAnnotation',
  'confirmAllBoilerplate', 'importBrat', 'importW3c',
].map((c) => `sourceAnnotator.${c}`);
/** Read-only features that must stay available in an untrusted workspace. */
const READ_ONLY = ['analyzeActive', 'nextAnnotation', 'previousAnnotation', 'toggleHighlights', 'copyCleanText', 'openSidecar'].map((c) => `sourceAnnotator.${c}`);

/** Every place a command is offered: palette, menus, keybindings, with its `when` clause. */
function offers(command: string): { where: string; when: string }[] {
  const out: { where: string; when: string }[] = [];
  for (const [menu, entries] of Object.entries(manifest.contributes.menus)) {
    for (const e of entries) if (e.command === command) out.push({ where: menu, when: e.when ?? '' });
  }
  for (const k of manifest.contributes.keybindings) if (k.command === command) out.push({ where: 'keybinding', when: k.when ?? '' });
  return out;
}

describe('hardening: workspace trust (manifest and read-only gating)', () => {
  it('declares limited support for untrusted workspaces, says what is disabled, restricts the pattern setting', () => {
    const trust = manifest.capabilities.untrustedWorkspaces;
    assert.equal(trust.supported, 'limited');
    assert.match(trust.description ?? '', /still highlights/);
    assert.match(trust.description ?? '', /does not write sidecar/);
    assert.ok(trust.restrictedConfigurations?.includes('sourceAnnotator.boilerplatePatterns'), 'workspace regexes are not applied untrusted');
  });

  it('every command that changes annotations is offered only in a trusted workspace', () => {
    const declared = new Set(manifest.contributes.commands.map((c) => c.command));
    for (const command of MUTATING) {
      assert.ok(declared.has(command), `${command} is contributed`);
      const places = offers(command);
      assert.ok(places.some((p) => p.where === 'commandPalette'), `${command} has a command palette entry`);
      for (const p of places) {
        const gated = /\bisWorkspaceTrusted\b/.test(p.when) && !/!\s*isWorkspaceTrusted/.test(p.when);
        assert.ok(gated || p.when === 'false', `${command} in ${p.where} is offered untrusted (when: "${p.when}")`);
      }
    }
  });

  it('read-only features (highlights, navigation, analysis) are never gated on trust', () => {
    for (const command of READ_ONLY) {
      for (const p of offers(command)) assert.doesNotMatch(p.when, /isWorkspaceTrusted/, `${command} in ${p.where} needs trust`);
    }
  });

  it('the hover in an untrusted workspace explains it and offers nothing that writes', () => {
    const text = 'Minister Jo Park said “Prices will fall 5% in June.” in a statement.';
    const at = text.indexOf('“');
    const analysis: DocumentAnalysis = {
      path: 'a.txt',
      quotes: [{ start: at, end: text.indexOf('”') + 1, text: text.slice(at, text.indexOf('”') + 1), kind: 'speech', speaker: { name: 'Jo Park' }, cue: null, confidence: 0.9 }],
      people: [],
      claims: [],
      boilerplate: [],
    };
    const entries = buildEntries(analysis, []);
    const reason = 'This workspace is not trusted: highlights and hovers work, but annotations cannot be changed or saved. Trust the workspace to annotate.';
    const under = entriesAt(entries, at + 3);
    assert.equal(under.length, 1);
    const out = hoverContent({ source: { uri: 'file:///w/a.txt', label: 'a.txt' }, entries: under, analysis, writable: false, readOnlyReason: reason, crossSource: new Map() });
    assert.match(out.markdown, /not trusted/);
    const writing = new Set<string>(MUTATING);
    for (const id of out.enabledCommands) assert.ok(!writing.has(id), `${id} is offered untrusted`);
    for (const m of out.markdown.matchAll(/\]\(command:([\w.]+)/g)) assert.ok(!writing.has(m[1]!), `link to ${m[1]}`);
    assert.ok(out.enabledCommands.every((c) => Object.values(CommandId).includes(c as never)));
  });
});

describe('hardening: paths in sidecars cannot point outside the workspace', () => {
  const hostile = ['../../../etc/passwd', '/etc/passwd', '\\\\server\\share\\x.txt', 'C:\\Windows\\win.ini', 'file:///etc/passwd', 'a/../../b.txt', 'https://evil.example/x'];

  for (const path of hostile) {
    it(`source.path ${JSON.stringify(path)}: loads with a warning, the path is ignored, and it is written back unchanged`, () => {
      const sidecar = emptySidecar('article.txt', '0'.repeat(64));
      const text = serializeSidecar({ ...sidecar, source: { ...sidecar.source, path } });
      const parsed = parseSidecar(text);
      assert.ok(parsed.ok);
      assert.equal(isPlainRelativePath(path), false);
      assert.ok(parsed.warnings.some((w) => w.kind === 'source-path' && w.message.includes('ignored')), JSON.stringify(parsed.warnings));
      // Nothing is "repaired" silently: the teammate's value survives a save.
      assert.equal(serializeSidecar(parsed.sidecar), text);
    });
  }

  it('ordinary relative names pass', () => {
    for (const p of ['article.txt', 'sub/article.txt', 'a..b.txt', '.hidden.txt']) assert.ok(isPlainRelativePath(p), p);
  });
});
