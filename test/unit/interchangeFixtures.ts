/**
 * Test fixtures shared by the interchange tests: a source text with CRLF line endings, curly
 * quotes, emoji (astral code points), combining marks and Cyrillic, and a sidecar that uses
 * every field of the model.
 */
import { createAnnotation, createTarget } from '../../src/core/annotations/selectors';
import { SIDECAR_VERSION, type AnnotationKind, type Sidecar, type SidecarAnnotation } from '../../src/core/annotations/model';

export const SOURCE_TEXT = [
  'Home | World | Sport',
  'Share this article 📤',
  'Talks in Antalya 🇹🇷 end without a deal',
  'Foreign Minister Dmytro Kuleba said: “We did not make progress on a ceasefire.” He added that',
  'the talks were “difficult” — and that Kyiv would keep trying.',
  'Sergei Lavrov told reporters that Russia “never attacked anyone”, a claim disputed by 141 countries.',
  'Café owner Zoë Nguyễn (e\u0301 with a combining accent) said “prices rose 30% 😟 since March”.',
  'Subscribe to our newsletter',
  '',
].join('\r\n');

const NOW = new Date('2026-11-20T10:00:00.000Z');

/** Code point span of the first occurrence of `needle` (after `from`) in `text`. */
export function spanOf(text: string, needle: string, from = 0): { start: number; end: number } {
  const at16 = text.indexOf(needle, from);
  if (at16 < 0) throw new Error(`fixture text lacks ${needle}`);
  const start = [...text.slice(0, at16)].length;
  return { start, end: start + [...needle].length };
}

function make(kind: AnnotationKind, needle: string, extra: Partial<SidecarAnnotation> = {}, id?: string): SidecarAnnotation {
  const { start, end } = spanOf(SOURCE_TEXT, needle);
  return { ...createAnnotation({ text: SOURCE_TEXT, start, end, kind, now: NOW, ...(id ? { id } : {}) }), ...extra };
}

/** A sidecar using every field: kinds, statuses, reliability, speakers (with and without a person annotation), notes, tags, authors. */
export function richSidecar(): Sidecar {
  const kuleba = make('person', 'Dmytro Kuleba', { status: 'confirmed', tags: ['ukraine', 'minister'] }, '11111111-1111-4111-8111-111111111111');
  const annotations: SidecarAnnotation[] = [
    make('boilerplate', 'Home | World | Sport', { status: 'confirmed' }, '22222222-2222-4222-8222-222222222222'),
    make('boilerplate', 'Share this article 📤', { status: 'manual', author: 'Ana' }, '33333333-3333-4333-8333-333333333333'),
    kuleba,
    make('quote', '“We did not make progress on a ceasefire.”', {
      status: 'confirmed',
      reliability: 'likely',
      speaker: { name: 'Dmytro Kuleba', personId: 'p:dmytro-kuleba', annotationId: kuleba.id },
      note: 'Matches the ministry transcript.\nSecond line, with a tab\there, a comma, and "quotes".',
      tags: ['ceasefire', 'talks, Antalya'],
      author: 'Ana Pérez',
      modified: '2026-11-21T08:30:00.000Z',
    }, '44444444-4444-4444-8444-444444444444'),
    // A quote whose speaker has no person annotation: brat derives a Speaker span near it.
    make('quote', '“never attacked anyone”', {
      status: 'confirmed',
      reliability: 'false',
      speaker: { name: 'Sergei Lavrov' },
      note: '=HYPERLINK("http://evil.example") — formula-looking note',
    }, '55555555-5555-4555-8555-555555555555'),
    make('claim', 'disputed by 141 countries', { status: 'manual', reliability: 'mostly true', tags: ['-numbers', '@check'] }, '66666666-6666-4666-8666-666666666666'),
    // A span across a CRLF line break, with an emoji and combining mark elsewhere in the text.
    make('note', 'He added that\r\nthe talks were “difficult”', { note: 'Spans two lines.', tags: ['brat:Cue'] }, '77777777-7777-4777-8777-777777777777'),
    make('quote', '“prices rose 30% 😟 since March”', {
      status: 'rejected',
      speaker: { name: 'Zoë Nguyễn' },
      unknownFields: { reviewedBy: 'desk-2' },
    }, '88888888-8888-4888-8888-888888888888'),
    make('person', 'Zoë Nguyễn (e\u0301', { status: 'manual' }, '99999999-9999-4999-8999-999999999999'),
    make('boilerplate', 'Subscribe to our newsletter', { status: 'rejected' }, 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa'),
  ];
  return {
    version: SIDECAR_VERSION,
    source: { path: 'article.txt', sha256: '0'.repeat(64), reliability: 'unverified', note: 'Scraped 2026-11-20.', tags: ['antalya', 'talks'] },
    annotations,
  };
}

/** Rebuilds a target on `text` (to compare what an import should produce). */
export function targetOn(text: string, start: number, end: number) {
  return createTarget(text, start, end);
}
