import assert from 'node:assert/strict';
import { CommandId, HOVER_COMMANDS } from '../../src/core/present/commandIds';
import { buildEntries, entriesAt } from '../../src/core/present/entries';
import { hoverContent, type HoverInput } from '../../src/core/present/hoverContent';
import { escapeMarkdown } from '../../src/core/present/markdown';
import type { DocumentAnalysis } from '../../src/core/types';

const TEXT = 'Minister Jo Park said “Prices will fall 5% in June.” in a statement.';
function span(s: string) {
  const start = TEXT.indexOf(s);
  return { start, end: start + s.length, text: s };
}
const ANALYSIS: DocumentAnalysis = {
  path: 'a.txt',
  quotes: [
    {
      ...span('“Prices will fall 5% in June.”'),
      kind: 'speech',
      speaker: { name: 'Jo Park', personId: 'p:jo-park' },
      cue: span('Jo Park said'),
      confidence: 0.83,
    },
  ],
  people: [{ id: 'p:jo-park', name: 'Jo Park', aliases: ['Jo Park', 'Park'], role: 'Minister', mentions: [span('Jo Park')] }],
  claims: [],
  boilerplate: [{ ...span('in a statement.'), reason: 'test reason' }],
};

function input(extra: Partial<HoverInput> = {}, annotations: Parameters<typeof buildEntries>[1] = []): HoverInput {
  const entries = buildEntries(ANALYSIS, annotations);
  return {
    source: { uri: 'file:///w/a.txt', label: 'a.txt', reliability: 'likely' },
    entries: entriesAt(entries, TEXT.indexOf('Prices')),
    analysis: ANALYSIS,
    writable: true,
    ...extra,
  };
}

/** Decodes the JSON argument of every command link in the Markdown. */
function links(md: string): { command: string; args: unknown }[] {
  return [...md.matchAll(/\]\(command:([\w.]+)\?([^ )]+)/g)].map((m) => ({
    command: m[1]!,
    args: (JSON.parse(decodeURIComponent(m[2]!)) as unknown[])[0],
  }));
}

describe('hover content', () => {
  it('shows source reliability first, then speaker with role, cue, confidence and actions', () => {
    const out = hoverContent(input());
    const lines = out.markdown.split('\n\n');
    assert.match(lines[0]!, /^\*\*Source\*\* a\\\.txt · reliability `likely`/);
    assert.match(out.markdown, /\*\*Quote\*\* · detected · confidence 83%/);
    assert.match(out.markdown, /Speaker: \*\*Jo Park\*\* \(Minister\)/);
    assert.match(out.markdown, /Cue: \*Jo Park said\*/);
    const commands = links(out.markdown).map((l) => l.command);
    for (const c of [CommandId.setReliability, CommandId.correctSpeaker, CommandId.confirm, CommandId.reject, CommandId.editNote]) {
      assert.ok(commands.includes(c), `missing ${c}`);
    }
    assert.deepEqual([...new Set(commands)].sort(), [...out.enabledCommands].sort());
    for (const c of out.enabledCommands) assert.ok(HOVER_COMMANDS.includes(c));
  });

  it('passes the span as the action argument', () => {
    const out = hoverContent(input());
    const q = ANALYSIS.quotes[0]!;
    const confirm = links(out.markdown).find((l) => l.command === CommandId.confirm)!;
    assert.deepEqual(confirm.args, { uri: 'file:///w/a.txt', id: `detected:quote:${q.start}-${q.end}`, kind: 'quote', start: q.start, end: q.end });
  });

  it('escapes a hostile note and speaker: no link, command URI or HTML survives', () => {
    const q = ANALYSIS.quotes[0]!;
    const hostile = '[click](command:workbench.action.terminal.new) <img src=x onerror=alert(1)> <script>alert(1)</script> ![i](http://x/y.png) `code` # heading';
    const out = hoverContent(
      input({}, [{ id: 'a1', kind: 'quote', start: q.start, end: q.end, exact: q.text, status: 'confirmed', note: hostile, speaker: '](command:x)' }]),
    );
    assert.doesNotMatch(out.markdown, /command:workbench/);
    assert.doesNotMatch(out.markdown, /(^|[^\\])<(script|img)/, 'every < is backslash-escaped');
    assert.doesNotMatch(out.markdown, /\]\(command:x/);
    assert.doesNotMatch(out.markdown, /!\[i\]\(http/);
    // every link in the output is one of ours
    for (const l of links(out.markdown)) assert.ok(HOVER_COMMANDS.includes(l.command as never), l.command);
    assert.match(out.markdown, /\\\[click\\\]\\\(command\\:workbench/);
  });

  it('in a read-only workspace shows the reason and no link that changes anything', () => {
    const out = hoverContent(input({ writable: false, readOnlyReason: 'Workspace not trusted: annotations are read-only.' }));
    // Only read-only navigation remains (comparing sources writes nothing).
    assert.deepEqual(links(out.markdown).map((l) => l.command), [CommandId.analyzeWorkspace]);
    assert.deepEqual(out.enabledCommands, [CommandId.analyzeWorkspace]);
    assert.match(out.markdown, /read\\-only/);
  });

  it('lists the same quote in other sources as links to our open command, capped at five', () => {
    const q = ANALYSIS.quotes[0]!;
    const id = `detected:quote:${q.start}-${q.end}`;
    const refs = Array.from({ length: 7 }, (_, i) => ({ uri: `file:///w/s${i}.txt`, label: `s${i}.txt`, start: 1, end: 9, similarity: 0.9 }));
    const out = hoverContent(input({ crossSource: new Map([[id, refs]]) }));
    const opens = links(out.markdown).filter((l) => l.command === CommandId.openLocation);
    assert.equal(opens.length, 5);
    assert.match(out.markdown, /Also in: .*s0\\\.txt.*\(90%\).* and 2 more/);
  });

  it('describes a person with role, aliases, mentions here and in the corpus, and their quotes', () => {
    const entries = buildEntries(ANALYSIS, []);
    const out = hoverContent({
      ...input(),
      entries: entriesAt(entries, TEXT.indexOf('Jo Park') + 1).filter((e) => e.kind === 'person'),
      corpusPeople: new Map([['p:jo-park', { sources: 3, mentions: 7 }]]),
    });
    assert.match(out.markdown, /\*\*Jo Park\*\* · Minister/);
    assert.match(out.markdown, /Also: Park/);
    assert.match(out.markdown, /1 mention here · 7 in 3 sources/);
    assert.match(out.markdown, /Quotes \(1\):/);
  });

  it('offers restore for a rejected detection and "Not boilerplate" for boilerplate', () => {
    const b = ANALYSIS.boilerplate[0]!;
    const rejected = hoverContent({
      ...input({}, [{ id: 'r1', kind: 'boilerplate', start: b.start, end: b.end, exact: b.text, status: 'rejected' }]),
      entries: entriesAt(buildEntries(ANALYSIS, [{ id: 'r1', kind: 'boilerplate', start: b.start, end: b.end, exact: b.text, status: 'rejected' }]), b.start),
    });
    assert.match(rejected.markdown, /Hidden: you rejected/);
    assert.deepEqual(links(rejected.markdown).filter((l) => l.command === CommandId.deleteAnnotation).length, 1);
    const plain = hoverContent({ ...input(), entries: entriesAt(buildEntries(ANALYSIS, []), b.start) });
    assert.match(plain.markdown, /\[Not boilerplate\]\(command:sourceAnnotator\.rejectDetection/);
    assert.match(plain.markdown, /Why: test reason/);
  });

  it('offers to analyse the workspace when other sources have not been compared yet', () => {
    const before = hoverContent(input());
    assert.match(before.markdown, /not compared yet.*\(command:sourceAnnotator\.analyzeWorkspace/);
    const after = hoverContent(input({ crossSource: new Map() }));
    assert.doesNotMatch(after.markdown, /not compared yet/);
  });

  it('returns nothing when no entry is under the pointer', () => {
    assert.deepEqual(hoverContent({ ...input(), entries: [] }), { markdown: '', enabledCommands: [] });
  });
});

describe('escapeMarkdown', () => {
  it('backslash-escapes all Markdown punctuation and keeps line breaks as hard breaks', () => {
    assert.equal(escapeMarkdown('a*b_c [x](y) <b>'), 'a\\*b\\_c \\[x\\]\\(y\\) \\<b\\>');
    assert.equal(escapeMarkdown('one\ntwo'), 'one  \ntwo');
    assert.equal(escapeMarkdown('    indented'), ' indented');
  });
});
