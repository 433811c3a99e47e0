/**
 * Claim detection: sentences that assert something a fact-checker could verify.
 *
 * Each sentence is scored from independent cues — quantities, dates and durations,
 * attribution (reported speech, "according to"), accusations and denials, causal and
 * comparative assertions, laws and sanctions — combined as independent evidence
 * (`1 - Π(1 - w)`), then damped by opinion markers ("I think", "should", "we hope").
 * Questions, very short fragments and sentences inside boilerplate are skipped.
 * All offsets are UTF-16 offsets of `text`.
 */
import type { Block, Boilerplate, Claim, Person, Quote, Span } from '../types';

/** Minimum score for a sentence to be reported as a claim. */
export const CLAIM_THRESHOLD = 0.4;

const MONTHS = 'january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec';
const WEEKDAYS = 'monday|tuesday|wednesday|thursday|friday|saturday|sunday';
const NUMBER_WORDS =
  'two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|billion|trillion|dozen|dozens|hundreds|thousands|millions|billions|twice|double|triple|tripled|doubled|halved';
const UNIT_NOUNS =
  'people|persons|civilians|soldiers|troops|refugees|residents|children|deaths|dead|killed|wounded|injured|victims|casualties|cases|votes|voters|jobs|tons|tonnes|barrels|dollars|euros|pounds|rubles|roubles|hryvnias|lira|km|kilometres|kilometers|miles|metres|meters|percent|per cent|homes|houses|buildings|aircraft|tanks|missiles|drones|rounds|countries|nations|members|officials|ministers|delegations|cities|plants|reactors|hectares|acres|times|years|months|weeks|days|hours|minutes';

/** Each cue: a reason, its weight as independent evidence, and a test on the sentence. */
interface Cue {
  reason: string;
  weight: number;
  pattern: RegExp;
}

// Dates first: their digits must not also count as quantities.
const DATE_PATTERNS = [
  new RegExp(`\\b(?:${MONTHS})\\.? \\d{1,2}(?:st|nd|rd|th)?(?:,? \\d{4})?\\b`, 'gi'),
  new RegExp(`\\b\\d{1,2}(?:st|nd|rd|th)? (?:of )?(?:${MONTHS})\\b(?:,? \\d{4})?`, 'gi'),
  /\b(?:1[89]|20)\d{2}s?\b/g,
  /\b\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\b/g,
  /\b\d{1,2}(?::\d{2})?\s*[ap]\.?m\.?\b/gi,
];

const CUES: readonly Cue[] = [
  { reason: 'date', weight: 0.25, pattern: new RegExp(`\\b(?:(?:on |last |next |this |since |by |until )?(?:${WEEKDAYS})|(?:in |since |by |until |early |late |mid-?)?(?:${MONTHS})\\b(?! ?\\d)|yesterday|today|tonight|last (?:week|month|year|night)|next (?:week|month|year)|(?:\\w+ )?(?:days?|weeks?|months?|years?) ago|earlier this (?:week|month|year)|(?:1[89]|20)\\d{2})\\b`, 'i') },
  { reason: 'duration', weight: 0.3, pattern: new RegExp(`\\b(?:\\d+|an?|one|${NUMBER_WORDS})(?:[ -](?:and a half|and a quarter))?[ -](?:hours?|days?|weeks?|months?|years?|decades?|minutes?)(?:[ -](?:long|old))?\\b|\\b(?:lasted|for (?:more than |over |nearly |almost )?(?:\\d+|${NUMBER_WORDS}) (?:hours?|days?|weeks?|months?|years?))\\b|\\ban? (?:hour|day|week|month|year) and a half\\b`, 'i') },
  { reason: 'comparative', weight: 0.3, pattern: /\b(?:more than|less than|fewer than|at least|as many as|as much as|up to|nearly|almost|over half|compared (?:with|to)|higher than|lower than|larger than|bigger than|smaller than|the (?:first|second|third|last|largest|biggest|smallest|highest|lowest|fastest|worst|best|most|least|only)\b|for the first time|(?:increased|decreased|rose|fell|dropped|grew|declined|surged|doubled|tripled|halved) (?:by|to|from)\b)/i },
  { reason: 'causal', weight: 0.3, pattern: /\b(?:because(?: of)?|due to|as a result(?: of)?|led to|leads? to|leading to|caused|causing|resulted in|results in|in response to|thanks to|owing to|triggered|prompted|so that|therefore|which angered|after (?:which|the)\b)/i },
  { reason: 'accusation', weight: 0.45, pattern: /\b(?:accus(?:e|es|ed|ing|ation|ations)|alleg(?:e|es|ed|edly|ing|ation|ations)|blam(?:e|es|ed|ing)|den(?:y|ies|ied|ying|ial)|rejected|dismiss(?:ed|es)|refuted|violat(?:e|es|ed|ing|ion|ions)|war crimes?|lies|false(?:ly)?|fabricat\w+|propaganda)\b/i },
  { reason: 'event', weight: 0.2, pattern: /\b(?:attacked|invaded|invasion|bombed|bombing|shelled|shelling|besieg\w+|killed|captured|seized|occupied|met|arrived|signed|launched|imposed|evacuated|displaced|visited|held)\b/i },
  { reason: 'law-sanctions', weight: 0.4, pattern: /\b(?:laws?|legislation|bill|decree|sanction(?:s|ed)?|ban(?:s|ned)?|embargo|treaty|agreement|resolution|court|tribunal|judge|prison|jail(?:ed)?|sentenc(?:e|es|ed)|punish(?:ed|able)?|illegal|unlawful|constitution\w*|ruling|indict\w*|convict\w*|charged|statute|regulation|airspace)\b/i },
];

const ATTRIBUTION_VERBS =
  'said|says|told|added|stated|announced|confirmed|reported|wrote|tweeted|claimed|insisted|warned|argued|noted|explained|declared|acknowledged|admitted|revealed|estimated|urged|described|stressed|emphasised|emphasized|called';
const ATTRIBUTION = new RegExp(`\\b(?:according to|(?:${ATTRIBUTION_VERBS})(?: on \\w+| in \\w+(?: \\w+){0,3})?,? that|(?:${ATTRIBUTION_VERBS})\\b)`, 'i');
const NUMBER_DIGITS = /\d/;
const QUANTITY_WITH_UNIT = new RegExp(`(?:\\d[\\d,.]*|\\b(?:${NUMBER_WORDS}))(?:\\s+(?:and a half|million|billion|thousand|hundred))?\\s*(?:%|\\bper ?cent\\b|\\b(?:${UNIT_NOUNS})\\b)|[$€£₽₴]\\s?\\d|\\b\\d[\\d,.]*\\s?(?:m|bn|k)\\b|\\b(?:hundreds|thousands|millions|dozens) of\\b`, 'i');
const NUMBER_WORD = new RegExp(`\\b(?:${NUMBER_WORDS})\\b`, 'i');
const OPINION =
  /\b(?:i|we) (?:think|believe|feel|hope|expect|wish|want|guess|suppose|doubt)\b|\bin (?:my|our) (?:view|opinion)\b|\b(?:should|ought to|would like|must not|shameful|disgraceful|wonderful|terrible|awful|beautiful|i(?:'|’)m sure)\b|\bpin (?:high )?hopes\b/i;
const QUESTION_END = /\?["'”’»)\]]*\s*$/;
const WORD_RE = /[\p{L}\p{N}]+/gu;

/**
 * Scores every sentence of `blocks` and returns the claims (score ≥ `CLAIM_THRESHOLD`), in
 * document order. `quotes` and `people` add attribution evidence; sentences mostly inside a
 * `boilerplate` span are skipped.
 */
export function detectClaims(
  text: string,
  blocks: readonly Block[],
  quotes: readonly Quote[] = [],
  people: readonly Person[] = [],
  boilerplate: readonly Boilerplate[] = [],
): Claim[] {
  const claims: Claim[] = [];
  const attributedQuotes = new SpanCursor(quotes.filter((q) => q.kind === 'speech' && q.speaker !== null));
  const mentions = new SpanCursor(people.flatMap((p) => p.mentions));
  const bp = new SpanCursor(boilerplate);
  for (const block of blocks) {
    for (const sentence of block.sentences) {
      if (bp.coveredLength(sentence) * 2 > sentence.end - sentence.start) continue;
      const scored = scoreSentence(sentence.text, {
        hasAttributedQuote: attributedQuotes.coveredLength(sentence) > 0,
        mentionsPerson: mentions.coveredLength(sentence) > 0,
        isHeading: block.type === 'heading',
      });
      if (scored && scored.score >= CLAIM_THRESHOLD) {
        claims.push({ start: sentence.start, end: sentence.end, text: text.slice(sentence.start, sentence.end), ...scored });
      }
    }
  }
  return claims;
}

/** Context of a sentence that the text alone does not give. */
export interface SentenceContext {
  hasAttributedQuote?: boolean;
  mentionsPerson?: boolean;
  isHeading?: boolean;
}

/** Scores one sentence; null when it cannot be a claim (question, fragment). */
export function scoreSentence(sentence: string, ctx: SentenceContext = {}): { score: number; reasons: string[] } | null {
  const s = sentence.trim();
  if (QUESTION_END.test(s)) return null;
  const words = s.match(WORD_RE)?.length ?? 0;
  if (words < 4) return null;

  const reasons: string[] = [];
  let miss = 1;
  const add = (reason: string, weight: number): void => {
    reasons.push(reason);
    miss *= 1 - weight;
  };

  // Quantities: digits left after removing dates, written numbers, amounts with units.
  let masked = s;
  let hasDate = false;
  for (const re of DATE_PATTERNS) {
    re.lastIndex = 0;
    if (re.test(masked)) {
      hasDate = true;
      re.lastIndex = 0;
      masked = masked.replace(re, ' ');
    }
  }
  if (QUANTITY_WITH_UNIT.test(masked)) add('quantity', 0.6);
  else if (NUMBER_DIGITS.test(masked) || NUMBER_WORD.test(masked)) add('number', 0.45);

  for (const cue of CUES) {
    if (cue.reason === 'date' && hasDate) continue;
    if (cue.pattern.test(s)) add(cue.reason, cue.weight);
  }
  if (hasDate) add('date', 0.3);

  if (ctx.hasAttributedQuote) add('attributed-quote', 0.4);
  else if (ATTRIBUTION.test(s)) add('attributed', ctx.mentionsPerson ? 0.4 : 0.3);

  if (reasons.length === 0) return null;
  let score = 1 - miss;
  if (OPINION.test(s)) {
    score *= 0.5;
    reasons.push('opinion-damped');
  }
  if (ctx.isHeading) score *= 0.8;
  return { score: Math.round(score * 100) / 100, reasons };
}

/**
 * Overlap queries for sentences visited in document order: a cursor over spans sorted by
 * start, so a whole document costs O(sentences + spans) instead of their product.
 */
class SpanCursor {
  private readonly spans: Span[];
  private next = 0;
  /** Largest end among spans already passed, to catch a long span that started earlier. */
  private readonly active: Span[] = [];

  constructor(spans: readonly Span[]) {
    this.spans = [...spans].sort((a, b) => a.start - b.start);
  }

  /** Number of UTF-16 units of `span` covered by the spans (overlaps counted once each). */
  coveredLength(span: Span): number {
    while (this.next < this.spans.length && (this.spans[this.next] as Span).start < span.end) {
      this.active.push(this.spans[this.next] as Span);
      this.next++;
    }
    let covered = 0;
    let w = 0;
    for (const x of this.active) {
      if (x.end <= span.start) continue; // finished before this (and every later) sentence
      this.active[w++] = x;
      covered += Math.max(0, Math.min(x.end, span.end) - Math.max(x.start, span.start));
    }
    this.active.length = w;
    return covered;
  }
}
