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
import { isProseLike, lineFeatures, linkDensity, MAX_CORPUS_LINE, mayHoldLinks, MIN_REPEAT_LINE_CHARS, normalizeLine, RepeatedLines, scanLines, type LineSpan } from '../corpus/lines';
import { INLINE_RULES, LINE_RULES } from './boilerplateRules';

/** Lines longer than this are prose for the rule pack (every line rule is bounded below it). */
const MAX_RULE_LINE = 500;
/** jusText's "short" threshold (characters). */
const SHORT_LINE = 70;
/** A title longer than this is a lead paragraph rather than a headline. */
const MAX_TITLE = 250;

type LineClass = 'bad' | 'good' | 'short' | 'title';

interface Unit extends LineSpan {
  reason: string | null;
  cls: LineClass;
}

/** Finds boilerplate spans (whole lines or inline furniture) in one document. */
export function detectBoilerplate(text: string, blocks: readonly Block[] = [], options: AnalyzeOptions = {}, _memo?: BlockMemo): Boilerplate[] {
  const units = toUnits(text, blocks);
  const out: Boilerplate[] = [];
  if (units.length === 0) return out;

  // 1. Rule pack.
  for (const u of units) {
    if (u.text.length > MAX_RULE_LINE || u.text.includes('\n')) continue;
    u.reason = matchLineRule(u.text);
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
    if (u.reason === null && u.text.length < SHORT_LINE && !u.text.includes('\n')) u.reason = 'navigation';
  }
  const titleKey = title ? normalizeLine(title.text) : '';
  const titleLength = title ? title.text.length : 0;
  const corpusLines = options.corpusRepeatedLines !== undefined && options.corpusRepeatedLines.size > 0 ? options.corpusRepeatedLines : undefined;
  const rawCorpusLines = corpusLines instanceof RepeatedLines ? corpusLines.rawForms : undefined;
  // In-document repeats are compared verbatim: a scraper duplicates a line exactly, and
  // normalising every line of a long document would cost more than the rest of this pass.
  const seen = new Set<string>();
  for (let i = 0; i < units.length; i++) {
    const u = units[i] as Unit;
    const raw = u.text;
    if (raw.length < MIN_REPEAT_LINE_CHARS) continue;
    if (u.reason === null && u !== title) {
      if (title && i > titleIndex && Math.abs(raw.length - titleLength) <= 8 && normalizeLine(raw) === titleKey) u.reason = 'repeated-title';
      else if (seen.has(raw)) u.reason = 'repeated-line';
      else if (corpusLines && raw.length <= MAX_CORPUS_LINE && isCorpusLine(raw, corpusLines, rawCorpusLines)) u.reason = 'corpus-repeat';
    }
    seen.add(raw);
  }

  // 3. Content features and context.
  let goodCount = 0;
  for (const u of units) {
    if (u.cls === 'title') continue;
    if (u.reason !== null) {
      u.cls = 'bad';
      continue;
    }
    if (mayHoldLinks(u.text) && linkDensity(u.text) > 0.5) {
      u.reason = 'link-list';
      u.cls = 'bad';
    } else if (u.text.length >= SHORT_LINE && !looksLikeKeywordList(u.text)) {
      // Near-good lines (long, few function words: lists of names, tables) count as content
      // for the neighbour test; jusText itself treats them as weak content.
      u.cls = 'good';
      goodCount++;
    } else {
      u.cls = 'short';
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
    for (const rule of INLINE_RULES) {
      if (passesPrefilter(u.text, rule.needs)) pushMatches(u, rule.pattern, rule.reason, out);
    }
  }
  const extra = options.extraBoilerplatePatterns ?? [];
  if (extra.length > 0) {
    const globals = extra.map((re) => (re.global ? re : new RegExp(re.source, `${re.flags}g`)));
    for (const u of units) for (const re of globals) pushMatches(u, re, 'user-pattern', out);
  }
  return mergeSpans(out);
}

/** First whole-line rule of the pack that matches a trimmed line, or null. */
export function matchLineRule(line: string): string | null {
  for (const rule of LINE_RULES) {
    if (rule.maxLength !== undefined && line.length > rule.maxLength) continue;
    if (!passesPrefilter(line, rule.needs)) continue;
    if (rule.pattern.test(line)) return rule.reason;
  }
  return null;
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
  const f = lineFeatures(line);
  return f.words >= 6 && f.stopDensity < 0.1;
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

function toUnits(text: string, blocks: readonly Block[]): Unit[] {
  const lines = scanLines(text);
  const units: Unit[] = [];
  let b = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as LineSpan;
    while (b < blocks.length && (blocks[b] as Block).end <= line.start) b++;
    const block = blocks[b];
    let end = line.end;
    // Lines the text model keeps in one block (soft-wrapped prose) form one unit.
    if (block && block.start <= line.start && line.end <= block.end) {
      while (i + 1 < lines.length && (lines[i + 1] as LineSpan).end <= block.end) {
        i++;
        end = (lines[i] as LineSpan).end;
      }
    }
    const unitText = end === line.end ? line.text : text.slice(line.start, end);
    units.push({ start: line.start, end, text: unitText, reason: null, cls: 'short' });
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
  const after = u.text.slice(len).trimStart()[0];
  if (after === undefined || !':|–—-'.includes(after)) return;
  if (normalizeLine(u.text.slice(0, len)) !== titleKey) return;
  out.push({ start: u.start, end: u.start + len, text: u.text.slice(0, len), reason: 'repeated-title' });
}

function pushMatches(u: Unit, pattern: RegExp, reason: string, out: Boilerplate[]): void {
  pattern.lastIndex = 0;
  for (const m of u.text.matchAll(pattern)) {
    let s = m.index;
    let e = s + m[0].length;
    // Report the furniture itself, not the whitespace the pattern consumed around it.
    while (s < e && /\s/.test(u.text[s] as string)) s++;
    while (e > s && /\s/.test(u.text[e - 1] as string)) e--;
    if (e <= s) continue;
    out.push({ start: u.start + s, end: u.start + e, text: u.text.slice(s, e), reason });
  }
}

/** Sorts spans and drops those inside an earlier, larger span (whole lines beat inline hits). */
function mergeSpans(spans: Boilerplate[]): Boilerplate[] {
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
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
