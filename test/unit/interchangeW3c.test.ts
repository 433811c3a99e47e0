import assert from 'node:assert/strict';
import { W3C_CONTEXT, fromW3C, readW3C, toW3C, mergeImport, annotationIri, idFromIri } from '../../src/core/interchange';
import { serializeSidecar } from '../../src/core/annotations/serialize';
import type { SidecarAnnotation } from '../../src/core/annotations/model';
import { SOURCE_TEXT, richSidecar, spanOf } from './interchangeFixtures';

const IRI = 'file:///news/article.txt';

/** Drops what the W3C format does not carry (tool-private unknown fields). */
function withoutUnknown(a: SidecarAnnotation): SidecarAnnotation {
  const { unknownFields: _unknown, ...rest } = a;
  return rest;
}

function byId(list: SidecarAnnotation[]): SidecarAnnotation[] {
  return [...list].sort((a, b) => (a.id < b.id ? -1 : 1));
}

describe('interchange: W3C Web Annotation export', () => {
  const sidecar = richSidecar();
  const { collection, orphans } = toW3C(sidecar, SOURCE_TEXT, { sourceIri: IRI, sourceLabel: 'news/article.txt' });
  const items = collection.first.items;

  it('writes a collection with one Annotation per annotation plus one for the whole source', () => {
    assert.equal(collection['@context'], W3C_CONTEXT);
    assert.equal(collection.type, 'AnnotationCollection');
    assert.equal(items.length, sidecar.annotations.length + 1);
    assert.equal(collection.total, items.length);
    assert.deepEqual(orphans, []);
  });

  it('gives every annotation the required Web Annotation fields', () => {
    const ids = new Set<string>();
    for (const item of items as unknown as Record<string, unknown>[]) {
      assert.equal(item['@context'], 'http://www.w3.org/ns/anno.jsonld');
      assert.equal(item.type, 'Annotation');
      assert.equal(typeof item.id, 'string');
      assert.match(item.id as string, /^urn:uuid:[0-9a-f-]{36}$/);
      ids.add(item.id as string);
      const target = item.target as Record<string, unknown>;
      assert.equal(target.source, IRI);
      const body = item.body as Record<string, unknown>[];
      assert.ok(Array.isArray(body) && body.length > 0, 'every annotation has bodies');
      for (const b of body) {
        assert.equal(b.type, 'TextualBody');
        assert.equal(typeof b.purpose, 'string');
        assert.ok(['classifying', 'identifying', 'assessing', 'commenting', 'tagging'].includes(b.purpose as string), `purpose ${String(b.purpose)}`);
        assert.equal(typeof b.value, 'string');
      }
    }
    assert.equal(ids.size, items.length, 'ids are unique');
  });

  it('targets each span with a TextQuoteSelector and a code point TextPositionSelector that agree with the text', () => {
    const codePoints = [...SOURCE_TEXT];
    for (const item of items.slice(1)) {
      assert.ok('selector' in item.target);
      const [quote, position] = item.target.selector;
      assert.equal(quote.type, 'TextQuoteSelector');
      assert.equal(position.type, 'TextPositionSelector');
      assert.equal(codePoints.slice(position.start, position.end).join(''), quote.exact);
      assert.equal(codePoints.slice(Math.max(0, position.start - 32), position.start).join(''), quote.prefix);
      assert.equal(codePoints.slice(position.end, position.end + 32).join(''), quote.suffix);
    }
    // The emoji quote: code points, not UTF-16 units.
    const prices = items.find((i) => i.id === annotationIri('88888888-8888-4888-8888-888888888888'));
    assert.ok(prices && 'selector' in prices.target);
    assert.deepEqual(
      [prices.target.selector[1].start, prices.target.selector[1].end],
      Object.values(spanOf(SOURCE_TEXT, '“prices rose 30% 😟 since March”')),
    );
  });

  it('puts the source-level rating, note and tags on an annotation of the whole source', () => {
    const whole = items[0]!;
    assert.deepEqual(whole.target, { source: IRI });
    assert.deepEqual(
      whole.body.map((b) => [b.purpose, b.value]),
      [['assessing', 'unverified'], ['commenting', 'Scraped 2026-11-20.'], ['tagging', 'antalya'], ['tagging', 'talks']],
    );
  });

  it('maps note, tags, reliability and speaker to bodies with the right purpose', () => {
    const quote = items.find((i) => i.id === annotationIri('44444444-4444-4444-8444-444444444444'))!;
    const purposes = quote.body.map((b) => `${b.purpose}=${b.value}`);
    assert.deepEqual(purposes, [
      'classifying=quote',
      'identifying=Dmytro Kuleba',
      'assessing=likely',
      'commenting=Matches the ministry transcript.\nSecond line, with a tab\there, a comma, and "quotes".',
      'tagging=ceasefire',
      'tagging=talks, Antalya',
    ]);
    assert.equal(quote.body[1]!['schema:roleName'], 'speaker');
    assert.equal(quote.creator?.name, 'Ana Pérez');
    assert.equal(quote['schema:creativeWorkStatus'], 'confirmed');
  });

  it('uses the re-anchored position when the source changed since the sidecar was written', () => {
    const edited = `BREAKING 🚨\r\n${SOURCE_TEXT}`;
    const moved = toW3C(sidecar, edited, { sourceIri: IRI }).collection.first.items;
    const quote = moved.find((i) => i.id === annotationIri('44444444-4444-4444-8444-444444444444'))!;
    assert.ok('selector' in quote.target);
    const [q, p] = quote.target.selector;
    assert.equal([...edited].slice(p.start, p.end).join(''), q.exact);
    assert.equal(p.start, spanOf(edited, '“We did not').start);
  });
});

describe('interchange: W3C round trip and import', () => {
  it('sidecar → W3C JSON-LD text → sidecar keeps every annotation and every field W3C carries', () => {
    const sidecar = richSidecar();
    const json = JSON.parse(JSON.stringify(toW3C(sidecar, SOURCE_TEXT, { sourceIri: IRI }).collection)) as unknown;
    const doc = readW3C(json);
    assert.deepEqual(doc.warnings, []);
    assert.deepEqual([...doc.bySource.keys()], [IRI]);
    const imported = fromW3C(doc.bySource.get(IRI)!, SOURCE_TEXT);
    assert.deepEqual(imported.warnings, []);
    assert.deepEqual(imported.orphans, []);
    assert.equal(imported.annotations.length, sidecar.annotations.length);
    assert.deepEqual(byId(imported.annotations), byId(sidecar.annotations.map(withoutUnknown)));
    assert.deepEqual(imported.source, { reliability: 'unverified', note: 'Scraped 2026-11-20.', tags: ['antalya', 'talks'] });
  });

  it('re-anchors annotations from another tool on a text that moved, and keeps unfindable ones as orphans', () => {
    const text = `Update: corrected headline.\n${SOURCE_TEXT}`;
    const foreign = {
      '@context': W3C_CONTEXT,
      type: 'AnnotationPage',
      items: [
        {
          // Hypothesis style: quote with context, position from the old text (now off by 28).
          '@context': W3C_CONTEXT,
          id: 'https://hypothes.is/a/abc123',
          type: 'Annotation',
          motivation: 'commenting',
          creator: 'acct:ana@hypothes.is',
          bodyValue: 'Check this against the readout.',
          body: [{ type: 'TextualBody', purpose: 'tagging', value: 'follow-up' }],
          target: {
            source: 'https://example.com/article',
            selector: [
              { type: 'TextPositionSelector', start: spanOf(SOURCE_TEXT, 'We did not make').start, end: spanOf(SOURCE_TEXT, 'We did not make').end },
              { type: 'TextQuoteSelector', exact: 'We did not make', prefix: 'Kuleba said: “', suffix: ' progress on a' },
            ],
          },
        },
        {
          '@context': W3C_CONTEXT,
          id: 'https://hypothes.is/a/def456',
          type: 'Annotation',
          body: { type: 'TextualBody', purpose: 'classifying', value: 'Claim' },
          // Only a quote, with a typo compared with the text (fuzzy match with context).
          target: { source: 'https://example.com/article', selector: { type: 'TextQuoteSelector', exact: 'a claim disputed by 141 countreis', prefix: 'never attacked anyone”, ', suffix: '.\r\nCafé owner' } },
        },
        {
          '@context': W3C_CONTEXT,
          id: 'https://hypothes.is/a/ghi789',
          type: 'Annotation',
          bodyValue: 'This sentence was removed.',
          target: { source: 'https://example.com/article', selector: { type: 'TextQuoteSelector', exact: 'The president resigned on Tuesday evening' } },
        },
      ],
    };
    const doc = readW3C(foreign);
    const imported = fromW3C(doc.bySource.get('https://example.com/article')!, text, { now: new Date('2026-11-24T00:00:00Z') });
    assert.equal(imported.annotations.length, 3);
    const [comment, claim, gone] = imported.annotations as [SidecarAnnotation, SidecarAnnotation, SidecarAnnotation];
    assert.deepEqual([comment.target.position.start, comment.target.position.end], Object.values(spanOf(text, 'We did not make')));
    assert.equal(comment.target.quote.exact, 'We did not make');
    assert.equal(comment.kind, 'note');
    assert.equal(comment.note, 'Check this against the readout.');
    assert.deepEqual(comment.tags, ['follow-up']);
    assert.equal(comment.author, 'acct:ana@hypothes.is');
    assert.equal(claim.kind, 'claim');
    assert.equal(claim.target.quote.exact, 'a claim disputed by 141 countries');
    assert.deepEqual(imported.orphans, [gone.id]);
    assert.equal(gone.target.quote.exact, 'The president resigned on Tuesday evening');
    assert.match(imported.warnings.join('\n'), /was not found in the text/);
  });

  it('is idempotent: importing the same document twice adds nothing the second time', () => {
    const sidecar = richSidecar();
    const items = toW3C(sidecar, SOURCE_TEXT, { sourceIri: IRI }).collection.first.items as unknown as Record<string, unknown>[];
    const imported = fromW3C(items, SOURCE_TEXT);
    const first = mergeImport(undefined, imported, 'article.txt', 'a'.repeat(64));
    assert.equal(first.added.length, sidecar.annotations.length);
    const second = mergeImport(first.sidecar, fromW3C(items, SOURCE_TEXT), 'article.txt', 'a'.repeat(64));
    assert.deepEqual(second.added, []);
    assert.equal(second.alreadyPresent.length, sidecar.annotations.length);
    assert.equal(serializeSidecar(second.sidecar), serializeSidecar(first.sidecar));
    // Foreign ids without our urn:uuid form still give the same id every time.
    const foreign = [{ ...items[1], id: 'https://example.org/anno/1' }];
    assert.equal(fromW3C(foreign, SOURCE_TEXT).annotations[0]!.id, fromW3C(foreign, SOURCE_TEXT).annotations[0]!.id);
  });

  it('turns annotation ids into urn:uuid IRIs and back', () => {
    assert.equal(annotationIri('44444444-4444-4444-8444-444444444444'), 'urn:uuid:44444444-4444-4444-8444-444444444444');
    assert.equal(idFromIri('urn:uuid:44444444-4444-4444-8444-444444444444'), '44444444-4444-4444-8444-444444444444');
    assert.equal(idFromIri(annotationIri('legacy id/1')), 'legacy id/1');
    assert.equal(idFromIri('https://hypothes.is/a/abc'), undefined);
  });

  it('reports documents without annotations instead of throwing', () => {
    assert.match(readW3C({ hello: 'world' }).warnings[0]!, /No W3C Web Annotation/);
    assert.match(readW3C([{ type: 'Annotation', body: 'x' }]).warnings[0]!, /no target source/);
  });
});
