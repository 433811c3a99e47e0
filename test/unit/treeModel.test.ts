import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeDocument } from '../../src/core/analyze';
import { analyzeCorpus, findCorpusRepeatedLines } from '../../src/core/corpus';
import { quoteSimilarity } from '../../src/core/corpus/quotes';
import { buildEntries, type Entry, type UserAnnotationView } from '../../src/core/present/entries';
import {
  buildCrossSourceTree,
  buildPeopleTree,
  buildSourcesTree,
  buildThisSourceTree,
  comparisonDocument,
  entryNodeKey,
  groupQuoteMatches,
  locationKey,
  pageOf,
  TREE_PAGE_SIZE,
  variantDocument,
  type LazyTree,
  type PersonQuote,
  type SourceInfo,
  type TreeNode,
} from '../../src/core/present/treeModel';
import type { CorpusPerson, DocumentAnalysis, Quote, QuoteMatch } from '../../src/core/types';

const SCALE = ['confirmed', 'likely', 'unverified', 'disputed', 'false'];
const SEEDS_DIR = join(__dirname, '..', '..', '..', 'seeds');

interface Seed {
  path: string;
  text: string;
  analysis: DocumentAnalysis;
}

let seedCache: Seed[] | undefined;
function seeds(): Seed[] {
  if (seedCache) return seedCache;
  const files = readdirSync(SEEDS_DIR).filter((f) => f.endsWith('.txt')).sort();
  const texts = files.map((f) => ({ path: `seeds/${f}`, text: readFileSync(join(SEEDS_DIR, f), 'utf8') }));
  const repeated = findCorpusRepeatedLines(texts.map((t) => t.text));
  seedCache = texts.map((t) => ({ ...t, analysis: analyzeDocument(t.path, t.text, { corpusRepeatedLines: repeated }) }));
  return seedCache;
}

const URI = 'file:///w/seeds/a.txt';

function cpSlice(text: string, start: number, end: number): string {
  return [...text].slice(start, end).join('');
}

function entry(partial: Partial<Entry> & Pick<Entry, 'kind' | 'start' | 'end' | 'text'>): Entry {
  return { id: `detected:${partial.kind}:${partial.start}-${partial.end}`, status: 'detected', ...partial };
}

function labels(list: readonly TreeNode[]): string[] {
  return list.map((n) => n.label);
}

/** Every node of a tree with the depth-first path of keys to it. */
function everything(tree: LazyTree): TreeNode[] {
  return tree.all();
}

describe('tree model: This Source', () => {
  it('groups the entries of a seed by kind, lists each entry once, and keys are unique', () => {
    const seed = seeds()[1] as Seed;
    const entries = buildEntries(seed.analysis, []);
    const tree = buildThisSourceTree({ uri: URI, path: seed.path, entries, orphans: [], scale: SCALE });
    const roots = tree.roots();
    // Only non-empty groups, in a fixed order.
    const expected = [
      ['Quotes', entries.some((e) => e.kind === 'quote')],
      ['Scare-quoted terms', entries.some((e) => e.kind === 'term')],
      ['People', entries.some((e) => e.kind === 'person')],
      ['Claims', entries.some((e) => e.kind === 'claim')],
      ['Boilerplate', entries.some((e) => e.kind === 'boilerplate')],
    ]
      .filter(([, has]) => has)
      .map(([l]) => l);
    assert.deepEqual(labels(roots), expected);
    const all = everything(tree);
    const leaves = all.filter((n) => n.type === 'entry');
    assert.equal(leaves.length, entries.length);
    assert.deepEqual(new Set(leaves.map((n) => n.id)), new Set(entries.map((e) => e.id)));
    assert.equal(new Set(all.map((n) => n.key)).size, all.length, 'keys are unique');
    // The leaf's span is the entry's span, and clicking opens exactly that span.
    for (const n of leaves) {
      const e = entries.find((x) => x.id === n.id) as Entry;
      assert.deepEqual(n.open, { uri: URI, start: e.start, end: e.end });
      assert.equal(cpSlice(seed.text, e.start, e.end), e.text);
    }
    // Counts in the group descriptions match the entries.
    const claims = roots.find((r) => r.label === 'Claims') as TreeNode;
    assert.equal(claims.description, String(entries.filter((e) => e.kind === 'claim').length));
  });

  it('puts quotes under their speaker (unattributed last) and mentions under their person', () => {
    const text = 'x'.repeat(200);
    const person = { id: 'p:dmytro-kuleba', name: 'Dmytro Kuleba', aliases: ['Dmytro Kuleba', 'Kuleba'], role: 'Foreign Minister', mentions: [] };
    const entries: Entry[] = [
      entry({ kind: 'quote', start: 0, end: 10, text: text.slice(0, 10), speaker: 'Nobody Known' }),
      entry({ kind: 'quote', start: 20, end: 30, text: text.slice(20, 30) }),
      entry({ kind: 'quote', start: 40, end: 50, text: text.slice(40, 50), speaker: 'Dmytro Kuleba' }),
      entry({ kind: 'quote', start: 60, end: 70, text: text.slice(60, 70), speaker: 'Dmytro Kuleba' }),
      entry({ kind: 'person', start: 80, end: 86, text: 'Kuleba', person }),
      entry({ kind: 'person', start: 90, end: 103, text: 'Dmytro Kuleba', person }),
    ];
    const tree = buildThisSourceTree({ uri: URI, path: 'a.txt', entries, orphans: [], scale: SCALE });
    const quotes = tree.roots()[0] as TreeNode;
    const speakers = tree.children(quotes);
    assert.deepEqual(labels(speakers), ['Dmytro Kuleba', 'Nobody Known', 'Unattributed']);
    assert.equal(speakers[0]?.description, '2 quotes');
    assert.equal(tree.children(speakers[0]).length, 2);
    const people = tree.roots().find((r) => r.label === 'People') as TreeNode;
    assert.equal(people.description, '1 person');
    const kuleba = tree.children(people);
    assert.deepEqual(labels(kuleba), ['Dmytro Kuleba']);
    assert.match(kuleba[0]?.description ?? '', /Foreign Minister · 2 mentions/);
    assert.equal(tree.children(kuleba[0] as TreeNode).length, 2);
  });

  it('implements parent lookup for every node (what reveal needs)', () => {
    const seed = seeds()[0] as Seed;
    const entries = buildEntries(seed.analysis, []);
    const tree = buildThisSourceTree({ uri: URI, path: seed.path, entries, orphans: [], scale: SCALE });
    const all = everything(tree);
    const rootKeys = new Set(tree.roots().map((r) => r.key));
    for (const n of all) {
      let cursor: TreeNode | undefined = n;
      let steps = 0;
      while (cursor && cursor.parentKey !== undefined) {
        cursor = tree.parent(cursor);
        steps++;
      }
      assert.ok(cursor && rootKeys.has(cursor.key), `${n.key} leads to a root`);
      assert.ok(steps <= 2);
    }
    const q = entries.find((e) => e.kind === 'quote') as Entry;
    assert.ok(tree.node(entryNodeKey(URI, q)), 'the follow-cursor key of an entry is its node key');
    // A rebuilt tree answers for an element of the previous build, building the levels it needs.
    const rebuilt = buildThisSourceTree({ uri: URI, path: seed.path, entries, orphans: [], scale: SCALE });
    const leaf = all.find((n) => n.key === entryNodeKey(URI, q)) as TreeNode;
    const speaker = rebuilt.parent(leaf);
    assert.equal(speaker?.type, 'speaker');
    assert.notEqual(speaker, tree.parent(leaf), 'a node of the new build');
    assert.equal(rebuilt.parent(speaker)?.label, 'Quotes');
    assert.equal(rebuilt.find('no such key'), undefined);
  });

  it('shows the user decisions: reliability colour, status, note; rejected ones stay listed but are not counted', () => {
    const text = 'She said “we will not give up our land” and left.';
    const views: UserAnnotationView[] = [
      { id: 'a1', kind: 'quote', start: 9, end: 39, exact: cpSlice(text, 9, 39), status: 'confirmed', reliability: 'disputed', note: 'check the video' },
      { id: 'a2', kind: 'claim', start: 0, end: 8, exact: cpSlice(text, 0, 8), status: 'rejected' },
    ];
    const analysis: DocumentAnalysis = {
      path: 'a.txt',
      quotes: [{ start: 9, end: 39, text: cpSlice(text, 9, 39), kind: 'speech', speaker: { name: 'She' }, cue: null, confidence: 0.7 }],
      people: [],
      claims: [{ start: 0, end: 8, text: cpSlice(text, 0, 8), reasons: ['number'], score: 0.6 }],
      boilerplate: [],
    };
    const entries = buildEntries(analysis, views);
    const tree = buildThisSourceTree({ uri: URI, path: 'a.txt', entries, orphans: [], scale: SCALE });
    const all = everything(tree);
    const quote = all.find((n) => n.id === 'a1') as TreeNode;
    assert.equal(quote.icon?.color, 'sourceAnnotator.reliability4');
    assert.match(quote.description ?? '', /disputed · confirmed · ✎ check the video/);
    assert.equal(quote.contextValue, 'entry-quote-confirmed-annotated');
    const claim = all.find((n) => n.id === 'a2') as TreeNode;
    assert.equal(claim.contextValue, 'entry-claim-rejected-annotated');
    assert.equal(claim.icon?.color, 'disabledForeground');
    assert.equal(tree.roots().find((r) => r.label === 'Claims')?.description, '0 (+1 rejected)');
  });

  it('labels quotes with the source\'s own quotation marks, adding curly ones only when missing', () => {
    const entries = [
      entry({ kind: 'quote', start: 0, end: 22, text: '“we will not give up”' }),
      entry({ kind: 'quote', start: 30, end: 45, text: '«nous verrons»' }),
      entry({ kind: 'quote', start: 50, end: 60, text: 'bare words' }),
    ];
    const tree = buildThisSourceTree({ uri: URI, path: 'a.txt', entries, orphans: [], scale: SCALE });
    const leaves = everything(tree).filter((n) => n.type === 'entry');
    assert.deepEqual(labels(leaves), ['“we will not give up”', '«nous verrons»', '“bare words”']);
  });

  it('lists orphans in their own group', () => {
    const tree = buildThisSourceTree({
      uri: URI,
      path: 'a.txt',
      entries: [],
      orphans: [{ id: 'o1', kind: 'quote', exact: 'a sentence that was deleted', status: 'confirmed', reliability: 'likely' }],
      scale: SCALE,
    });
    assert.deepEqual(labels(tree.roots()), ['Orphaned annotations']);
    const [orphan] = tree.children(tree.roots()[0] as TreeNode);
    assert.equal(orphan?.contextValue, 'orphan');
    assert.equal(orphan?.id, 'o1');
    assert.equal(orphan?.uri, URI);
    assert.match(orphan?.tooltip?.() ?? '', /no longer in the source/);
  });

  it('keeps keys stable across rebuilds and when a decision elsewhere is added', () => {
    const seed = seeds()[2] as Seed;
    const before = everything(buildThisSourceTree({ uri: URI, path: seed.path, entries: buildEntries(seed.analysis, []), orphans: [], scale: SCALE }));
    const again = everything(buildThisSourceTree({ uri: URI, path: seed.path, entries: buildEntries(seed.analysis, []), orphans: [], scale: SCALE }));
    assert.deepEqual(
      again.map((n) => n.key),
      before.map((n) => n.key),
    );
    const claim = seed.analysis.claims[0];
    assert.ok(claim);
    const withDecision = everything(
      buildThisSourceTree({
        uri: URI,
        path: seed.path,
        entries: buildEntries(seed.analysis, [{ id: 'u1', kind: 'claim', start: claim.start, end: claim.end, exact: claim.text, status: 'confirmed', reliability: 'likely' }]),
        orphans: [],
        scale: SCALE,
      }),
    );
    const keys = new Set(withDecision.map((n) => n.key));
    const changed = before.filter((n) => !keys.has(n.key));
    // Only the decided claim's own item changed key (it became an annotation).
    assert.equal(changed.length, 1);
    assert.equal(changed[0]?.id, `detected:claim:${claim.start}-${claim.end}`);
  });

  it('escapes user text in tooltips: a note cannot inject a link, a command or HTML', () => {
    const note = 'See [this](command:workbench.action.terminal.new) <img src=x onerror=alert(1)> **bold** `code`';
    const e = entry({ kind: 'note', start: 0, end: 4, text: 'Kyiv', status: 'manual', note, annotation: { id: 'n1', kind: 'note', start: 0, end: 4, exact: 'Kyiv', status: 'manual', note } });
    const tree = buildThisSourceTree({ uri: URI, path: 'a.txt', entries: [e], orphans: [], scale: SCALE });
    const node = tree.children(tree.roots()[0] as TreeNode)[0] as TreeNode;
    const md = node.tooltip?.() ?? '';
    assert.ok(!md.includes('](command:'), md);
    assert.ok(!/(^|[^\\])</.test(md), 'every < is escaped, so no HTML tag survives');
    assert.ok(md.includes('\\[this\\]\\(command\\:'), md);
    assert.ok(md.includes('\\*\\*bold\\*\\*'));
  });

  it('makes nodes valid arguments for the editor commands (no field that would override a chosen value)', () => {
    const seed = seeds()[3] as Seed;
    const all = everything(buildThisSourceTree({ uri: URI, path: seed.path, entries: buildEntries(seed.analysis, []), orphans: [], scale: SCALE }));
    for (const n of all) {
      for (const field of ['reliability', 'note', 'speaker', 'toggle', 'value']) assert.ok(!(field in n), `${n.key} has ${field}`);
      if (n.type === 'entry') {
        assert.equal(n.uri, URI);
        assert.equal(typeof n.id, 'string');
        assert.equal(typeof n.start, 'number');
      }
    }
  });
});

describe('tree model: pages of children', () => {
  const parent: TreeNode = { key: 'p', parentKey: undefined, type: 'group', label: 'Quotes', contextValue: 'group-quotes', collapsible: 'expanded' };
  const child = (i: number): TreeNode => ({ key: `p/${i}`, parentKey: 'p', type: 'entry', label: `q${i}`, contextValue: 'entry', collapsible: 'none' });

  it('lists short lists whole, long ones a page at a time with a Show more node naming its view', () => {
    const few = Array.from({ length: TREE_PAGE_SIZE }, (_, i) => child(i));
    assert.deepEqual(pageOf(parent, few, few.length, 'thisSource'), few);
    const many = Array.from({ length: 1000 }, (_, i) => child(i));
    const page = pageOf(parent, many.slice(0, TREE_PAGE_SIZE), many.length, 'thisSource');
    assert.equal(page.length, TREE_PAGE_SIZE + 1);
    assert.deepEqual(page.slice(0, -1), many.slice(0, TREE_PAGE_SIZE));
    const more = page.at(-1)!;
    assert.equal(more.type, 'more');
    assert.equal(more.parentKey, 'p');
    assert.equal(more.id, 'thisSource');
    assert.equal(more.label, `Show ${TREE_PAGE_SIZE} more…`);
    assert.equal(more.description, '750 not listed');
    assert.ok(!many.some((n) => n.key === more.key), 'its key is its own');
    // The last page: the rest, and the label says how many.
    assert.equal(pageOf(parent, many.slice(0, 900), many.length, 'thisSource').at(-1)!.label, 'Show 100 more…');
    assert.equal(pageOf(parent, many, many.length, 'thisSource').length, 1000);
  });

  it('makes the nodes of a long leaf list only when listed, and still finds any of them by key', () => {
    const text = 'Zoë Ruiz said: “We will not give up on this bridge.” '.repeat(1200);
    const analysis = analyzeDocument('z.txt', text);
    const entries = buildEntries(analysis, []);
    const tree = buildThisSourceTree({ uri: 'file:///z.txt', path: 'z.txt', entries, orphans: [], scale: ['a'] });
    const quotes = tree.roots().find((r) => r.label === 'Quotes')!;
    const speaker = tree.children(quotes)[0]!;
    const total = tree.childCount(speaker);
    assert.ok(total > 1000, `${total} quotes`);
    const firstPage = tree.page(speaker, TREE_PAGE_SIZE);
    assert.equal(firstPage.length, TREE_PAGE_SIZE);
    // Only the listed nodes were made: a node beyond the page is not known by key yet...
    const lastQuote = entries.filter((e) => e.kind === 'quote').at(-1)!;
    const lastKey = entryNodeKey('file:///z.txt', lastQuote);
    assert.equal(tree.node(lastKey), undefined);
    // ...but find() reaches it through the list's keys, and reveal's paging knows where it is.
    const found = tree.find(lastKey);
    assert.equal(found?.id, lastQuote.id);
    assert.equal(tree.childIndex(speaker, lastKey), total - 1);
    assert.equal(found && tree.parent(found)?.key, speaker.key);
    // Made once: the same object when listed later (VS Code keeps items by identity).
    assert.equal(tree.children(speaker).at(-1), found);
  });
});

describe('tree model: Sources', () => {
  const src = (path: string, extra: Partial<SourceInfo> = {}): SourceInfo => ({ uri: `file:///w/${path}`, path, sidecar: 'none', ...extra });

  it('groups by reliability in scale order, then other ratings, not rated, still reading', () => {
    const tree = buildSourcesTree(
      [
        src('b/x.txt', { sidecar: 'read', reliability: 'disputed' }),
        src('a/y.txt'),
        src('a/z.txt', { sidecar: 'read', reliability: 'confirmed', annotations: 3 }),
        src('c/w.txt', { sidecar: 'read', reliability: 'house-rating' }),
        src('c/v.txt', { sidecar: 'unread' }),
        src('c/u.txt', { sidecar: 'read', reliability: 'disputed' }),
      ],
      SCALE,
    );
    assert.deepEqual(labels(tree.roots()), ['confirmed', 'disputed', 'house-rating', 'Not rated', 'Reading annotations…']);
    const disputed = tree.roots()[1] as TreeNode;
    assert.equal(disputed.description, '2 sources');
    assert.equal(disputed.icon?.color, 'sourceAnnotator.reliability4');
    assert.deepEqual(labels(tree.children(disputed)), ['x.txt', 'u.txt']);
    const confirmed = tree.children(tree.roots()[0] as TreeNode)[0] as TreeNode;
    assert.equal(confirmed.icon?.color, 'sourceAnnotator.reliability1');
    assert.equal(confirmed.contextValue, 'source-rated');
    assert.equal(confirmed.description, '3 annotations · not analysed · a');
    assert.deepEqual(confirmed.open, { uri: 'file:///w/a/z.txt' });
    assert.equal(confirmed.uri, 'file:///w/a/z.txt');
  });

  it('sorts names with numbers in numeric order', () => {
    const tree = buildSourcesTree([src('s/article-10.txt'), src('s/article-2.txt'), src('s/Article-1.txt')], SCALE);
    assert.deepEqual(labels(tree.children(tree.roots()[0] as TreeNode)), ['Article-1.txt', 'article-2.txt', 'article-10.txt']);
  });

  it('shows detection counts when the source was analysed', () => {
    const tree = buildSourcesTree([src('s/a.txt', { counts: { quotes: 6, people: 1, claims: 9, boilerplate: 4 } })], SCALE);
    const node = tree.children(tree.roots()[0] as TreeNode)[0] as TreeNode;
    assert.equal(node.description, '6 quotes · 1 person · 9 claims · s');
  });

  it('builds the first level of 2,000 sources as a few groups and sorts a group only when expanded', () => {
    const many: SourceInfo[] = [];
    for (let i = 0; i < 2000; i++) many.push(src(`f${i % 37}/doc${String(2000 - i).padStart(4, '0')}.txt`, i % 3 ? {} : { sidecar: 'read', reliability: SCALE[i % 5] as string }));
    const tree = buildSourcesTree(many, SCALE);
    const roots = tree.roots();
    assert.equal(roots.length, 6);
    assert.ok(roots.every((r) => r.collapsible === 'collapsed'), 'large groups start folded');
    const notRated = roots.find((r) => r.label === 'Not rated') as TreeNode;
    const someChildKey = `source:file:///w/${many[1]?.path}`;
    assert.equal(tree.node(someChildKey), undefined, 'children are not built before expansion');
    const children = tree.children(notRated);
    assert.equal(children.length, many.filter((s) => !s.reliability).length);
    const paths = children.map((c) => c.uri as string);
    const numeric = new Intl.Collator(undefined, { numeric: true });
    assert.deepEqual(paths, [...paths].sort((a, b) => numeric.compare(a, b)));
    assert.ok(paths.indexOf('file:///w/f2/doc0001.txt') < paths.indexOf('file:///w/f10/doc0001.txt') || !paths.includes('file:///w/f10/doc0001.txt'));
    assert.ok(tree.node(someChildKey));
  });
});

describe('tree model: People', () => {
  function seedPeopleInput() {
    const docs = seeds();
    const corpus = analyzeCorpus(docs);
    const quotesByPath = new Map<string, PersonQuote[]>(
      docs.map((d) => [
        d.path,
        d.analysis.quotes
          .filter((q) => q.kind === 'speech')
          .map((q) => ({ start: q.start, end: q.end, text: q.text, ...(q.speaker?.personId ? { personId: q.speaker.personId } : {}), ...(q.speaker ? { speaker: q.speaker.name } : {}) })),
      ]),
    );
    const uriByPath = new Map(docs.map((d) => [d.path, `file:///w/${d.path}`]));
    return { docs, corpus, quotesByPath, uriByPath };
  }

  it('merges Sergei / Sergey Lavrov into one person with all five seed sources', () => {
    const { corpus, quotesByPath, uriByPath } = seedPeopleInput();
    const tree = buildPeopleTree({ people: corpus.people, quotesByPath, uriByPath });
    const lavrovs = tree.roots().filter((r) => /lavrov/i.test(r.label));
    assert.equal(lavrovs.length, 1);
    const lavrov = lavrovs[0] as TreeNode;
    assert.equal(lavrov.label, 'Sergei Lavrov');
    assert.match(lavrov.description ?? '', /Foreign Minister · 5 sources · \d+ quotes/);
    assert.match(lavrov.tooltip?.() ?? '', /Sergey Lavrov/);
    const sources = tree.children(lavrov);
    assert.equal(sources.length, 5);
    assert.deepEqual(
      sources.map((s) => s.uri),
      [...uriByPath.values()].sort(),
    );
  });

  it('lists under each source exactly the quotes attributed to the person there, with their spans', () => {
    const { docs, corpus, quotesByPath, uriByPath } = seedPeopleInput();
    const tree = buildPeopleTree({ people: corpus.people, quotesByPath, uriByPath });
    let total = 0;
    for (const root of tree.roots()) {
      const person: CorpusPerson | undefined = corpus.people.find((p) => p.id === root.id);
      if (!person) throw new Error(`no corpus person for ${root.key}`);
      for (const source of tree.children(root)) {
        const path = docs.find((d) => `file:///w/${d.path}` === source.uri)?.path as string;
        const ids: Set<string> = new Set(person.documents.filter((d) => d.path === path).map((d) => d.personId));
        const expected: Quote[] = (docs.find((d) => d.path === path)?.analysis.quotes ?? []).filter((q) => q.kind === 'speech' && q.speaker?.personId && ids.has(q.speaker.personId));
        const quotes = tree.children(source);
        assert.equal(quotes.length, expected.length, `${root.label} in ${path}`);
        for (const q of quotes) {
          const text = docs.find((d) => d.path === path)?.text as string;
          assert.ok(expected.some((e) => e.start === q.start && e.end === q.end && cpSlice(text, e.start, e.end) === e.text));
          assert.deepEqual(q.open, { uri: source.uri, start: q.start, end: q.end });
        }
        total += quotes.length;
      }
    }
    assert.ok(total > 5, `quotes found under people: ${total}`);
  });

  it('attributes a quote whose speaker the user typed (no person id) by name, also with another spelling', () => {
    const tree = buildPeopleTree({
      people: [{ id: 'p:sergei-lavrov', name: 'Sergei Lavrov', aliases: ['Sergei Lavrov', 'Sergey Lavrov', 'Lavrov'], documents: [{ path: 'a.txt', personId: 'p:sergei-lavrov', mentions: 2 }] }],
      quotesByPath: new Map([
        [
          'a.txt',
          [
            { start: 0, end: 20, text: 'one two three four five', speaker: 'Sergey Lavrov' },
            { start: 30, end: 50, text: 'six seven eight nine ten', speaker: 'Someone Else' },
          ],
        ],
      ]),
      uriByPath: new Map([['a.txt', 'file:///w/a.txt']]),
    });
    const source = tree.children(tree.roots()[0] as TreeNode)[0] as TreeNode;
    const quotes = tree.children(source);
    assert.equal(quotes.length, 1);
    assert.equal(quotes[0]?.description, 'as Sergey Lavrov');
  });
});

describe('tree model: Cross-source quotes', () => {
  const loc = (path: string, start: number) => ({ path, start, end: start + 10 });

  it('groups chained pairwise matches into one statement with a central reference', () => {
    const texts: Record<string, string> = {
      'a.txt:0-10': 'Our country has not capitulated and will not capitulate',
      'b.txt:5-15': 'Our country has not given up and will not give up',
      'c.txt:7-17': 'Our country has not given up, does not give up',
    };
    const matches: QuoteMatch[] = [
      { a: loc('a.txt', 0), b: loc('b.txt', 5), similarity: 0.8 },
      { a: loc('b.txt', 5), b: loc('c.txt', 7), similarity: 0.7 },
    ];
    const groups = groupQuoteMatches(matches, (l) => ({ text: texts[locationKey(l)] as string, speaker: 'Kuleba' }), quoteSimilarity);
    assert.equal(groups.length, 1);
    const g = groups[0]!;
    assert.equal(g.variants.length, 3);
    assert.equal(g.reference.path, 'b.txt', 'b matches both others');
    assert.equal(g.similarityToReference.get('b.txt:5-15'), 1);
    assert.equal(g.similarityToReference.get('a.txt:0-10'), 0.8);
    assert.equal(g.min, 0.7);
    assert.equal(g.max, 0.8);
    const tree = buildCrossSourceTree(groups, new Map([['a.txt', 'file:///w/a.txt'], ['b.txt', 'file:///w/b.txt'], ['c.txt', 'file:///w/c.txt']]));
    const [root] = tree.roots();
    assert.match(root?.description ?? '', /Kuleba · 3 sources · 70%–80% similar/);
    const variants = tree.children(root!);
    assert.deepEqual(labels(variants), ['a.txt', 'b.txt', 'c.txt']);
    assert.equal(variants[1]?.contextValue, 'variant-reference');
    assert.match(variants[0]?.description ?? '', /80% similar/);
    assert.equal(variants[2]?.uri, 'file:///w/c.txt');
    assert.equal(variants[2]?.start, 7);
  });

  it('finds the seed statements reported by several outlets, every variant in a different source', () => {
    const docs = seeds();
    const corpus = analyzeCorpus(docs);
    const lookup = (l: { path: string; start: number; end: number }) => {
      const q = docs.find((d) => d.path === l.path)?.analysis.quotes.find((x) => x.start === l.start && x.end === l.end);
      return q ? { text: q.text, ...(q.speaker ? { speaker: q.speaker.name } : {}) } : undefined;
    };
    const groups = groupQuoteMatches(corpus.quoteMatches, lookup, quoteSimilarity);
    assert.ok(groups.length >= 1);
    const covered = new Set(groups.flatMap((g) => g.variants.map(locationKey)));
    for (const m of corpus.quoteMatches) {
      assert.ok(covered.has(locationKey(m.a)) && covered.has(locationKey(m.b)), 'every match is in a group');
    }
    for (const g of groups) {
      assert.ok(new Set(g.variants.map((v) => v.path)).size >= 2);
      for (const v of g.variants) {
        const text = docs.find((d) => d.path === v.path)?.text as string;
        assert.equal(cpSlice(text, v.start, v.end), v.text);
      }
    }
  });

  it('writes side-by-side documents clause by clause and a comparison of all variants', () => {
    const v = { path: 'seeds/a.txt', start: 0, end: 10, text: 'Our country has not given up, does not give up and will never give up.', speaker: 'Dmytro Kuleba' };
    assert.equal(variantDocument(v), 'seeds/a.txt — Dmytro Kuleba\n\nOur country has not given up,\ndoes not give up and will never give up.\n');
    const w = { ...v, path: 'seeds/b.txt', text: 'Our country has not capitulated.' };
    const doc = comparisonDocument({ key: locationKey(v), reference: v, variants: [v, w], similarityToReference: new Map([[locationKey(v), 1], [locationKey(w), 0.61]]), min: 0.61, max: 0.61 });
    assert.match(doc, /in 2 sources/);
    assert.match(doc, /seeds\/a\.txt — Dmytro Kuleba \(reference\)/);
    assert.match(doc, /seeds\/b\.txt — Dmytro Kuleba \(61% similar to the reference\)\n {2}“Our country has not capitulated\.”/);
  });
});

describe('tree model: menus in package.json', () => {
  interface MenuItem {
    command: string;
    when?: string;
    group?: string;
  }
  const pkg = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as {
    contributes: { menus: Record<string, MenuItem[]>; commands: { command: string }[] };
  };
  const menu = pkg.contributes.menus['view/item/context'] ?? [];

  /** The commands a node's context menu offers in a view (evaluates the view / viewItem parts of `when`). */
  function commandsFor(view: string, contextValue: string): string[] {
    return menu
      .filter((m) => {
        const when = m.when ?? '';
        const viewEq = /view == ([\w.]+)/.exec(when);
        const viewRe = /view =~ \/(.+?)\/(?= |$)/.exec(when);
        if (viewEq && viewEq[1] !== view) return false;
        if (viewRe && !new RegExp(viewRe[1] as string).test(view)) return false;
        const itemEq = /viewItem == ([\w-]+)/.exec(when);
        const itemRe = /viewItem =~ \/(.+?)\/(?= |$)/.exec(when);
        if (itemEq && itemEq[1] !== contextValue) return false;
        if (itemRe && !new RegExp(itemRe[1] as string).test(contextValue)) return false;
        return true;
      })
      .map((m) => m.command);
  }

  it('offers the right actions for each kind of This Source item', () => {
    const view = 'sourceAnnotator.thisSource';
    const detected = new Set(commandsFor(view, 'entry-quote-detected'));
    for (const c of ['sourceAnnotator.setReliability', 'sourceAnnotator.confirmDetection', 'sourceAnnotator.rejectDetection', 'sourceAnnotator.editNote', 'sourceAnnotator.correctSpeaker']) {
      assert.ok(detected.has(c), c);
    }
    assert.ok(!detected.has('sourceAnnotator.deleteAnnotation'), 'nothing to delete on a bare detection');
    const confirmed = new Set(commandsFor(view, 'entry-claim-confirmed-annotated'));
    assert.ok(confirmed.has('sourceAnnotator.deleteAnnotation'));
    assert.ok(!confirmed.has('sourceAnnotator.confirmDetection'));
    assert.ok(!confirmed.has('sourceAnnotator.correctSpeaker'), 'claims have no speaker');
    assert.ok(new Set(commandsFor(view, 'entry-quote-rejected-annotated')).has('sourceAnnotator.confirmDetection'));
    assert.deepEqual(new Set(commandsFor(view, 'orphan')), new Set(['sourceAnnotator.tree.deleteOrphan', 'sourceAnnotator.openSidecar']));
    assert.deepEqual(commandsFor(view, 'group-quotes'), []);
  });

  it('offers source reliability on every source item and comparison on statements', () => {
    for (const cv of ['source', 'source-rated']) assert.ok(commandsFor('sourceAnnotator.sources', cv).includes('sourceAnnotator.setSourceReliability'));
    assert.deepEqual(commandsFor('sourceAnnotator.sources', 'reliabilityGroup'), []);
    assert.ok(commandsFor('sourceAnnotator.crossSourceQuotes', 'quoteGroup').includes('sourceAnnotator.tree.compareQuotes'));
    assert.ok(commandsFor('sourceAnnotator.people', 'personQuote').includes('sourceAnnotator.setReliability'));
  });

  it('only names contributed commands', () => {
    const known = new Set(pkg.contributes.commands.map((c) => c.command));
    for (const list of ['view/item/context', 'view/title']) for (const m of pkg.contributes.menus[list] ?? []) assert.ok(known.has(m.command), m.command);
  });
});
