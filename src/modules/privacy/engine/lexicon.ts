import lists from '../lexicon/names-places.json';

/**
 * Words that are never names or places on their own, whatever the name lists say: function
 * words, months and days ("May", "June" and "Sunday" are in the name lists), words of the
 * counselling domain, and words a sentence often starts with.
 */
const ORDINARY = `a about above after again against all also always am an and any are as at
away back be because been before being below between both but by can cannot could did do does
doing done down during each even ever every few for from further get gets getting go goes going
gone got had has have having he her here hers herself him himself his how however i if in into
is it its itself just keep kept know last least less let like little long made make many may me
might more most much must my myself never new next no nor not now of off often old on once one
only or other our ours ourselves out over own please really right said same say says see she
should since so some still such sure take than that the their theirs them themselves then there
these they thing things think this those though through thus to today tomorrow too toward under
until up upon us very was way we well were what when where whether which while who whom whose
why will with within without would yes yet you your yours yourself yourselves hi hello hey dear
thanks thank okay ok sorry maybe perhaps
january february march april may june july august september october november december
monday tuesday wednesday thursday friday saturday sunday christmas easter
mom mum dad mother father sister brother son daughter wife husband partner friend friends boss
family kids kid child children baby doctor therapist counselor counsellor nurse patient client
god lord jesus allah buddha
anxiety depression stress therapy session sessions feel feeling feelings help hope love life
work job school home house time day days week weeks month months year years night morning
english spanish french german american british african asian european latin
street road avenue drive lane suite apt apartment unit floor box
north south east west northern southern eastern western
name names named corner lives lived living located mr mrs ms miss dr prof
zoloft prozac xanax wellbutrin lexapro celexa paxil abilify seroquel lithium adderall ritalin
klonopin ativan valium effexor cymbalta lamictal trazodone sertraline fluoxetine escitalopram
bupropion quetiapine aripiprazole lorazepam clonazepam alprazolam venlafaxine duloxetine
lamotrigine vyvanse concerta naltrexone suboxone methadone narcan ambien melatonin
instagram tiktok facebook snapchat twitter whatsapp youtube reddit discord netflix spotify
google amazon walmart zoom uber covid coronavirus`;

const ordinary = new Set(ORDINARY.split(/\s+/).filter(Boolean));
const common = new Set([...lists.commonWords, ...ordinary]);

const FIRST_NAMES = new Set(lists.firstNames);
const LAST_NAMES = new Set(lists.lastNames);
export const PLACES = new Set([...lists.cities, ...lists.countries, ...lists.states]);
const COUNTRIES = new Set(lists.countries);
/** The most words a place name in the lists has ("bosnia and herzegovina"). */
export const PLACE_MAX_WORDS = 4;
/** First words of the places that have more than one ("vatican" of "vatican city"). */
const PLACE_FIRST_WORDS = new Set(
  [...PLACES].filter((place) => place.includes(' ')).map((place) => place.split(' ')[0]),
);

/** What the lists say a lower-case word (or place phrase) is, as bits of one number. */
export const FIRST_NAME = 1;
export const LAST_NAME = 2;
export const PLACE = 4;
export const PLACE_FIRST_WORD = 8;
export const COUNTRY = 16;
export const ORDINARY_WORD = 32;
export const COMMON_WORD = 64;

/** Every listed word with its kinds: one lookup answers what used to take one per list. */
const KINDS = new Map<string, number>();
for (const [words, kind] of [
  [FIRST_NAMES, FIRST_NAME],
  [LAST_NAMES, LAST_NAME],
  [PLACES, PLACE],
  [PLACE_FIRST_WORDS, PLACE_FIRST_WORD],
  [COUNTRIES, COUNTRY],
  [ordinary, ORDINARY_WORD],
  [common, COMMON_WORD],
] as const) {
  for (const word of words) KINDS.set(word, (KINDS.get(word) ?? 0) | kind);
}

/** The kinds of a lower-case word or phrase (0 when no list has it). */
export const kindsOf = (lower: string): number => KINDS.get(lower) ?? 0;

/** An ordinary English word: a name or place with this spelling needs more evidence. */
export function isCommonWord(lower: string, kinds = kindsOf(lower)): boolean {
  if (kinds & COMMON_WORD) return true;
  // Inflected forms of common words ("watchers", "capitalized") and contractions ("i'd").
  const apostrophe = lower.search(/['’]/);
  if (apostrophe > 0) return common.has(lower.slice(0, apostrophe));
  // "self-care", "follow-up": a compound of common words.
  if (lower.includes('-'))
    return lower.split('-').every((part) => part === '' || isCommonWord(part));
  for (const suffix of ['s', 'es', 'ed', 'd', 'ing', 'ly', 'er', 'al']) {
    if (lower.length <= suffix.length + 2 || !lower.endsWith(suffix)) continue;
    const stem = lower.slice(0, -suffix.length);
    // "recognizing" → "recognize", "behavioral" → "behavior".
    if (common.has(stem) || common.has(stem + 'e')) return true;
  }
  return false;
}
/** The words that are never a name or a place on their own. */
export const ordinaryWords = (): string[] => [...ordinary];
