/**
 * The reporting-verb lexicon: verbs of saying that attach a quote to its speaker ("said",
 * "told reporters", "tweeted", "described ... as"). Inflected forms are listed explicitly
 * (no stemming: "states" the noun and "stated" the verb must not be confused more than
 * English already does). Shared by the quote and people detectors.
 */

const BASES: readonly [string, ...string[]][] = [
  ['say', 'says', 'said', 'saying'],
  ['tell', 'tells', 'told', 'telling'],
  ['add', 'adds', 'added', 'adding'],
  ['state', 'stated', 'stating'],
  ['urge', 'urges', 'urged', 'urging'],
  ['warn', 'warns', 'warned', 'warning'],
  ['write', 'writes', 'wrote', 'writing', 'written'],
  ['tweet', 'tweets', 'tweeted', 'tweeting'],
  ['post', 'posted', 'posting'],
  ['describe', 'describes', 'described', 'describing'],
  ['call', 'calls', 'called', 'calling'],
  ['accuse', 'accuses', 'accused', 'accusing'],
  ['deny', 'denies', 'denied', 'denying'],
  ['insist', 'insists', 'insisted', 'insisting'],
  ['stress', 'stresses', 'stressed', 'stressing'],
  ['note', 'notes', 'noted', 'noting'],
  ['explain', 'explains', 'explained', 'explaining'],
  ['argue', 'argues', 'argued', 'arguing'],
  ['claim', 'claims', 'claimed', 'claiming'],
  ['assert', 'asserts', 'asserted', 'asserting'],
  ['declare', 'declares', 'declared', 'declaring'],
  ['announce', 'announces', 'announced', 'announcing'],
  ['acknowledge', 'acknowledges', 'acknowledged', 'acknowledging'],
  ['admit', 'admits', 'admitted', 'admitting'],
  ['confirm', 'confirms', 'confirmed', 'confirming'],
  ['continue', 'continued'],
  ['reply', 'replies', 'replied', 'replying'],
  ['respond', 'responds', 'responded', 'responding'],
  ['answer', 'answers', 'answered'],
  ['ask', 'asks', 'asked', 'asking'],
  ['recall', 'recalls', 'recalled', 'recalling'],
  ['suggest', 'suggests', 'suggested', 'suggesting'],
  ['emphasise', 'emphasises', 'emphasised', 'emphasize', 'emphasizes', 'emphasized', 'emphasising', 'emphasizing'],
  ['underline', 'underlines', 'underlined'],
  ['complain', 'complains', 'complained'],
  ['predict', 'predicts', 'predicted'],
  ['vow', 'vows', 'vowed'],
  ['promise', 'promises', 'promised'],
  ['pledge', 'pledges', 'pledged'],
  ['threaten', 'threatens', 'threatened'],
  ['comment', 'comments', 'commented'],
  ['remark', 'remarks', 'remarked'],
  ['observe', 'observes', 'observed'],
  ['quip', 'quips', 'quipped'],
  ['lament', 'laments', 'lamented'],
  ['concede', 'concedes', 'conceded'],
  ['maintain', 'maintains', 'maintained'],
  ['reiterate', 'reiterates', 'reiterated'],
  ['demand', 'demands', 'demanded'],
  ['conclude', 'concludes', 'concluded'],
  ['caution', 'cautions', 'cautioned'],
  ['allege', 'alleges', 'alleged'],
  ['charge', 'charged'],
  ['report', 'reports', 'reported'],
  ['shout', 'shouts', 'shouted'],
  ['exclaim', 'exclaims', 'exclaimed'],
  ['whisper', 'whispered'],
  ['boast', 'boasts', 'boasted'],
  ['point', 'points', 'pointed'],
  ['express', 'expressed', 'expressing'],
  ['brand', 'branded'],
  ['dismiss', 'dismissed'],
  ['hail', 'hailed'],
  ['label', 'labelled', 'labeled'],
  ['term', 'termed'],
  ['agree', 'agreed'],
  ['hope', 'hopes', 'hoped'],
  ['mention', 'mentioned'],
  ['reveal', 'revealed'],
];

/** Every inflected form, lower-case. */
export const REPORTING_VERBS: ReadonlySet<string> = new Set(BASES.flat());

/**
 * Core verbs of saying: strong enough on their own to make a quote speech ("said", "told").
 * Verbs like "called" or "described" introduce speech only with a speaker and a quote that
 * reads like a statement; with a short quote they usually introduce a term.
 */
export const SPEECH_VERBS: ReadonlySet<string> = new Set(
  BASES.filter((b) =>
    [
      'say', 'tell', 'add', 'state', 'write', 'tweet', 'post', 'insist', 'stress', 'explain', 'argue', 'assert',
      'declare', 'announce', 'acknowledge', 'admit', 'confirm', 'continue', 'reply', 'respond', 'answer', 'ask',
      'recall', 'warn', 'urge', 'note', 'claim', 'emphasise', 'underline', 'complain', 'predict', 'vow', 'promise',
      'pledge', 'threaten', 'comment', 'remark', 'observe', 'quip', 'lament', 'concede', 'maintain', 'reiterate',
      'conclude', 'caution', 'shout', 'exclaim', 'whisper', 'boast', 'reveal', 'deny', 'insist', 'suggest',
    ].includes(b[0]),
  ).flat(),
);

/** True when `word` (any case) is a form of a reporting verb. */
export function isReportingVerb(word: string): boolean {
  return REPORTING_VERBS.has(word.toLowerCase());
}

/** True when `word` (any case) is a core verb of saying. */
export function isSpeechVerb(word: string): boolean {
  return SPEECH_VERBS.has(word.toLowerCase());
}

/**
 * Plural-noun look-alikes ("claims", "reports", "calls"): after a capitalised word they are
 * more often a noun ("False claims", "Media reports") than a verb, so they do not count as
 * speech context there.
 */
const NOUN_LIKE_FORMS: ReadonlySet<string> = new Set([
  'claims', 'comments', 'reports', 'notes', 'calls', 'states', 'charges', 'demands', 'promises', 'hopes', 'posts',
  'answers', 'remarks', 'points', 'tweets', 'warning', 'comment', 'report', 'note', 'call', 'state', 'post', 'answer',
  'remark', 'point', 'tweet', 'claim', 'demand', 'promise', 'hope', 'charge', 'term', 'label', 'brand', 'express',
  'caution', 'vow', 'pledge', 'mention', 'whisper', 'shout', 'quip', 'lament', 'reply', 'deny', 'continue', 'agree',
]);

/** Every lower-case form for which `isVerbAfterName` is true. */
export const VERB_AFTER_NAME_FORMS: ReadonlySet<string> = new Set([...REPORTING_VERBS].filter((w) => !NOUN_LIKE_FORMS.has(w)));

/** A reporting-verb form that reads as a verb right after a name ("Kuleba said", not "False claims"). */
export function isVerbAfterName(word: string): boolean {
  const w = word.toLowerCase();
  return REPORTING_VERBS.has(w) && !NOUN_LIKE_FORMS.has(w);
}
