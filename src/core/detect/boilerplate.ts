/**
 * Boilerplate detection: the parts of a scraped page that are not the article.
 *
 * Three layers, cheapest evidence first:
 * 1. The rule pack (`boilerplateRules.ts`): prompts, comment forms, credits, social residue.
 * 2. Structure: the title repeated later, lines repeated within the document, and short or
 *    low-content lines that recur across the corpus (`options.corpusRepeatedLines`).
 * 3. jusText-style context (Pomikálek 2011): each remaining line is classified by length,
 *    function-word density and link density as good (prose), near-good or short; a short line
 *    whose nearest non-short neighbours on both sides are boilerplate (document edges count as
 *    boilerplate) is boilerplate too ("low-content"). Short lines next to prose — section
 *    headings ("Turkey Balance"), photo captions naming a person — stay content.
 *
 * Works on lines (scraped text puts each paragraph, caption and prompt on its own line); lines
 * that the text model keeps in one block (soft-wrapped Markdown prose) are judged as one unit.
 * All offsets are UTF-16 offsets of `text`.
 */
import type { BlockMemo } from '../blockMemo';
import type { AnalyzeOptions, Block, Boilerplate } from '../types';
import {
  HAS_LETTER,
  isEdgeSpace,
  isProseLike,
  LINE_WORD_PATTERN,
  lineFeatures,
  linkDensity,
  MAX_CORPUS_LINE,
  mayHoldLinks,
  MIN_REPEAT_LINE_CHARS,
  normalizeLine,
  RepeatedLines,
} from '../corpus/lines';
import { INLINE_RULES, LINE_RULES, type BoilerplateRule } from './boilerplateRules';
import { ENGLISH_STOP_WORDS, isStopWord } from './stopwords';

/** Lines longer than this are prose for the rule pack (every line rule is bounded below it). */
const MAX_RULE_LINE = 500;
/** jusText's "short" threshold (characters). */
const SHORT_LINE = 70;
/** A title longer than this is a lead paragraph rather than a headline. */
const MAX_TITLE = 250;

type LineClass = 'bad' | 'good' | 'short' | 'title';

interface Unit {
  start: number;
  end: number;
  text: string;
  /** The text holds a line feed (lines of one soft-wrapped block): not a line for the rules. */
  hasLineFeed: boolean;
  /** With a memo: what the text alone says, remembered (without one, computed as needed). */
  facts: UnitFacts | undefined;
  reason: string | null;
  cls: LineClass;
}

/** A span found inside one unit, in offsets relative to the unit's start (memoisable). */
interface UnitSpan {
  start: number;
  end: number;
  reason: string;
}

const NO_SPANS: readonly UnitSpan[] = [];

/**
 * What a unit's text alone says (a unit is a line, or the lines of one soft-wrapped block):
 * the memoised part of the detector. All of it is computed on a miss, so one lookup serves
 * the three passes that read it.
 */
interface UnitFacts {
  /** The rule pack's reason (null also for a unit the rules do not read). */
  rule: string | null;
  content: ContentClass;
  inline: readonly UnitSpan[];
}

// Memo steps, keyed by the unit's text; user patterns are keyed by the patterns too.
const UNIT_STEP = 'boilerplate-unit';
const USER_STEP = 'boilerplate-user';

function unitFacts(t: string): UnitFacts {
  return { rule: t.length > MAX_RULE_LINE || t.includes('\n') ? null : matchLineRule(t), content: contentClass(t, mayHoldLinks(t)), inline: inlineSpans(t) };
}

/** Finds boilerplate spans (whole lines or inline furniture) in one document. */
export function detectBoilerplate(text: string, blocks: readonly Block[] = [], options: AnalyzeOptions = {}, memo?: BlockMemo): Boilerplate[] {
  const units = toUnits(text, blocks);
  const out: Boilerplate[] = [];
  if (units.length === 0) return out;
  if (memo) for (const u of units) u.facts = memo.lookup(UNIT_STEP, u.text, () => unitFacts(u.text));

  // 1. Rule pack.
  for (const u of units) {
    const t = u.text;
    if (t.length > MAX_RULE_LINE || u.hasLineFeed) continue;
    u.reason = u.facts ? u.facts.rule : matchLineRule(t);
  }

  // 2. Structure: title, in-document repeats, corpus repeats.
  // The title is the first line the rule pack leaves alone that has a headline's length
  // (a "Headline | Outlet" line counts). Short lines above it are navigation residue
  // ("Home", "World", "Live"): menus and section labels that scrapers keep above headlines.
  const titleIndex = units.findIndex((u) => (u.reason === null || u.reason === 'related-headline') && countSpaces(u.text) >= 2);
  const title = titleIndex >= 0 && (units[titleIndex] as Unit).text.length <= MAX_TITLE ? (units[titleIndex] as Unit) : undefined;
  if (title) {
    title.reason = null;
    title.cls = 'title';
  }
  for (let i = 0; i < titleIndex; i++) {
    const u = units[i] as Unit;
    if (u.reason === null && u.text.length < SHORT_LINE && !u.hasLineFeed) u.reason = 'navigation';
  }
  const titleKey = title ? normalizeLine(title.text) : '';
  const titleLength = title ? title.text.length : 0;
  const corpusLines = options.corpusRepeatedLines !== undefined && options.corpusRepeatedLines.size > 0 ? options.corpusRepeatedLines : undefined;
  const rawCorpusLines = corpusLines instanceof RepeatedLines ? corpusLines.rawForms : undefined;
  // In-document repeats are compared verbatim: a scraper duplicates a line exactly, and
  // normalising every line of a long document would cost more than the rest of this pass.
  // Every line is added; whether it was there before is read from the set's size, so each
  // line costs one hash-table operation instead of a lookup and an insertion.
  const seen = new Set<string>();
  for (let i = 0; i < units.length; i++) {
    const u = units[i] as Unit;
    const raw = u.text;
    if (raw.length < MIN_REPEAT_LINE_CHARS) continue;
    const seenBefore = seen.size;
    seen.add(raw);
    if (u.reason === null && u !== title) {
      if (title && i > titleIndex && Math.abs(raw.length - titleLength) <= 8 && normalizeLine(raw) === titleKey) u.reason = 'repeated-title';
      else if (seen.size === seenBefore) u.reason = 'repeated-line';
      else if (corpusLines && raw.length <= MAX_CORPUS_LINE && isCorpusLine(raw, corpusLines, rawCorpusLines)) u.reason = 'corpus-repeat';
    }
  }

  // 3. Content features and context.
  let goodCount = 0;
  const linkMarks = memo ? undefined : new LinkMarkCursor(text);
  for (const u of units) {
    if (u.cls === 'title') continue;
    if (u.reason !== null) {
      u.cls = 'bad';
      continue;
    }
    const t = u.text;
    const content = u.facts ? u.facts.content : contentClass(t, (linkMarks as LinkMarkCursor).within(u.start, u.end));
    if (content === LINK_LIST) {
      u.reason = 'link-list';
      u.cls = 'bad';
    } else {
      u.cls = content;
      if (content === 'good') goodCount++;
    }
  }
  if (goodCount > 0) classifyShortByContext(units);

  // 4. Emit whole-line spans, then inline furniture inside content lines.
  for (const u of units) {
    if (u.reason !== null) {
      out.push({ start: u.start, end: u.end, text: u.text, reason: u.reason });
      continue;
    }
    if (title && u !== title) pushRepeatedTitlePrefix(u, title, titleKey, out);
    const t = u.text;
    pushUnitSpans(u, u.facts ? u.facts.inline : inlineSpans(t), out);
  }
  const extra = options.extraBoilerplatePatterns ?? [];
  if (extra.length > 0) {
    const globals = extra.map((re) => (re.global ? re : new RegExp(re.source, `${re.flags}g`)));
    // A pattern is its source and flags: with them in the key (JSON: no raw NUL, so the key
    // splits one way), a settings change misses.
    const patternsKey = memo ? JSON.stringify(globals.map((re) => [re.flags, re.source])) : '';
    for (const u of units) {
      const t = u.text;
      pushUnitSpans(u, memo ? memo.lookup(USER_STEP, `${patternsKey}\u0000${t}`, () => userSpans(t, globals)) : userSpans(t, globals), out);
    }
  }
  return mergeSpans(out);
}

/** Content class of a line that no rule or structure marked: `LINK_LIST`, 'good' or 'short'. */
const LINK_LIST = 'link-list';

type ContentClass = typeof LINK_LIST | 'good' | 'short';

/** `mayLink` is `mayHoldLinks(line)`, which the caller may know more cheaply. */
function contentClass(line: string, mayLink: boolean): ContentClass {
  if (mayLink && 2 * linkCharsBound(line) > line.length && linkDensity(line) > 0.5) return LINK_LIST;
  // Near-good lines (long, few function words: lists of names, tables) count as content
  // for the neighbour test; jusText itself treats them as weak content.
  if (line.length >= SHORT_LINE && !looksLikeKeywordList(line)) return 'good';
  return 'short';
}

/**
 * `mayHoldLinks` for ranges of one text asked in ascending order, answered from the next
 * occurrence of each of its markers ("/", "@", "#", "www.") in the whole text: a few native
 * scans of the document instead of four `includes` calls per line.
 */
class LinkMarkCursor {
  private readonly next = [-1, -1, -1, -1];

  constructor(private readonly text: string) {}

  /** `mayHoldLinks(text.slice(start, end))`; `start` never decreases between calls. */
  within(start: number, end: number): boolean {
    for (let k = 0; k < 4; k++) {
      const marker = LINK_MARKERS[k] as string;
      let at = this.next[k] as number;
      if (at < start) {
        at = this.text.indexOf(marker, start);
        // None is left: an infinite position is never behind a later start.
        if (at < 0) at = Infinity;
        this.next[k] = at;
      }
      if (at + marker.length <= end) return true;
    }
    return false;
  }
}

/** What `mayHoldLinks` looks for. */
const LINK_MARKERS = ['/', '@', '#', 'www.'];

/**
 * An upper bound of the characters `linkDensity` counts as links, found without its regex:
 * each of its matches (trimmed) is a run of non-space characters holding "/", "@", "#" or
 * "www.", and matches do not overlap, so they fit in the whitespace-separated tokens that
 * hold one of those. Most lines with a slash ("24/7", "and/or") are far below half links.
 */
function linkCharsBound(line: string): number {
  let bound = 0;
  let tokenStart = 0;
  let linkish = false;
  for (let i = 0; i <= line.length; i++) {
    const c = i < line.length ? line.charCodeAt(i) : 32;
    if (isRegexSpace(c)) {
      if (linkish) bound += i - tokenStart;
      tokenStart = i + 1;
      linkish = false;
    } else if (c === 47 || c === 64 || c === 35 || (c === 119 && line.startsWith('www.', i))) {
      linkish = true;
    }
  }
  return bound;
}

/** `/\s/` on one UTF-16 unit (ECMAScript white space and line terminators). */
function isRegexSpace(c: number): boolean {
  if (c < 128) return c === 32 || (c >= 9 && c <= 13);
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/**
 * Cheap test before the inline rules: the rules' prefilters (`needs`) joined into one
 * case-insensitive alternation, which every one of them implies; a line without a match
 * skips them all (one scan instead of one per rule). Null when a rule has no prefilter or
 * one this cannot join (flags other than `i`): every line is then a candidate.
 */
const INLINE_CANDIDATE = joinPrefilters(INLINE_RULES);

function joinPrefilters(rules: readonly BoilerplateRule[]): RegExp | null {
  const parts: string[] = [];
  for (const { needs } of rules) {
    if (needs === undefined) return null;
    if (typeof needs === 'string') parts.push(needs.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'));
    else if (needs.flags.replace('i', '') === '') parts.push(`(?:${needs.source})`);
    else return null;
  }
  return new RegExp(parts.join('|'), 'i');
}

/** Inline furniture of one content line, relative to its start, in rule order. */
function inlineSpans(line: string): readonly UnitSpan[] {
  if (INLINE_CANDIDATE !== null && !INLINE_CANDIDATE.test(line)) return NO_SPANS;
  let spans: UnitSpan[] | undefined;
  for (const rule of INLINE_RULES) {
    if (passesPrefilter(line, rule.needs)) spans = collectMatches(line, rule.pattern, rule.reason, spans);
  }
  return spans ?? NO_SPANS;
}

/** Matches of the user's patterns in one line, relative to its start, in pattern order. */
function userSpans(line: string, patterns: readonly RegExp[]): readonly UnitSpan[] {
  let spans: UnitSpan[] | undefined;
  for (const re of patterns) spans = collectMatches(line, re, 'user-pattern', spans);
  return spans ?? NO_SPANS;
}

function pushUnitSpans(u: Unit, spans: readonly UnitSpan[], out: Boilerplate[]): void {
  for (const s of spans) out.push({ start: u.start + s.start, end: u.start + s.end, text: u.text.slice(s.start, s.end), reason: s.reason });
}

/** First whole-line rule of the pack that matches a trimmed line, or null. */
export function matchLineRule(line: string): string | null {
  // Only the rules that can start with the line's first character (all rules for a line
  // starting beyond ASCII), in pack order.
  const first = line.charCodeAt(0);
  const rules = first < 128 ? lineRulesFor(first) : LINE_RULES;
  for (const rule of rules) {
    if (rule.maxLength !== undefined && line.length > rule.maxLength) continue;
    if (rule.capitalisedLastWord === true && !lastWordMayBeCapitalised(line)) continue;
    if (!passesPrefilter(line, rule.needs)) continue;
    if (rule.pattern.test(line)) return rule.reason;
  }
  return null;
}

/**
 * False when the last word of `line` (the units after its last `\s`) cannot start with a
 * `\p{Lu}` letter: the line has no white space, ends with some, or that word starts with an
 * ASCII character other than A-Z. A non-ASCII start is not judged here (true).
 */
function lastWordMayBeCapitalised(line: string): boolean {
  let k = line.length;
  while (k > 0 && !isRegexSpace(line.charCodeAt(k - 1))) k--;
  if (k === 0 || k === line.length) return false;
  const c = line.charCodeAt(k);
  return c >= 128 || (c >= 65 && c <= 90);
}

/**
 * The line rules that can match a line starting with each ASCII character. A prose line
 * fails nearly every rule at its first character, but thirty regex calls per line still cost
 * more than the rest of the detector; most rules are anchored at the line start with a few
 * literal first letters ("^(?:share|tweet|…)"), so the pack is indexed by the characters a
 * rule can start with (`firstChars`). A rule the analysis does not fully understand can
 * start with anything and stays in every list.
 */
let lineRulesByFirst: readonly (readonly BoilerplateRule[])[] | undefined;

/** The index above, built on first use (after the reader below is defined). */
function lineRulesFor(firstChar: number): readonly BoilerplateRule[] {
  if (!lineRulesByFirst) {
    // Each pattern is read once (reading them once per character took ~85 ms on the first
    // analysis in a process: a block of the extension host at the first source opened).
    const firsts = LINE_RULES.map((rule) => firstChars(rule.pattern));
    lineRulesByFirst = Array.from({ length: 128 }, (_, c) =>
      LINE_RULES.filter((rule, i) => {
        const first = firsts[i] as Set<number> | typeof ANY_FIRST;
        return first === ANY_FIRST || first.has(rule.pattern.ignoreCase ? String.fromCharCode(c).toLowerCase().charCodeAt(0) : c);
      }),
    );
  }
  return lineRulesByFirst[firstChar] as readonly BoilerplateRule[];
}

/** `firstChars` of a pattern that may start with any character. */
const ANY_FIRST = 'any';

/**
 * The ASCII characters (lower-cased for a case-insensitive pattern) a match of `pattern`
 * can start with, for a pattern anchored at the input start; `ANY_FIRST` when it may start
 * with anything else, or when the pattern uses syntax this reader does not model (then the
 * rule is simply always tried). Sound by construction: every unknown widens to `ANY_FIRST`;
 * zero-width items (lookarounds, `\b`, `$`) are skipped, which only widens the set.
 * Non-ASCII first characters are not tracked: lines starting beyond ASCII try every rule.
 */
function firstChars(pattern: RegExp): Set<number> | typeof ANY_FIRST {
  // Multiline / sticky / global state and `v`-mode class syntax are not modelled.
  if (/[gmyv]/.test(pattern.flags)) return ANY_FIRST;
  const reader = new FirstCharReader(pattern.source, pattern.ignoreCase, pattern.ignoreCase && pattern.unicode);
  try {
    const result = reader.alternatives(true);
    if (reader.pos !== pattern.source.length || result.any || result.nullable) return ANY_FIRST;
    return result.chars;
  } catch {
    return ANY_FIRST;
  }
}

interface FirstSet {
  chars: Set<number>;
  /** May start with a character outside `chars` (or a non-ASCII one). */
  any: boolean;
  /** May match without consuming a character. */
  nullable: boolean;
}

/** A small recursive reader of regex source computing first-character sets (see `firstChars`). */
class FirstCharReader {
  pos = 0;

  constructor(
    private readonly src: string,
    private readonly ignoreCase: boolean,
    private readonly unicodeIgnoreCase: boolean,
  ) {}

  /** `a|b|…` up to `)` or the end; at the top level each alternative must start with `^`. */
  alternatives(top: boolean): FirstSet {
    const out: FirstSet = { chars: new Set(), any: false, nullable: false };
    for (;;) {
      if (top) {
        if (this.src[this.pos] !== '^') throw new Error('not anchored');
        this.pos++;
      }
      const seq = this.sequence();
      for (const c of seq.chars) out.chars.add(c);
      out.any ||= seq.any;
      out.nullable ||= seq.nullable;
      if (this.src[this.pos] !== '|') return out;
      this.pos++;
    }
  }

  private sequence(): FirstSet {
    const out: FirstSet = { chars: new Set(), any: false, nullable: true };
    while (this.pos < this.src.length && this.src[this.pos] !== '|' && this.src[this.pos] !== ')') {
      const item = this.item();
      const min = this.quantifierMin();
      if (out.nullable) {
        for (const c of item.chars) out.chars.add(c);
        out.any ||= item.any;
        out.nullable = item.nullable || min === 0;
      }
    }
    return out;
  }

  /** Reads a quantifier after an item, if any; returns its minimum count (1 without one). */
  private quantifierMin(): number {
    const c = this.src[this.pos];
    let min = 1;
    if (c === '?' || c === '*') {
      min = 0;
      this.pos++;
    } else if (c === '+') {
      this.pos++;
    } else if (c === '{') {
      const m = /^\{(\d+)(?:,\d*)?\}/.exec(this.src.slice(this.pos));
      if (!m) throw new Error('brace');
      min = Number(m[1]);
      this.pos += m[0].length;
    } else {
      return 1;
    }
    if (this.src[this.pos] === '?') this.pos++; // lazy
    return min;
  }

  private item(): FirstSet {
    const c = this.src[this.pos] as string;
    if (c === '(') {
      this.pos++;
      let zeroWidth = false;
      if (this.src.startsWith('?:', this.pos)) this.pos += 2;
      else if (this.src.startsWith('?=', this.pos) || this.src.startsWith('?!', this.pos)) {
        this.pos += 2;
        zeroWidth = true;
      } else if (this.src.startsWith('?<=', this.pos) || this.src.startsWith('?<!', this.pos)) {
        this.pos += 3;
        zeroWidth = true;
      } else if (this.src[this.pos] === '?') throw new Error('group kind');
      const inner = this.alternatives(false);
      if (this.src[this.pos] !== ')') throw new Error('unclosed');
      this.pos++;
      return zeroWidth ? { chars: new Set(), any: false, nullable: true } : inner;
    }
    if (c === '[') return this.charClass();
    if (c === '\\') return this.escape(false);
    this.pos++;
    if (c === '.') return { chars: new Set(), any: true, nullable: false };
    if (c === '$' || c === '^') return { chars: new Set(), any: false, nullable: true };
    if ('*+?{}'.includes(c)) throw new Error('stray quantifier');
    return this.literal(c.charCodeAt(0));
  }

  private literal(code: number): FirstSet {
    if (code >= 128) {
      // A non-ASCII character only matches non-ASCII ones (whose lines try every rule),
      // except under Unicode case folding, which maps a few to ASCII (Kelvin sign → "k").
      return { chars: new Set(), any: this.unicodeIgnoreCase, nullable: false };
    }
    const folded = this.ignoreCase ? String.fromCharCode(code).toLowerCase().charCodeAt(0) : code;
    return { chars: new Set([folded]), any: false, nullable: false };
  }

  /** An escape; inside a class only character escapes are allowed. */
  private escape(inClass: boolean): FirstSet {
    const e = this.src[this.pos + 1];
    if (e === undefined) throw new Error('escape');
    this.pos += 2;
    if (e === 'd') return this.range(48, 57);
    if (e === 'w') {
      const set = this.range(48, 57);
      for (const part of [this.range(65, 90), this.range(97, 122), this.literal(95)]) for (const x of part.chars) set.chars.add(x);
      return set;
    }
    if (!inClass && (e === 'b' || e === 'B')) return { chars: new Set(), any: false, nullable: true };
    if (/[.\\/()[\]{}|*+?^$\-'"&:!,#@%~`<>=]/.test(e)) return this.literal(e.charCodeAt(0));
    // \s, \p{…}, \u…, \x…, \D, \W…: treated as any character, after skipping their
    // argument. Backreferences (which may match nothing) and \c are not modelled.
    if ((e === 'p' || e === 'P' || e === 'u') && this.src[this.pos] === '{') {
      const close = this.src.indexOf('}', this.pos);
      if (close < 0) throw new Error('escape argument');
      this.pos = close + 1;
    } else if (e === 'u') {
      if (!/^[0-9a-fA-F]{4}/.test(this.src.slice(this.pos, this.pos + 4))) throw new Error('\\u');
      this.pos += 4;
    } else if (e === 'x') {
      if (!/^[0-9a-fA-F]{2}/.test(this.src.slice(this.pos, this.pos + 2))) throw new Error('\\x');
      this.pos += 2;
    } else if (e === 'c' || e === 'k' || (e >= '0' && e <= '9')) {
      throw new Error('escape kind');
    }
    return { chars: new Set(), any: true, nullable: false };
  }

  private range(from: number, to: number): FirstSet {
    const out: FirstSet = { chars: new Set(), any: false, nullable: false };
    for (let c = from; c <= to; c++) for (const x of this.literal(c).chars) out.chars.add(x);
    return out;
  }

  private charClass(): FirstSet {
    this.pos++;
    const negated = this.src[this.pos] === '^';
    if (negated) this.pos++;
    const out: FirstSet = { chars: new Set(), any: false, nullable: false };
    while (this.src[this.pos] !== ']') {
      if (this.pos >= this.src.length) throw new Error('unclosed class');
      let part: FirstSet;
      if (this.src[this.pos] === '\\') part = this.escape(true);
      else {
        const lo = this.src.charCodeAt(this.pos);
        this.pos++;
        if (this.src[this.pos] === '-' && this.src[this.pos + 1] !== ']' && this.pos + 1 < this.src.length) {
          if (this.src[this.pos + 1] === '\\') throw new Error('escaped range end');
          const hi = this.src.charCodeAt(this.pos + 1);
          this.pos += 2;
          part = hi >= 128 ? { chars: new Set(), any: true, nullable: false } : this.range(lo, hi);
        } else {
          part = this.literal(lo);
        }
      }
      for (const x of part.chars) out.chars.add(x);
      out.any ||= part.any;
    }
    this.pos++;
    // A negated class matches almost anything: only its extent was read.
    return negated ? { chars: new Set(), any: true, nullable: false } : out;
  }
}

/**
 * True when a line is corpus boilerplate. `findCorpusRepeatedLines` already left prose out
 * (its raw forms are looked up directly); a set from elsewhere is checked for prose here.
 */
function isCorpusLine(raw: string, lines: ReadonlySet<string>, rawForms: ReadonlySet<string> | undefined): boolean {
  if (rawForms !== undefined) return rawForms.has(raw);
  return lines.has(normalizeLine(raw)) && !isProseLike(lineFeatures(raw));
}

const SENTENCE_FINAL = '.!?…"\'”’»)';

/**
 * A long line that is not prose: no sentence ending and almost no function words (tag
 * clouds, keyword lists, strings of names). It is judged by its neighbours like a short line.
 * Only lines without a sentence ending are measured, which keeps this off the hot path.
 */
function looksLikeKeywordList(line: string): boolean {
  if (SENTENCE_FINAL.includes(line[line.length - 1] as string)) return false;
  // `lineFeatures(line)` gives `words >= 6 && stopDensity < 0.1`; only those two counts are
  // taken here, the same way (same words, same letter test, same stop-word lookup), without
  // the features this test does not use. ASCII lines (curly apostrophes allowed) are read
  // character by character; any other character sends the line through the word regex.
  let words = 0;
  let stops = 0;
  const n = line.length;
  let i = 0;
  while (i < n) {
    const c = line.charCodeAt(i);
    if (c >= 128) {
      // Typographic punctuation (“ ” — …) separates words like ASCII punctuation does;
      // a non-ASCII letter, digit or surrogate sends the line to the regex.
      if (c !== 0x2019 && !isNonWordUnit(c)) return looksLikeKeywordListByRegex(line);
      i++;
      continue;
    }
    if (ASCII_WORD_CHAR[c] !== LETTER_OR_DIGIT) {
      i++;
      continue;
    }
    const start = i;
    let hasLetter = false;
    for (; i < n; i++) {
      const d = line.charCodeAt(i);
      if (d >= 128) {
        if (d === 0x2019) continue;
        if (isNonWordUnit(d)) break;
        return looksLikeKeywordListByRegex(line);
      }
      const kind = ASCII_WORD_CHAR[d] as number;
      if (kind === 0) break;
      if (kind === LETTER_OR_DIGIT && ((d >= 65 && d <= 90) || (d >= 97 && d <= 122))) hasLetter = true;
    }
    if (!hasLetter) continue;
    words++;
    // Lower-casing never shortens a word, so a word longer than every stop word is none.
    if (i - start <= LONGEST_STOP_WORD && isAsciiStopWordAt(line, start, i)) stops++;
  }
  return words >= 6 && stops / words < 0.1;
}

const LETTER_OR_NUMBER = /[\p{L}\p{N}]/u;

/** A non-ASCII BMP unit that is neither a letter nor a number (nor a surrogate): outside words. */
function isNonWordUnit(c: number): boolean {
  return (c < 0xd800 || c > 0xdfff) && !LETTER_OR_NUMBER.test(String.fromCharCode(c));
}

/** `looksLikeKeywordList` for any line, with `lineFeatures`' own word pattern. */
function looksLikeKeywordListByRegex(line: string): boolean {
  let words = 0;
  let stops = 0;
  FEATURE_WORD.lastIndex = 0;
  for (let m = FEATURE_WORD.exec(line); m !== null; m = FEATURE_WORD.exec(line)) {
    const w = m[0];
    if (!HAS_LETTER.test(w)) continue;
    words++;
    if (w.length <= LONGEST_STOP_WORD && isStopWord(w.toLowerCase())) stops++;
  }
  return words >= 6 && stops / words < 0.1;
}

/** ASCII characters of `FEATURE_WORD`: letters and digits start or continue a word, `'.-` continue one. */
const LETTER_OR_DIGIT = 1;
const WORD_INNER = 2;
const ASCII_WORD_CHAR = new Uint8Array(128);
for (let c = 48; c <= 57; c++) ASCII_WORD_CHAR[c] = LETTER_OR_DIGIT;
for (let c = 65; c <= 90; c++) ASCII_WORD_CHAR[c] = LETTER_OR_DIGIT;
for (let c = 97; c <= 122; c++) ASCII_WORD_CHAR[c] = LETTER_OR_DIGIT;
for (const ch of "'.-") ASCII_WORD_CHAR[ch.charCodeAt(0)] = WORD_INNER;

/** `lineFeatures`' word pattern (`corpus/lines.ts`), with a `lastIndex` of its own. */
const FEATURE_WORD = new RegExp(LINE_WORD_PATTERN, 'gu');
/** Length of the longest stop word (a curly apostrophe counts as one unit, like the straight one). */
const LONGEST_STOP_WORD = Math.max(...[...ENGLISH_STOP_WORDS].map((w) => w.length));

/**
 * `isStopWord(word.toLowerCase())` for a word of ASCII and curly apostrophes, read in place
 * (no substring, no lower-cased copy, no string hash): an open-addressing table of the stop
 * words, probed with a hash of the word's folded units (A-Z lower-cased, ’ read as ', as
 * `isStopWord` does), and compared unit by unit on a hit.
 */
const STOP_TABLE_SIZE = 1024;
const stopTable = new Int32Array(STOP_TABLE_SIZE).fill(-1);
const STOP_LIST = [...ENGLISH_STOP_WORDS];
for (let id = 0; id < STOP_LIST.length; id++) {
  const w = STOP_LIST[id] as string;
  let slot = foldedStopHash(w, 0, w.length) & (STOP_TABLE_SIZE - 1);
  while (stopTable[slot] !== -1) slot = (slot + 1) & (STOP_TABLE_SIZE - 1);
  stopTable[slot] = id;
}

function foldStopUnit(c: number): number {
  return c >= 65 && c <= 90 ? c | 32 : c === 0x2019 ? 39 : c;
}

function foldedStopHash(s: string, a: number, b: number): number {
  let h = 2166136261;
  for (let k = a; k < b; k++) h = Math.imul(h ^ foldStopUnit(s.charCodeAt(k)), 16777619);
  return h >>> 0;
}

function isAsciiStopWordAt(s: string, a: number, b: number): boolean {
  let slot = foldedStopHash(s, a, b) & (STOP_TABLE_SIZE - 1);
  for (;;) {
    const id = stopTable[slot] as number;
    if (id === -1) return false;
    const w = STOP_LIST[id] as string;
    if (w.length === b - a) {
      let k = 0;
      while (k < w.length && foldStopUnit(s.charCodeAt(a + k)) === w.charCodeAt(k)) k++;
      if (k === w.length) return true;
    }
    slot = (slot + 1) & (STOP_TABLE_SIZE - 1);
  }
}

function countSpaces(line: string): number {
  let n = 0;
  for (let i = line.indexOf(' '); i >= 0 && n < 2; i = line.indexOf(' ', i + 1)) n++;
  return n;
}

function passesPrefilter(line: string, needs: string | RegExp | undefined): boolean {
  if (needs === undefined) return true;
  return typeof needs === 'string' ? line.includes(needs) : needs.test(line);
}



/**
 * The lines of `text` exactly as `scanLines` gives them (LF, CRLF and CR breaks; edges
 * trimmed of `isEdgeSpace`; empty lines left out), as offsets only: a unit's string is made
 * once, for the unit. Without a CR in the text, breaks are found with the native `indexOf`.
 * Returns the lines as (start, end) pairs in `bounds` (its first `2 * count` entries).
 */
function findLines(text: string): { bounds: Int32Array; count: number } {
  let lineBounds = new Int32Array(64);
  const n = text.length;
  const hasCR = text.includes('\r');
  let count = 0;
  let lineStart = 0;
  while (lineStart <= n) {
    let i: number;
    if (hasCR) {
      i = lineStart;
      while (i < n) {
        const c = text.charCodeAt(i);
        if (c === 10 || c === 13) break;
        i++;
      }
    } else {
      i = text.indexOf('\n', lineStart);
      if (i < 0) i = n;
    }
    let s = lineStart;
    let e = i;
    while (s < e && isEdgeSpace(text.charCodeAt(s))) s++;
    while (e > s && isEdgeSpace(text.charCodeAt(e - 1))) e--;
    if (e > s) {
      if (2 * count + 2 > lineBounds.length) {
        const grown = new Int32Array(lineBounds.length * 2);
        grown.set(lineBounds);
        lineBounds = grown;
      }
      lineBounds[2 * count] = s;
      lineBounds[2 * count + 1] = e;
      count++;
    }
    if (i < n && text.charCodeAt(i) === 13 && i + 1 < n && text.charCodeAt(i + 1) === 10) i++;
    lineStart = i + 1;
  }
  return { bounds: lineBounds, count };
}

function toUnits(text: string, blocks: readonly Block[]): Unit[] {
  const { bounds, count: lineCount } = findLines(text);
  const units: Unit[] = [];
  let b = 0;
  for (let i = 0; i < lineCount; i++) {
    const start = bounds[2 * i] as number;
    const lineEnd = bounds[2 * i + 1] as number;
    let end = lineEnd;
    while (b < blocks.length && (blocks[b] as Block).end <= start) b++;
    const block = blocks[b];
    // Lines the text model keeps in one block (soft-wrapped prose) form one unit.
    if (block && block.start <= start && end <= block.end) {
      while (i + 1 < lineCount && (bounds[2 * i + 3] as number) <= block.end) {
        i++;
        end = bounds[2 * i + 1] as number;
      }
    }
    // Most units are exactly a block (a span's text is what it covers): share its string.
    const unitText = block && block.start === start && block.end === end && block.text.length === end - start ? block.text : text.slice(start, end);
    // One line holds no line feed; lines joined into one unit do, unless they end with CR alone.
    units.push({ start, end, text: unitText, hasLineFeed: end !== lineEnd && unitText.includes('\n'), facts: undefined, reason: null, cls: 'short' });
  }
  return units;
}

/**
 * jusText's context rule for short lines: boilerplate when the nearest non-short line on
 * each side is boilerplate (or the document edge). The title is transparent: it neither
 * rescues nor condemns its neighbours.
 */
function classifyShortByContext(units: Unit[]): void {
  const n = units.length;
  // prevClass[i]: class of the nearest non-short, non-title unit before i ('bad' at the edge).
  const prevClass: LineClass[] = new Array<LineClass>(n);
  let last: LineClass = 'bad';
  for (let i = 0; i < n; i++) {
    prevClass[i] = last;
    const c = (units[i] as Unit).cls;
    if (c === 'good' || c === 'bad') last = c;
  }
  last = 'bad';
  for (let i = n - 1; i >= 0; i--) {
    const u = units[i] as Unit;
    if (u.cls === 'short' && last === 'bad' && prevClass[i] === 'bad') u.reason = 'low-content';
    if (u.cls === 'good' || u.cls === 'bad') last = u.cls;
  }
}

/** "Title: subheading" later in the page: only the repeated title part is boilerplate. */
function pushRepeatedTitlePrefix(u: Unit, title: Unit, titleKey: string, out: Boilerplate[]): void {
  const len = title.text.length;
  if (u.text.length <= len + 1 || titleKey.length < MIN_REPEAT_LINE_CHARS) return;
  // The first character after the title part and any white space (what `trimStart` skips is
  // `\s`): read by code, without the slice of every content line this used to make.
  const t = u.text;
  let k = len;
  while (k < t.length && isRegexSpace(t.charCodeAt(k))) k++;
  if (k === t.length || !isTitleSeparator(t.charCodeAt(k))) return;
  if (normalizeLine(u.text.slice(0, len)) !== titleKey) return;
  out.push({ start: u.start, end: u.start + len, text: u.text.slice(0, len), reason: 'repeated-title' });
}

/** A separator between a repeated title and a subheading: `:` `|` `–` `—` `-`. */
function isTitleSeparator(c: number): boolean {
  return c === 58 || c === 124 || c === 0x2013 || c === 0x2014 || c === 45;
}

/** Appends the matches of `pattern` in `line` (relative offsets) to `spans`, made on first use. */
function collectMatches(line: string, pattern: RegExp, reason: string, spans: UnitSpan[] | undefined): UnitSpan[] | undefined {
  pattern.lastIndex = 0;
  for (const m of line.matchAll(pattern)) {
    let s = m.index;
    let e = s + m[0].length;
    // Report the furniture itself, not the whitespace the pattern consumed around it.
    while (s < e && /\s/.test(line[s] as string)) s++;
    while (e > s && /\s/.test(line[e - 1] as string)) e--;
    if (e <= s) continue;
    (spans ??= []).push({ start: s, end: e, reason });
  }
  return spans;
}

function byStartThenLongest(a: Boilerplate, b: Boilerplate): number {
  return a.start - b.start || b.end - a.end;
}

function isSortedByStartThenLongest(spans: readonly Boilerplate[]): boolean {
  for (let i = 1; i < spans.length; i++) {
    const a = spans[i - 1] as Boilerplate;
    const b = spans[i] as Boilerplate;
    if (a.start > b.start || (a.start === b.start && a.end < b.end)) return false;
  }
  return true;
}

/** Sorts spans and drops those inside an earlier, larger span (whole lines beat inline hits). */
function mergeSpans(spans: Boilerplate[]): Boilerplate[] {
  // The spans come nearly always in order (units are visited in order): checking that costs
  // no comparator calls, and a stable sort would leave a sorted list as it is.
  if (!isSortedByStartThenLongest(spans)) spans.sort(byStartThenLongest);
  const out: Boilerplate[] = [];
  let coveredTo = -1;
  for (const s of spans) {
    if (s.end <= coveredTo) continue;
    if (s.start < coveredTo) continue; // partial overlap: keep the earlier span only
    out.push(s);
    coveredTo = s.end;
  }
  return out;
}
