/**
 * English function words used as a content signal (jusText-style stop-word density): running
 * prose is about 40 % function words, navigation / tag / credit residue almost none.
 * Hand-written rather than taken from a package: the npm stop-word lists (stopword,
 * stopwords-iso) ship dozens of languages, most of which the bundle would carry unused.
 */
export const ENGLISH_STOP_WORDS: ReadonlySet<string> = new Set(
  `a about above after again against all also am an and any are aren't as at be because been
  before being below between both but by can can't cannot could couldn't did didn't do does
  doesn't doing don't down during each few for from further had hadn't has hasn't have haven't
  having he he'd he'll he's her here here's hers herself him himself his how how's however i i'd
  i'll i'm i've if in into is isn't it it's its itself just let's me more most mustn't my myself
  no nor not now of off on once only or other ought our ours ourselves out over own same shan't
  she she'd she'll she's should shouldn't so some such than that that's the their theirs them
  themselves then there there's these they they'd they'll they're they've this those through to
  too under until up upon very was wasn't we we'd we'll we're we've were weren't what what's when
  when's where where's which while who who's whom why why's will with won't would wouldn't yet
  you you'd you'll you're you've your yours yourself yourselves said says say told according
  since already still even though although whether would also been among within without across
  against toward towards despite amid per via`
    .split(/\s+/)
    .filter((w) => w.length > 0),
);

/** True for an English function word (lower-case it first; curly apostrophes are accepted). */
export function isStopWord(lowerWord: string): boolean {
  return ENGLISH_STOP_WORDS.has(lowerWord.includes('\u2019') ? lowerWord.replace(/\u2019/g, "'") : lowerWord);
}
