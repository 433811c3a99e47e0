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
 * The work is split the way `BlockMemo` needs: the candidates of each block (capitalised
 * runs, titles, roles, speech context) depend only on the block and the text just around it,
 * so with a memo they are remembered per block (offsets relative to the block start);
 * clustering runs over the whole document every time. A 5 MB document holds a few hundred
 * thousand capitalised words, so the per-word loops read code units and find words in hash
 * tables without slicing them, and per-word facts are computed once per distinct word.
 *
 * `compromise` (a dev dependency here) was considered for name tagging: it is English-centric
 * (misses most Slavic / Turkish / Arabic names without extra lexicons) and too large for the
 * extension bundle, so the rules below carry their own gazetteers instead.
 */
import type { BlockMemo } from '../blockMemo';
import type { Block, Person, Span } from '../types';
import { DEMONYMS, MONTHS, NON_NAME_WORDS, ORGANISATION_WORDS, OUTLETS, PLACES, ROLE_NOUNS, TITLE_WORDS, WEEKDAYS } from './gazetteers/entities';
import { EAST_ASIAN_SURNAMES, FIRST_NAMES, firstNameKey, genderOfFirstName, type Gender } from './gazetteers/firstNames';
import { REPORTING_VERBS, VERB_AFTER_NAME_FORMS, isReportingVerb, isVerbAfterName } from './reportingVerbs';

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

/**
 * A copy of `s` that does not keep the string it was sliced from alive: V8 represents a
 * slice of 13 or more characters as a view into the whole document, and the caches below
 * outlive the analysis.
 */
function ownCopy(s: string): string {
  return s.length < 13 ? s : (JSON.parse(JSON.stringify(s)) as string);
}

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
  return sameSkeletonVariant(nameSkeleton(a), nameSkeleton(b));
}

/** `sameSurnameVariant` on the names' skeletons (`nameSkeleton`). */
function sameSkeletonVariant(ka: string, kb: string): boolean {
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
// Character classes

// One lazily filled byte per UTF-16 code unit: the Unicode property tests the detector needs,
// so hot loops read a typed array instead of running a `\p{…}` regex per character.
const CLASS_KNOWN = 1;
const CLASS_WORD = 2; // \p{L} \p{M} \p{N}
const CLASS_LETTER = 4; // \p{L}
const CLASS_UPPER = 8; // \p{Lu}
const CLASS_LOWER = 16; // \p{Ll}
const CLASS_SPACE = 32; // \s

const unitClasses = new Uint8Array(65536);
const astralClasses = new Map<number, number>();

function classify(ch: string): number {
  return (
    CLASS_KNOWN |
    (/[\p{L}\p{M}\p{N}]/u.test(ch) ? CLASS_WORD : 0) |
    (/\p{L}/u.test(ch) ? CLASS_LETTER : 0) |
    (/\p{Lu}/u.test(ch) ? CLASS_UPPER : 0) |
    (/\p{Ll}/u.test(ch) ? CLASS_LOWER : 0) |
    (/\s/u.test(ch) ? CLASS_SPACE : 0)
  );
}

/** Classes of one code unit read on its own (a lone surrogate has none, as in a `u` regex). */
function unitClass(c: number): number {
  let k = unitClasses[c] as number;
  if (k === 0) {
    k = classify(String.fromCharCode(c));
    unitClasses[c] = k;
  }
  return k;
}

/**
 * Classes of the code point at `i` of `s[0, end)` (`i < end`), read the way a `u` regex does
 * on that text: a surrogate pair is one code point, width 2 (returned in `codePointWidth`);
 * a high surrogate just before `end` is a lone one.
 */
let codePointWidth = 1;
function codePointClass(s: string, i: number, end: number): number {
  const c = s.charCodeAt(i);
  codePointWidth = 1;
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < end) {
    const d = s.charCodeAt(i + 1);
    if (d >= 0xdc00 && d <= 0xdfff) {
      const cp = ((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000;
      let k = astralClasses.get(cp);
      if (k === undefined) {
        k = classify(String.fromCodePoint(cp));
        astralClasses.set(cp, k);
      }
      codePointWidth = 2;
      return k;
    }
  }
  return unitClass(c);
}

/**
 * Length (0, 1 or 2 code units) of the `[\p{L}\p{M}\p{N}]` code point at `i` of `s[0, end)`
 * (`i < end`): `end` is the end of the block being read, which may stop inside the document.
 */
function wordCharWidth(s: string, i: number, end: number): number {
  const c = s.charCodeAt(i);
  if (c < 128) return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) ? 1 : 0;
  return codePointClass(s, i, end) & CLASS_WORD ? codePointWidth : 0;
}

/** Length (0, 1 or 2 code units) of the `\p{L}` code point at `i` of `s` (`i` inside `s`). */
function letterWidth(s: string, i: number): number {
  const c = s.charCodeAt(i);
  if (c < 128) return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) ? 1 : 0;
  return codePointClass(s, i, s.length) & CLASS_LETTER ? codePointWidth : 0;
}

/** `\s` for one code unit (NaN, past the end of the text, is not). */
function isSpaceUnit(c: number): boolean {
  if (c < 128) return c === 32 || (c >= 9 && c <= 13);
  return c === c && (unitClass(c) & CLASS_SPACE) !== 0;
}

/** `/^\p{Ll}/u` on a word (fast for a first code unit in the BMP). */
function startsLowerBmp(word: string): boolean {
  const c = word.charCodeAt(0);
  if (c < 128) return c >= 97 && c <= 122;
  if (c >= 0xd800 && c <= 0xdfff) return /^\p{Ll}/u.test(word);
  return c === c && (unitClass(c) & CLASS_LOWER) !== 0;
}

/**
 * Characters that may be capital letters: ASCII A-Z and the Latin, Greek, Cyrillic and
 * Armenian blocks (which also hold lower-case letters; `\p{Lu}` decides). Other capitals
 * (fullwidth, Georgian…) never start a word here, and scripts without case (Arabic, CJK)
 * have no capitals to find. "#" is found on the way, so that only blocks with one get the
 * hashtag pass. The scan for them reads every character of the document, two ways: one
 * byte per code unit looked up in `readRuns`'s loop (capitals are often a few characters
 * apart: "Sergei Lavrov"), and the same class as a regex, whose native scan is faster per
 * character but costs a call, for the long stretches of prose between capitals.
 */
const UPPER_CANDIDATE_RANGES: readonly (readonly [number, number])[] = [
  [0x23, 0x23],
  [0x41, 0x5a],
  [0xc0, 0xde],
  [0x100, 0x24f],
  [0x370, 0x3ff],
  [0x400, 0x52f],
  [0x531, 0x556],
  [0x1e00, 0x1eff],
];
const upperCandidate = new Uint8Array(65536);
for (const [from, to] of UPPER_CANDIDATE_RANGES) upperCandidate.fill(1, from, to + 1);
const hex4 = (c: number): string => `\\u${c.toString(16).padStart(4, '0')}`;
const UPPER_CANDIDATE = new RegExp(`[${UPPER_CANDIDATE_RANGES.map(([from, to]) => `${hex4(from)}-${hex4(to)}`).join('')}]`, 'g');
/** Characters `readRuns` looks at one by one before it hands the rest of the stretch to `UPPER_CANDIDATE`. */
const SHORT_SCAN = 24;

// ---------------------------------------------------------------------------------------
// Candidates

/**
 * What the rules ask about one word, computed once per distinct word: a document repeats the
 * same few hundred capitalised words, and the gazetteer look-ups and NFD folding would
 * otherwise run for every occurrence.
 */
interface WordInfo {
  text: string;
  folded: string;
  /** `nameSkeleton(text)`. */
  skeleton: string;
  /** Place, calendar word, demonym or sentence word: splits a run. */
  stop: boolean;
  /** Organisation or outlet word: the run is not a person (unless a title and a name follow). */
  reject: boolean;
  title: boolean;
  nonName: boolean;
  particle: boolean;
  honorific: boolean;
  demonym: boolean;
  firstName: boolean;
  /** A known given name, also as the first part of a compound one ("Jean-Yves"). */
  givenName: boolean;
  eastAsianSurname: boolean;
  /** Title Case headline verb ("Resigns", "Says"): ends a name after its first word. */
  headlineVerb: boolean;
  /** `/^\p{Lu}/u` on the word. */
  startsUpper: boolean;
  /** A particle, a capital initial, or a capitalised word of at most 24 characters. */
  nameShaped: boolean;
  /**
   * The only mutable fields: the `detectPeople` call (`peopleCall`) that last matched this
   * word against its clusters, and where it put the answer (`matchSlot` into that call's
   * list), so that each distinct word is matched once per call without a map keyed by its
   * text. Numbers only: a cached word keeps no cluster of a past analysis alive.
   */
  matchCall: number;
  matchSlot: number;
}

/** A capitalised word as matched, before a possessive "’s" is cut off. */
interface RawWord {
  word: string;
  /** Its hash in `rawTable`. */
  hash: number;
  /** ALL-CAPS words, and words that never belong to a name ("The", "After", "Read"), end a run. */
  endsRun: boolean;
  /** Code units of a possessive ending ("Lavrov’s": 2, "ministers’": 1). */
  possessiveCut: number;
  info: WordInfo;
}

/**
 * The tokens (name words) of the block being read, kept in arrays reused from block to block
 * instead of one object per word; a run of capitalised words is a range of them. The
 * detector is synchronous, so one set of arrays serves every call.
 */
const tokenStart: number[] = [];
/** End of the name part (before a possessive "’s"). */
const tokenEnd: number[] = [];
const tokenPossessive: boolean[] = [];
const tokenWord: WordInfo[] = [];
let tokenCount = 0;
/** Run `r` is the tokens `runFrom[r]` to `runTo[r]` (exclusive). */
const runFrom: number[] = [];
const runTo: number[] = [];
let runCount = 0;

function pushToken(raw: RawWord, start: number, end: number): void {
  const k = tokenCount++;
  tokenStart[k] = start;
  tokenEnd[k] = end - raw.possessiveCut;
  tokenPossessive[k] = raw.possessiveCut > 0;
  tokenWord[k] = raw.info;
}

const wordInfos = new Map<string, WordInfo>();

function wordInfo(word: string): WordInfo {
  let info = wordInfos.get(word);
  if (info === undefined) {
    const text = ownCopy(word);
    const f = normalizeName(text);
    const particle = NAME_PARTICLES.has(f);
    const startsUpper = /^\p{Lu}/u.test(text);
    info = {
      text,
      folded: f,
      skeleton: nameSkeleton(text),
      stop: PLACES.has(f) || MONTHS.has(f) || WEEKDAYS.has(f) || DEMONYMS.has(f) || NON_NAME_WORDS.has(f),
      reject: ORGANISATION_WORDS.has(f) || OUTLETS.has(f),
      title: TITLE_WORDS.has(f),
      nonName: NON_NAME_WORDS.has(f),
      particle,
      honorific: HONORIFICS.has(f),
      demonym: DEMONYMS.has(f),
      firstName: FIRST_NAMES.has(f),
      givenName: isGivenName(f),
      eastAsianSurname: EAST_ASIAN_SURNAMES.has(f),
      headlineVerb: HEADLINE_VERBS.has(f) || (isReportingVerb(f) && f.endsWith('s')),
      startsUpper,
      nameShaped: particle || (text.length === 1 ? /\p{Lu}/u.test(text) : startsUpper && text.length <= 24),
      matchCall: 0,
      matchSlot: 0,
    };
    if (wordInfos.size >= MEMO_LIMIT) wordInfos.clear();
    wordInfos.set(text, info);
  }
  return info;
}

function makeRawWord(word: string, hash: number): RawWord {
  let cut = 0;
  const n = word.length;
  const last = word.charCodeAt(n - 1);
  if ((last === 115 || last === 83) && isApostrophe(word.charCodeAt(n - 2)) && n > 3) {
    cut = 2; // Lavrov’s
  } else if (isApostrophe(last) && word.charCodeAt(n - 2) === 115) {
    cut = 1; // ministers’
  }
  const lower = word.toLowerCase();
  return {
    word,
    hash,
    endsRun: !isCapitalised(word) || (NON_NAME_WORDS.has(lower) && !TITLE_WORDS.has(lower)),
    possessiveCut: cut,
    info: wordInfo(cut === 0 ? word : word.slice(0, n - cut)),
  };
}

/**
 * Raw words by content, found without slicing the text: an open-addressing table keyed by a
 * hash of the word's code units, checked against the stored word. Slicing and hashing a new
 * string for each of the document's capitalised words was most of this step's cost and
 * allocation. The table grows with the vocabulary (a small one stays in the CPU cache) and is
 * emptied when it holds `MEMO_LIMIT` words, so memory stays bounded.
 */
const RAW_TABLE_INITIAL_SIZE = 1 << 10;
let rawTable: (RawWord | undefined)[] = new Array<RawWord | undefined>(RAW_TABLE_INITIAL_SIZE).fill(undefined);
let rawTableCount = 0;

function rawSlot(table: readonly (RawWord | undefined)[], h: number): number {
  return (h ^ (h >>> 15)) & (table.length - 1);
}

/** The raw word `s[from, to)`; `h` is its hash (`h = h * 31 + code unit`, 32-bit, from 0). */
function rawWordAt(s: string, from: number, to: number, h: number): RawWord {
  const mask = rawTable.length - 1;
  let slot = rawSlot(rawTable, h);
  for (;;) {
    const raw = rawTable[slot];
    if (raw === undefined) break;
    const w = raw.word;
    if (raw.hash === h && w.length === to - from && s.startsWith(w, from)) return raw;
    slot = (slot + 1) & mask;
  }
  const raw = makeRawWord(ownCopy(s.slice(from, to)), h);
  if (rawTableCount >= MEMO_LIMIT) {
    rawTable = new Array<RawWord | undefined>(RAW_TABLE_INITIAL_SIZE).fill(undefined);
    rawTableCount = 0;
  } else if ((rawTableCount + 1) * 2 > rawTable.length) {
    // Keep the table at most half full: double it and re-insert by the stored hashes.
    const old = rawTable;
    rawTable = new Array<RawWord | undefined>(old.length * 2).fill(undefined);
    for (const entry of old) if (entry !== undefined) insertRaw(entry);
  }
  insertRaw(raw);
  rawTableCount++;
  return raw;
}

function insertRaw(raw: RawWord): void {
  const mask = rawTable.length - 1;
  let slot = rawSlot(rawTable, raw.hash);
  while (rawTable[slot] !== undefined) slot = (slot + 1) & mask;
  rawTable[slot] = raw;
}

/** A full-name mention candidate of one block ("Sergei Lavrov"), offsets relative to the block start. */
interface FullCandidate {
  start: number;
  end: number;
  /** The mention's text (`text[start, end)`, one string per distinct text) and its `formOf`. */
  text: string;
  form: string;
  surname: string;
  first: string | undefined;
  /** `nameSkeleton(surname)`. */
  skeleton: string;
  role: string | undefined;
}

/** "Sir" / "Dame" before a single word: British style puts them before the given name. */
const SINGLE_GIVEN_NAME_HONORIFIC = 1;
/** A title or a reporting verb: evidence enough to make an unknown surname a person. */
const SINGLE_TITLE_OR_CONTEXT = 2;
/** The candidate has a role (kept in `singleRoles`). */
const SINGLE_HAS_ROLE = 4;

/**
 * The candidates of one block (or, without a memo, of the whole document), in the order the
 * rules found them, offsets relative to a base. Depends only on the block's text and the text
 * just around it (see `blockKey`), so it can be remembered in a `BlockMemo`; it is never
 * mutated once made. One-word candidates ("Lavrov", "President Putin"), the most numerous,
 * are kept in parallel arrays rather than one object each: the first `singleCount` entries
 * (the document-wide list of the no-memo path reuses its arrays from call to call, so they
 * may be longer).
 */
interface BlockCandidates {
  full: FullCandidate[];
  /** Start of each one-word candidate (its end is the start plus its word's length). */
  singleStart: number[];
  /** The word (its text is the mention's text and form: no spaces or underscores). */
  singleWord: WordInfo[];
  /** `SINGLE_…` flags. */
  singleFlags: number[];
  singleCount: number;
  /** Roles of the few one-word candidates that have one (`SINGLE_HAS_ROLE`), by index. */
  singleRoles: Map<number, string> | undefined;
}

function emptyCandidates(): BlockCandidates {
  return { full: [], singleStart: [], singleWord: [], singleFlags: [], singleCount: 0, singleRoles: undefined };
}

/**
 * The candidates of the whole document on the path without a memo, used for one call at a
 * time: its one-word arrays keep their length between calls, so a long document does not
 * grow (and copy) three arrays of tens of thousands of entries on every analysis.
 */
const documentCandidates = emptyCandidates();

function addSingle(out: BlockCandidates, w: WordInfo, start: number, role: string | undefined, flags: number): void {
  const index = out.singleCount++;
  if (role !== undefined) (out.singleRoles ??= new Map()).set(index, role);
  out.singleStart[index] = start;
  out.singleWord[index] = w;
  out.singleFlags[index] = role !== undefined ? flags | SINGLE_HAS_ROLE : flags;
}

/** The role of one-word candidate `i` of `list`. */
function singleRole(list: BlockCandidates, i: number): string | undefined {
  return ((list.singleFlags[i] as number) & SINGLE_HAS_ROLE) !== 0 ? list.singleRoles?.get(i) : undefined;
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

const ROLE_STOP = /[.;:!?()"“”«»]/;

/** How `joinGap` joins two capitalised words: not at all, directly, or with particle tokens between them. */
const GAP_BREAKS = 0;
const GAP_JOINS = 1;
const GAP_JOINS_WITH_PARTICLES = 2;

/** Arabic article particles written with a hyphen: "Bashar al-Assad", "Abdel Fattah el-Sisi". */
const ARTICLE_GAP = /^ (?:al|el|ad|ash|as|at|an|ar|az|ul|ud)-$/u;

/**
 * The lower-case words allowed between two capitalised words of one run ("von der", "bin"),
 * for the gap `text[from, to)`. Read in place: most gaps (", ", ". ", " and ") break the run
 * and should cost no string.
 */
function joinGap(text: string, from: number, to: number, prev: WordInfo): number {
  const c = text.charCodeAt(from);
  const length = to - from;
  if (c === 0xa0) return length === 1 ? GAP_JOINS : GAP_BREAKS;
  // "J. K. Rowling", "Sen. Warren"
  if (c === 46) return length === 2 && text.charCodeAt(from + 1) === 32 && (prev.text.length === 1 || TITLE_ABBREVIATIONS.has(prev.folded)) ? GAP_JOINS : GAP_BREAKS;
  if (c !== 32) return GAP_BREAKS;
  if (length === 1) return GAP_JOINS;
  const last = text.charCodeAt(to - 1);
  if (last === 45) return ARTICLE_GAP.test(text.slice(from, to)) ? GAP_JOINS_WITH_PARTICLES : GAP_BREAKS;
  if (length > 16 || last !== 32) return GAP_BREAKS;
  // Every word between the outer spaces must be a particle, or a lone "of" after a title
  // ("Secretary of State"); particles are lower-case ASCII, so other characters (and an
  // empty word, from two spaces) break the run before any word is sliced.
  let words = 1;
  for (let k = from + 1; k < to - 1; k++) {
    const d = text.charCodeAt(k);
    if (d === 32) words++;
    else if (d < 97 || d > 122) return GAP_BREAKS;
  }
  let wordStart = from + 1;
  for (let k = from + 1; k <= to - 1; k++) {
    if (k < to - 1 && text.charCodeAt(k) !== 32) continue;
    // Looked up in place (the word is lower-case ASCII here; an empty one is no particle).
    const isOf = k - wordStart === 2 && text.charCodeAt(wordStart) === 111 && text.charCodeAt(wordStart + 1) === 102;
    if (!(NAME_PARTICLES_IN_PLACE.hasExactly(text, wordStart, k) === true || (isOf && words === 1 && prev.title))) return GAP_BREAKS;
    wordStart = k + 1;
  }
  return GAP_JOINS_WITH_PARTICLES;
}

/** First token of the run being read. */
let openRunStart = 0;
/** Document offset of the first "#" `readRuns` saw in the block, -1 for none (only blocks with one get the hashtag pass). */
let blockFirstHash = -1;

/** Ends the run being read (kept when it has tokens); the next token starts a new one. */
function closeRun(): void {
  if (tokenCount > openRunStart) {
    runFrom[runCount] = openRunStart;
    runTo[runCount] = tokenCount;
    runCount++;
  }
  openRunStart = tokenCount;
}

/**
 * Runs of capitalised words inside one block (names, titles, headline fragments), with
 * particles ("bin", "von der") and initials kept inside, read into the token and run arrays.
 * A scan finds possible capitals (`upperCandidate`, then `UPPER_CANDIDATE` for long
 * stretches); the word (`\p{Lu}[\p{L}\p{M}\p{N}]*(?:[-'’][\p{L}\p{M}\p{N}]+)*`) is then read
 * by code units, and looked up in `rawTable` without slicing, so prose between capitals costs
 * one scan and a capitalised word no allocation once it has been seen. The block is read in place in the
 * document (`block.text` is `text[block.start, block.end)`): a block's text is usually a
 * slice, whose every code unit costs an indirection.
 */
function readRuns(text: string, block: Block): void {
  tokenCount = 0;
  runCount = 0;
  blockFirstHash = -1;
  openRunStart = 0;
  let lastEnd = -1;
  const blockStart = block.start;
  const n = block.end;
  let i = blockStart;
  for (;;) {
    // A cheap class finds possible capitals; `\p{Lu}` then decides. The regex searches the
    // block's own text, so that a block without capitals is not searched past its end.
    const shortEnd = i + SHORT_SCAN < n ? i + SHORT_SCAN : n;
    while (i < shortEnd && upperCandidate[text.charCodeAt(i)] === 0) i++;
    if (i === shortEnd && i < n) {
      UPPER_CANDIDATE.lastIndex = i - blockStart;
      if (!UPPER_CANDIDATE.test(block.text)) break;
      i = blockStart + UPPER_CANDIDATE.lastIndex - 1;
    }
    if (i >= n) break;
    const start = i;
    const c = text.charCodeAt(start);
    if (c === 35 || (c >= 128 && (unitClass(c) & CLASS_UPPER) === 0)) {
      if (c === 35 && blockFirstHash < 0) blockFirstHash = start;
      i = start + 1;
      continue;
    }
    // The rest of the word, hashed on the way for `rawWordAt`: word characters, then
    // hyphen / apostrophe joined parts, each at least one word character long.
    let j = start + 1;
    let hash = c;
    for (;;) {
      while (j < n) {
        const d = text.charCodeAt(j);
        if (d < 128) {
          if (!((d >= 48 && d <= 57) || (d >= 65 && d <= 90) || (d >= 97 && d <= 122))) break;
          hash = (Math.imul(hash, 31) + d) | 0;
          j++;
          continue;
        }
        const width = wordCharWidth(text, j, n);
        if (width === 0) break;
        hash = (Math.imul(hash, 31) + d) | 0;
        if (width === 2) hash = (Math.imul(hash, 31) + text.charCodeAt(j + 1)) | 0;
        j += width;
      }
      if (j + 1 >= n) break;
      const sep = text.charCodeAt(j);
      if (!(sep === 45 || isApostrophe(sep)) || wordCharWidth(text, j + 1, n) === 0) break;
      hash = (Math.imul(hash, 31) + sep) | 0;
      j++;
    }
    i = j;
    const end = j;
    // Inside a word ("iPhone"; "McDonald" is one match) or a hashtag / handle (#Sergey_Lavrov,
    // @Russia_AR), which the hashtag pass handles.
    if (start > blockStart) {
      const b = text.charCodeAt(start - 1);
      const inWord = b < 128 ? (b >= 48 && b <= 57) || (b >= 65 && b <= 90) || (b >= 97 && b <= 122) || b === 35 || b === 95 || b === 64 : (unitClass(b) & CLASS_WORD) !== 0;
      if (inWord) continue;
    }
    if (text.charCodeAt(end) === 95) continue;
    const raw = rawWordAt(text, start, end, hash);
    // ALL-CAPS words, and words that never belong to a name ("The", "After", "Read"), end a
    // run here; the candidate pass would strip or split at them anyway.
    if (raw.endsRun) {
      closeRun();
      lastEnd = end;
      continue;
    }
    const prev = tokenCount > openRunStart ? tokenCount - 1 : -1;
    // The usual gap is one space: decide that without slicing the text.
    const join =
      prev < 0 || tokenPossessive[prev] === true
        ? GAP_BREAKS
        : start - lastEnd === 1 && text.charCodeAt(lastEnd) === 32
          ? GAP_JOINS
          : start - lastEnd > 24
            ? GAP_BREAKS
            : joinGap(text, lastEnd, start, tokenWord[prev] as WordInfo);
    if (join === GAP_BREAKS) {
      closeRun();
    } else if (join === GAP_JOINS_WITH_PARTICLES) {
      // Particles between the two words ("von der", "bin") become tokens of the run.
      const gap = text.slice(lastEnd, start);
      const re = /\p{Ll}+/gu;
      let p: RegExpExecArray | null;
      while ((p = re.exec(gap)) !== null) {
        const pStart = lastEnd + p.index;
        pushToken(makeRawWord(p[0], 0), pStart, pStart + p[0].length);
      }
    }
    pushToken(raw, start, end);
    lastEnd = end;
  }
  closeRun();
}

/** Honorifics: stripped before a name like titles, but not a role worth reporting. */
const HONORIFICS = new Set(['mr', 'mrs', 'ms', 'mx', 'miss', 'sir', 'dame', 'lord', 'lady']);

/** Abbreviated titles written with a dot before the name ("Sen. Elizabeth Warren", "Mr. Wang"). */
const TITLE_ABBREVIATIONS = new Set(['mr', 'mrs', 'ms', 'mx', 'dr', 'prof', 'sen', 'rep', 'gov', 'gen', 'lt', 'col', 'sgt', 'capt', 'cmdr', 'adm', 'maj', 'rev', 'hon', 'amb', 'pres', 'st']);

/** Words allowed between a name and its verb: `X, who said`, `X has told`. */
const SPEECH_AUXILIARIES = ['who', 'also', 'later', 'then', 'has', 'had', 'have'];
const SPEECH_AFTER_IN_WINDOW = /^,?\s+(?:who\s+|also\s+|later\s+|then\s+|has\s+|had\s+|have\s+)?([\p{L}]+)/u;
/** No reporting verb (nor "according") is longer: longer words need not be sliced and looked up. */
const LONGEST_SPEECH_WORD = Math.max('according'.length, ...[...REPORTING_VERBS].map((v) => v.length));

/** Speech context right after (`X said`, `X, who said`, `X told`) or before (`said X`, `according to X`). */
function hasSpeechContext(text: string, start: number, end: number): boolean {
  return verbFollows(text, end) || verbPrecedes(text, start);
}

/**
 * A reporting verb right after the name, read within the 40 characters after it as
 * `SPEECH_AFTER_IN_WINDOW` would, but in place: the pattern is anchored and ends in a greedy
 * letter run, so reading the text itself gives the same word whenever that word ends inside
 * the window; a word running past it is left to the pattern on the window (it may capture a
 * cut word). Lower-case verbs only: a Title Case headline ("Merkel Says Goodbye") is no
 * evidence.
 */
function verbFollows(text: string, end: number): boolean {
  const n = text.length;
  let pos = end;
  if (text.charCodeAt(pos) === 44) pos++;
  const spacesFrom = pos;
  while (pos < n && isSpaceUnit(text.charCodeAt(pos))) pos++;
  if (pos === spacesFrom) return false;
  let wordStart = pos;
  const initial = text.charCodeAt(pos);
  // w(ho), a(lso), l(ater), t(hen), h(as / had / have)
  const mayBeAuxiliary = initial === 119 || initial === 97 || initial === 108 || initial === 116 || initial === 104;
  for (let a = 0; mayBeAuxiliary && a < SPEECH_AUXILIARIES.length; a++) {
    const auxiliary = SPEECH_AUXILIARIES[a] as string;
    if (!text.startsWith(auxiliary, pos)) continue;
    // At most one auxiliary matches here; it counts only when spaces and a letter follow.
    const auxiliaryEnd = pos + auxiliary.length;
    let q = auxiliaryEnd;
    while (q < n && isSpaceUnit(text.charCodeAt(q))) q++;
    if (q > auxiliaryEnd && q < n && letterWidth(text, q) > 0) wordStart = q;
    break;
  }
  let wordEnd = wordStart;
  while (wordEnd < n) {
    const width = letterWidth(text, wordEnd);
    if (width === 0) break;
    wordEnd += width;
  }
  if (wordEnd === wordStart) return false;
  if (wordEnd > end + 40) {
    const m = SPEECH_AFTER_IN_WINDOW.exec(text.slice(end, end + 40));
    return m !== null && isVerbAfterName(m[1] as string) && startsLowerBmp(m[1] as string);
  }
  // Reporting verbs are lower-case ASCII: other words need no look-up.
  const first = text.charCodeAt(wordStart);
  const length = wordEnd - wordStart;
  if (first < 97 || first > 122 || length < 3 || length > LONGEST_SPEECH_WORD) return false;
  return VERBS_AFTER_NAME_IN_PLACE.has(text, wordStart, wordEnd) ?? isVerbAfterName(text.slice(wordStart, wordEnd));
}

/**
 * A reporting verb right before the name (`said X`), or before "to" (`according to X`): the
 * words `wordBefore` would give, read in place.
 */
function verbPrecedes(text: string, start: number): boolean {
  const limit = Math.max(0, start - 30);
  let j = start;
  while (j > limit && isInlineSpace(text.charCodeAt(j - 1))) j--;
  if (j === start) return false;
  let k = j;
  while (k > limit && isNameChar(text.charCodeAt(k - 1))) k--;
  if (k === j) return false;
  if (j - k === 2 && text.charCodeAt(k) === 116 && text.charCodeAt(k + 1) === 111) {
    // "to": the word before it decides ("according to", "told to"...).
    const to = k;
    j = to;
    while (j > limit && isInlineSpace(text.charCodeAt(j - 1))) j--;
    if (j === to) return false;
    k = j;
    while (k > limit && isNameChar(text.charCodeAt(k - 1))) k--;
    if (k === j) return false;
  }
  // Lower-case ASCII words only (as `isReportingVerb` and "according" need).
  const first = text.charCodeAt(k);
  const length = j - k;
  if (first < 97 || first > 122 || length < 3 || length > LONGEST_SPEECH_WORD) return false;
  if (length === 9 && text.startsWith('according', k)) return true;
  return REPORTING_VERBS_IN_PLACE.has(text, k, j) ?? isReportingVerb(text.slice(k, j));
}

/**
 * A set of lower-case ASCII words looked up where a word stands in a text, without slicing
 * it: `has(text, from, to)` answers `set.has(text.slice(from, to).toLowerCase())` and
 * `hasExactly` answers `set.has(text.slice(from, to))` for a word of ASCII letters; both give
 * `undefined` for any other word (the caller then asks the slow way).
 */
class AsciiWordSet {
  private readonly table: (string | undefined)[];

  constructor(words: Iterable<string>) {
    const list = [...words];
    if (!list.every((w) => /^[a-z]+$/.test(w))) throw new Error('AsciiWordSet: lower-case ASCII words only');
    let size = 16;
    while (size < list.length * 4) size *= 2;
    this.table = new Array<string | undefined>(size).fill(undefined);
    for (const w of list) {
      let h = 0;
      for (let k = 0; k < w.length; k++) h = (Math.imul(h, 31) + w.charCodeAt(k)) | 0;
      let slot = (h ^ (h >>> 15)) & (size - 1);
      while (this.table[slot] !== undefined) slot = (slot + 1) & (size - 1);
      this.table[slot] = w;
    }
  }

  has(text: string, from: number, to: number): boolean | undefined {
    return this.lookUp(text, from, to, true);
  }

  hasExactly(text: string, from: number, to: number): boolean | undefined {
    return this.lookUp(text, from, to, false);
  }

  private lookUp(text: string, from: number, to: number, foldCase: boolean): boolean | undefined {
    let h = 0;
    let upper = false;
    for (let k = from; k < to; k++) {
      let c = text.charCodeAt(k);
      if (c >= 65 && c <= 90) {
        c += 32;
        upper = true;
      } else if (c < 97 || c > 122) return undefined;
      h = (Math.imul(h, 31) + c) | 0;
    }
    // Every word of the set is lower-case: a capital letter rules out an exact match.
    if (upper && !foldCase) return false;
    const mask = this.table.length - 1;
    for (let slot = (h ^ (h >>> 15)) & mask; ; slot = (slot + 1) & mask) {
      const w = this.table[slot];
      if (w === undefined) return false;
      if (w.length !== to - from) continue;
      let k = 0;
      while (k < w.length && w.charCodeAt(k) === (text.charCodeAt(from + k) | 0x20)) k++;
      if (k === w.length) return true;
    }
  }
}

const REPORTING_VERBS_IN_PLACE = new AsciiWordSet(REPORTING_VERBS);
const VERBS_AFTER_NAME_IN_PLACE = new AsciiWordSet(VERB_AFTER_NAME_FORMS);
const ROLE_NOUNS_IN_PLACE = new AsciiWordSet(ROLE_NOUNS);
const NAME_PARTICLES_IN_PLACE = new AsciiWordSet(NAME_PARTICLES);

function isNameChar(c: number): boolean {
  if (c < 128) return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 45 || c === 39;
  return c === 0x2019 || (c === c && (unitClass(c) & CLASS_LETTER) !== 0);
}

/** The spaces `wordBefore` skips. */
function isInlineSpace(c: number): boolean {
  return c === 32 || c === 0xa0 || c === 9;
}

/**
 * The word that ends before `pos` after skipping spaces (not other punctuation), read
 * backwards without a regex anchored at the end (those rescan the window at every start).
 */
function wordBefore(text: string, pos: number, limit: number): { word: string; start: number } | null {
  let j = pos;
  while (j > limit && isInlineSpace(text.charCodeAt(j - 1))) j--;
  if (j === pos) return null;
  let k = j;
  while (k > limit && isNameChar(text.charCodeAt(k - 1))) k--;
  return k < j ? { word: text.slice(k, j), start: k } : null;
}

// The appositive patterns, made once (a regex literal in a function is a new object per call).
const APPOSITIVE_AFTER_OPENING = /^,\s+(?:(?:a|an|the|who\s+is\s+(?:a|an|the))\s+)?/u;
const APPOSITIVE_AFTER_END = /,|[.;:!?()"“”«»](?:\s|$)|\s(?:and|said|told|says|who|which)\s/u;
/** A determiner or a possessive name ("the Director General of ...", "Putin’s spokesman"); `lastIndex` reset per use. */
const ROLE_DETERMINER = /\b(?:[Tt]he|[Aa]n?|[Ii]ts|[Hh]is|[Hh]er|[Tt]heir)\s+|(?=\b\p{Lu}[\p{L}\p{M}]*['’]s\s)/gu;
const NOT_ROLE_KEY_CHAR = /[^a-z-]/g;

/** A word as the role gazetteers are keyed: folded, lower-case, letters and hyphens only. */
function roleKey(word: string): string {
  return normalizeName(word).replace(NOT_ROLE_KEY_CHAR, '');
}

/** Role in an appositive after the name: "Mustafa Aydin, a professor at X University". */
function appositiveAfter(text: string, end: number, blockEnd: number): string | undefined {
  if (end >= blockEnd || text.charCodeAt(end) !== 44) return undefined; // no comma: no appositive
  const m = APPOSITIVE_AFTER_OPENING.exec(text.slice(end, Math.min(blockEnd, end + 12)));
  if (!m) return undefined;
  const from = end + m[0].length;
  const rest = text.slice(from, Math.min(blockEnd, from + 120));
  const stop = rest.search(APPOSITIVE_AFTER_END);
  const phrase = (stop >= 0 ? rest.slice(0, stop) : rest).trim();
  // At most 13 pieces are needed to tell "more than 12 words".
  const words = phrase.split(/\s+/, 13);
  if (words.length === 0 || words.length > 12) return undefined;
  const head = words.slice(0, 4).map(roleKey);
  return head.some((w) => ROLE_NOUNS.has(w)) ? phrase : undefined;
}

/** Role in an appositive before the name: "the Director General of the IAEA, Rafael Grossi". */
function appositiveBefore(text: string, start: number, blockStart: number): string | undefined {
  const from = Math.max(blockStart, start - 140);
  // The window must end in a comma and spaces (`/,\s*$/`): checked backwards, without slicing.
  let j = start;
  while (j > from && isSpaceUnit(text.charCodeAt(j - 1))) j--;
  if (j === from || text.charCodeAt(j - 1) !== 44) return undefined;
  // The clause is the window without that comma and its spaces (`/,\s*$/` can only match at
  // that comma: `\s*` crosses no other one); the segment is its text after its last comma,
  // found in place.
  const clauseEnd = j - 1;
  let segmentStart = clauseEnd;
  while (segmentStart > from && text.charCodeAt(segmentStart - 1) !== 44) segmentStart--;
  const segment = text.slice(segmentStart, clauseEnd);
  // A determiner or a possessive name ("the Director General of ...", "Putin’s spokesman").
  const det = ROLE_DETERMINER;
  det.lastIndex = 0;
  let best: string | undefined;
  let m: RegExpExecArray | null;
  while ((m = det.exec(segment)) !== null) {
    if (m[0] === '') det.lastIndex++;
    const phrase = segment.slice(m.index + m[0].length).trim();
    // At most 13 pieces are needed to tell "more than 12 words".
    const words = phrase.split(/\s+/, 13);
    if (words.length > 12 || ROLE_STOP.test(phrase)) continue;
    const head = words.slice(0, 3).map(roleKey);
    if (head.some((w) => ROLE_NOUNS.has(w) || (TITLE_WORDS.has(w) && w !== 'first'))) {
      best = phrase;
      break;
    }
  }
  return best;
}

/** "Reporting by Jane Roe", "Photo by ...": a credit right before the name. */
function isCredit(text: string, start: number, blockStart: number): boolean {
  const from = Math.max(blockStart, start - 4);
  // Cheap necessary condition first: "by" (any case) then spaces right before the name.
  let j = start;
  while (j > from && isSpaceUnit(text.charCodeAt(j - 1))) j--;
  if (j === start || j - from < 2) return false;
  const y = text.charCodeAt(j - 1);
  const b = text.charCodeAt(j - 2);
  if (!((y === 121 || y === 89) && (b === 98 || b === 66))) return false;
  return /\bby\s+$/iu.test(text.slice(from, start));
}

/**
 * A role written in lower case right before the name: "Kremlin spokesman Dmitry Peskov",
 * "Ukrainian negotiator Mykhailo Podolyak", "Opposition leader Friedrich Merz". The role
 * noun may be preceded by up to three capitalised words or demonyms, which belong to it.
 */
function lowerCaseRoleBefore(text: string, start: number, blockStart: number): string | undefined {
  const limit = Math.max(blockStart, start - 80);
  // The word before the name (`wordBefore`), first checked in place: it is rarely a role noun.
  let j = start;
  while (j > limit && isInlineSpace(text.charCodeAt(j - 1))) j--;
  if (j === start) return undefined;
  let k = j;
  while (k > limit && isNameChar(text.charCodeAt(k - 1))) k--;
  if (k === j) return undefined;
  // Role nouns are lower-case ASCII words.
  const first = text.charCodeAt(k);
  if (first < 97 || first > 122 || ROLE_NOUNS_IN_PLACE.hasExactly(text, k, j) === false) return undefined;
  const nounWord = { word: text.slice(k, j), start: k };
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

/** What `titleRole` found at the start of a run's tokens (one object, reused). */
const titled = {
  role: undefined as string | undefined,
  /** The name side: tokens `restFrom` to the run's end. */
  restFrom: 0,
  /** True when no title was taken off (the name side is all the tokens given). */
  restIsRun: true,
  honorific: false,
  givenName: false,
};

/**
 * Title words (with demonyms, "of", "the") opening the tokens `from` to `to`: "Turkish
 * Foreign Minister", "Sen.", or honorifics ("Mr", "Sir"), which are evidence but not a role.
 */
function titleRole(from: number, to: number, text: string): void {
  titled.role = undefined;
  titled.restFrom = from;
  titled.restIsRun = true;
  titled.honorific = false;
  titled.givenName = false;
  // Most runs are one word, or start with a word that is no title, demonym, "of" or "the".
  const head = tokenWord[from];
  if (to - from < 2 || head === undefined || !(head.title || head.demonym || head.folded === 'of' || head.folded === 'the')) return;
  let i = from;
  let sawTitle = false;
  while (i < to - 1) {
    const w = tokenWord[i] as WordInfo;
    if (w.title) sawTitle = true;
    else if (!(w.demonym || w.folded === 'of' || w.folded === 'the')) break;
    i++;
  }
  if (!sawTitle || i === from) return;
  titled.restIsRun = false;
  // Only title words ("Director General"): a role without a name.
  if (i === to - 1 && (tokenWord[i] as WordInfo).title) {
    titled.restFrom = to;
    return;
  }
  // Trailing demonyms or "of" belong to the name side only when no title followed them.
  let last = i - 1;
  while (last >= from && !(tokenWord[last] as WordInfo).title) last--;
  titled.restFrom = last + 1;
  let allHonorifics = true;
  let given = false;
  for (let k = from; k <= last; k++) {
    const w = tokenWord[k] as WordInfo;
    if (!w.honorific) allHonorifics = false;
    if (w.folded === 'sir' || w.folded === 'dame') given = true;
  }
  if (allHonorifics) {
    titled.honorific = true;
    titled.givenName = given;
    return;
  }
  const lastEnd = tokenEnd[last] as number;
  // Keep the dot of an abbreviated title ("Sen.", "Dr.").
  titled.role = text.slice(tokenStart[from], text[lastEnd] === '.' ? lastEnd + 1 : lastEnd);
}

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

/** Parts of the name side of a run: part `p` is the tokens `partFrom[p]` to `partTo[p]`. */
const partFrom: number[] = [];
const partTo: number[] = [];

/**
 * Splits the tokens `from` to `to` at place / calendar / demonym / sentence words and at
 * headline verbs after the first word (a first name followed by a name word is kept).
 * Returns the number of parts.
 */
function splitAtStops(from: number, to: number): number {
  let parts = 0;
  let cur = from;
  for (let i = from; i < to; i++) {
    const w = tokenWord[i] as WordInfo;
    const keepAsFirstName = w.firstName && i + 1 < to && !(tokenWord[i + 1] as WordInfo).stop && cur === i;
    const headlineVerb = i > from && w.headlineVerb;
    if ((w.stop || headlineVerb) && !keepAsFirstName) {
      if (i > cur) {
        partFrom[parts] = cur;
        partTo[parts] = i;
        parts++;
      }
      cur = i + 1;
    }
  }
  if (to > cur) {
    partFrom[parts] = cur;
    partTo[parts] = to;
    parts++;
  }
  return parts;
}

/** A known given name, also as the first part of a compound one ("Jean-Yves", "Anna-Lena"). */
function isGivenName(folded: string): boolean {
  if (FIRST_NAMES.has(folded)) return true;
  const dash = folded.indexOf('-');
  return dash > 0 && FIRST_NAMES.has(folded.slice(0, dash));
}

function fullCandidate(text: string, words: string[], start: number, end: number, role: string | undefined, base: number): FullCandidate {
  const { surname, first } = nameParts(words);
  const mention = mentionTexts.indexOf(text, start, end);
  return { start: start - base, end: end - base, text: mentionTexts.text(mention), form: mentionTexts.form(mention), surname, first, skeleton: nameSkeleton(surname), role };
}

/**
 * `fullCandidate` for the name made of tokens `lo` to `hi` (2-4 of them), read from the
 * token arrays without an array of words: `nameParts` rewritten over the tokens (a word is a
 * particle for it only as written, in lower case; a word's `eastAsianSurname` and
 * `firstName` are the gazetteer look-ups of its `normalizeName`, as `nameParts` does them).
 */
function fullCandidateOfTokens(text: string, lo: number, hi: number, start: number, end: number, role: string | undefined, base: number): FullCandidate {
  const mention = mentionTexts.indexOf(text, start, end);
  const mentionText = mentionTexts.text(mention);
  const form = mentionTexts.form(mention);
  let cleanCount = 0;
  let head = -1;
  let second = -1;
  for (let k = lo; k < hi; k++) {
    if (NAME_PARTICLES.has((tokenWord[k] as WordInfo).text)) continue;
    if (cleanCount === 0) head = k;
    else if (cleanCount === 1) second = k;
    cleanCount++;
  }
  if (cleanCount >= 2 && cleanCount <= 3) {
    const headWord = tokenWord[head] as WordInfo;
    // "Kim Clijsters" is Western, "Kim Jong Un" / "Kim Jong-un" are not.
    const surnameFirst = headWord.eastAsianSurname && (!headWord.firstName || cleanCount === 3 || (tokenWord[second] as WordInfo).text.includes('-'));
    if (surnameFirst) {
      let first = '';
      for (let k = second; k < hi; k++) {
        const w = tokenWord[k] as WordInfo;
        if (NAME_PARTICLES.has(w.text)) continue;
        first = first === '' ? w.text : `${first} ${w.text}`;
      }
      return { start: start - base, end: end - base, text: mentionText, form, surname: headWord.text, first, skeleton: headWord.skeleton, role };
    }
  }
  const last = tokenWord[hi - 1] as WordInfo;
  return { start: start - base, end: end - base, text: mentionText, form, surname: last.text, first: (tokenWord[lo] as WordInfo).text, skeleton: last.skeleton, role };
}

/**
 * Adds the candidates of one block to `out`, offsets relative to `base`. Reads the block's
 * text and, for speech context, up to 40 characters after it and 30 before it (`blockKey`
 * names exactly that).
 */
function collectBlockCandidates(text: string, block: Block, base: number, out: BlockCandidates): void {
  const { full } = out;
  readRuns(text, block);
  for (let r = 0; r < runCount; r++) {
    const runStart = runFrom[r] as number;
    const to = runTo[r] as number;
    let from = runStart;
    let rolePrefix: string | undefined;
    let lastReject = to - 1;
    while (lastReject >= runStart && !(tokenWord[lastReject] as WordInfo).reject) lastReject--;
    if (lastReject >= runStart) {
      // An organisation / outlet run ("Kadir Has University", "Al Jazeera English") is not a
      // person, unless a title follows the organisation and a name follows the title:
      // "European Commission President Ursula von der Leyen", "Police Chief Maria Santos".
      const next = lastReject + 1 < to ? (tokenWord[lastReject + 1] as WordInfo) : undefined;
      if (!next || !next.title || next.honorific) continue;
      rolePrefix = text.slice(tokenStart[runStart], tokenEnd[lastReject]);
      from = lastReject + 1;
    }
    while (from < to && (tokenWord[from] as WordInfo).nonName && !(tokenWord[from] as WordInfo).title) from++;
    titleRole(from, to, text);
    const restFrom = titled.restFrom;
    if (rolePrefix !== undefined && titled.role === undefined) continue;
    const role = rolePrefix !== undefined ? `${rolePrefix} ${titled.role ?? ''}`.trim() : titled.role;
    const restIsRun = titled.restIsRun;
    const honorific = titled.honorific;
    const givenName = titled.givenName;
    const parts = restFrom < to ? splitAtStops(restFrom, to) : 0;
    for (let q = 0; q < parts; q++) {
      const ps = partFrom[q] as number;
      const pe = partTo[q] as number;
      // Particles only live inside names.
      let lo = ps;
      let hi = pe;
      while (hi - lo > 1 && (tokenWord[lo] as WordInfo).particle && !(tokenWord[lo] as WordInfo).startsUpper) lo++;
      while (hi > lo && (tokenWord[hi - 1] as WordInfo).particle && !(tokenWord[hi - 1] as WordInfo).startsUpper) hi--;
      if (hi === lo) continue;
      let nameShaped = true;
      for (let k = lo; k < hi && nameShaped; k++) nameShaped = (tokenWord[k] as WordInfo).nameShaped;
      if (!nameShaped) continue;
      const count = hi - lo;
      const firstWord = tokenWord[lo] as WordInfo;
      const start = tokenStart[lo] as number;
      const end = tokenEnd[hi - 1] as number;
      // A role found before the run belongs to the name only when the name is the whole part
      // and the part opens the run's name side.
      const atRestStart = ps === restFrom;
      const attachedRole = lo === ps && hi === pe && atRestStart ? (role ?? (restIsRun ? lowerCaseRoleBefore(text, start, block.start) : undefined)) : undefined;
      const title = attachedRole !== undefined || (honorific && atRestStart);
      if (count >= 2 && count <= 4) {
        const rr = attachedRole ?? appositiveAfter(text, end, block.end) ?? appositiveBefore(text, start, block.start);
        const firstName = firstWord.givenName || (count <= 3 && firstWord.eastAsianSurname);
        // "Reporting by Jane Roe", "Photo by ...": a credit names a person.
        if (firstName || rr !== undefined || hasSpeechContext(text, start, end) || isCredit(text, start, block.start)) {
          full.push(fullCandidateOfTokens(text, lo, hi, start, end, rr, base));
          continue;
        }
      }
      if (count === 1) {
        const flags = (givenName && atRestStart ? SINGLE_GIVEN_NAME_HONORIFIC : 0) | (title || hasSpeechContext(text, start, end) ? SINGLE_TITLE_OR_CONTEXT : 0);
        addSingle(out, firstWord, start - base, attachedRole, flags);
        continue;
      }
      // Not a full name: each word may still be a known surname ("Lavrov Kuleba Ukraine").
      for (let k = lo; k < hi; k++) addSingle(out, tokenWord[k] as WordInfo, (tokenStart[k] as number) - base, undefined, 0);
    }
  }
  if (blockFirstHash >= 0) {
    // A hashtag starts with its "#": the search starts at the block's first one.
    HASHTAG.lastIndex = blockFirstHash - block.start;
    let h: RegExpExecArray | null;
    while ((h = HASHTAG.exec(block.text)) !== null) {
      const start = block.start + h.index + 1;
      const words = (h[1] as string).split('_');
      const infos = words.map(wordInfo);
      if (infos.some((w) => w.stop || w.reject)) continue;
      const end = start + (h[1] as string).length;
      const first = infos[0] as WordInfo;
      if (infos.length >= 2 && first.firstName) full.push(fullCandidate(text, words, start, end, undefined, base));
      else if (infos.length === 1) addSingle(out, first, start - base, undefined, 0);
    }
  }
}

/**
 * The memo key of a block's candidates: its text, plus the text around it that the rules
 * read. Speech context looks up to 40 characters past a name (so past the block end), and
 * the word before a name (up to 30 characters back) only through spaces, tabs and name
 * characters: the text before the block counts only when the block is not preceded by a
 * line break or other punctuation.
 */
function blockKey(text: string, block: Block): string {
  const before = block.start > 0 ? text.charCodeAt(block.start - 1) : NaN;
  const prefix = isInlineSpace(before) || isNameChar(before) ? text.slice(Math.max(0, block.start - 30), block.start) : '';
  const suffix = text.slice(block.end, block.end + 40);
  return `${prefix.length}:${suffix.length}:${prefix}${suffix}${block.text}`;
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
  /** Starts of the mentions, to add each once; only kept when blocks overlap (see `detectPeople`). */
  mentionStarts: Set<number> | undefined;
  /** Starts of full-name mentions, ascending. */
  fullStarts: number[];
  /** Start of the latest surname-only mention attached so far (-1: none). */
  lastSingle: number;
}

/**
 * True when `formOf` must rewrite a mention: an underscore, any whitespace but a plain space
 * (`\s`), or two spaces in a row.
 */
function formNeedsCleaning(mention: string): boolean {
  let afterSpace = false;
  for (let i = 0; i < mention.length; i++) {
    const c = mention.charCodeAt(i);
    if (c === 32) {
      if (afterSpace) return true;
      afterSpace = true;
      continue;
    }
    afterSpace = false;
    if (c === 95 || isSpaceUnit(c)) return true;
  }
  return false;
}

/**
 * The distinct texts of full-name mentions, found by a hash of the text's code units without
 * slicing it: a name repeated through a document costs one string (and one `formOf`), and
 * counting forms then hashes that same string. Looked up when a candidate is made, while its
 * text is still in the CPU cache (the clustering pass comes much later on a long document);
 * kept between analyses like the word tables, and emptied when it holds `MEMO_LIMIT` texts.
 */
class MentionTexts {
  private slots: number[] = new Array<number>(1024).fill(-1);
  private hashes: number[] = [];
  private texts: string[] = [];
  private forms: (string | undefined)[] = [];

  /** The index of `text[from, to)`, added when new (valid until the next call). */
  indexOf(text: string, from: number, to: number): number {
    let h = 0;
    for (let k = from; k < to; k++) h = (Math.imul(h, 31) + text.charCodeAt(k)) | 0;
    const mask = this.slots.length - 1;
    let slot = (h ^ (h >>> 15)) & mask;
    for (;;) {
      const index = this.slots[slot] as number;
      if (index < 0) break;
      const t = this.texts[index] as string;
      if (this.hashes[index] === h && t.length === to - from && text.startsWith(t, from)) return index;
      slot = (slot + 1) & mask;
    }
    if (this.texts.length >= MEMO_LIMIT) {
      this.slots = new Array<number>(1024).fill(-1);
      this.hashes = [];
      this.texts = [];
      this.forms = [];
      return this.indexOf(text, from, to);
    }
    const index = this.texts.length;
    this.texts.push(ownCopy(text.slice(from, to)));
    this.hashes.push(h);
    this.forms.push(undefined);
    if ((index + 1) * 2 > this.slots.length) {
      this.slots = new Array<number>(this.slots.length * 2).fill(-1);
      for (let i = 0; i <= index; i++) this.place(i);
    } else {
      this.slots[slot] = index;
    }
    return index;
  }

  text(index: number): string {
    return this.texts[index] as string;
  }

  form(index: number): string {
    return (this.forms[index] ??= formOf(this.texts[index] as string));
  }

  private place(index: number): void {
    const mask = this.slots.length - 1;
    const h = this.hashes[index] as number;
    let slot = (h ^ (h >>> 15)) & mask;
    while ((this.slots[slot] as number) >= 0) slot = (slot + 1) & mask;
    this.slots[slot] = index;
  }
}

const mentionTexts = new MentionTexts();

/** The surface form of a mention from its source text ("George R. R. Martin"), hashtag underscores read as spaces. */
function formOf(mentionText: string): string {
  // Almost every mention is already single-spaced: skip the two replacements (one scan instead).
  return formNeedsCleaning(mentionText) ? mentionText.replace(/_/g, ' ').replace(/\s+/g, ' ') : mentionText;
}

function compatibleFirst(cluster: Cluster, first: string | undefined): boolean {
  if (cluster.first === undefined || first === undefined) return true;
  return sameFirstNameVariant(cluster.first, first);
}

function newCluster(surname: string, skeleton: string, first: string | undefined, firstSeen: number, keepStarts: boolean): Cluster {
  const cl: Cluster = { surname, skeleton, forms: new Map(), firstSeen, mentions: [], mentionStarts: keepStarts ? new Set() : undefined, fullStarts: [], lastSingle: -1 };
  if (first !== undefined) cl.first = first;
  return cl;
}

/** Numbers the `detectPeople` calls, for `WordInfo.matchCall`. */
let peopleCall = 0;

const NO_CLUSTERS: readonly Cluster[] = [];

/**
 * The clusters a surname-only mention of `word` (skeleton `skeleton`) may belong to, in
 * creation order: those with the same surname, else those with a given name whose surname
 * is a near miss. Two-letter surnames ("Xi", "Li") only match as written; longer ones by
 * skeleton. No match gives one shared empty list, so unknown words (most of them) cost no
 * array.
 */
function surnameMatches(clusters: readonly Cluster[], word: string, skeleton: string): readonly Cluster[] {
  let exact: Cluster[] | undefined;
  for (const k of clusters) if (word.length < 3 ? k.surname === word : k.skeleton === skeleton) (exact ??= []).push(k);
  if (exact) return exact;
  let near: Cluster[] | undefined;
  for (const k of clusters) if (k.first !== undefined && sameSkeletonVariant(k.skeleton, skeleton)) (near ??= []).push(k);
  return near ?? NO_CLUSTERS;
}

const pendingListScratch: number[] = [];
const pendingIndexScratch: number[] = [];

/**
 * Detects people and their mentions in one document (UTF-16 offsets). `blocks` are as
 * `segment` makes them: each `block.text` is `text[block.start, block.end)`, which is read in
 * place.
 */
export function detectPeople(text: string, blocks: readonly Block[], memo?: BlockMemo): Person[] {
  // Block-local part: the candidates of each block. With a memo each block's list is
  // remembered (offsets relative to the block start); without one, all blocks fill one list
  // with document offsets, which saves two arrays per block.
  const lists: BlockCandidates[] = [];
  const bases: number[] = [];
  if (memo) {
    for (const block of blocks) {
      lists.push(
        memo.lookup('people.candidates', blockKey(text, block), () => {
          const out = emptyCandidates();
          collectBlockCandidates(text, block, block.start, out);
          return out;
        }),
      );
      bases.push(block.start);
    }
  } else {
    const out = documentCandidates;
    out.full = [];
    out.singleCount = 0;
    out.singleRoles = undefined;
    // Indexed: tens of thousands of blocks, and an iterator result object each otherwise.
    for (let b = 0; b < blocks.length; b++) collectBlockCandidates(text, blocks[b] as Block, 0, out);
    lists.push(out);
    bases.push(0);
  }

  // Document-wide part: clustering.
  const clusters: Cluster[] = [];
  /** Skeletons of every cluster's surname. */
  const skeletons = new Set<string>();

  // Every candidate has its own start when blocks do not overlap (a word belongs to one
  // run, and hashtag words are never run words), and each is added once: then a mention
  // cannot repeat and the per-cluster set of starts is not needed.
  let blocksOverlap = false;
  for (let b = 1; b < blocks.length && !blocksOverlap; b++) blocksOverlap = (blocks[b] as Block).start < (blocks[b - 1] as Block).end;

  /**
   * Adds a mention; `mentionText` is `text.slice(start, end)` and `form` its `formOf`. A
   * single word is its own (already interned) string and its own form: it holds no space or
   * underscore.
   */
  const addMention = (cl: Cluster, start: number, end: number, mentionText: string, form: string, role: string | undefined, fullName: boolean): void => {
    if (cl.mentionStarts) {
      if (cl.mentionStarts.has(start)) return;
      cl.mentionStarts.add(start);
    }
    cl.mentions.push({ start, end, text: mentionText });
    cl.forms.set(form, (cl.forms.get(form) ?? 0) + 1);
    if (cl.role === undefined && role !== undefined && !/s$/.test(role.split(/\s+/).pop() ?? '')) cl.role = role;
    cl.firstSeen = Math.min(cl.firstSeen, start);
    if (fullName) cl.fullStarts.push(start);
    else cl.lastSingle = Math.max(cl.lastSingle, start);
  };

  // Full names join the first cluster (in creation order) with the same surname skeleton and
  // a compatible given name, else the first with a surname variant. Both searches only
  // depend on (skeleton, given name) and the cluster list, so their answer is remembered
  // until a cluster is added; clusters are indexed by skeleton for the first search.
  const withGivenNameBySkeleton = new Map<string, Cluster[]>();
  /** The first cluster without a given name, by skeleton (for the surname-only pass below). */
  const surnameOnlyBySkeleton = new Map<string, Cluster>();
  let resolved = new Map<string, Map<string | undefined, Cluster>>();
  for (let b = 0; b < lists.length; b++) {
    const base = bases[b] as number;
    const full = (lists[b] as BlockCandidates).full;
    for (let f = 0; f < full.length; f++) {
      const c = full[f] as FullCandidate;
      const { surname, first, skeleton } = c;
      let byFirst = resolved.get(skeleton);
      let cl = byFirst?.get(first);
      if (cl === undefined) {
        const sameSkeleton = withGivenNameBySkeleton.get(skeleton);
        cl = sameSkeleton?.find((k) => compatibleFirst(k, first));
        cl ??= clusters.find((k) => k.first !== undefined && sameSkeletonVariant(k.skeleton, skeleton) && compatibleFirst(k, first));
        if (!cl) {
          cl = newCluster(surname, skeleton, first, base + c.start, blocksOverlap);
          clusters.push(cl);
          skeletons.add(skeleton);
          if (first !== undefined) {
            if (sameSkeleton) sameSkeleton.push(cl);
            else withGivenNameBySkeleton.set(skeleton, [cl]);
          } else if (!surnameOnlyBySkeleton.has(skeleton)) {
            surnameOnlyBySkeleton.set(skeleton, cl);
          }
          resolved = new Map();
          byFirst = undefined;
        }
        if (!byFirst) resolved.set(skeleton, (byFirst = new Map<string | undefined, Cluster>()));
        byFirst.set(first, cl);
      }
      addMention(cl, base + c.start, base + c.end, c.text, c.form, c.role, true);
    }
  }

  for (const k of clusters) k.fullStarts.sort((a, b) => a - b);
  // Surname-only mentions: exact skeleton first, then near misses of a known surname.
  // Unmatched one-word candidates: list `pendingList[q]`, entry `pendingIndex[q]` (arrays
  // reused from call to call, like `documentCandidates`).
  const pendingList = pendingListScratch;
  const pendingIndex = pendingIndexScratch;
  let pendingCount = 0;
  const call = ++peopleCall;
  /** The clusters each distinct word matches, at its `matchSlot` (see `WordInfo.matchCall`). */
  const matchLists: (readonly Cluster[])[] = [];
  for (let b = 0; b < lists.length; b++) {
    const base = bases[b] as number;
    const list = lists[b] as BlockCandidates;
    for (let i = 0; i < list.singleCount; i++) {
      const w = list.singleWord[i] as WordInfo;
      const word = w.text;
      if (word.length < 2) continue;
      // The clusters do not change during this pass, so the answer depends on the word only.
      let near: readonly Cluster[];
      if (w.matchCall === call) {
        near = matchLists[w.matchSlot] as readonly Cluster[];
      } else {
        near = surnameMatches(clusters, word, w.skeleton);
        w.matchCall = call;
        w.matchSlot = matchLists.length;
        matchLists.push(near);
      }
      // "Sir Keir" / "Dame Judi": the given name of a known person.
      if (near.length === 0 && ((list.singleFlags[i] as number) & SINGLE_GIVEN_NAME_HONORIFIC) !== 0) near = clusters.filter((k) => k.first === word);
      if (near.length) {
        const start = base + (list.singleStart[i] as number);
        addMention(nearestBefore(near, start), start, start + word.length, word, word, singleRole(list, i), false);
        continue;
      }
      pendingList[pendingCount] = b;
      pendingIndex[pendingCount] = i;
      pendingCount++;
    }
  }
  // Unknown surnames become people only with evidence: a title ("President Putin") or a
  // reporting verb ("Kuleba said", "according to Kuleba"); later bare mentions then attach.
  for (let q = 0; q < pendingCount; q++) {
    const list = lists[pendingList[q] as number] as BlockCandidates;
    const i = pendingIndex[q] as number;
    if (((list.singleFlags[i] as number) & SINGLE_TITLE_OR_CONTEXT) === 0) continue;
    const w = list.singleWord[i] as WordInfo;
    const word = w.text;
    const folded = w.folded;
    if (word.length < 3 || TITLE_WORDS.has(folded) || ROLE_NOUNS.has(folded) || isReportingVerb(folded)) continue;
    const skeleton = w.skeleton;
    if (skeletons.has(skeleton)) continue;
    const cl = newCluster(word, skeleton, undefined, (bases[pendingList[q] as number] as number) + (list.singleStart[i] as number), blocksOverlap);
    clusters.push(cl);
    skeletons.add(skeleton);
    if (!surnameOnlyBySkeleton.has(skeleton)) surnameOnlyBySkeleton.set(skeleton, cl);
  }
  for (let q = 0; q < pendingCount; q++) {
    const list = lists[pendingList[q] as number] as BlockCandidates;
    const i = pendingIndex[q] as number;
    const w = list.singleWord[i] as WordInfo;
    const k = surnameOnlyBySkeleton.get(w.skeleton);
    const base = bases[pendingList[q] as number] as number;
    const start = base + (list.singleStart[i] as number);
    if (k) addMention(k, start, start + w.text.length, w.text, w.text, singleRole(list, i), false);
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
      mentions: sortByStart(cl.mentions),
    };
    if (cl.role !== undefined) person.role = cl.role;
    people.push(person);
  }
  return people;
}

/**
 * Sorts spans by start, stably, in place (what `sort((a, b) => a.start - b.start)` gives).
 * A cluster's mentions arrive as a few ascending runs (full names, then surname-only
 * mentions, then those of new surnames), so runs are found and merged, without a comparator
 * call per pair.
 */
function sortByStart(spans: Span[]): Span[] {
  const n = spans.length;
  const runEnds: number[] = [];
  for (let i = 1; i < n; i++) if ((spans[i - 1] as Span).start > (spans[i] as Span).start) runEnds.push(i);
  if (runEnds.length === 0) return spans;
  runEnds.push(n);
  let from = spans;
  let to: Span[] = new Array<Span>(n);
  let ends = runEnds;
  while (ends.length > 1) {
    const merged: number[] = [];
    let lo = 0;
    for (let r = 0; r < ends.length; r += 2) {
      const mid = ends[r] as number;
      const hi = r + 1 < ends.length ? (ends[r + 1] as number) : mid;
      let i = lo;
      let j = mid;
      let k = lo;
      // Equal starts take the left run first: stable.
      while (i < mid && j < hi) to[k++] = (from[j] as Span).start < (from[i] as Span).start ? (from[j++] as Span) : (from[i++] as Span);
      while (i < mid) to[k++] = from[i++] as Span;
      while (j < hi) to[k++] = from[j++] as Span;
      merged.push(hi);
      lo = hi;
    }
    [from, to] = [to, from];
    ends = merged;
  }
  if (from !== spans) for (let i = 0; i < n; i++) spans[i] = from[i] as Span;
  return spans;
}

/** The cluster mentioned last before `pos` (first cluster when none is). */
function nearestBefore(clusters: readonly Cluster[], pos: number): Cluster {
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
