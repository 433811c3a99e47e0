/**
 * The boilerplate rule pack: what scraped news pages carry around an article. Each rule is a
 * general pattern of page furniture (prompts, comment forms, credits, social residue), not a
 * line copied from a particular site. Patterns are tested against one trimmed line.
 *
 * `line` rules mark the whole line; `inline` rules mark only the match, for furniture glued
 * onto a content line ("… propaganda perspective.” Read more").
 */

/** One rule of the pack. */
export interface BoilerplateRule {
  /** Short machine-friendly reason reported with each match. */
  reason: string;
  pattern: RegExp;
  scope: 'line' | 'inline';
  /** Line rules only: longer lines are not matched (a long line starting "Share…" is prose). */
  maxLength?: number;
  /**
   * Cheap prefilter run before the pattern: a plain string the line must contain, or a
   * simple regular expression it must match (one scan, instead of the costlier pattern).
   */
  needs?: string | RegExp;
  /**
   * Line rules only: the pattern implies that the line's last word (after its last white
   * space) starts with an upper-case letter; lines whose last word does not are skipped
   * before `needs` (most prose ends with a lower-case word).
   */
  capitalisedLastWord?: boolean;
}

const MONTH = '(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)';
/** "March 7, 2022" or "7 March 2022". */
const DATE = `(?:${MONTH}\\.? \\d{1,2},? \\d{4}|\\d{1,2}\\.? ${MONTH}\\.? \\d{4})`;
/** A capitalised personal name of up to four words, allowing particles ("Anna de Vries"). */
const PERSON_NAME = "\\p{Lu}[\\p{L}.'’-]+(?:\\s+(?:(?:de|van|von|der|den|da|di|du|la|le|al|el|bin|ibn|dos|das|del|della|ter|ten)\\s+)*\\p{Lu}[\\p{L}.'’-]+){0,3}";
const SOCIAL = '(?:facebook|twitter|x|instagram|linkedin|telegram|whatsapp|reddit|pinterest|tiktok|youtube|flipboard|email|e-mail|mastodon|threads|bluesky|vk)';

function line(reason: string, pattern: RegExp, maxLength?: number, needs?: string | RegExp): BoilerplateRule {
  const rule: BoilerplateRule = { reason, pattern, scope: 'line' };
  if (maxLength !== undefined) rule.maxLength = maxLength;
  if (needs !== undefined) rule.needs = needs;
  return rule;
}

function inline(reason: string, pattern: RegExp, needs: string | RegExp): BoilerplateRule {
  return { reason, pattern, scope: 'inline', needs };
}

/** Whole-line rules, tried in order; the first match gives the reason. */
export const LINE_RULES: readonly BoilerplateRule[] = [
  // Subscription / registration walls.
  line('subscription-prompt', /^(?:register|sign[ -]?up|sign[ -]?in|log[ -]?in|subscribe|join|create (?:a |an )?(?:free )?account)(?: now| today| for free| free| here)?\b.{0,100}\b(?:access|account|subscri\w*|premium|unlimited|membership|free articles?)\b/i, 200),
  line('subscription-prompt', /^(?:already (?:a |have an? )?(?:subscriber|member|account)|you(?:'|’)?ve reached your (?:free )?(?:article )?limit|you have reached your (?:free )?(?:article )?limit|this (?:article|content|story) is (?:only )?(?:for|available to) (?:subscribers|members)|subscribe (?:now|today)|subscribe to (?:continue|read)|support (?:our|independent) journalism)\b/i, 200),
  line('subscription-prompt', /^(?:subscribe|register|sign up)[.!]?$/i, 30),
  // Newsletters and tip lines.
  line('newsletter', /^(?:sign up|subscribe|get|receive|join|never miss)\b.{0,80}\bnewsletters?\b/i, 200),
  line('newsletter', /^(?:get|receive) (?:our|the|all|the latest)\b.{0,60}\b(?:in|to|straight to) your inbox\b/i, 200),
  line('tip-line', /^(?:do you have|got|have you got|have) (?:a |any )?(?:news )?tips?\b/i, 200),
  line('tip-line', /^(?:send us|share) (?:a |your )?(?:news )?tips?\b/i, 200),
  line('tip-line', /^(?:get in touch|contact us|write to us|email us)\b/i, 120),
  // Related content and "read more" furniture.
  line('see-also', /^(?:see also|read also|also read|also see|related(?: articles?| stories| news| coverage| content| reading| posts?| links?)?|recommended(?: for you| stories| articles)?|you (?:may|might) also (?:like|be interested in|enjoy)|more (?:from|stories|news|on this story|on this topic)\b|further reading|most read|most popular|trending(?: now| stories)?|popular (?:now|stories)|editor(?:'|’)?s picks?|top stories|latest (?:news|stories))\b(?:[\s:\u00a0.]|$)/i, 220),
  line('read-more', /^(?:read more|read the full (?:story|article|report|statement)|continue reading|learn more|see more|show more|load more|view more|more stories|full story|click here(?: to read more| for more)?|keep reading)\b[\s\W]{0,6}$/i, 60),
  // "Read Lavrov: NATO expansion …" — a linked headline, not a sentence.
  line('related-headline', /^[Rr]ead(?::\s*|\s+)(?=\p{Lu})(?!.*[.!?]["'”’]?$).{3,140}$/u, 160),
  // Comments.
  line('comment-prompt', /^(?:click (?:here )?to comment|leave a (?:reply|comment|response)|post a comment|add (?:a |your )?comment|write a comment|join the (?:conversation|discussion|debate)|show comments|view comments|hide comments|cancel reply|comments?(?: \(\d+\))?|\d+ (?:comments?|responses?|replies)|no comments(?: yet)?|comments are closed|be the first to comment\b.*|log in to (?:reply|comment)|reply)[\s.!:]*$/i, 300),
  line('comment-form', /^(?:your email address will not be published\b|required fields are marked\b|save my name, e-?mail,? and website\b|this site uses akismet\b|learn how your comment data is processed|notify me of (?:new|follow-up) (?:comments|posts)\b|you must be (?:logged in|registered) to post a comment\b|(?:name|e-?mail|website|comment)\s*\*?:?$)/i, 300),
  line('comment-section', /^(?:one|two|three|four|five|six|seven|eight|nine|ten|\d+) (?:thoughts?|responses?|comments?|replies|reactions?) (?:on|to)\b/i, 300),
  // Pingbacks quote the post between ellipses: "[…] Title of the post […]".
  line('comment-section', /^\[(?:…|\.\.\.)\].*\[(?:…|\.\.\.)\]$/, 400),
  // Comment / pingback meta lines: "1. Some post | Site Name August 5, 2022 at 9:53 pm".
  line('comment-section', new RegExp(`^(?:\\d{1,3}\\.\\s+)?.{0,160}\\b${DATE}\\s+(?:at|@)\\s+\\d{1,2}:\\d{2}(?:\\s*[ap]\\.?m\\.?)?$`, 'i'), 240, /\d:\d\d/),
  // Share / like / follow prompts and social-button residue.
  line('share-prompt', new RegExp(`^(?:share|share this(?: article| story| post| page)?|share on ${SOCIAL}|share via ${SOCIAL}|${SOCIAL}|tweet|pin it|print|copy link|like this|like loading\\.*|follow us\\b.*|connect with us|give us a (?:like|follow)\\b.*|like (?:and|&) share\\b.*|like us on\\b.*|follow (?:@?\\w+ )?on ${SOCIAL}\\b.*|please (?:like|share)\\b.*|if you (?:liked|enjoyed) (?:this|the) (?:article|story|post)\\b.*|don(?:'|’)?t forget to (?:like|share|follow)\\b.*)[\\s.!:]*$`, 'iu'), 160),
  line('share-prompt', /^(?:(?:share|facebook|twitter|whatsapp|telegram|email|print|linkedin|reddit|copy link)[\s|,·•/]*){2,}$/i, 160),
  // Site footers and page chrome.
  line('site-footer', /^%d bloggers like this:?$|^\d+ bloggers like this\b/i, 40),
  line('site-footer', /^(?:generated|powered|curated|aggregated) by\b/i, 80),
  line('site-footer', /^(?:copyright\b|©|\(c\)\s)/i, 200),
  line('site-footer', /\ball rights reserved\.?$/i, 200, /reserved\.?$/i),
  line('site-footer', /^our (?:criteria|standards|editorial (?:standards|policy)|ethics)\b/i, 160),
  line('site-footer', /^(?:check out|visit|go to|explore) (?:the|our) (?:site|website|homepage|home page|blog)\b/i, 200),
  line('site-footer', /\bfor more (?:stories|articles|news|posts) like this\b/i, 200),
  // Timestamps: "Published 3 hours ago", "Updated: 12 March 2024, 10:41 GMT" (no sentence).
  line('page-chrome', /^(?:published|updated|posted|last updated|first published|modified)(?: on| at)?[\s:]+(?=.*(?:\d|\bago\b|\btoday\b|\byesterday\b))[^.!?]{1,60}$/i, 80),
  line('page-chrome', /^(?:advertisement|advertising|sponsored(?: content)?|ad|story continues below(?: advertisement)?|scroll (?:down )?to continue(?: with content)?|skip to (?:main )?content|skip advertisement|close|menu|search|home|back to top|next (?:article|story|post)|previous (?:article|story|post)|loading\.*|listen to (?:this )?article|\d+ min(?:ute)?s? read)[\s.!:]*$/i, 60),
  // Credits.
  line('credit', /^\(?(?:photos?|photograph|image|picture|pic|video|graphic|illustration|file photo|cover photo|featured image|main image|top image|lead image|header image)(?: credits?)?\s*(?:by\b|:|\/|\||–|—)/i, 240),
  line('credit', /^\(?(?:sources?|credits?|courtesy(?: of)?|via|images? (?:source|courtesy))\s*:/i, 240),
  line('credit', /^(?:image|photo|picture|video) (?:source|credit|copyright)s?\b[\s,:]/i, 160),
  line('credit', /^(?:[\p{Lu}][\p{L}.'-]*\s+){0,4}[\p{Lu}][\p{L}.'-]*\s*\/\s*(?:getty images|afp|reuters|ap|epa|anadolu(?: agency)?|shutterstock|scanpix|tass|ria novosti|sputnik|xinhua|bloomberg|efe|dpa|pa|alamy)\b.{0,60}$/iu, 200, '/'),
  // Bylines and editing credits.
  line('byline', /^\(?(?:additional )?(?:reporting|writing|editing|edited|written|compiled|produced|fact-checked|translated|research|graphics|contributing) by\b/i, 500),
  line('byline', new RegExp(`^[Bb][Yy]:?\\s+${PERSON_NAME}(?:\\s*(?:,|and|&)\\s*${PERSON_NAME})*(?:\\s*,\\s*(?:\\p{Lu}[\\p{L}'’-]*\\s?){1,4}|\\s*[|•·–—-]\\s*.{0,60})?$`, 'u'), 140),
  // Embedded-tweet residue.
  line('tweet-residue', /^(?:https?:\/\/)?(?:pic\.twitter\.com|t\.co)\/\w+$/i, 60),
  line('tweet-residue', new RegExp(`^[—–-]\\s*.{1,80}\\(@\\w{1,15}\\)\\s+${DATE}$`, 'iu'), 140, '(@'),
  line('tweet-residue', /^[—–-]\s*.{1,80}\(@\w{1,15}\)$/u, 120, '(@'),
  // Headline + outlet: "Top Russia, Ukraine diplomats in Turkey for first talks  Al Jazeera English".
  // (Outlet words are separated by exactly one space so the tail cannot be split two ways.)
  // (Prefilter: a space followed by a space or a bar, which both separators start with.)
  // (The outlet's last word follows the line's last white space, which the separator or a
  // single space between outlet words ends with, and starts with a capital.)
  { ...line('related-headline', /^.{15,200}?(?:\s\|\s|[\s\u00a0]{2,})\p{Lu}[\p{L}&.'’-]*(?:\s\p{Lu}[\p{L}&.'’-]*){0,3}$/u, 260, /\s[\s|]/), capitalisedLastWord: true },
];

/** Furniture glued onto a content line; only the match is marked. */
export const INLINE_RULES: readonly BoilerplateRule[] = [
  inline('read-more', /(?<=[.!?…"'”’)\]])[\s\u00a0]{0,3}(?:read more|continue reading|read the full (?:story|article))\b[\s.:…>»→]*$/gi, /read more|continue reading|read the full/i),
  inline('tweet-residue', /(?:https?:\/\/)?pic\.twitter\.com\/\w+/gi, 'pic.twitter'),
  inline('tweet-residue', new RegExp(`[—–]\\s*[^—–\\n]{1,80}\\(@\\w{1,15}\\)\\s+${DATE}$`, 'giu'), '(@'),
  inline('tip-line', /\[email[\s\u00a0]*protected\]/gi, 'protected'),
  inline('credit', /\((?:photo|image|picture|file photo|video)(?: credit)?\s*(?::|by)\s*[^()]{2,80}\)$/gi, /\((?:photo|image|picture|file|video)/i),
];

/** Every reason `detectBoilerplate` reports, with a phrase a reader understands. */
export const BOILERPLATE_REASONS: Readonly<Record<string, string>> = {
  'subscription-prompt': 'subscription or registration prompt',
  newsletter: 'newsletter sign-up',
  'tip-line': 'news-tip or contact line',
  'see-also': 'link to related content',
  'read-more': '"read more" link',
  'related-headline': 'headline of another article',
  'comment-prompt': 'comment prompt',
  'comment-form': 'comment form text',
  'comment-section': 'comment or pingback',
  'share-prompt': 'share / like / follow prompt',
  'site-footer': 'site footer',
  'page-chrome': 'page furniture (navigation, ads, timestamps)',
  navigation: 'navigation above the headline',
  credit: 'photo or source credit',
  byline: 'byline or editing credit',
  'tweet-residue': 'embedded-tweet residue',
  'repeated-title': 'the title repeated',
  'repeated-line': 'a line repeated in this document',
  'corpus-repeat': 'a line that recurs across sources',
  'low-content': 'short line among boilerplate',
  'link-list': 'mostly links',
  'user-pattern': 'matches a user-defined pattern',
};

/** A reader-facing phrase for a boilerplate reason (the reason itself when unknown). */
export function describeBoilerplateReason(reason: string): string {
  return BOILERPLATE_REASONS[reason] ?? reason;
}
