import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import fc from 'fast-check';
import {
  anchorTarget,
  applyContentChanges,
  applyContentChangesToSidecar,
  createAnnotation,
  createTarget,
  emptySidecar,
  reanchorAll,
  reanchorAllAsync,
  type AnnotationTarget,
  type ContentChange,
  type Sidecar,
  type SidecarAnnotation,
} from '../../src/core/annotations';

/** More runs for the nightly-size fuzz: SOURCE_ANNOTATOR_FUZZ_RUNS=10000 npm run test:unit. */
const RUNS = Number(process.env.SOURCE_ANNOTATOR_FUZZ_RUNS ?? 300);

const cp = (s: string) => [...s];
const slice = (text: string, start: number, end: number) => cp(text).slice(start, end).join('');

/** Code point index of the n-th occurrence of `needle` (0-based). */
function indexOfCp(text: string, needle: string, nth = 0): number {
  let at = -1;
  for (let i = 0; i <= nth; i++) at = text.indexOf(needle, at + 1);
  assert.ok(at >= 0, `"${needle}" not in text`);
  return cp(text.slice(0, at)).length;
}

function targetOf(text: string, needle: string, nth = 0): AnnotationTarget {
  const start = indexOfCp(text, needle, nth);
  return createTarget(text, start, start + cp(needle).length);
}

function landed(text: string, result: ReturnType<typeof anchorTarget>): string {
  assert.equal(result.status, 'anchored', result.status === 'orphan' ? result.reason : '');
  return result.status === 'anchored' ? slice(text, result.start, result.end) : '';
}

const ARTICLE = [
  'Russian Foreign Minister Sergei Lavrov and his Ukrainian counterpart Dmytro Kuleba arrived in Turkey on Thursday.',
  'Kuleba said his expectations were “limited” as Russia maintains a brutal bombing campaign. 🇺🇦',
  '“I don’t pin high hopes on them, but we will try to make the most of the talks,” he said.',
  'Asked whether a ceasefire was possible, Lavrov said: “Yes.”',
  'A Turkish official said: “Yes.” Talks resume on Friday in Antalya.',
].join('\n\n');

describe('annotations: re-anchoring', () => {
  it('keeps an annotation whose position still holds the quote (method position)', () => {
    const target = targetOf(ARTICLE, 'I don’t pin high hopes on them');
    const r = anchorTarget(ARTICLE, target);
    assert.deepEqual(r, { status: 'anchored', method: 'position', start: target.position.start, end: target.position.end, score: 1 });
  });

  it('finds the quote again after text was added before it (method exact), with astral characters in between', () => {
    const target = targetOf(ARTICLE, 'I don’t pin high hopes on them');
    const edited = '🇷🇺 UPDATE 2 — corrected headline 🇺🇦\n' + ARTICLE;
    const r = anchorTarget(edited, target);
    assert.equal(r.status === 'anchored' && r.method, 'exact');
    assert.equal(landed(edited, r), 'I don’t pin high hopes on them');
  });

  it('chooses the occurrence whose context matches, not the nearest one', () => {
    const text = 'The minister said “no comment” on Monday.\n\nThe spokesman said “no comment” on Tuesday.';
    const target = targetOf(text, 'no comment', 1);
    // Remove the first sentence: the old position now points near... the second occurrence moved before it.
    const edited = 'The spokesman said “no comment” on Tuesday.\n\nThe minister said “no comment” on Monday.';
    const r = anchorTarget(edited, target);
    assert.equal(r.status, 'anchored');
    if (r.status === 'anchored') assert.equal(r.start, indexOfCp(edited, 'no comment', 0));
  });

  it('a short quote whose context is gone is an orphan even though the words occur elsewhere', () => {
    const target = targetOf(ARTICLE, 'Yes.', 0);
    const edited = ARTICLE.replace('Asked whether a ceasefire was possible, Lavrov said: “Yes.”', 'Lavrov declined to comment.');
    const r = anchorTarget(edited, target);
    assert.equal(r.status, 'orphan');
    assert.ok(edited.includes('Yes.'), 'the other "Yes." is still in the text');
  });

  it('a short quote with its context intact moves with the text', () => {
    const target = targetOf(ARTICLE, 'Yes.', 1);
    const edited = ARTICLE.replace('Russian Foreign Minister ', '');
    const r = anchorTarget(edited, target);
    assert.equal(landed(edited, r), 'Yes.');
    if (r.status === 'anchored') assert.equal(r.start, indexOfCp(edited, 'Yes.', 1));
  });

  it('a long quote with a corrected typo is found approximately and covers the corrected text', () => {
    const target = targetOf(ARTICLE, 'Kuleba said his expectations were “limited” as Russia maintains a brutal bombing campaign');
    const edited = ARTICLE.replace('brutal bombing', 'brutal bombardment');
    const r = anchorTarget(edited, target);
    assert.equal(r.status === 'anchored' && r.method, 'fuzzy');
    assert.equal(landed(edited, r), 'Kuleba said his expectations were “limited” as Russia maintains a brutal bombardment campaign');
  });

  it('a quote whose text was removed is an orphan', () => {
    const target = targetOf(ARTICLE, 'I don’t pin high hopes on them, but we will try');
    const edited = ARTICLE.replace(/“I don’t pin[^\n]*\n\n/, '');
    assert.equal(anchorTarget(edited, target).status, 'orphan');
  });

  it('a rewritten sentence is not matched onto a similar-looking one', () => {
    const text = 'Officials said the convoy reached the city on Monday morning.\n\nOfficials said the convoy left the city on Sunday evening.';
    const target = targetOf(text, 'Officials said the convoy reached the city on Monday morning');
    const edited = text.replace('Officials said the convoy reached the city on Monday morning.\n\n', 'Nothing is known about the convoy.\n\n');
    const r = anchorTarget(edited, target);
    if (r.status === 'anchored') assert.fail(`moved onto "${slice(edited, r.start, r.end)}"`);
  });

  it('survives a CRLF conversion of the file (multi-line quotes included)', () => {
    const twoLines = 'Kuleba said his expectations were “limited” as Russia maintains a brutal bombing campaign. 🇺🇦\n\n“I don’t pin high hopes';
    const target = targetOf(ARTICLE, twoLines);
    const short = targetOf(ARTICLE, 'Yes.', 1);
    const crlf = ARTICLE.replace(/\n/g, '\r\n');
    assert.equal(landed(crlf, anchorTarget(crlf, target)), twoLines.replace(/\n/g, '\r\n'));
    assert.equal(landed(crlf, anchorTarget(crlf, short)), 'Yes.');
  });

  it('positions out of range or reversed do not throw and fall back to the quote', () => {
    const target = targetOf(ARTICLE, 'Talks resume on Friday');
    const broken = { ...target, position: { ...target.position, start: 99999, end: 5 } };
    assert.equal(landed(ARTICLE, anchorTarget(ARTICLE, broken)), 'Talks resume on Friday');
    const gone = { ...target, quote: { ...target.quote, exact: 'nowhere to be found in the text at all' } };
    assert.equal(anchorTarget(ARTICLE, { ...gone, position: broken.position }).status, 'orphan');
  });

  it('reanchorAll keeps every annotation, leaves orphans untouched and does not change modified', () => {
    const annotations = ['Sergei Lavrov', 'I don’t pin high hopes on them', 'Yes.'].map((q, i) => {
      const start = indexOfCp(ARTICLE, q);
      return createAnnotation({ text: ARTICLE, start, end: start + cp(q).length, kind: 'quote', id: `a${i}`, now: new Date('2026-01-01T00:00:00Z') });
    });
    const sidecar: Sidecar = { ...emptySidecar('a.txt', 'old'), annotations };
    const edited = 'Breaking:\n' + ARTICLE.replace('Asked whether a ceasefire was possible, Lavrov said: “Yes.”', 'Lavrov left.');
    const r = reanchorAll(sidecar, edited, 'new');
    assert.equal(r.sidecar.annotations.length, 3);
    assert.equal(r.sidecar.source.sha256, 'new');
    assert.deepEqual(r.orphans, ['a2']);
    assert.deepEqual(r.sidecar.annotations[2], annotations[2]);
    for (const a of r.sidecar.annotations.slice(0, 2)) {
      assert.equal(slice(edited, a.target.position.start, a.target.position.end), a.target.quote.exact);
      assert.equal(a.modified, '2026-01-01T00:00:00.000Z');
    }
  });

  it('re-anchors annotations on a real seed article after a re-scrape (header added, CRLF, one word changed)', () => {
    const file = readdirSync('seeds').filter((f) => f.endsWith('.txt')).sort()[0] as string;
    const seed = readFileSync(`seeds/${file}`, 'utf8');
    const sentences = seed.split(/\n+/).filter((l) => l.length > 60).slice(0, 6);
    const annotations = sentences.map((s, i) => {
      const start = indexOfCp(seed, s);
      return createAnnotation({ text: seed, start, end: start + cp(s).length, kind: 'claim', id: `s${i}` });
    });
    const rescraped = ('Skip to content\nSubscribe now!\n' + seed).replace(/\n/g, '\r\n');
    const r = reanchorAll({ ...emptySidecar(file, ''), annotations }, rescraped);
    assert.deepEqual(r.orphans, []);
    r.sidecar.annotations.forEach((a, i) => assert.equal(slice(rescraped, a.target.position.start, a.target.position.end), sentences[i]));
  });
});

describe('annotations: re-anchoring large sources', () => {
  // Distinct filler lines, so nothing in the filler looks like a quote.
  const filler = (n: number, tag: string) => Array.from({ length: n }, (_, i) => `${tag} line ${i} of filler text, number ${i * 7919 % 10007}.`).join('\n');
  const quote = 'The minister said the corridor would open at dawn on Friday, officials confirmed.';

  it('finds a quote that moved far away (beyond the near window) by exact search', () => {
    const before = `${filler(50, 'a')}\n${quote}\n${filler(50, 'b')}`;
    const target = targetOf(before, quote);
    const after = `${filler(50, 'b')}\n${filler(5000, 'c')}\n${filler(50, 'a')}\n${quote}\n`;
    assert.ok(after.length > 150_000);
    assert.equal(landed(after, anchorTarget(after, target)), quote);
  });

  it('reanchorAllAsync gives the same result as reanchorAll', async () => {
    const text = `${filler(400, 'x')}\n${quote}\n${ARTICLE}`;
    const annotations = [quote, 'I don’t pin high hopes on them', 'Yes.', 'Sergei Lavrov'].map((q, i) => {
      const start = indexOfCp(text, q);
      return createAnnotation({ text, start, end: start + cp(q).length, kind: 'quote', id: `a${i}` });
    });
    const edited = 'New header\n' + text.replace('corridor would open', 'corridor would reopen').replace(/\n“I don’t pin[^\n]*\n/, '\n');
    const sidecar = { ...emptySidecar('a.txt', ''), annotations };
    const sync = reanchorAll(sidecar, edited, 'h');
    const async = await reanchorAllAsync(sidecar, edited, 'h', { budgetMs: 0 });
    assert.deepEqual(async.sidecar, sync.sidecar);
    assert.deepEqual([...async.anchors], [...sync.anchors]);
    assert.deepEqual(sync.orphans, ['a1']);
    assert.equal((sync.anchors.get('a0') as { method: string }).method, 'fuzzy');
  });
});

describe('annotations: moving spans with editor changes', () => {
  const text = 'ab “quoted words here” cd 🇺🇦 end';
  const q = { start: indexOfCp(text, 'quoted'), end: indexOfCp(text, ' here') + 5 };
  const u16 = (needle: string) => text.indexOf(needle);

  it('typing before a span shifts it; right before or after it does not grow it', () => {
    const r = applyContentChanges(text, [q], [{ rangeOffset: u16('”'), rangeLength: 0, text: '!!' }, { rangeOffset: u16('quoted'), rangeLength: 0, text: 'X' }, { rangeOffset: 0, rangeLength: 0, text: '🙂' }]);
    assert.equal(r.spans[0]?.exact, 'quoted words here');
    assert.equal(r.spans[0]?.touched, false);
    assert.equal(slice(r.text, r.spans[0].start, r.spans[0].end), 'quoted words here');
  });

  it('an edit inside a span updates exact', () => {
    const r = applyContentChanges(text, [q], [{ rangeOffset: u16('words'), rangeLength: 5, text: 'phrases' }]);
    assert.deepEqual([r.spans[0]?.exact, r.spans[0]?.touched], ['quoted phrases here', true]);
  });

  it('replacing across an end keeps the outside part and takes in the new text', () => {
    const r = applyContentChanges(text, [q], [{ rangeOffset: u16('here'), rangeLength: 'here” cd'.length, text: 'there' }]);
    assert.equal(r.spans[0]?.exact, 'quoted words there');
    const r2 = applyContentChanges(text, [q], [{ rangeOffset: u16('“'), rangeLength: '“quoted '.length, text: '' }]);
    assert.equal(r2.spans[0]?.exact, 'words here');
  });

  it('deleting the whole span collapses it (the caller keeps the annotation as an orphan)', () => {
    const r = applyContentChanges(text, [q], [{ rangeOffset: u16('“'), rangeLength: '“quoted words here”'.length, text: '' }]);
    assert.deepEqual([r.spans[0]?.collapsed, r.spans[0]?.exact], [true, '']);
  });

  it('several changes of one event (last to first, as VS Code sends them) and code points after emoji', () => {
    const flag = { start: indexOfCp(text, '🇺🇦'), end: indexOfCp(text, ' end') };
    const changes: ContentChange[] = [
      { rangeOffset: u16(' end'), rangeLength: 0, text: '🙂' },
      { rangeOffset: u16('cd'), rangeLength: 2, text: 'CD' },
      { rangeOffset: 0, rangeLength: 2, text: '🇷🇺' },
    ];
    const r = applyContentChanges(text, [q, flag], changes);
    assert.equal(r.text, '🇷🇺 “quoted words here” CD 🇺🇦🙂 end');
    assert.deepEqual(r.spans.map((s) => slice(r.text, s.start, s.end)), ['quoted words here', '🇺🇦']);
  });

  it('applyContentChangesToSidecar rebuilds context, keeps collapsed annotations unchanged and never drops one', () => {
    const a = createAnnotation({ text, start: q.start, end: q.end, kind: 'quote', id: 'q' });
    const gone = createAnnotation({ text, start: indexOfCp(text, 'cd'), end: indexOfCp(text, 'cd') + 2, kind: 'note', id: 'g' });
    const r = applyContentChangesToSidecar({ ...emptySidecar('a', ''), annotations: [a, gone] }, text, [{ rangeOffset: u16('cd'), rangeLength: 3, text: '' }, { rangeOffset: 0, rangeLength: 0, text: '>> ' }]);
    assert.equal(r.sidecar.annotations.length, 2);
    assert.deepEqual(r.collapsed, ['g']);
    assert.deepEqual(r.sidecar.annotations[1], gone);
    assert.equal(r.sidecar.annotations[0]?.target.quote.prefix, '>> ab “');
    assert.equal(r.sidecar.annotations[0]?.target.quote.exact, 'quoted words here');
  });

  it('property: spans not touched by edits keep exactly their text; all spans stay within the text', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('a', 'b', ' ', '\n', 'é', '🇺', '🇦', '😀', '\r'), maxLength: 80 }),
        fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 6 }),
        fc.array(fc.tuple(fc.nat(), fc.nat({ max: 6 }), fc.string({ unit: fc.constantFrom('x', 'y', '🙂', '\n'), maxLength: 5 })), { maxLength: 5 }),
        (source, rawSpans, rawEdits) => {
          const n = cp(source).length;
          const spans = rawSpans.map(([a, b]) => ({ start: Math.min(a % (n + 1), b % (n + 1)), end: Math.max(a % (n + 1), b % (n + 1)) }));
          // Edits on code point boundaries (the editor never splits a surrogate pair).
          let current = source;
          const changes: ContentChange[] = [];
          for (const [at, len, insert] of rawEdits) {
            const points = cp(current);
            const s = at % (points.length + 1);
            const e = Math.min(points.length, s + len);
            const change = { rangeOffset: points.slice(0, s).join('').length, rangeLength: points.slice(s, e).join('').length, text: insert };
            changes.push(change);
            current = current.slice(0, change.rangeOffset) + insert + current.slice(change.rangeOffset + change.rangeLength);
          }
          const r = applyContentChanges(source, spans, changes);
          assert.equal(r.text, current);
          const len = cp(r.text).length;
          r.spans.forEach((s, i) => {
            assert.ok(s.start >= 0 && s.start <= s.end && s.end <= len);
            assert.equal(slice(r.text, s.start, s.end), s.exact);
            if (!s.touched) assert.equal(s.exact, slice(source, spans[i]!.start, spans[i]!.end));
          });
        },
      ),
      { numRuns: RUNS },
    );
  });
});

// ---- Property: random articles, random annotations, random outside edits ----

const WORDS = [
  'the', 'minister', 'said', 'talks', 'Kyiv', 'Moscow', 'Lavrov', 'Kuleba', 'ceasefire', 'corridors', 'humanitarian',
  'on', 'Thursday', 'in', 'Antalya', 'we', 'will', 'not', 'yes', 'no', 'peace', 'war', 'Erdoğan', 'Київ', '🇺🇦', 'Zürich',
  'a', 'of', 'and', '“quoted”', 'words', 'officials', 'confirmed', 'AFP', 'reported', '2022', '24', 'February',
];
const SEPARATORS = [' ', ' ', ' ', ', ', '. ', '.\n\n', '\n', ' — '];

/** A text as a list of code points, each remembering where it came from (-1 = inserted by an edit). */
interface Tracked {
  char: string;
  origin: number;
}

const wordText = (min: number, max: number) =>
  fc.array(fc.tuple(fc.constantFrom(...WORDS), fc.constantFrom(...SEPARATORS)), { minLength: min, maxLength: max, size: 'max' })
    .map((parts) => parts.map(([w, s]) => w + s).join(''));

/** A uniform position in [0, 1): fast-check's numbers are biased towards their bounds otherwise. */
const fraction = fc.noBias(fc.integer({ min: 0, max: 999_999 })).map((n) => n / 1_000_000);

const scenarioOf = (textArb: fc.Arbitrary<string>, insertArb: fc.Arbitrary<string>) => fc.record({
  text: textArb,
  spans: fc.array(fc.tuple(fraction, fc.noBias(fc.integer({ min: 1, max: 80 }))), { minLength: 1, maxLength: 8 }),
  edits: fc.array(
    fc.record({
      at: fraction,
      remove: fc.integer({ min: 0, max: 40 }),
      insert: fc.oneof(fc.constant(''), insertArb),
    }),
    { minLength: 1, maxLength: 6 },
  ),
  crlf: fc.boolean(),
});

function editDistance(a: string, b: string): number {
  const x = cp(a);
  const y = cp(b);
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    for (let j = 1; j <= y.length; j++) cur[j] = Math.min(prev[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1), prev[j]! + 1, cur[j - 1]! + 1);
    prev = cur;
  }
  return prev[y.length]!;
}

/** Article-like text from a small vocabulary (names, non-Latin script, emoji, paragraphs). */
const articles = scenarioOf(wordText(20, 160), wordText(1, 6));
/** Adversarial, low-entropy text where near-copies are everywhere. */
const repetitive = scenarioOf(
  fc.string({ unit: fc.constantFrom('a', 'b', ' ', '\n'), minLength: 40, maxLength: 400, size: 'max' }),
  fc.string({ unit: fc.constantFrom('a', 'b', ' ', '\n', 'c'), maxLength: 20 }),
);

/** Random letters: near-copies of a quote are rare but possible, and fuzzy matching happens. */
const randomLetters = scenarioOf(
  fc.string({ unit: fc.constantFrom(...'abcdefghij \n'), minLength: 40, maxLength: 600, size: 'max' }),
  fc.string({ unit: fc.constantFrom(...'abcdefghijk \n'), maxLength: 20 }),
);

describe('annotations: re-anchoring property (fast-check)', () => {
  for (const [name, scenario] of [['article-like text', articles], ['repetitive a/b text', repetitive], ['random letters', randomLetters]] as const) {
  it(`${name}: every annotation re-anchors onto the text it was made on or becomes an orphan; none dropped; none lands on different text`, () => {
    let anchoredCount = 0;
    let orphanCount = 0;
    let fuzzyCount = 0;
    let intactOrphans = 0;
    let intactTotal = 0;
    let textLength = 0;
    fc.assert(
      fc.property(scenario, ({ text, spans, edits, crlf }) => {
        const points = cp(text);
        const annotations: SidecarAnnotation[] = spans.map(([where, length], i) => {
          const start = Math.min(points.length - 1, Math.floor(where * points.length));
          const end = Math.min(points.length, start + length);
          return createAnnotation({ text, start, end, kind: 'quote', id: `id${i}` });
        });
        // Apply the outside edits to a tracked copy: the ground truth of where each original code point went.
        let tracked: Tracked[] = points.map((char, origin) => ({ char, origin }));
        for (const edit of edits) {
          const at = Math.floor(edit.at * tracked.length);
          tracked.splice(at, edit.remove, ...cp(edit.insert).map((char) => ({ char, origin: -1 })));
        }
        if (crlf) tracked = tracked.flatMap((t) => (t.char === '\n' ? [{ char: '\r', origin: -1 }, t] : [t]));
        const edited = tracked.map((t) => t.char).join('');
        const newIndexOf = new Map<number, number>();
        tracked.forEach((t, i) => {
          if (t.origin >= 0) newIndexOf.set(t.origin, i);
        });

        textLength += edited.length;
        const result = reanchorAll({ ...emptySidecar('a.txt', ''), annotations }, edited);
        assert.equal(result.sidecar.annotations.length, annotations.length, 'no annotation dropped');
        annotations.forEach((original, i) => {
          const after = result.sidecar.annotations[i]!;
          assert.equal(after.id, original.id);
          const anchor = result.anchors.get(original.id)!;
          const { start, end, } = original.target.position;
          const survivors: number[] = [];
          for (let k = start; k < end; k++) if (newIndexOf.has(k)) survivors.push(newIndexOf.get(k)!);
          const intact = survivors.length === end - start && survivors.every((v, j) => j === 0 || v === survivors[j - 1]! + 1);
          if (intact) intactTotal++;
          if (anchor.status === 'orphan') {
            orphanCount++;
            assert.deepEqual(after, original, 'an orphan keeps its target');
            // The exact text still exists untouched and is long: it must not be orphaned.
            if (intact) intactOrphans++;
            if (intact) assert.ok(end - start < 24, `intact ${end - start}-character quote orphaned: ${anchor.reason}`);
            return;
          }
          anchoredCount++;
          if (anchor.method === 'fuzzy') fuzzyCount++;
          const landedText = slice(edited, anchor.start, anchor.end);
          assert.equal(after.target.quote.exact, landedText);
          const normalisedExact = crlf ? original.target.quote.exact.replace(/\n/g, '\r\n') : original.target.quote.exact;
          if (landedText === normalisedExact || landedText === original.target.quote.exact) return; // the very text it was made on
          // Otherwise only an approximate match is allowed, and only onto what became of its own text.
          assert.equal(anchor.method, 'fuzzy', `landed on "${landedText}" instead of "${normalisedExact}"`);
          // Where its text is now: between the last surviving character before the span and the
          // first surviving one after it — what survived of the span plus anything written in
          // its place (a quote reworded in place may be found there).
          let lo = 0;
          for (let k = start - 1; k >= 0; k--) if (newIndexOf.has(k)) { lo = newIndexOf.get(k)! + 1; break; }
          let hi = tracked.length;
          for (let k = end; k < points.length; k++) if (newIndexOf.has(k)) { hi = newIndexOf.get(k)!; break; }
          assert.ok(hi > lo, `the text was deleted, yet it landed on "${landedText}"`);
          assert.ok(anchor.start < hi && anchor.end > lo, `landed on [${anchor.start}, ${anchor.end}) outside [${lo}, ${hi})`);
          const distance = Math.min(editDistance(landedText, normalisedExact), editDistance(landedText, original.target.quote.exact));
          assert.ok(distance <= Math.floor(normalisedExact.length * 0.25), `"${landedText}" is ${distance} edits from "${normalisedExact}"`);
        });
      }),
      { numRuns: RUNS },
    );
    // The property is meaningful only if both outcomes happen.
    console.log(`      (anchored ${anchoredCount}, of which fuzzy ${fuzzyCount}; orphans ${orphanCount}, of which intact ${intactOrphans}; intact spans ${intactTotal}; mean text ${Math.round(textLength / RUNS)} chars)`);
    assert.ok(anchoredCount > 0 && orphanCount > 0, `anchored ${anchoredCount}, orphans ${orphanCount}, fuzzy ${fuzzyCount}`);
  });
  }
});
