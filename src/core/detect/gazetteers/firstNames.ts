/**
 * A compact first-name gazetteer, many cultures, folded to lower-case ASCII (see
 * `foldName`). Gender is only used to resolve "he said" / "she added" to a compatible person;
 * names used for both are listed under `UNISEX`. The list is deliberately compact (a few
 * hundred frequent given names per region in news): unknown first names are still found
 * through titles, roles and reporting verbs.
 */

const MALE = `
aaron abbas abdel abdul abdullah abdulaziz abdulla abhishek abiy abraham adam adel adnan adrian ahmad ahmed
ajay akhil akira akram alain alan alberto albert alejandro aleksander aleksandr aleksei alexei alexey alexander alexandre
alexis alfonso alfred ali alistair amir amit anatoly anders andre andreas andrei andrey andres andrew andrii andriy
andrzej angelo anton antonio antony anthony antoine anwar arif armin arnold arseniy arseny arsen arthur arvind
ashraf ashok asif aslan avi ayman aziz bashar benjamin benedict bernard bernd bill bilal bob bogdan bohdan boris
boyko brad brandon brian bruno bulent burak can carl carlos cem cemal charles chris christian christopher cyril
dan daniel daniele danilo danylo dario darren david dean denis denys derek dieter dimitri dimitris dmitri dmitriy
dmitry dmytro domenico dominic donald doug douglas duncan edward edgar eduardo elon emmanuel emir enrique eric erik
ernesto evgeny evgeniy fabio fahad faisal farid fatih federico felipe fernando filip francesco francis francisco
frank franz frederic friedrich fuad gabriel garry gary gennady georg george georgiy gerald gerhard giorgi giorgio
giuseppe gordon gregory guido gustavo guy hakan hamid hamza hans harald harry hasan hassan heinrich helmut
henri henry herbert hugo hussein ibrahim ihor igor ilya imran ion isaac ismail ivan ivo jack jacob jaime jake
james jamal jan janez jaroslav javier jay jean jens jeremy jerome jim joachim joe joel johan johann john jonathan
jonas jorge jose josef joseph josh joshua juan julian justin felix fabian florian kamal karim karl kazimierz keith ken kenneth kevin khalid
kim kirill klaus konstantin kostiantyn kwame kyriakos lars laurent leonid leo leon levan liam lorenzo louis luca
lucas luis luiz lukas lukasz mahmoud majid mamuka manuel marco marcus mario mark marko martin mateusz matteo matthew
matthias maxim maksim maxime mehmet mehdi mevlut michael michel miguel mikhail mikheil mike milan miroslav mohamed
mohammad mohammed moshe muhammad murat mustafa mykhailo mykola naftali narendra nasser nathan nawaz neil nicholas
nicola nicolas nikita nikolai nikolay nikos nuri oleg oleksandr oleksii oleksiy olaf oliver omar oscar osman pablo
paolo pascal patrick paul pavel pavlo pedro peter petr petro petros philip philippe pierre piotr rafael ramzan
rashid raul recep reza ricardo richard riccardo rishi robert roberto rodrigo roman ron ruslan saad sadiq salman
sami samir samuel sanjay sebastian serge sergei sergej sergey sergio sergiy serhii serhiy shahid shinzo simon
sinan stanislav stefan stefano stephen steve steven stanley sultan suleyman svyatoslav taras tariq tayyip thomas
tim timothy tobias todd tom tomas tony tuncay ugur umar uhuru valentin valery valeriy vasily vasyl victor viktor
vikram vincent vitali vitaly vitalii vladimir vladislav vladyslav volker volodymyr vyacheslav walter werner
william wojciech wolfgang xavier yair yaroslav yasser yevgeny yevhen yosef youssef yuri yuriy yusuf zbigniew
zoran hamad tamim abdulrahman kemal binali devlet ekrem ahmet yasin ilham nikol alyaksandr aleksandar
shinzo fumio yoshihide narendra rahul shehbaz imran jair lula gustavo javier andres emmanuel olaf
boris rishi keir joe barack donald antony lloyd jake jens josep charles volodymyr dmytro oleksii
ronald jason larry jeffrey scott raymond jerry dennis harold ryan roger terry ralph lawrence roy bruce fred wayne
billy randy howard eugene russell bobby ernest phillip jesse craig shawn sean johnny earl jimmy danny bryan
leonard dale rodney curtis norman allen marvin glenn travis jeff chad melvin kyle bradley ray edwin don eddie
troy barry leroy theodore clifford calvin jon tommy derek warren floyd alvin wesley greg dustin derrick lewis
zachary corey herman maurice vernon hector shane rick brent ramon charlie tyler gilbert gene marc reginald ruben
brett nathaniel milton ben chester franklin mitchell roland harvey jared cory claude darryl clinton ted lance
cody julio kurt nelson clayton hugh max dwight armando everett ian wallace casey alfredo dave sidney byron
morris ross andy marshall perry kirk seth kent rene
yoav isaac itamar ehud gideon avigdor benny yahya ebrahim hossein javad masoud mojtaba qassem nabih walid
saeed khaled fahd mansour tamim hamad abdelaziz abdelmadjid kais julius bola muhammadu olusegun goodluck yoweri
raila emmerson hakainde macky alassane mahamat nayib evo alberto lenin guillermo joko prabowo ferdinand hun
srettha shigeru yoshimasa bilawal asim subrahmanyam jaishankar mamata nitish arvind yogi
`;

const FEMALE = `
aisha alexandra alice alina alla amal amanda amelia amina ana anastasia andrea angela angelina anita ann anna
annalena anne annette antonia ayse barbara beata beatrice brigitte carla carmen caroline catherine cecilia chantal
charlotte chloe christina christine claire claudia cynthia daria darya diana dilma dina eleni elena elif elisabeth
elizabeth ella ellen elvira emily emine emma esra eva evelyn fatima fatma fiona francesca gabriela giorgia greta
hanna hannah helen helena hilary hillary ilhan ines ingrid irina iryna isabel isabella jacinda jane janet jennifer
jessica jill joanna julia juliette karin kamala karina kate katarzyna katherine kathleen katja kaja kristina larysa
laura leyla liz lyudmila maia margaret maria mariana marie marina marine marta martina mary maryam melania
mette michelle mila monika nadia nancy natalia natalya nataliya natasha nicola nina nora oksana olena olga olha
paula petra pinar priya rachel rania roberta rosa ruth sandra sanna sara sarah selin sevgi shirin sigrid
simone sofia sonia sophie stella susan svetlana tamara tanya tatiana tatyana teresa theresa ulrike ursula
valentina vera veronika victoria viktoria yana yasmin yelena yulia yuliia zainab zehra zeynep
patricia linda dorothy lisa karen betty donna carol sharon kimberly deborah shirley melissa brenda amy rebecca
virginia pamela martha debra stephanie carolyn frances joyce diane julie heather doris gloria jean cheryl
mildred joan judith rose janice nicole judy kathy beverly denise tammy irene lori marilyn kathryn louise
jacqueline wanda bonnie ruby lois tina phyllis norma annie lillian peggy crystal gladys rita dawn connie
florence edna tiffany cindy grace wendy edith sherry sylvia josephine thelma shannon sheila ethel elaine
marjorie carrie monica esther pauline juanita rhonda hazel amber debbie april clara lucille joanne eleanor
valerie danielle megan alicia suzanne michele gail bertha darlene erin geraldine lauren cathy lorraine lynn
sally regina erica dolores bernice audrey yvonne june samantha vivian holly brittany melanie loretta yolanda
jeanette laurie katie kristen vanessa alma sue beth jeanne xiomara claudia sanae golda tzipi ayelet miri
rula hanan leila layla nour noura samira ngozi amina winnie graca ellen joyce
`;

const UNISEX = `
alex ashley chris dana jamie jordan kelly kim morgan robin sam sasha taylor yevhenia
`;

function words(s: string): string[] {
  return s.split(/\s+/).filter((w) => w.length > 0);
}

/** Folded given names mostly borne by men. */
export const MALE_FIRST_NAMES: ReadonlySet<string> = new Set(words(MALE));
/** Folded given names mostly borne by women. */
export const FEMALE_FIRST_NAMES: ReadonlySet<string> = new Set(words(FEMALE));
const UNISEX_NAMES: ReadonlySet<string> = new Set(words(UNISEX));

/** All known first names (folded). */
export const FIRST_NAMES: ReadonlySet<string> = new Set([...MALE_FIRST_NAMES, ...FEMALE_FIRST_NAMES, ...UNISEX_NAMES]);

/** What a first name suggests, for pronoun resolution only. */
export type Gender = 'male' | 'female' | 'unknown';

/** Gender suggested by a folded first name, `unknown` when the name is missing or ambiguous. */
export function genderOfFirstName(folded: string): Gender {
  const m = MALE_FIRST_NAMES.has(folded);
  const f = FEMALE_FIRST_NAMES.has(folded);
  if (UNISEX_NAMES.has(folded) || m === f) return 'unknown';
  return m ? 'male' : 'female';
}

/**
 * Transliteration groups of the same given name: each variant maps to one canonical key so
 * "Sergei" and "Sergey", "Dmytro" and "Dmitry" cluster together.
 */
const VARIANT_GROUPS = [
  'sergei sergey sergej serguei serhii serhiy sergiy',
  'dmitry dmitri dmitriy dmytro',
  'alexei alexey aleksei aleksey oleksii oleksiy',
  'alexander aleksandr oleksandr aleksander alyaksandr aleksandar alexandre',
  'volodymyr vladimir wladimir',
  'mikhail mykhailo',
  'nikolai nikolay mykola',
  'yuri yuriy yury iurii',
  'evgeny evgeniy yevgeny yevgeni yevhen',
  'andrei andrey andrii andriy',
  'vitali vitaly vitalii vitaliy',
  'valery valeriy valerii',
  'vasily vasyl vasili',
  'maxim maksim maksym',
  'igor ihor',
  'pavel pavlo',
  'petr petro pyotr',
  'tatiana tatyana tetiana',
  'natalia natalya nataliya',
  'yulia yuliia julia',
  'elena yelena olena',
  'olga olha',
  'irina iryna',
  'mohammed mohammad muhammad mohamed mohamad muhammed',
  'mevlut mevlit',
  'recep redzep',
  'hussein husein hussain',
  'yusuf youssef yousef',
];

const VARIANTS = new Map<string, string>();
for (const g of VARIANT_GROUPS) {
  const list = words(g);
  for (const w of list) VARIANTS.set(w, list[0] as string);
}

/** Canonical key of a folded given name (transliteration variants share one key). */
export function firstNameKey(folded: string): string {
  return VARIANTS.get(folded) ?? folded;
}

/**
 * Common Chinese and Korean family names (folded), which come first in the name: "Xi
 * Jinping", "Wang Yi", "Moon Jae-in".
 */
export const EAST_ASIAN_SURNAMES: ReadonlySet<string> = new Set(
  words(`
  wang li zhang liu chen yang huang zhao wu zhou xu sun ma zhu hu guo he lin gao luo zheng liang xie song tang
  han feng deng cao peng zeng xiao tian dong pan yuan cai jiang yu du ye cheng wei su lu ding ren shen yao xi qin
  kim lee park choi jung kang cho yoon jang lim shin han oh seo kwon hwang ahn song moon yoo hong
  `),
);
