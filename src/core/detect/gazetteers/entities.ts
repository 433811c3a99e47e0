/**
 * Words that tell a capitalised sequence is NOT a person: places, organisation words,
 * outlets, calendar words, demonyms, and words that open sentences or headlines. All entries
 * are folded lower-case (see `foldName`). Compact by design: general classes (countries,
 * capitals, regions, organisation heads) rather than the places of one story.
 */

function set(s: string): ReadonlySet<string> {
  return new Set(s.split(/\s+/).filter((w) => w.length > 0));
}

/** Countries, capitals, big cities and regions (single words; multi-word names split into words). */
export const PLACES = set(`
afghanistan albania algeria andorra angola argentina armenia australia austria azerbaijan bahrain bangladesh
belarus belgium bolivia bosnia brazil britain bulgaria cambodia cameroon canada chad chile china colombia congo
croatia cuba cyprus czechia denmark egypt england eritrea estonia ethiopia europe finland france gaza georgia
germany ghana greece guatemala haiti honduras hungary iceland india indonesia iran iraq ireland israel italy japan
jordan kazakhstan kenya korea kosovo kuwait kyrgyzstan laos latvia lebanon libya lithuania luxembourg macedonia
malaysia mali malta mexico moldova monaco mongolia montenegro morocco mozambique myanmar namibia nepal netherlands
nicaragua niger nigeria norway oman pakistan palestine panama paraguay peru philippines poland portugal qatar
romania russia rwanda scotland senegal serbia singapore slovakia slovenia somalia spain sudan sweden switzerland
syria taiwan tajikistan tanzania thailand tunisia turkey turkiye turkmenistan uganda ukraine uruguay uzbekistan
venezuela vietnam wales yemen zambia zimbabwe america africa asia antarctica oceania arctic balkans caucasus crimea
donbas donbass donetsk luhansk kherson zaporizhzhia zaporozhye mariupol kharkiv kharkov odesa odessa lviv kyiv kiev
chernobyl chornobyl bucha irpin dnipro mykolaiv sevastopol moscow petersburg ankara istanbul antalya izmir
washington london paris berlin brussels rome madrid lisbon vienna warsaw prague budapest bucharest sofia athens
minsk vilnius riga tallinn helsinki stockholm oslo copenhagen amsterdam geneva bern dublin beijing shanghai tokyo
seoul delhi mumbai karachi islamabad kabul tehran baghdad damascus beirut amman jerusalem cairo riyadh doha dubai
abu dhabi tripoli tunis algiers rabat nairobi lagos johannesburg pretoria canberra sydney ottawa toronto montreal
york angeles chicago boston brasilia rio janeiro lima bogota caracas havana mexico hong kong kremlin pentagon
whitehall westminster downing sea ocean river gulf strait mediterranean baltic black atlantic pacific
east west north south eastern western northern southern central
`);

/** Words that make a capitalised sequence an organisation, event, building or document. */
export const ORGANISATION_WORDS = set(`
ministry ministries department office agency agencies council union nations committee commission parliament
assembly congress senate duma rada government administration cabinet party parties army navy forces force guard
police court tribunal bank fund university college school institute academy foundation association federation
organisation organization company corporation corp inc ltd group holdings airlines airways news times post
herald tribune journal gazette daily weekly press media network channel radio tv television agency magazine
forum summit conference treaty agreement accord pact war operation campaign programme program plan
international national federal republic kingdom emirates states church mosque hospital center centre museum
station airport port plant reactor facility principles trust site homepage page facebook twitter instagram
telegram youtube tiktok whatsapp google apple microsoft amazon street square avenue road bridge palace house hall
province region district oblast county city island islands mountains valley sea ocean affairs
`);

/** News outlets and wire services (folded; multi-word outlets matched word by word). */
export const OUTLETS = set(`
reuters afp ap bloomberg tass ria novosti interfax ukrinform unian xinhua kyodo yonhap anadolu dpa efe ansa
bbc cnn cnbc msnbc nbc cbs abc fox npr pbs sky itv euronews france24 dw guardian telegraph independent economist
jazeera aljazeera politico axios vox vice buzzfeed huffpost nytimes wsj nyt scanpix ntb gettyimages getty
shutterstock feedzy akismet wordpress
`);

export const MONTHS = set(
  'january february march april may june july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec',
);

export const WEEKDAYS = set('monday tuesday wednesday thursday friday saturday sunday today yesterday tomorrow');

/** Demonyms and other adjectives of origin that precede names ("Ukrainian", "Western"). */
export const DEMONYMS = set(`
russian ukrainian turkish american british english french german italian spanish polish chinese japanese indian
iranian iraqi israeli palestinian syrian lebanese egyptian saudi qatari emirati jordanian afghan pakistani
belarusian georgian armenian azerbaijani kazakh moldovan romanian hungarian czech slovak serbian croatian bosnian
greek cypriot bulgarian dutch belgian swiss austrian swedish norwegian danish finnish estonian latvian lithuanian
irish scottish welsh canadian mexican brazilian argentine korean european african asian arab western eastern
soviet nato
`);

/**
 * Capitalised words that open sentences, headlines and prompts, or are otherwise never part
 * of a person's name (pronouns, determiners, imperatives of page furniture).
 */
export const NON_NAME_WORDS = set(`
the a an this that these those there here it its he she they we i you his her their our my your
and or but so yet for nor if when while after before since until as at in on of to from by with without
about above below over under between among through during into onto upon against toward towards
according despite amid meanwhile however instead also then thus still even just only not no yes
read see click like share follow subscribe register sign log login leave reply comment comments watch listen
learn more top breaking live update updated photo photos video videos source sources image images credit
editing reporting writing additional related latest new old first last next previous
mr mrs ms dr prof sir lord lady madam dame
god allah covid
talks talk war peace crisis government officials official delegations expectations television
`);

/**
 * Words of a title written before a name ("Turkish Foreign Minister Mevlut Cavusoglu",
 * "Director General Rafael Grossi", "Prof. Jane Roe"). A capitalised run of these (with
 * demonyms) in front of a name is its role.
 */
export const TITLE_WORDS = set(`
president vice prime deputy first foreign defence defense interior finance economy energy health justice
minister ministers secretary state general director chancellor king queen prince princess crown emir sultan
sheikh pope cardinal archbishop bishop patriarch rabbi imam ayatollah senator sen congressman congresswoman
representative rep governor gov mayor ambassador envoy special spokesman spokeswoman spokesperson press
lieutenant lt colonel col major maj captain capt admiral adm commander sergeant sgt marshal field chief staff
chairman chairwoman chair ceo founder professor prof doctor dr judge justice attorney prosecutor mr mrs ms mx
dame sir lord lady opposition leader speaker executive assistant associate senior high commissioner commissar
`);

/** Role nouns of an appositive after a name (", a professor at ...", ", the spokesperson for ..."). */
export const ROLE_NOUNS = set(`
professor lecturer researcher fellow scientist analyst expert economist historian spokesperson spokesman
spokeswoman adviser advisor aide official diplomat director head chief minister president ambassador envoy
editor correspondent reporter journalist columnist writer author commentator lawmaker legislator senator member
chairman chairwoman chair ceo founder leader commander general governor mayor deputy secretary lawyer judge
activist candidate negotiator representative dean rector
`);
