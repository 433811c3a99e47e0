/**
 * People detector: person names from capitalised word runs, with evidence from a first-name
 * gazetteer, titles / roles ("Turkish Foreign Minister ...", "..., a professor at ...") and
 * reporting verbs ("... said", "according to ..."); places, organisations, outlets, calendar
 * words and headline openers are rejected. Mentions are clustered into people: surname-only
 * mentions, transliteration variants (Sergei / Sergey, Zelenskyy / Zelensky), diacritics
 * (Çavuşoğlu / Cavusoglu) and near-miss surname spellings (Kuliba ~ Kuleba, only when a
 * person with that surname exists). Offsets are UTF-16 (converted by `analyzeDocument`).
 *
 * Evidence that a capitalised run is a person (any one suffices for a full name of 2-4
 * words): a known first name (or a Chinese / Korean family name, read family name first);
 * a title before it, capitalised ("Turkish Foreign Minister", "European Commission
 * President", "Sen.") or lower-case ("Kremlin spokesman"); an appositive role before or after
 * it ("the Director General of the IAEA, Rafael Grossi", "Mustafa Aydin, a professor at
 * ..."); a reporting verb ("Zorig Batbayar said"); a credit ("Reporting by ..."). A single
 * word becomes a person only with a title or a reporting verb ("President Putin", "Peskov
 * said"); otherwise it is kept only as an alias of a known surname. Honorifics ("Mr", "Ms")
 * are evidence but not a role; "Sir Keir" attaches by given name. Title Case headline verbs
 * ("... Resigns As ...") end a name.
 *
 * `compromise` (a dev dependency here) was considered for name tagging: it is English-centric
 * (misses most Slavic / Turkish / Arabic names without extra lexicons) and too large for the
 * extension bundle, so the rules below carry their own gazetteers instead.
 */
import type { BlockMemo } from '../blockMemo';
import type { Block, Person, Span } from '../types';
import { DEMONYMS, MONTHS, NON_NAME_WORDS, ORGANISATION_WORDS, OUTLETS, PLACES, ROLE_NOUNS, TITLE_WORDS, WEEKDAYS } from './gazetteers/entities';
import { EAST_ASIAN_SURNAMES, FIRST_NAMES, firstNameKey, genderOfFirstName, type Gender } from './gazetteers/firstNames';
import { isReportingVerb, isVerbAfterName } from './reportingVerbs';

// ---------------------------------------------------------------------------------------
// Name normalisation helpers (shared with the corpus pass and the quote detector)

const SPECIAL_LETTERS: Record<string, string> = {
  ı: 'i', ø: 'o', Ø: 'O', ł: 'l', Ł: 'L', đ: 'd', Đ: 'D', ß: 'ss', æ: 'ae', Æ: 'AE', œ: 'oe', Œ: 'OE', þ: 'th', ð: 'd',
  '’': "'", 'ʼ': "'", '‘': "'",
};

/** Removes diacritics (NFD + strip marks) and maps letters NFD does not split (ı, ø, ł, ß...). */
export function foldName(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/[ıøØłŁđĐßæÆœŒþð’ʼ‘]/g, (c) => SPECIAL_LETTERS[c] ?? c);
}

/**
 * Memo for the name helpers: documents repeat the same few hundred words, and NFD folding
 * is the detector's most frequent operation. Cleared when it grows, so memory stays bounded.
 */
const normalizeMemo = new Map<string, string>();
const skeletonMemo = new Map<string, string>();
const MEMO_LIMIT = 50_000;

function memo(cache: Map<string, string>, key: string, compute: (k: string) => string): string {
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  if (cache.size >= MEMO_LIMIT) cache.clear();
  const value = compute(key);
  cache.set(key, value);
  return value;
}

/** Lower-case, diacritic-free, single-spaced form of a name ("Mevlüt  Çavuşoğlu" → "mevlut cavusoglu"). */
export function normalizeName(name: string): string {
  return memo(normalizeMemo, name, (n) =>
    foldName(n)
      .toLowerCase()
      .replace(/[_\s]+/g, ' ')
      .trim(),
  );
}

/**
 * A spelling skeleton of one name word: folded, letters only, y/j read as i, doubled
 * letters collapsed, so "Zelenskyy", "Zelensky" and "Zelenskiy" share "zelenski".
 */
export function nameSkeleton(word: string): string {
  return memo(skeletonMemo, word, (w) =>
    normalizeName(w)
      .replace(/[^a-z]/g, '')
      .replace(/[yj]/g, 'i')
      .replace(/(.)\1+/g, '$1'),
  );
}

function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min((prev[j] as number) + 1, (cur[j - 1] as number) + 1, (prev[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1));
      cur.push(v);
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    prev = cur;
  }
  return prev[b.length] as number;
}

/**
 * True when two surname spellings are the same name: equal skeletons (transliteration,
 * diacritics) or a near miss (one edit for 5-8 letters, two from 9), same first letter.
 * Callers only apply the near-miss rule against a surname already known in the
 * document or corpus, never to invent a cluster.
 */
export function sameSurnameVariant(a: string, b: string): boolean {
  const ka = nameSkeleton(a);
  const kb = nameSkeleton(b);
  if (ka === '' || kb === '') return false;
  if (ka === kb) return true;
  const len = Math.min(ka.length, kb.length);
  if (len < 5 || ka[0] !== kb[0]) return false;
  const max = len >= 9 ? 2 : 1;
  return editDistance(ka, kb, max) <= max;
}

/** True when two given names can belong to the same person (variants, initials, near misses). */
export function sameFirstNameVariant(a: string, b: string): boolean {
  const fa = normalizeName(a).replace(/\.$/, '');
  const fb = normalizeName(b).replace(/\.$/, '');
  if (fa === fb) return true;
  if (fa.length === 1 || fb.length === 1) return fa[0] === fb[0];
  if (firstNameKey(fa) === firstNameKey(fb)) return true;
  const ka = nameSkeleton(fa);
  const kb = nameSkeleton(fb);
  return ka === kb || (Math.min(ka.length, kb.length) >= 5 && ka[0] === kb[0] && editDistance(ka, kb, 1) <= 1);
}

/** Stable person id from a canonical name: "Sergei Lavrov" → "p:sergei-lavrov". */
export function personIdFor(name: string): string {
  const slug = normalizeName(name).replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  return `p:${slug || 'unknown'}`;
}

/** Gender suggested by a person's first name (for "he said" / "she said"). */
export function personGender(person: Pick<Person, 'name'>): Gender {
  const parts = person.name.split(/\s+/);
  if (parts.length < 2) return 'unknown';
  return genderOfFirstName(normalizeName(parts[0] as string));
}

/**
 * Surname and given name of a name's words. Chinese and Korean names put the family name
 * first ("Xi Jinping", "Wang Yi", "Moon Jae-in"): a two- or three-word name that starts with
 * a common East Asian family name is read that way.
 */
export function nameParts(words: readonly string[]): { surname: string; first?: string } {
  const clean = words.filter((w) => !NAME_PARTICLES.has(w));
  const head = clean[0] ?? '';
  const headKey = normalizeName(head);
  // "Kim Clijsters" is Western, "Kim Jong Un" / "Kim Jong-un" are not.
  const surnameFirst =
    EAST_ASIAN_SURNAMES.has(headKey) && (!FIRST_NAMES.has(headKey) || clean.length === 3 || (clean[1] ?? '').includes('-'));
  if (clean.length >= 2 && clean.length <= 3 && surnameFirst) {
    return { surname: head, first: clean.slice(1).join(' ') };
  }
  const surname = words[words.length - 1] ?? '';
  return words.length > 1 ? { surname, first: words[0] } : { surname };
}

/** The surname of a name ("Sergei Lavrov" → "Lavrov", "Xi Jinping" → "Xi"). */
export function surnameOf(name: string): string {
  return nameParts(name.trim().split(/[\s_]+/)).surname;
}

// ---------------------------------------------------------------------------------------
// Candidates

interface Token {
  start: number;
  /** End of the name part (before a possessive "’s"). */
  end: number;
  text: string;
  folded: string;
  possessive: boolean;
}

interface Candidate {
  tokens: Token[];
  /** Mention span (name words only). */
  start: number;
  end: number;
  role?: string;
  /** "Sir" / "Dame" before a single word: British style puts them before the given name. */
  givenNameHonorific?: boolean;
  evidence: { firstName: boolean; title: boolean; context: boolean; hashtag: boolean };
}

const HASHTAG = /#(\p{Lu}[\p{L}\p{M}]+(?:_\p{Lu}[\p{L}\p{M}]+){0,3})(?![\p{L}\p{N}_])/gu;
const NAME_PARTICLES = new Set(['bin', 'bint', 'ibn', 'al', 'el', 'van', 'von', 'der', 'den', 'de', 'da', 'di', 'del', 'della', 'du', 'dos', 'das', 'la', 'le', 'ter']);

const UPPER = /\p{Lu}/u;
const LOWER = /\p{Ll}/u;
const LETTER = /\p{L}/u;

/** Starts with a capital and is not ALL-CAPS (2+ letters: acronyms, datelines like "NATO", "ANTALYA"). */
function isCapitalised(word: string): boolean {
  const c = word.charCodeAt(0);
  if (c < 128 ? c < 65 || c > 90 : !UPPER.test(word[0] as string)) return false;
  let letters = 1;
  for (let i = 1; i < word.length; i++) {
    const d = word.charCodeAt(i);
    if (d >= 97 && d <= 122) return true;
    if (d < 128) {
      if (d >= 65 && d <= 90) letters++;
      continue;
    }
    const ch = word[i] as string;
    if (LOWER.test(ch)) return true;
    if (LETTER.test(ch)) letters++;
  }
  return letters === 1;
}

function isApostrophe(c: number): boolean {
  return c === 39 || c === 0x2019;
}

function makeToken(text: string, start: number, end: number): Token {
  let e = end;
  let possessive = false;
  const last = text.charCodeAt(end - 1);
  if ((last === 115 || last === 83) && isApostrophe(text.charCodeAt(end - 2)) && end - start > 3) {
    e = end - 2; // Lavrov’s
    possessive = true;
  } else if (isApostrophe(last) && text.charCodeAt(end - 2) === 115) {
    e = end - 1; // ministers’
    possessive = true;
  }
  const t = text.slice(start, e);
  return { start, end: e, text: t, folded: normalizeName(t), possessive };
}

const ROLE_STOP = /[.;:!?()"“”«»]/;

const CAPITALISED_WORD = /\p{Lu}[\p{L}\p{M}\p{N}]*(?:[-'’][\p{L}\p{M}\p{N}]+)*/uy;
/**
 * Characters that may be capital letters: ASCII A-Z and the Latin, Greek, Cyrillic and
 * Armenian blocks (which also hold lower-case letters; the sticky pattern above decides).
 * Scanning with this plain class is several times faster than a Unicode property scan;
 * scripts without case (Arabic, CJK) have no capitals to find.
 */
const UPPER_CANDIDATE = /[A-Z\u00C0-\u00DE\u0100-\u024F\u0370-\u03FF\u0400-\u052F\u0531-\u0556\u1E00-\u1EFF]/g;
const WORD_CHAR = /[\p{L}\p{M}\p{N}]/u;

/** The lower-case words allowed between two capitalised words of one run ("von der", "bin"). */
function joinGap(gap: string, prev: Token): Token[] | null | undefined {
  if (gap === ' ' || gap === '\u00a0') return undefined;
  if (gap === '. ' && (prev.text.length === 1 || TITLE_ABBREVIATIONS.has(prev.folded))) return undefined; // "J. K. Rowling", "Sen. Warren"
  // Arabic article particles written with a hyphen: "Bashar al-Assad", "Abdel Fattah el-Sisi".
  if (/^ (?:al|el|ad|ash|as|at|an|ar|az|ul|ud)-$/u.test(gap)) return [];
  if (gap.length > 16 || gap[0] !== ' ' || gap[gap.length - 1] !== ' ') return null;
  const words = gap.slice(1, -1).split(' ');
  for (const w of words) {
    if (!(NAME_PARTICLES.has(w) || (w === 'of' && words.length === 1 && TITLE_WORDS.has(prev.folded)))) return null;
  }
  return [];
}

/** Memo of `endsRun` by word: a document repeats the same capitalised words many times. */
const endsRunMemo = new Map<string, boolean>();

/** ALL-CAPS words, and words that never belong to a name ("The", "After", "Read"), end a run. */
function endsRun(word: string): boolean {
  let ends = endsRunMemo.get(word);
  if (ends === undefined) {
    const lower = word.toLowerCase();
    ends = !isCapitalised(word) || (NON_NAME_WORDS.has(lower) && !TITLE_WORDS.has(lower));
    if (endsRunMemo.size >= MEMO_LIMIT) endsRunMemo.clear();
    endsRunMemo.set(word, ends);
  }
  return ends;
}

/**
 * Runs of capitalised words inside one block (names, titles, headline fragments), with
 * particles ("bin", "von der") and initials kept inside. Only capitalised words are
 * matched, so prose costs one regex scan.
 */
function capitalisedRuns(text: string, block: Block): Token[][] {
  const runs: Token[][] = [];
  let run: Token[] = [];
  let lastEnd = -1;
  const slice = block.text;
  UPPER_CANDIDATE.lastIndex = 0;
  let c: RegExpExecArray | null;
  while ((c = UPPER_CANDIDATE.exec(slice)) !== null) {
    // A cheap class finds possible capitals; the Unicode-aware pattern then reads the word.
    CAPITALISED_WORD.lastIndex = c.index;
    const m = CAPITALISED_WORD.exec(slice);
    if (!m) continue;
    UPPER_CANDIDATE.lastIndex = c.index + m[0].length;
    const start = block.start + m.index;
    const end = start + m[0].length;
    // Inside a word ("iPhone"; "McDonald" is one match) or a hashtag / handle (#Sergey_Lavrov,
    // @Russia_AR), which the hashtag pass handles.
    if (start > block.start) {
      const b = text.charCodeAt(start - 1);
      const inWord = b < 128 ? (b >= 48 && b <= 57) || (b >= 65 && b <= 90) || (b >= 97 && b <= 122) || b === 35 || b === 95 || b === 64 : WORD_CHAR.test(text[start - 1] as string);
      if (inWord) continue;
    }
    if (text.charCodeAt(end) === 95) continue;
    // ALL-CAPS words, and words that never belong to a name ("The", "After", "Read"), end a
    // run here; the candidate pass would strip or split at them anyway.
    if (endsRun(m[0])) {
      if (run.length) runs.push(run);
      run = [];
      lastEnd = end;
      continue;
    }
    const prev = run[run.length - 1];
    // The usual gap is one space: decide that without slicing the text.
    const join = !prev || prev.possessive ? null : start - lastEnd === 1 && text.charCodeAt(lastEnd) === 32 ? undefined : start - lastEnd > 24 ? null : joinGap(text.slice(lastEnd, start), prev);
    if (join === null) {
      if (run.length) runs.push(run);
      run = [];
    } else if (join !== undefined) {
      // Particles between the two words ("von der", "bin") become tokens of the run.
      const gap = text.slice(lastEnd, start);
      const re = /\p{Ll}+/gu;
      let p: RegExpExecArray | null;
      while ((p = re.exec(gap)) !== null) run.push(makeToken(text, lastEnd + p.index, lastEnd + p.index + p[0].length));
    }
    run.push(makeToken(text, start, end));
    lastEnd = end;
  }
  if (run.length) runs.push(run);
  return runs;
}

function findLastIndex<T>(items: readonly T[], test: (t: T) => boolean): number {
  for (let i = items.length - 1; i >= 0; i--) if (test(items[i] as T)) return i;
  return -1;
}

/** Honorifics: stripped before a name like titles, but not a role worth reporting. */
const HONORIFICS = new Set(['mr', 'mrs', 'ms', 'mx', 'miss', 'sir', 'dame', 'lord', 'lady']);

/** Abbreviated titles written with a dot before the name ("Sen. Elizabeth Warren", "Mr. Wang"). */
const TITLE_ABBREVIATIONS = new Set(['mr', 'mrs', 'ms', 'mx', 'dr', 'prof', 'sen', 'rep', 'gov', 'gen', 'lt', 'col', 'sgt', 'capt', 'cmdr', 'adm', 'maj', 'rev', 'hon', 'amb', 'pres', 'st']);

function isStopToken(t: Token): boolean {
  const f = t.folded;
  return PLACES.has(f) || MONTHS.has(f) || WEEKDAYS.has(f) || DEMONYMS.has(f) || NON_NAME_WORDS.has(f);
}

function isRejectToken(t: Token): boolean {
  return ORGANISATION_WORDS.has(t.folded) || OUTLETS.has(t.folded);
}

/** Speech context right after (`X said`, `X, who said`, `X told`) or before (`said X`, `according to X`). */
function hasSpeechContext(text: string, start: number, end: number): boolean {
  const after = /^,?\s+(?:who\s+|also\s+|later\s+|then\s+|has\s+|had\s+|have\s+)?([\p{L}]+)/u.exec(text.slice(end, end + 40));
  // Lower-case verbs only: a Title Case headline ("Merkel Says Goodbye") is no evidence.
  if (after && /^\p{Ll}/u.test(after[1] as string) && isVerbAfterName(after[1] as string)) return true;
  let prev = wordBefore(text, start, Math.max(0, start - 30));
  if (prev && prev.word === 'to') prev = wordBefore(text, prev.start, Math.max(0, start - 30));
  if (!prev || !/^\p{Ll}/u.test(prev.word)) return false;
  return prev.word === 'according' || isReportingVerb(prev.word);
}

function isNameChar(c: number, ch: string): boolean {
  if (c < 128) return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 45 || c === 39;
  return ch === '’' || LETTER.test(ch);
}

/**
 * The word that ends before `pos` after skipping spaces (not other punctuation), read
 * backwards without a regex anchored at the end (those rescan the window at every start).
 */
function wordBefore(text: string, pos: number, limit: number): { word: string; start: number } | null {
  let j = pos;
  while (j > limit && (text.charCodeAt(j - 1) === 32 || text.charCodeAt(j - 1) === 0xa0 || text.charCodeAt(j - 1) === 9)) j--;
  if (j === pos) return null;
  let k = j;
  while (k > limit && isNameChar(text.charCodeAt(k - 1), text[k - 1] as string)) k--;
  return k < j ? { word: text.slice(k, j), start: k } : null;
}

/** Role in an appositive after the name: "Mustafa Aydin, a professor at X University". */
function appositiveAfter(text: string, end: number, blockEnd: number): string | undefined {
  const m = /^,\s+(?:(?:a|an|the|who\s+is\s+(?:a|an|the))\s+)?/u.exec(text.slice(end, Math.min(blockEnd, end + 12)));
  if (!m) return undefined;
  const from = end + m[0].length;
  const rest = text.slice(from, Math.min(blockEnd, from + 120));
  const stop = rest.search(/,|[.;:!?()"“”«»](?:\s|$)|\s(?:and|said|told|says|who|which)\s/u);
  const phrase = (stop >= 0 ? rest.slice(0, stop) : rest).trim();
  const words = phrase.split(/\s+/);
  if (words.length === 0 || words.length > 12) return undefined;
  const head = words.slice(0, 4).map((w) => normalizeName(w).replace(/[^a-z-]/g, ''));
  return head.some((w) => ROLE_NOUNS.has(w)) ? phrase : undefined;
}

/** Role in an appositive before the name: "the Director General of the IAEA, Rafael Grossi". */
function appositiveBefore(text: string, start: number, blockStart: number): string | undefined {
  const before = text.slice(Math.max(blockStart, start - 140), start);
  if (!/,\s*$/.test(before)) return undefined;
  const clause = before.replace(/,\s*$/, '');
  const lastComma = clause.lastIndexOf(',');
  const segment = clause.slice(lastComma + 1);
  // A determiner or a possessive name ("the Director General of ...", "Putin’s spokesman").
  const det = /\b(?:[Tt]he|[Aa]n?|[Ii]ts|[Hh]is|[Hh]er|[Tt]heir)\s+|(?=\b\p{Lu}[\p{L}\p{M}]*['’]s\s)/gu;
  let best: string | undefined;
  let m: RegExpExecArray | null;
  while ((m = det.exec(segment)) !== null) {
    if (m[0] === '') det.lastIndex++;
    const phrase = segment.slice(m.index + m[0].length).trim();
    const words = phrase.split(/\s+/);
    if (words.length > 12 || ROLE_STOP.test(phrase)) continue;
    const head = words.slice(0, 3).map((w) => normalizeName(w).replace(/[^a-z-]/g, ''));
    if (head.some((w) => ROLE_NOUNS.has(w) || (TITLE_WORDS.has(w) && w !== 'first'))) {
      best = phrase;
      break;
    }
  }
  return best;
}

/**
 * A role written in lower case right before the name: "Kremlin spokesman Dmitry Peskov",
 * "Ukrainian negotiator Mykhailo Podolyak", "Opposition leader Friedrich Merz". The role
 * noun may be preceded by up to three capitalised words or demonyms, which belong to it.
 */
function lowerCaseRoleBefore(text: string, start: number, blockStart: number): string | undefined {
  const limit = Math.max(blockStart, start - 80);
  const nounWord = wordBefore(text, start, limit);
  if (!nounWord || !/^\p{Ll}/u.test(nounWord.word)) return undefined;
  const noun = nounWord.word;
  if (!ROLE_NOUNS.has(noun) || noun === 'member') return undefined;
  // Capitalised words / demonyms directly before the role noun belong to it.
  let from = nounWord.start;
  for (let n = 0; n < 3; n++) {
    const w = wordBefore(text, from, limit);
    if (!w || !(/^\p{Lu}/u.test(w.word) || DEMONYMS.has(normalizeName(w.word)))) break;
    from = w.start;
  }
  return text.slice(from, nounWord.start + noun.length);
}

function titleRole(tokens: Token[], text: string): { role?: string; rest: Token[]; honorific?: boolean; givenName?: boolean } {
  let i = 0;
  let sawTitle = false;
  while (i < tokens.length - 1) {
    const f = (tokens[i] as Token).folded;
    if (TITLE_WORDS.has(f)) sawTitle = true;
    else if (!(DEMONYMS.has(f) || f === 'of' || f === 'the')) break;
    i++;
  }
  if (!sawTitle || i === 0) return { rest: tokens };
  // Only title words ("Director General"): a role without a name.
  if (i === tokens.length - 1 && TITLE_WORDS.has((tokens[i] as Token).folded)) return { rest: [] };
  // Trailing demonyms or "of" belong to the name side only when no title followed them.
  let last = i - 1;
  while (last >= 0 && !TITLE_WORDS.has((tokens[last] as Token).folded)) last--;
  const roleTokens = tokens.slice(0, last + 1);
  const rest = tokens.slice(last + 1);
  if (roleTokens.every((t) => HONORIFICS.has(t.folded))) {
    const given = roleTokens.some((t) => t.folded === 'sir' || t.folded === 'dame');
    return { rest, honorific: true, givenName: given };
  }
  const lastEnd = (tokens[last] as Token).end;
  // Keep the dot of an abbreviated title ("Sen.", "Dr.").
  const role = text.slice((tokens[0] as Token).start, text[lastEnd] === '.' ? lastEnd + 1 : lastEnd);
  return { role, rest };
}

/** Splits a run at place / calendar / demonym / sentence words (a first name followed by a name word is kept). */
/**
 * Verbs that Title Case headlines capitalise right after a name ("Boris Johnson Resigns As
 * Prime Minister", "Zelensky Says ..."): they end the name.
 */
const HEADLINE_VERBS = new Set(
  `meets resigns visits arrives dies wins loses vows urges warns slams blasts backs rejects accepts signs holds hits
  faces launches announces denies calls seeks plans agrees says tells adds admits claims returns leaves quits joins
  criticises criticizes praises threatens accuses demands insists expects hopes fears welcomes condemns defends
  dismisses confirms reveals`
    .split(/\s+/)
    .filter((w) => w.length > 0),
);

function splitAtStops(tokens: Token[]): Token[][] {
  const parts: Token[][] = [];
  let cur: Token[] = [];
  tokens.forEach((t, i) => {
    const next = tokens[i + 1];
    const keepAsFirstName = FIRST_NAMES.has(t.folded) && next !== undefined && !isStopToken(next) && cur.length === 0;
    const headlineVerb = i > 0 && (HEADLINE_VERBS.has(t.folded) || (isReportingVerb(t.folded) && t.folded.endsWith('s')));
    if ((isStopToken(t) || headlineVerb) && !keepAsFirstName) {
      if (cur.length) parts.push(cur);
      cur = [];
    } else {
      cur.push(t);
    }
  });
  if (cur.length) parts.push(cur);
  return parts;
}

/** A known given name, also as the first part of a compound one ("Jean-Yves", "Anna-Lena"). */
function isGivenName(folded: string): boolean {
  if (FIRST_NAMES.has(folded)) return true;
  const dash = folded.indexOf('-');
  return dash > 0 && FIRST_NAMES.has(folded.slice(0, dash));
}

function looksLikeNameWord(t: Token): boolean {
  if (NAME_PARTICLES.has(t.folded)) return true;
  if (t.text.length === 1) return /\p{Lu}/u.test(t.text);
  return /^\p{Lu}/u.test(t.text) && t.text.length <= 24;
}

function collectCandidates(text: string, blocks: readonly Block[]): { full: Candidate[]; single: Candidate[] } {
  const full: Candidate[] = [];
  const single: Candidate[] = [];
  for (const block of blocks) {
    for (const runTokens of capitalisedRuns(text, block)) {
      let tokens = runTokens;
      let rolePrefix: string | undefined;
      const lastReject = findLastIndex(runTokens, isRejectToken);
      if (lastReject >= 0) {
        // An organisation / outlet run ("Kadir Has University", "Al Jazeera English") is not a
        // person, unless a title follows the organisation and a name follows the title:
        // "European Commission President Ursula von der Leyen", "Police Chief Maria Santos".
        const next = runTokens[lastReject + 1];
        if (!next || !TITLE_WORDS.has(next.folded) || HONORIFICS.has(next.folded)) continue;
        rolePrefix = text.slice((runTokens[0] as Token).start, (runTokens[lastReject] as Token).end);
        tokens = runTokens.slice(lastReject + 1);
      }
      while (tokens.length && NON_NAME_WORDS.has((tokens[0] as Token).folded) && !TITLE_WORDS.has((tokens[0] as Token).folded)) {
        tokens = tokens.slice(1);
      }
      const titled = titleRole(tokens, text);
      const rest = titled.rest;
      if (rolePrefix !== undefined && titled.role === undefined) continue;
      const role = rolePrefix !== undefined ? `${rolePrefix} ${titled.role ?? ''}`.trim() : titled.role;
      for (const part of splitAtStops(rest)) {
        // Particles only live inside names.
        let p = part;
        while (p.length && NAME_PARTICLES.has((p[0] as Token).folded) && p.length > 1 && !/^\p{Lu}/u.test((p[0] as Token).text)) p = p.slice(1);
        while (p.length && NAME_PARTICLES.has((p[p.length - 1] as Token).folded) && !/^\p{Lu}/u.test((p[p.length - 1] as Token).text)) p = p.slice(0, -1);
        if (p.length === 0 || !p.every(looksLikeNameWord)) continue;
        const start = (p[0] as Token).start;
        const end = (p[p.length - 1] as Token).end;
        const attachedRole = p === part && part[0] === rest[0] ? (role ?? (rest === tokens ? lowerCaseRoleBefore(text, start, block.start) : undefined)) : undefined;
        const evidence = {
          firstName: isGivenName((p[0] as Token).folded) || (p.length <= 3 && EAST_ASIAN_SURNAMES.has((p[0] as Token).folded)),
          title: attachedRole !== undefined || (titled.honorific === true && part[0] === rest[0]),
          context: hasSpeechContext(text, start, end),
          hashtag: false,
        };
        const cand: Candidate = { tokens: p, start, end, evidence };
        if (p.length >= 2 && p.length <= 4) {
          const appRole = appositiveAfter(text, end, block.end) ?? appositiveBefore(text, start, block.start);
          const r = attachedRole ?? appRole;
          if (r !== undefined) cand.role = r;
          // "Reporting by Jane Roe", "Photo by ...": a credit names a person.
          const credit = /\bby\s+$/iu.test(text.slice(Math.max(block.start, start - 4), start));
          if (evidence.firstName || r !== undefined || evidence.context || credit) {
            full.push(cand);
            continue;
          }
        }
        if (p.length === 1) {
          if (attachedRole !== undefined) cand.role = attachedRole;
          if (titled.givenName === true && part[0] === rest[0]) cand.givenNameHonorific = true;
          single.push(cand);
          continue;
        }
        // Not a full name: each word may still be a known surname ("Lavrov Kuleba Ukraine").
        for (const t of p) {
          single.push({ tokens: [t], start: t.start, end: t.end, evidence: { firstName: false, title: false, context: false, hashtag: false } });
        }
      }
    }
    HASHTAG.lastIndex = 0;
    let h: RegExpExecArray | null;
    while ((h = HASHTAG.exec(block.text)) !== null) {
      const start = block.start + h.index + 1;
      const parts = (h[1] as string).split('_');
      let pos = start;
      const tokens: Token[] = parts.map((w) => {
        const t: Token = { start: pos, end: pos + w.length, text: w, folded: normalizeName(w), possessive: false };
        pos += w.length + 1;
        return t;
      });
      if (tokens.some((t) => isStopToken(t) || isRejectToken(t))) continue;
      const cand: Candidate = {
        tokens,
        start,
        end: start + (h[1] as string).length,
        evidence: { firstName: FIRST_NAMES.has((tokens[0] as Token).folded), title: false, context: false, hashtag: true },
      };
      if (tokens.length >= 2 && cand.evidence.firstName) full.push(cand);
      else if (tokens.length === 1) single.push(cand);
    }
  }
  return { full, single };
}

// ---------------------------------------------------------------------------------------
// Clustering

interface Cluster {
  first?: string;
  surname: string;
  /** `nameSkeleton(surname)`, kept so that matching a mention does not look it up per cluster. */
  skeleton: string;
  forms: Map<string, number>;
  firstSeen: number;
  role?: string;
  mentions: Span[];
  mentionStarts: Set<number>;
  /** Starts of full-name mentions, ascending. */
  fullStarts: number[];
  /** Start of the latest surname-only mention attached so far (-1: none). */
  lastSingle: number;
}

/** The surface form of a mention: its source text ("George R. R. Martin"), hashtag underscores read as spaces. */
function formOf(text: string, c: Candidate): string {
  const form = text.slice(c.start, c.end);
  // Almost every mention is already single-spaced: skip the two replacements (one scan instead).
  return FORM_NEEDS_CLEANING.test(form) ? form.replace(/_/g, ' ').replace(/\s+/g, ' ') : form;
}

/** What `formOf` rewrites: an underscore, any whitespace but a plain space, or two spaces in a row. */
const FORM_NEEDS_CLEANING = /[_\t\n\v\f\r\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]| {2}/;

function compatibleFirst(cluster: Cluster, first: string | undefined): boolean {
  if (cluster.first === undefined || first === undefined) return true;
  return sameFirstNameVariant(cluster.first, first);
}

/** Detects people and their mentions in one document (UTF-16 offsets). */
export function detectPeople(text: string, blocks: readonly Block[], _memo?: BlockMemo): Person[] {
  const { full, single } = collectCandidates(text, blocks);
  const clusters: Cluster[] = [];

  const addMention = (cl: Cluster, c: Candidate): void => {
    if (cl.mentionStarts.has(c.start)) return;
    cl.mentionStarts.add(c.start);
    cl.mentions.push({ start: c.start, end: c.end, text: text.slice(c.start, c.end) });
    const form = formOf(text, c);
    cl.forms.set(form, (cl.forms.get(form) ?? 0) + 1);
    if (cl.role === undefined && c.role !== undefined && !/s$/.test(c.role.split(/\s+/).pop() ?? '')) cl.role = c.role;
    cl.firstSeen = Math.min(cl.firstSeen, c.start);
    if (c.tokens.length > 1) cl.fullStarts.push(c.start);
    else cl.lastSingle = Math.max(cl.lastSingle, c.start);
  };

  for (const c of full) {
    const { surname, first } = nameParts(c.tokens.map((t) => t.text));
    const skeleton = nameSkeleton(surname);
    let cl = clusters.find((k) => k.first !== undefined && k.skeleton === skeleton && compatibleFirst(k, first));
    cl ??= clusters.find((k) => k.first !== undefined && sameSurnameVariant(k.surname, surname) && compatibleFirst(k, first));
    if (!cl) {
      cl = { first, surname, skeleton, forms: new Map(), firstSeen: c.start, mentions: [], mentionStarts: new Set(), fullStarts: [], lastSingle: -1 };
      clusters.push(cl);
    }
    addMention(cl, c);
  }

  for (const k of clusters) k.fullStarts.sort((a, b) => a - b);
  // Surname-only mentions: exact skeleton first, then near misses of a known surname.
  const pending: Candidate[] = [];
  const matchesByWord = new Map<string, Cluster[]>();
  for (const c of single) {
    const word = (c.tokens[0] as Token).text;
    if (word.length < 2) continue;
    let near = matchesByWord.get(word);
    if (!near) {
      // Two-letter surnames ("Xi", "Li") only match as written; longer ones by skeleton.
      const skeleton = nameSkeleton(word);
      const exact = clusters.filter((k) => (word.length < 3 ? k.surname === word : k.skeleton === skeleton));
      near = exact.length ? exact : clusters.filter((k) => k.first !== undefined && sameSurnameVariant(k.surname, word));
      matchesByWord.set(word, near);
    }
    // "Sir Keir" / "Dame Judi": the given name of a known person.
    if (near.length === 0 && c.givenNameHonorific) near = clusters.filter((k) => k.first === word);
    if (near.length) {
      addMention(nearestBefore(near, c.start), c);
      continue;
    }
    pending.push(c);
  }
  // Unknown surnames become people only with evidence: a title ("President Putin") or a
  // reporting verb ("Kuleba said", "according to Kuleba"); later bare mentions then attach.
  for (const c of pending) {
    if (!(c.evidence.title || c.evidence.context)) continue;
    const word = (c.tokens[0] as Token).text;
    const folded = (c.tokens[0] as Token).folded;
    if (word.length < 3 || TITLE_WORDS.has(folded) || ROLE_NOUNS.has(folded) || isReportingVerb(folded)) continue;
    const skeleton = nameSkeleton(word);
    const exists = clusters.find((k) => k.skeleton === skeleton);
    if (exists) continue;
    clusters.push({ surname: word, skeleton, forms: new Map(), firstSeen: c.start, mentions: [], mentionStarts: new Set(), fullStarts: [], lastSingle: -1 });
  }
  for (const c of pending) {
    const word = (c.tokens[0] as Token).text;
    const skeleton = nameSkeleton(word);
    const k = clusters.find((cl) => cl.first === undefined && cl.skeleton === skeleton);
    if (k) addMention(k, c);
  }

  const people: Person[] = [];
  const ids = new Set<string>();
  for (const cl of clusters.sort((a, b) => a.firstSeen - b.firstSeen)) {
    if (cl.mentions.length === 0) continue;
    const name = canonicalForm(cl);
    let id = personIdFor(name);
    for (let n = 2; ids.has(id); n++) id = `${personIdFor(name)}-${n}`;
    ids.add(id);
    const person: Person = {
      id,
      name,
      aliases: [...cl.forms.keys()],
      mentions: cl.mentions.sort((a, b) => a.start - b.start),
    };
    if (cl.role !== undefined) person.role = cl.role;
    people.push(person);
  }
  return people;
}

/** The cluster mentioned last before `pos` (first cluster when none is). */
function nearestBefore(clusters: Cluster[], pos: number): Cluster {
  let best = clusters[0] as Cluster;
  let bestPos = -1;
  for (const k of clusters) {
    const p = lastStartBefore(k, pos);
    if (p > bestPos) {
      bestPos = p;
      best = k;
    }
  }
  return best;
}

/**
 * Latest mention start before `pos`: binary search over the full-name mentions (added in
 * document order before any surname-only one), or the latest surname-only mention, which
 * are attached in document order.
 */
function lastStartBefore(k: Cluster, pos: number): number {
  const a = k.fullStarts;
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((a[mid] as number) < pos) lo = mid + 1;
    else hi = mid;
  }
  const full = lo > 0 ? (a[lo - 1] as number) : -1;
  return k.lastSingle < pos ? Math.max(full, k.lastSingle) : full;
}

/** The most frequent multi-word form; ties go to the earliest. */
function canonicalForm(cl: Cluster): string {
  let best = '';
  let bestCount = -1;
  let bestWords = 0;
  for (const [form, count] of cl.forms) {
    const words = form.split(' ').length;
    const better = (words > 1 ? 1 : 0) > (bestWords > 1 ? 1 : 0) || ((words > 1) === (bestWords > 1) && count > bestCount);
    if (better) {
      best = form;
      bestCount = count;
      bestWords = words;
    }
  }
  return best;
}
