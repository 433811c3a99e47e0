/**
 * Cross-source quote matching: the same statement quoted in several documents, also when
 * the sources translated it differently ("has not surrendered, does not surrender" /
 * "has not given up, does not give up").
 *
 * Each quote becomes a set of features — folded, lightly stemmed tokens after a small
 * paraphrase table, plus adjacent-token bigrams so word order counts — and two quotes are
 * compared by the Dice coefficient of their feature sets, or by containment when one source
 * quotes only part of the other's longer quote. Identical fingerprints are grouped first and
 * candidates come from an inverted index over content words, so a corpus of thousands of
 * articles does not compare every pair.
 *
 * Considered: `approx-string-match` (already a dependency) finds one string inside another
 * with edits, which suits re-anchoring but not paraphrase; compromise / wink-nlp stemmers
 * would add hundreds of KB for a few suffix rules.
 */
import { ITEMS_PER_STEP, runSteps, type Steps } from '../steps';
import type { CorpusLocation, QuoteMatch } from '../types';
import { isStopWord } from '../detect/stopwords';

/** Minimum similarity for two quotes to count as the same statement. */
export const QUOTE_MATCH_THRESHOLD = 0.5;
/** Quotes with fewer tokens ("limited", “neo-Nazis”) are terms, not statements to match. */
const MIN_TOKENS = 4;
const MIN_CONTENT_TOKENS = 2;
/**
 * A fragment needs this many distinct words before containment counts ("does not pin high
 * hopes" inside "I don't pin high hopes on them, but …"); shorter ones must match as wholes.
 */
const MIN_CONTAINED_TOKENS = 5;
/** Clusters up to this size are reported pair by pair; larger ones as a star (see below). */
const MAX_PAIRWISE_CLUSTER = 10;
/** Content words in more quotes than this are too common to generate candidates. */
const MAX_POSTINGS = 2000;

/** A quote occurrence to match: where it is and its text. */
export interface QuoteOccurrence extends CorpusLocation {
  text: string;
}

/**
 * Paraphrases that translations of the same statement use interchangeably, mapped to one
 * canonical word. Kept small and general (reporting verbs, war and diplomacy vocabulary).
 */
const PARAPHRASES: readonly [RegExp, string][] = [
  [/\b(?:give|gives|gave|given|giving) up\b|\bcapitulat\w*|\bsurrender\w*/g, 'surrender'],
  [/\bcease-?fire\b|\btruce\b|\barmistice\b|\bcessation of hostilities\b/g, 'ceasefire'],
  [/\b(?:negotiations?|talks|discussions?|conversations?)\b/g, 'talk'],
  [/\b(?:conflict|hostilities|fighting)\b/g, 'war'],
  [/\b(?:stated|states|state|says|said|say|told|tell|tells)\b/g, 'say'],
  [/\b(?:attempt|try|tried|tries|trying)\b/g, 'try'],
  [/\b(?:hope|hopes|hoped|expectations?|expect|expects|expected)\b/g, 'expect'],
  [/\b(?:big|large|great|major|high|huge)\b/g, 'big'],
  [/\b(?:kiev|kyiv)\b/g, 'kyiv'],
  [/\b(?:halt|stop|end|cease)\b/g, 'stop'],
  [/\b(?:wants?|wish(?:es)?|would like)\b/g, 'want'],
];

/** The paraphrase table as one alternation, each entry a capturing group. */
const PARAPHRASE_RE = new RegExp(PARAPHRASES.map(([re]) => `(${re.source})`).join('|'), 'g');
const COMBINING = /[\u0300-\u036f]/g;
const TOKEN = /[a-z0-9]+/g;

/** Folded, paraphrase-normalised, lightly stemmed tokens of a quote. */
export function quoteTokens(text: string): string[] {
  let s = text.normalize('NFKD').replace(COMBINING, '').toLowerCase().replace(/[’‘`´]/g, "'");
  s = s.replace(/\bwon't\b/g, 'will not').replace(/\bcan't\b/g, 'can not').replace(/n't\b/g, ' not').replace(/'(?:s|re|ve|ll|d|m)\b/g, '');
  s = s.replace(PARAPHRASE_RE, (...groups: unknown[]) => {
    // One pass for the whole table: the first participating group names the canonical word.
    for (let g = 1; g <= PARAPHRASES.length; g++) if (groups[g] !== undefined) return (PARAPHRASES[g - 1] as [RegExp, string])[1];
    return groups[0] as string;
  });
  return (s.match(TOKEN) ?? []).map(stem);
}

/** A light suffix stemmer: enough to equate said/says, meetings/meeting, hopes/hoped. */
export function stem(w: string): string {
  if (w.length <= 4) return w;
  if (w.endsWith('ies')) return `${w.slice(0, -3)}y`;
  if (w.endsWith('ing') && w.length > 6) return w.slice(0, -3);
  if (w.endsWith('ed') && w.length > 5) return w.slice(0, -2);
  if (w.endsWith('es') && w.length > 5 && /(?:ss|sh|ch|x|z)es$/.test(w)) return w.slice(0, -2);
  if (w.endsWith('s') && !w.endsWith('ss') && !w.endsWith('us') && !w.endsWith('is')) return w.slice(0, -1);
  return w;
}

interface Fingerprint {
  key: string;
  features: Set<string>;
  unigrams: number;
  content: string[];
}

function fingerprint(text: string): Fingerprint | null {
  const tokens = quoteTokens(text);
  if (tokens.length < MIN_TOKENS) return null;
  const content = [...new Set(tokens.filter((t) => !isStopWord(t) && t.length > 1))];
  if (content.length < MIN_CONTENT_TOKENS) return null;
  const features = new Set<string>(tokens);
  const unigrams = features.size;
  for (let i = 1; i < tokens.length; i++) features.add(`${tokens[i - 1]} ${tokens[i]}`);
  return { key: tokens.join(' '), features, unigrams, content };
}

/** Similarity of two quote texts in 0..1 (1 for the same wording after normalisation). */
export function quoteSimilarity(a: string, b: string): number {
  const fa = fingerprint(a);
  const fb = fingerprint(b);
  if (!fa || !fb) return 0;
  return similarity(fa, fb);
}

function similarity(a: Fingerprint, b: Fingerprint): number {
  if (a.key === b.key) return 1;
  let shared = 0;
  const [small, large] = a.features.size <= b.features.size ? [a, b] : [b, a];
  for (const f of small.features) if (large.features.has(f)) shared++;
  const dice = (2 * shared) / (a.features.size + b.features.size);
  // A source that quotes only part of a statement: the part is (nearly) inside the whole.
  // Needs enough words that the containment is not a coincidence of common phrases.
  const containment = small.unigrams >= MIN_CONTAINED_TOKENS ? (0.85 * shared) / small.features.size : 0;
  return Math.round(Math.max(dice, containment) * 1000) / 1000;
}

/**
 * Finds quotes that recur across documents. Matches are between different documents only.
 * A group of up to `MAX_PAIRWISE_CLUSTER` matching occurrences is reported pair by pair;
 * a larger group (a statement quoted by dozens of sources) as a star around its first
 * occurrence, so the output grows linearly with the corpus instead of quadratically.
 */
export function matchQuotes(occurrences: readonly QuoteOccurrence[]): QuoteMatch[] {
  return runSteps(matchQuotesSteps(occurrences));
}

/** `matchQuotes` in steps (see core/steps.ts). */
export function* matchQuotesSteps(occurrences: readonly QuoteOccurrence[]): Steps<QuoteMatch[]> {
  let n = 0;
  // 1. Group identical fingerprints.
  const groups = new Map<string, { fp: Fingerprint; members: QuoteOccurrence[] }>();
  // Sources that share wire copy quote verbatim: fingerprint each distinct text once.
  const byText = new Map<string, Fingerprint | null>();
  for (const occ of occurrences) {
    if (++n % ITEMS_PER_STEP === 0) yield;
    let fp = byText.get(occ.text);
    if (fp === undefined) {
      fp = fingerprint(occ.text);
      byText.set(occ.text, fp);
    }
    if (!fp) continue;
    const g = groups.get(fp.key);
    if (g) g.members.push(occ);
    else groups.set(fp.key, { fp, members: [occ] });
  }
  const distinct = [...groups.values()];

  // 2. Link distinct fingerprints that share content words and are similar enough.
  const parent = distinct.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i] as number] as number;
      i = parent[i] as number;
    }
    return i;
  };
  const postings = new Map<string, number[]>();
  const counts = new Map<number, number>();
  for (const [i, g] of distinct.entries()) {
    if (++n % ITEMS_PER_STEP === 0) yield;
    counts.clear();
    for (const w of g.fp.content) {
      const list = postings.get(w);
      if (!list) {
        postings.set(w, [i]);
        continue;
      }
      if (list.length < MAX_POSTINGS) for (const j of list) counts.set(j, (counts.get(j) ?? 0) + 1);
      list.push(i);
    }
    for (const [j, n] of counts) {
      if (n < 2 || find(i) === find(j)) continue;
      if (similarity(g.fp, (distinct[j] as { fp: Fingerprint }).fp) >= QUOTE_MATCH_THRESHOLD) parent[find(i)] = find(j);
    }
  }

  // 3. Emit matches per cluster.
  const clusters = new Map<number, number[]>();
  distinct.forEach((_, i) => {
    const r = find(i);
    const list = clusters.get(r);
    if (list) list.push(i);
    else clusters.set(r, [i]);
  });
  const matches: QuoteMatch[] = [];
  for (const memberGroups of clusters.values()) {
    if (++n % ITEMS_PER_STEP === 0) yield;
    const members: { occ: QuoteOccurrence; fp: Fingerprint }[] = [];
    for (const gi of memberGroups) {
      const g = distinct[gi] as { fp: Fingerprint; members: QuoteOccurrence[] };
      for (const occ of g.members) members.push({ occ, fp: g.fp });
    }
    if (members.length < 2) continue;
    if (members.length <= MAX_PAIRWISE_CLUSTER) {
      for (let i = 0; i < members.length; i++) {
        for (let j = i + 1; j < members.length; j++) pushMatch(matches, members[i]!, members[j]!);
      }
    } else {
      const hub = members[0]!;
      for (let j = 1; j < members.length; j++) pushMatch(matches, hub, members[j]!);
    }
  }
  return matches;
}

function pushMatch(
  out: QuoteMatch[],
  a: { occ: QuoteOccurrence; fp: Fingerprint },
  b: { occ: QuoteOccurrence; fp: Fingerprint },
): void {
  if (a.occ.path === b.occ.path) return;
  const sim = similarity(a.fp, b.fp);
  // Chained clusters can hold two members that only match through a third; report a pair
  // only when it is similar in its own right.
  if (sim < QUOTE_MATCH_THRESHOLD) return;
  out.push({
    a: { path: a.occ.path, start: a.occ.start, end: a.occ.end },
    b: { path: b.occ.path, start: b.occ.start, end: b.occ.end },
    similarity: sim,
  });
}
