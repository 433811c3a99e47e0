/**
 * Quote detector with speaker attribution (UTF-16 offsets; `analyzeDocument` converts).
 *
 * 1. Marks: every quote character is classified as opening / closing from its flanks
 *    (whitespace or punctuation on one side, a word on the other), so straight quotes, curly
 *    quotes used the wrong way round (“…“), mixed pairs (“…»), guillemets and „…“ all pair
 *    up, and apostrophes (don’t, Lavrov’s, ’90s) are never quote marks.
 * 2. Pairing per block: a double quote left open at the end of a paragraph continues when
 *    the next paragraph opens again (the print convention for multi-paragraph quotes);
 *    otherwise it ends with its paragraph, cut before a trailing ", he said" that lost its
 *    closing mark. Single quotes (headline style ‘…’) only count when they close in the
 *    same block.
 * 3. Attribution: a cue after the quote (“…,” X said / said X / X told reporters / …,
 *    according to X), a cue before it in the same sentence (X said: “…” / X urged Y to “…” /
 *    X described the meeting as “…”), or a cue that closes the sentence. The speaker phrase
 *    resolves to a person by the mentions it contains, by a pronoun (he / she → the most
 *    recent compatible subject or speaker) or by a role ("the Turkish Foreign Minister");
 *    otherwise the phrase itself is the speaker ("a spokesman for the Foreign Ministry",
 *    "Moscow"). A quote without a cue inherits the previous quote's speaker when it follows
 *    it in the same paragraph or opens the next one.
 * 4. Kind: short quotes (up to five words) that are not sentences are terms (scare quotes,
 *    labels: a “special military operation”) unless a person is cued as saying them and
 *    they are not inside a noun phrase.
 *
 * Quote spans include their quote marks.
 */
import type { BlockMemo } from '../blockMemo';
import type { Block, Person, Quote, Span, Speaker } from '../types';
import type { Gender } from './gazetteers/firstNames';
import { DEMONYMS, ROLE_NOUNS, TITLE_WORDS } from './gazetteers/entities';
import { normalizeName, personGender } from './people';
import { isReportingVerb, isVerbAfterName } from './reportingVerbs';

/** A paired (or knowingly unclosed) quote before attribution, in UTF-16 offsets. */
export interface RawQuote {
  start: number;
  /** End of the span (after the closing mark when closed). */
  end: number;
  innerStart: number;
  innerEnd: number;
  closed: boolean;
  single: boolean;
  startBlock: number;
  endBlock: number;
}

type MarkRole = 'open' | 'close' | 'both';

interface Mark {
  pos: number;
  single: boolean;
  role: MarkRole;
}

const OPEN_PUNCT = /[\s([{\u2014\u2013/\-"“”„«‹'‘’‚]/u;
const CLOSE_PUNCT = /[\s.,;:!?)\]}\u2014\u2013\-…"“”»›'‘’]/u;

function isLetterOrDigit(ch: string): boolean {
  return /[\p{L}\p{N}]/u.test(ch);
}

/** Classifies one quote character at `i`, or null when it is not a quote mark here. */
function classify(text: string, i: number, blockStart: number, blockEnd: number): Mark | null {
  const ch = text[i] as string;
  const prev = i > blockStart ? (text[i - 1] as string) : '';
  const next = i + 1 < blockEnd ? (text[i + 1] as string) : '';
  const left = (prev === '' || OPEN_PUNCT.test(prev)) && next !== '' && !/\s/u.test(next);
  const right = (next === '' || CLOSE_PUNCT.test(next)) && prev !== '' && !/\s/u.test(prev);
  switch (ch) {
    case '„':
    case '«':
      return { pos: i, single: false, role: 'open' };
    case '»':
      return { pos: i, single: false, role: 'close' };
    case '“':
      if (right && !left) return { pos: i, single: false, role: 'close' };
      return { pos: i, single: false, role: 'open' };
    case '”':
      if (left && !right) return { pos: i, single: false, role: 'open' };
      return { pos: i, single: false, role: 'close' };
    case '"':
      if (left && right) return { pos: i, single: false, role: 'both' };
      if (left) return { pos: i, single: false, role: 'open' };
      if (right) return { pos: i, single: false, role: 'close' };
      return null;
    case '‘':
    case '‚':
      if (/^\d\ds\b/u.test(text.slice(i + 1, i + 5))) return null; // ‘90s
      if (isLetterOrDigit(prev) && isLetterOrDigit(next)) return null;
      return left ? { pos: i, single: true, role: 'open' } : right ? { pos: i, single: true, role: 'close' } : null;
    case '’':
    case "'":
      if (isLetterOrDigit(prev) && isLetterOrDigit(next)) return null; // don’t, Lavrov’s
      if (/^\d\ds\b/u.test(text.slice(i + 1, i + 5))) return null; // ’90s
      if (ch === "'" && left && !right) return { pos: i, single: true, role: 'open' };
      return right ? { pos: i, single: true, role: 'close' } : null;
    default:
      return null;
  }
}

const QUOTE_CHARS = /["“”„«»‘’‚']/gu;

function marksOf(text: string, block: Block): Mark[] {
  const marks: Mark[] = [];
  QUOTE_CHARS.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = QUOTE_CHARS.exec(block.text)) !== null) {
    const mark = classify(text, block.start + m.index, block.start, block.end);
    if (mark) marks.push(mark);
  }
  return marks;
}

/** Cue of a quote that lost its closing mark: “…, he said. → ends before ", he said". */
const LOST_CLOSE_CUE =
  /,\s+(?:he|she|they|it|(?:\p{Lu}[\p{L}’'-]+)(?:\s+\p{Lu}[\p{L}’'-]+){0,2})\s+([\p{Ll}]+)\b[^"“”«»]{0,80}$/u;

function skipSpace(text: string, i: number, end: number): number {
  while (i < end && /\s/u.test(text[i] as string)) i++;
  return i;
}

function trimEnd(text: string, start: number, end: number): number {
  while (end > start && /\s/u.test(text[end - 1] as string)) end--;
  return end;
}

/** Pairs quote marks into quotes, block by block. */
export function findQuoteSpans(text: string, blocks: readonly Block[]): RawQuote[] {
  const out: RawQuote[] = [];
  let open: { pos: number; block: number } | null = null;
  const closeUnclosed = (blockIndex: number): void => {
    if (!open) return;
    const block = blocks[blockIndex] as Block;
    const innerStart = open.pos + 1;
    let innerEnd = trimEnd(text, innerStart, block.end);
    const windowStart = Math.max(innerStart, innerEnd - 200);
    const cut = LOST_CLOSE_CUE.exec(text.slice(windowStart, innerEnd));
    if (cut && isReportingVerb(cut[1] as string)) innerEnd = windowStart + cut.index;
    if (innerEnd > skipSpace(text, innerStart, innerEnd)) {
      out.push({ start: open.pos, end: innerEnd, innerStart, innerEnd, closed: false, single: false, startBlock: open.block, endBlock: blockIndex });
    }
    open = null;
  };
  blocks.forEach((block, bi) => {
    const marks = marksOf(text, block);
    let singleOpen: number | null = null;
    let continuing = false;
    if (open) {
      // An open quote continues only if this paragraph opens with a quote mark.
      const first = marks[0];
      if (first && first.pos === block.start && !first.single && first.role !== 'close') {
        continuing = true;
      } else {
        closeUnclosed(bi - 1);
      }
    }
    marks.forEach((mark, mi) => {
      if (continuing && mi === 0) return;
      if (open) {
        if (mark.single) return;
        if (mark.role === 'close' || mark.role === 'both') {
          const innerStart = open.pos + 1;
          out.push({ start: open.pos, end: mark.pos + 1, innerStart, innerEnd: mark.pos, closed: true, single: false, startBlock: open.block, endBlock: bi });
          open = null;
        } else if (open.block === bi && mark.pos > open.pos + 1) {
          // A second opening mark inside an open quote: the first one never closed.
          closeAt(mark.pos);
          open = { pos: mark.pos, block: bi };
        }
        return;
      }
      if (singleOpen !== null) {
        if (mark.single && (mark.role === 'close' || mark.role === 'both')) {
          out.push({ start: singleOpen, end: mark.pos + 1, innerStart: singleOpen + 1, innerEnd: mark.pos, closed: true, single: true, startBlock: bi, endBlock: bi });
          singleOpen = null;
        }
        return;
      }
      if (mark.role === 'open' || mark.role === 'both') {
        if (mark.single) singleOpen = mark.pos;
        else open = { pos: mark.pos, block: bi };
      }
    });
  });
  if (open) closeUnclosed(blocks.length - 1);
  return out.filter((q) => /[\p{L}\p{N}]/u.test(text.slice(q.innerStart, q.innerEnd)));

  function closeAt(pos: number): void {
    if (!open) return;
    const innerStart = open.pos + 1;
    const innerEnd = trimEnd(text, innerStart, pos);
    if (innerEnd > innerStart) {
      out.push({ start: open.pos, end: innerEnd, innerStart, innerEnd, closed: false, single: false, startBlock: open.block, endBlock: open.block });
    }
    open = null;
  }
}

// ---------------------------------------------------------------------------------------
// Attribution

interface MentionRef {
  start: number;
  end: number;
  person: Person;
  gender: Gender;
  subject: boolean;
}

interface Attribution {
  speaker: Speaker | null;
  person: Person | null;
  cue: Span;
  confidence: number;
}

const OBJECT_MARKERS = new Set([
  'to', 'with', 'from', 'by', 'of', 'for', 'on', 'at', 'about', 'against', 'met', 'meeting', 'meet', 'accused', 'urged',
  'given', 'asked', 'told', 'than', 'called', 'and', 'or', 'between', 'like', 'as',
]);

const PRONOUNS: Record<string, Gender | 'none'> = { he: 'male', she: 'female', him: 'male', her: 'female', they: 'none', it: 'none', we: 'none', i: 'none' };

/** Adverbs and auxiliaries that may sit between a speaker and the verb. */
/**
 * One adverb, auxiliary or parenthesis that may sit between a speaker and the verb ("Lavrov,
 * meanwhile, said", "Kuleba had said", "Warren (D-Mass.) tweeted"); stripped one at a time
 * from the end, so the pattern has no nested repetition.
 */
const BETWEEN_SUBJECT_AND_VERB =
  /[\s,]*(?:\b(?:has|have|had|also|later|then|again|further|previously|once|already|reportedly|repeatedly|recently|earlier|meanwhile|however|himself|herself|yesterday|today|on\s+\p{Lu}\p{Ll}+day|last\s+\p{Ll}+|in\s+a\s+statement)|\([^()]{0,40}\))[\s,]*$/u;

const NP_BOUNDARY_WORDS = new Set([
  'and', 'but', 'while', 'as', 'that', 'which', 'who', 'because', 'after', 'before', 'when', 'if', 'where', 'so',
  'although', 'though', 'since', 'whereas', 'whom', 'whose', 'then', 'also',
]);

/** Words that open an anonymous source phrase ("one witness", "two officials", "several diplomats"). */
const QUANTIFIERS = new Set(['one', 'two', 'three', 'another', 'some', 'several', 'many', 'other', 'senior', 'officials', 'witnesses', 'analysts', 'experts', 'sources']);

const DETERMINERS = new Set(['a', 'an', 'the', 'this', 'its', 'his', 'her', 'their', 'our', 'my', 'your', 'so-called', 'these', 'those', 'whose']);

class Context {
  readonly mentions: MentionRef[];
  /** Demonyms written right before a person's mentions ("his Ukrainian counterpart Dmytro Kuleba"). */
  private readonly origins = new Map<string, Set<string>>();
  private originsReady = false;
  lastSpeaker: { person: Person; pos: number } | null = null;

  constructor(
    readonly text: string,
    readonly blocks: readonly Block[],
    readonly people: readonly Person[],
  ) {
    const refs: MentionRef[] = [];
    for (const p of people) {
      const g = personGender(p);
      for (const m of p.mentions) refs.push({ start: m.start, end: m.end, person: p, gender: g, subject: isSubjectPosition(text, m.start, m.end) });
    }
    this.mentions = refs.sort((a, b) => a.start - b.start);
  }

  /** Demonyms written right before each person's mentions or in their role, computed on first use. */
  private originsOf(personId: string): Set<string> | undefined {
    if (!this.originsReady) {
      this.originsReady = true;
      for (const m of this.mentions) {
        const before = this.text
          .slice(Math.max(0, m.start - 45), m.start)
          .split(/[^\p{L}]+/u)
          .slice(-4)
          .map((w) => normalizeName(w));
        for (const w of before) {
          if (DEMONYMS.has(w)) this.origins.set(m.person.id, (this.origins.get(m.person.id) ?? new Set<string>()).add(w));
        }
        if (m.person.role) {
          for (const w of normalizeName(m.person.role).split(/\s+/)) {
            if (DEMONYMS.has(w)) this.origins.set(m.person.id, (this.origins.get(m.person.id) ?? new Set<string>()).add(w));
          }
        }
      }
    }
    return this.origins.get(personId);
  }

  /** Index of the first mention starting at or after `pos` (binary search). */
  firstMentionAtOrAfter(pos: number): number {
    let lo = 0;
    let hi = this.mentions.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.mentions[mid] as MentionRef).start < pos) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  mentionsIn(start: number, end: number): MentionRef[] {
    const out: MentionRef[] = [];
    for (let i = this.firstMentionAtOrAfter(start); i < this.mentions.length; i++) {
      const m = this.mentions[i] as MentionRef;
      if (m.start >= end) break;
      if (m.end <= end) out.push(m);
    }
    return out;
  }

  /**
   * "he" / "she" → the subject of the same sentence when it is a compatible person ("X said
   * he ...", "X said ..., adding that he ..."), else the most recent compatible speaker or
   * subject mention before `pos`.
   */
  resolvePronoun(gender: Gender, pos: number, sentenceStart: number): Person | null {
    const upTo = this.firstMentionAtOrAfter(pos);
    for (let i = this.firstMentionAtOrAfter(sentenceStart); i < upTo; i++) {
      const m = this.mentions[i] as MentionRef;
      if (m.subject && compatible(gender, m.gender)) return m.person;
    }
    let best: { person: Person; pos: number } | null = null;
    for (let i = upTo - 1; i >= 0; i--) {
      const m = this.mentions[i] as MentionRef;
      if (m.subject && compatible(gender, m.gender)) {
        best = { person: m.person, pos: m.start };
        break;
      }
    }
    const last = this.lastSpeaker;
    if (last && last.pos < pos && compatible(gender, personGender(last.person)) && (!best || last.pos >= best.pos)) return last.person;
    if (best) return best.person;
    // No subject mention: the most recent compatible mention at all.
    for (let i = upTo - 1; i >= 0; i--) {
      const m = this.mentions[i] as MentionRef;
      if (compatible(gender, m.gender)) return m.person;
    }
    return null;
  }

  /** "The Turkish Foreign Minister" → the person whose stated role has all those words. */
  resolveRole(phrase: string): Person | null {
    const words = normalizeName(phrase)
      .split(/\s+/)
      .filter((w) => w && !DETERMINERS.has(w));
    if (words.length === 0) return null;
    const hits = this.people.filter((p) => {
      if (!p.role) return false;
      const role = new Set(normalizeName(p.role).split(/\s+/));
      return words.every((w) => role.has(w) || role.has(w.replace(/s$/, '')));
    });
    if (hits.length === 1) return hits[0] as Person;
    // "the Ukrainian minister": a definite title with a demonym that only one person has.
    if (hits.length === 0 && words.length <= 4 && /^the\s/iu.test(phrase.trim())) {
      const demonyms = words.filter((w) => DEMONYMS.has(w));
      const titled = words.some((w) => TITLE_WORDS.has(w) || ROLE_NOUNS.has(w));
      if (demonyms.length === 1 && titled && words.every((w) => DEMONYMS.has(w) || TITLE_WORDS.has(w) || ROLE_NOUNS.has(w))) {
        const byOrigin = this.people.filter((p) => this.originsOf(p.id)?.has(demonyms[0] as string));
        if (byOrigin.length === 1) return byOrigin[0] as Person;
      }
    }
    return null;
  }
}

function compatible(want: Gender, have: Gender): boolean {
  return want === 'unknown' || have === 'unknown' || want === have;
}

function isWordChar(ch: string): boolean {
  const c = ch.charCodeAt(0);
  if (c < 128) return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 45 || c === 39;
  return ch === '’' || /\p{L}/u.test(ch);
}

/**
 * False when the mention is possessive ("Lavrov’s") or follows an object marker ("met
 * Lavrov", "given to the Russian Foreign Minister Lavrov"): such mentions are poor
 * antecedents for "he said". Capitalised words (titles) right before the name are skipped.
 */
function isSubjectPosition(text: string, start: number, end: number): boolean {
  const after = text[end];
  if (after === '’' || after === "'") return false;
  const limit = Math.max(0, start - 60);
  let i = start;
  for (let skipped = 0; ; skipped++) {
    let j = i;
    while (j > limit && /[\s\u00a0]/u.test(text[j - 1] as string)) j--;
    if (j === i || j <= limit) return true;
    let k = j;
    while (k > limit && isWordChar(text[k - 1] as string)) k--;
    if (k === j) return true;
    const w = text.slice(k, j);
    if (/^\p{Lu}/u.test(w) && skipped < 4) {
      i = k;
      continue;
    }
    return !OBJECT_MARKERS.has(w.toLowerCase());
  }
}

/** Words (letters, digits, inner apostrophes / hyphens) with offsets, inside [start, end). */
/** A letter or digit; ASCII decided by code, the rest by the Unicode classes. */
function isAlnumAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 128) return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  if (c >= 0xd800 && c <= 0xdbff) return /[\p{L}\p{N}]/u.test(text.slice(i, i + 2));
  return ALNUM.test(text[i] as string);
}

const ALNUM = /[\p{L}\p{N}]/u;

/**
 * Words (letters and digits, with inner apostrophes / hyphens: "don’t", "neo-Nazis") with
 * their offsets inside [start, end). A hand-written scan: this runs around every quote, and
 * a Unicode-property regex over the same windows costs several times more.
 */
function wordsIn(text: string, start: number, end: number): { w: string; s: number; e: number }[] {
  const out: { w: string; s: number; e: number }[] = [];
  let i = start;
  while (i < end) {
    if (!isAlnumAt(text, i)) {
      i++;
      continue;
    }
    const s = i;
    for (;;) {
      while (i < end && isAlnumAt(text, i)) i += text.charCodeAt(i) >= 0xd800 && text.charCodeAt(i) <= 0xdbff ? 2 : 1;
      const c = text.charCodeAt(i);
      if (i + 1 < end && (c === 45 || c === 39 || c === 0x2019) && isAlnumAt(text, i + 1)) {
        i++;
        continue;
      }
      break;
    }
    if (i > end) i = end; // a surrogate pair cut by the window edge
    out.push({ w: text.slice(s, i), s, e: i });
  }
  return out;
}

/** Resolves a speaker phrase (text between `start` and `end`) to a speaker. */
function resolveSpeaker(ctx: Context, start: number, end: number): { speaker: Speaker; person: Person | null; confidence: number } | null {
  const text = ctx.text;
  let s = skipSpace(text, start, end);
  let e = trimEnd(text, s, end);
  // Strip punctuation at the edges (", ", quotes).
  while (s < e && !/[\p{L}\p{N}]/u.test(text[s] as string)) s = skipSpace(text, s + 1, e);
  while (e > s && /[,;:—–\-"“”«»)]/u.test(text[e - 1] as string)) e = trimEnd(text, s, e - 1);
  if (e <= s) return null;
  const phrase = text.slice(s, e);
  const words = wordsIn(text, s, e);
  if (words.length === 0 || words.length > 14) return null;
  const lower = phrase.toLowerCase();
  const pron = PRONOUNS[lower];
  if (pron !== undefined) {
    if (pron === 'none') return null;
    const p = ctx.resolvePronoun(pron, s, sentenceStartOf(ctx, s));
    return p ? { speaker: { name: p.name, personId: p.id }, person: p, confidence: 0.75 } : null;
  }
  const mentions = ctx.mentionsIn(s, e);
  // The head of "Ukraine’s Dmytro Kuleba" / "Turkish President Recep Tayyip Erdogan" is the
  // first mention not in possessive position.
  const head = mentions.find((m) => !/^['’]s\b/u.test(text.slice(m.end, m.end + 2))) ?? mentions[0];
  if (head) {
    return { speaker: { name: head.person.name, personId: head.person.id }, person: head.person, confidence: 0.9 };
  }
  const byRole = ctx.resolveRole(phrase);
  if (byRole) return { speaker: { name: byRole.name, personId: byRole.id }, person: byRole, confidence: 0.7 };
  // A source phrase must name something: a capitalised word or a noun after a determiner.
  const first = (words[0] as { w: string }).w.toLowerCase();
  const hasName = words.some((w) => /^\p{Lu}/u.test(w.w));
  if (!hasName && !DETERMINERS.has(first) && !QUANTIFIERS.has(first)) return null;
  if (words.length === 1 && !hasName) return null;
  return { speaker: { name: phrase }, person: null, confidence: 0.8 };
}

function sentenceStartOf(ctx: Context, pos: number): number {
  // Blocks are in document order: binary search the block, then its few sentences.
  const blocks = ctx.blocks;
  let lo = 0;
  let hi = blocks.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((blocks[mid] as Block).end <= pos) lo = mid + 1;
    else hi = mid;
  }
  const b = blocks[lo];
  if (!b || pos < b.start) return pos;
  for (const sn of b.sentences) if (pos >= sn.start && pos < sn.end) return sn.start;
  return b.start;
}

function span(text: string, start: number, end: number): Span {
  return { start, end, text: text.slice(start, end) };
}

const AFTER_VERB_STOP = /\s(?:on|in|at|after|before|during|yesterday|today|last|this|when|while|who|which|adding|saying|according|as|from|to)\s|[,.;:!?()"“”«»—–]|$/u;

/** Cue after the quote: “…,” X said / said X / X told reporters / …, according to X. */
function trailingCue(ctx: Context, q: RawQuote): Attribution | null {
  const text = ctx.text;
  let block = ctx.blocks[q.endBlock] as Block;
  const innerLast = text.slice(q.innerStart, q.innerEnd).trimEnd().slice(-1);
  let i = q.end;
  const afterRaw = text.slice(i, Math.min(block.end, i + 200));
  const lead = /^\s*(?:[,—–]\s*)?/u.exec(afterRaw)?.[0] ?? '';
  const hadComma = /[,—–]/u.test(lead);
  const inner = ',!?—–-'.includes(innerLast) || innerLast === '';
  if (!hadComma && !inner && q.closed) return null;
  i += lead.length;
  // “…,” near the end of a line whose cue runs on into the next line (wrapped text, block
  // quotes): the cue may continue in a short next block.
  const next = ctx.blocks[q.endBlock + 1];
  if (block.end - i < 80 && innerLast === ',' && next && next.end - next.start <= 160) {
    block = { ...block, end: next.end };
  }
  const rest = text.slice(i, Math.min(block.end, i + 200));
  // according to X
  const acc = /^according\s+to\s+/iu.exec(rest);
  if (acc) return npAfter(ctx, i, i + acc[0].length, block.end);
  const words = wordsIn(text, i, Math.min(block.end, i + 200));
  if (words.length === 0) return null;
  const w0 = words[0] as { w: string; s: number; e: number };
  // “We are ready to talk” — Dmytro Kuleba, on Twitter.
  if (/[—–]/u.test(lead)) {
    const m = ctx.mentionsIn(i, Math.min(block.end, i + 60))[0];
    if (m && m.start === i) {
      return { speaker: { name: m.person.name, personId: m.person.id }, person: m.person, confidence: 0.8, cue: span(text, q.end + lead.search(/[—–]/u), m.end) };
    }
  }
  // said X / tweeted the spokesperson for ...
  if (/^\p{Ll}/u.test(w0.w) && isFiniteCueVerb(w0.w)) {
    return npAfter(ctx, i, w0.e, block.end);
  }
  // "…, and X said, “…”" introduces the next quote, not this one.
  if (NP_BOUNDARY_WORDS.has(w0.w.toLowerCase()) || /ing$/u.test(w0.w)) return null;
  // X said / he said / the minister told reporters: a short phrase, then a reporting verb.
  for (let k = 0; k < Math.min(words.length, 12); k++) {
    const wk = words[k] as { w: string; s: number; e: number };
    if (k > 0 && /^\p{Ll}/u.test(wk.w) && isFiniteCueVerb(wk.w)) {
      const before = text.slice(i, wk.s);
      if (/[.!?;:"“”«»]/u.test(before)) return null;
      const subj = stripBetween(text, i, wk.s);
      const who = resolveSpeaker(ctx, i, subj);
      if (!who) return null;
      let cueEnd = wk.e;
      const obj = /^\s+(?:reporters|journalists|the\s+press|the\s+media|a\s+news\s+conference)\b/u.exec(text.slice(cueEnd, cueEnd + 30));
      if (obj) cueEnd += obj[0].length;
      return { ...who, cue: span(text, skipSpace(text, i, wk.s), cueEnd) };
    }
    if (/^[.!?]/u.test(text.slice(wk.e, wk.e + 1))) break;
  }
  return null;
}

/** A verb form that can carry a cue: finite, not a noun look-alike ("claims") nor a participle ("expressing"). */
function isFiniteCueVerb(word: string): boolean {
  return isVerbAfterName(word) && !/ing$/u.test(word);
}

function stripBetween(text: string, start: number, verbStart: number): number {
  let end = verbStart;
  for (let guard = 0; guard < 6; guard++) {
    const from = Math.max(start, end - 60);
    const m = BETWEEN_SUBJECT_AND_VERB.exec(text.slice(from, end));
    if (!m || m[0].length === 0) break;
    end = from + m.index;
  }
  return end;
}

/** Noun phrase after a verb ("said Mustafa Aydin, a professor ..."), up to a stop word. */
function npAfter(ctx: Context, cueStart: number, from: number, limit: number): Attribution | null {
  const text = ctx.text;
  const s = skipSpace(text, from, limit);
  const rest = text.slice(s, Math.min(limit, s + 160));
  const stop = AFTER_VERB_STOP.exec(rest);
  const e = s + (stop ? stop.index : rest.length);
  if (e <= s) return null;
  const who = resolveSpeaker(ctx, s, e);
  if (!who) return null;
  return { ...who, cue: span(text, cueStart, trimEnd(text, s, e)) };
}

/** The sentence span (within its block) containing `pos`. */
function sentenceAt(ctx: Context, blockIndex: number, pos: number): Span {
  const block = ctx.blocks[blockIndex] as Block;
  // Binary search (sentences are in text order and do not overlap): a linear scan per quote
  // made one huge unpunctuated-by-paragraph block (a 5 MB single line) quadratic.
  const sentences = block.sentences;
  let lo = 0;
  let hi = sentences.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sentences[mid] as Span).end <= pos) lo = mid + 1;
    else hi = mid;
  }
  const s = sentences[lo];
  return s && pos >= s.start && pos < s.end ? s : block;
}

/** Cue before the quote in its sentence: X said: “…” / X urged Y to “…” / according to X, “…”. */
function leadingCue(ctx: Context, q: RawQuote, sentenceStart: number): Attribution | null {
  const text = ctx.text;
  if (q.start <= sentenceStart) return null;
  // Cues sit close to their quote; a bounded window keeps very long "sentences" (unpunctuated
  // scraped text) linear.
  sentenceStart = Math.max(sentenceStart, q.start - 400);
  const prefix = text.slice(sentenceStart, q.start);
  const acc = /\baccording\s+to\s+([^,;:“”"«»]{1,80}),?\s*$/iu.exec(prefix);
  if (acc) {
    const from = sentenceStart + acc.index;
    const npStart = from + acc[0].indexOf(acc[1] as string);
    const who = resolveSpeaker(ctx, npStart, npStart + (acc[1] as string).length);
    if (who) return { ...who, cue: span(text, from, npStart + (acc[1] as string).trimEnd().length) };
  }
  const words = wordsIn(text, sentenceStart, q.start);
  for (let k = words.length - 1; k >= 0; k--) {
    const wk = words[k] as Word;
    // Another quote between the verb and this one: that verb belongs to the earlier quote.
    if (k < words.length - 1 && /[“"«„]/u.test(text.slice(wk.e, q.start))) return null;
    if (!/^\p{Ll}/u.test(wk.w) || !isVerbAfterName(wk.w)) continue;
    if (q.start - wk.e > 240) return null;
    const pre = words.slice(0, k);
    if (/ing$/u.test(wk.w)) {
      // A participle ("..., writing on Telegram that ...") shares the sentence's subject.
      const subject = ctx.mentionsIn(sentenceStart, wk.s).find((m) => m.subject);
      if (subject) {
        return { speaker: { name: subject.person.name, personId: subject.person.id }, person: subject.person, confidence: 0.7, cue: span(text, wk.s, wk.e) };
      }
      continue;
    }
    const subjEnd = stripBetween(text, sentenceStart, wk.s);
    const found = subjectBefore(ctx, pre, subjEnd);
    // No subject here ("... and accused Lavrov of bringing “…”"): an earlier verb of the
    // same sentence may still carry it ("He described ... and accused ...").
    if (!found) continue;
    return { ...found.who, confidence: found.who.confidence - 0.05, cue: span(text, found.start, wk.e) };
  }
  // Headline style "Zelensky: ‘We will not give up our land’", or any short lead-in that
  // names a person and ends with a colon (also where the verb is not in the English lexicon:
  // "Emmanuel Macron a déclaré : « … »").
  const colon = /^\s*([^:;“”"«»‘’]{1,80}):\s*$/u.exec(prefix);
  if (colon) {
    const from = skipSpace(text, sentenceStart, q.start);
    const segEnd = from + (colon[1] as string).length;
    const m = ctx.mentionsIn(from, segEnd)[0];
    if (m) {
      return { speaker: { name: m.person.name, personId: m.person.id }, person: m.person, confidence: 0.7, cue: span(text, from, segEnd + 1) };
    }
  }
  return null;
}

type Word = { w: string; s: number; e: number };

/** The phrase ending at `end`, back to a clause boundary (punctuation, conjunction, verb of saying); at most ten words. */
function phraseBefore(text: string, words: readonly Word[], end: number): number {
  let last = words.length - 1;
  while (last >= 0 && (words[last] as Word).e > end) last--;
  let start = end;
  for (let j = last; j >= 0; j--) {
    const wj = words[j] as Word;
    const nextStart = j < last ? (words[j + 1] as Word).s : end;
    const gap = text.slice(wj.e, nextStart);
    if (/[,;:()“”"«»—–]/u.test(gap) && !/^['’]s/u.test(gap)) break;
    if (NP_BOUNDARY_WORDS.has(wj.w.toLowerCase()) || (/^\p{Ll}/u.test(wj.w) && isReportingVerb(wj.w))) break;
    start = wj.s;
    if (last - j >= 9) break;
  }
  return start;
}

/**
 * The subject of a verb of saying that starts at `subjEnd`: the phrase right before it, or,
 * when an appositive sits between ("Annalena Baerbock, Germany's foreign minister, said",
 * "A spokesperson for the White House, Karine Jean-Pierre, said", "Vladimir Medinsky, who
 * led the delegation, called"), whichever comma-separated part names a person.
 */
function subjectBefore(ctx: Context, words: readonly Word[], subjEnd: number): { who: NonNullable<ReturnType<typeof resolveSpeaker>>; start: number } | null {
  const text = ctx.text;
  const start = phraseBefore(text, words, subjEnd);
  if (start < subjEnd) {
    const who = resolveSpeaker(ctx, start, subjEnd);
    if (who) return { who, start: skipSpace(text, start, subjEnd) };
  }
  const tail = (end: number): string => text.slice(Math.max(0, end - 24), end);
  // "Dr. Anthony Fauci, who told CNN that “…”": the subject is before the relative pronoun.
  const who = /,\s*(?:who|which)\s+$/iu.exec(tail(subjEnd));
  if (who && start >= subjEnd) {
    const relEnd = subjEnd - tail(subjEnd).length + who.index;
    const relStart = phraseBefore(text, words, relEnd);
    const found = relStart < relEnd ? resolveSpeaker(ctx, relStart, relEnd) : null;
    if (!found) return null;
    // The cue starts at the name ("Anthony Fauci, who told"), not at the clause before it.
    const mention = found.person ? ctx.mentionsIn(relStart, relEnd).find((m) => m.person === found.person) : undefined;
    return { who: found, start: mention ? mention.start : relStart };
  }
  if (!/,\s*$/u.test(tail(subjEnd))) return null;
  // Comma-separated parts before the verb, nearest first: "Lopez, 54, a former judge, said",
  // "A spokesperson for the White House, Karine Jean-Pierre, said". A part that names a
  // person wins; otherwise the nearest phrase that opens with a determiner.
  type Part = { start: number; end: number; who: ReturnType<typeof resolveSpeaker>; relative: boolean };
  const parts: Part[] = [];
  let end = trimEnd(text, 0, subjEnd) - 1;
  for (let n = 0; n < 4; n++) {
    const pStart = phraseBefore(text, words, end);
    if (pStart >= end) break;
    let before = tail(pStart);
    const offset = pStart - before.length;
    // "X, who led the delegation, said": the relative clause is not the subject.
    const relative = /\b(?:who|which)\s+$/iu.exec(before);
    if (relative) before = before.slice(0, relative.index);
    parts.push({ start: pStart, end, who: relative ? null : resolveSpeaker(ctx, pStart, end), relative: relative !== null });
    const comma = /,\s*$/u.exec(before);
    if (!comma) break;
    end = offset + comma.index;
  }
  const cueStart = (parts[parts.length - 1] ?? { start: subjEnd }).start;
  const person = parts.find((p) => p.who?.person);
  if (person?.who) return { who: person.who, start: Math.min(person.start, cueStart) };
  const phrase = parts.find((p) => p.who && /^(?:the|a|an)\s/iu.test(text.slice(p.start, p.end))) ?? parts.find((p) => p.who);
  return phrase?.who ? { who: phrase.who, start: phrase.start } : null;
}

/** A cue that closes the sentence: "This is a “step forward” …, said Mustafa Aydin." / "…, he added." */
function sentenceFinalCue(ctx: Context, q: RawQuote, sentence: Span): Attribution | null {
  const text = ctx.text;
  if (q.end >= sentence.end) return null;
  const tailEnd = Math.min(sentence.end, q.end + 400);
  const tail = text.slice(q.end, tailEnd);
  if (/[“”"«»]/u.test(tail)) return null; // another quote closer to the cue owns it
  // Try the last few commas, last first: ", said X[, a role …]." / ", X said." / ", he added."
  let comma = tail.length;
  for (let n = 0; n < 4; n++) {
    comma = tail.lastIndexOf(',', comma - 1);
    if (comma < 0) return null;
    const from = q.end + comma + 1;
    const words = wordsIn(text, from, Math.min(tailEnd, from + 80));
    // "said X" right after the comma.
    const w0 = words[0];
    if (w0 && /^\p{Ll}/u.test(w0.w) && isFiniteCueVerb(w0.w)) {
      const att = npAfter(ctx, w0.s, w0.e, sentence.end);
      if (att) return { ...att, confidence: att.confidence - 0.1 };
      continue;
    }
    // "X said" / "he added": a short subject, then the verb, then at most a short tail.
    for (let k = 1; k < Math.min(words.length, 6); k++) {
      const wk = words[k] as Word;
      if (!/^\p{Ll}/u.test(wk.w) || !isFiniteCueVerb(wk.w)) continue;
      if (tailEnd - wk.e > 80) break;
      const sStart = (words[0] as Word).s;
      const who = resolveSpeaker(ctx, sStart, stripBetween(text, sStart, wk.s));
      if (who) return { ...who, confidence: who.confidence - 0.1, cue: span(text, sStart, wk.e) };
      break;
    }
  }
  return null;
}

/** True when the quote sits inside a noun phrase: a “special military operation”, Russia’s “…”. */
function insideNounPhrase(text: string, q: RawQuote, sentenceStart: number): boolean {
  const before = wordsIn(text, Math.max(sentenceStart, q.start - 60), q.start);
  const last = before[before.length - 1];
  if (!last || text.slice(last.e, q.start).trim() !== '') return false;
  const w = last.w.toLowerCase();
  if (DETERMINERS.has(w) || /['’]s$/u.test(w)) return true;
  const prev = before[before.length - 2];
  // "the Russian “military operation”": determiner + modifier + quote.
  // The modifier must look like one (a capitalised / demonym word or an adjective ending):
  // in "called the talks “constructive”" the quote follows a whole noun phrase.
  const modifier = /^\p{Lu}/u.test(last.w) || /(?:al|ic|ive|ous|ary|an|ed|ful|less|ist|ish|ing)$/u.test(w);
  return (
    prev !== undefined &&
    modifier &&
    DETERMINERS.has(prev.w.toLowerCase()) &&
    !isReportingVerb(w) &&
    PRONOUNS[w] === undefined &&
    !['was', 'were', 'is', 'be', 'are', 'been'].includes(w)
  );
}

function wordCount(s: string): number {
  return wordsIn(s, 0, s.length).length;
}

/**
 * A quote that reads as a statement rather than a label: six words or more, or a short
 * clause that starts with a capital (not Title Case) and has four words or ends like a sentence.
 */
function isSentenceLike(inner: string): boolean {
  const t = inner.trim();
  const n = wordCount(t);
  if (n >= 6) return true;
  if (n < 3 || !/^\p{Lu}/u.test(t)) return false;
  const titleCase = (t.match(/(?:^|\s)\p{Lu}/gu) ?? []).length === n;
  return !titleCase && (n >= 4 || /[.!?…]$/u.test(t));
}

/** Detects quotes, their kind and speaker in one document (UTF-16 offsets). */
export function detectQuotes(text: string, blocks: readonly Block[], people: readonly Person[], _memo?: BlockMemo): Quote[] {
  const ctx = new Context(text, blocks, people);
  const out: Quote[] = [];
  let previous: { quote: Quote; person: Person | null; endBlock: number } | null = null;
  let lastInSentence: { quote: Quote; person: Person | null; sentenceStart: number } | null = null;
  for (const q of findQuoteSpans(text, blocks)) {
    const inner = text.slice(q.innerStart, q.innerEnd);
    const startSentence = sentenceAt(ctx, q.startBlock, q.start);
    const endSentence = sentenceAt(ctx, q.endBlock, Math.max(q.start, q.end - 1));
    const att = trailingCue(ctx, q) ?? leadingCue(ctx, q, startSentence.start) ?? sentenceFinalCue(ctx, q, endSentence);
    const short = !isSentenceLike(inner);
    const npInternal = insideNounPhrase(text, q, startSentence.start);
    let kind: Quote['kind'] = 'speech';
    // A short quote is a term (label, scare quote) inside a noun phrase, without a cue, or
    // with a non-person source for one or two words ("it calls “neo-Nazis”").
    if (short && (npInternal || !att || (!att.person && wordCount(inner) <= 2))) kind = 'term';
    let speaker = att?.speaker ?? null;
    let confidence = att?.confidence ?? 0.5;
    let person = att?.person ?? null;
    // "He described the meeting as “difficult” and accused Lavrov of bringing “…”": a second
    // quote of the same sentence, after a subject-less reporting verb, shares the speaker.
    if (!att && lastInSentence && lastInSentence.person && lastInSentence.sentenceStart === startSentence.start) {
      const between = wordsIn(text, lastInSentence.quote.end, q.start);
      if (between.some((w) => /^\p{Ll}/u.test(w.w) && isFiniteCueVerb(w.w))) {
        speaker = lastInSentence.quote.speaker;
        person = lastInSentence.person;
        confidence = 0.65;
        if (kind === 'term' && !npInternal) kind = 'speech';
      }
    }
    if (!att && !speaker && kind === 'speech' && previous && previous.quote.speaker) {
      const sameBlock = previous.endBlock === q.startBlock;
      const opensNext = previous.endBlock === q.startBlock - 1 && q.start === (blocks[q.startBlock] as Block).start;
      if (sameBlock || opensNext) {
        speaker = previous.quote.speaker;
        person = previous.person;
        confidence = 0.6;
      }
    }
    if (kind === 'term') confidence = speaker ? 0.7 : 0.6;
    const quote: Quote = { start: q.start, end: q.end, text: text.slice(q.start, q.end), kind, speaker, cue: att?.cue ?? null, confidence };
    out.push(quote);
    if (person) ctx.lastSpeaker = { person, pos: att?.cue?.start ?? q.start };
    if (kind === 'speech') previous = { quote, person, endBlock: q.endBlock };
    lastInSentence = { quote, person, sentenceStart: endSentence.start };
  }
  return out;
}
