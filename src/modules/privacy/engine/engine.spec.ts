import lists from '../lexicon/names-places.json';
import { addressFindings } from './addresses';
import { resolveOverlaps, scanText } from './analyzer';
import { ibanValid, luhnValid, ssnValid, vinValid } from './checksums';
import type { Finding } from './entities';
import { columnType, redactRecord, scanRecord, stringFields } from './records';
import { nameFindings } from './names';
import { patternFindings } from './patterns';
import { KeyedHasher, redactText } from './redact';
import { tokenize } from './tokens';

const found = (text: string) =>
  scanText(text).map((f) => [f.entityType, text.slice(f.start, f.end)]);

describe('checksums', () => {
  it('accepts valid numbers and refuses ones with a wrong check digit', () => {
    expect(luhnValid('4111 1111 1111 1111')).toBe(true);
    expect(luhnValid('4111 1111 1111 1112')).toBe(false);
    expect(ibanValid('GB82 WEST 1234 5698 7654 32')).toBe(true);
    expect(ibanValid('GB82 WEST 1234 5698 7654 33')).toBe(false);
    expect(vinValid('1M8GDM9AXKP042788')).toBe(true);
    expect(vinValid('1M8GDM9A1KP042788')).toBe(false);
    expect(ssnValid('123-45-6789')).toBe(true);
    for (const invalid of [
      '000-12-3456',
      '666-12-3456',
      '912-12-3456',
      '123-00-4567',
      '123-45-0000',
    ])
      expect(ssnValid(invalid)).toBe(false);
  });
});

describe('scanText', () => {
  it('finds the Safe Harbor identifiers Presidio lacks', () => {
    expect(found('MRN: 00482913')).toEqual([['MEDICAL_RECORD_NUMBER', '00482913']]);
    expect(found('Member ID: XJH482913023')).toEqual([['HEALTH_PLAN_ID', 'XJH482913023']]);
    expect(found('Fax: (212) 555-0187')).toEqual([['FAX_NUMBER', '(212) 555-0187']]);
    expect(found('The VIN is 1M8GDM9AXKP042788.')).toEqual([['VEHICLE_ID', '1M8GDM9AXKP042788']]);
    expect(found('My grandmother is 97 years old.')).toEqual([['DATE_TIME', '97 years old']]);
    expect(found('She is 45 years old.')).toEqual([]);
    expect(found('I live at 221 Baker Street with my sister.')).toEqual([
      ['STREET_ADDRESS', '221 Baker Street'],
    ]);
  });

  it('takes a lower-case street after an address lead, and not an everyday road without one', () => {
    expect(found('I live at 42 oak street with my mom.')).toEqual([
      ['STREET_ADDRESS', '42 oak street'],
    ]);
    expect(found('She lives on 200 elm drive')).toEqual([['STREET_ADDRESS', '200 elm drive']]);
    expect(found('It is 3 miles down the road.')).toEqual([]);
    expect(found('we walked 5 blocks down the street')).toEqual([]);
  });

  it('finds the elements of a date without its year, and stated ages over 89 (Safe Harbor)', () => {
    expect(found('I was born on March 3rd.')).toEqual([['DATE_TIME', 'March 3rd']]);
    expect(found('My birthday is the 12th of June.')).toEqual([['DATE_TIME', 'the 12th of June']]);
    expect(found('Since Dec. 5 I have not slept.')).toEqual([['DATE_TIME', 'Dec. 5']]);
    expect(found('My next appointment is 7/14.')).toEqual([['DATE_TIME', '7/14']]);
    expect(found("I'm 95 and my memory is going.")).toEqual([['DATE_TIME', '95']]);
    expect(found('My father turned 91 in the spring.')).toEqual([['DATE_TIME', '91']]);
    expect(found("We moved the 5th of June's appointment.")).toEqual([
      ['DATE_TIME', 'the 5th of June'],
    ]);
    expect(found('Her birthday is mid-March 3rd.')).toEqual([['DATE_TIME', 'March 3rd']]);
  });

  it('leaves scores, shares, fractions and counts that look like dates or ages alone', () => {
    for (const text of [
      'I would rate my anxiety 7/10 today.',
      'I only finished 3/4 of the worksheet.',
      "I'm 95% sure it was my fault.",
      'She is 92 pounds lighter.',
      'It will be 100 x worse if you wait.',
      'It may 5 weeks before it helps.',
      'In May 2 of my friends left.',
      'My rent will be 110 next month.',
      'They are 90 in total.',
      "I'm 100 with you on that.",
      'We buried our first born in Jan 13 years ago.'.replace('Jan', 'jan'),
    ])
      expect(found(text)).toEqual([]);
  });

  it('raises a weak match with a context word and leaves it out without one', () => {
    expect(found('The total was 94107 points')).toEqual([]);
    expect(found('my zip code is 94107')).toEqual([['ZIP_CODE', '94107']]);
  });

  it('does not take ordinary capitalised words, acronyms or contractions for names', () => {
    expect(found("I'm Tired. The MAC Address Changed and I'd Rather Not Talk.")).toEqual([]);
  });

  it('leaves ordinary capitalised words, run-together words and sentence-joins alone', () => {
    expect(
      found('Recognizing the pattern helps. Behavioral therapy too. Self-care matters.'),
    ).toEqual([]);
    expect(found('Read about Brain ChemicalsAnxiety and TodayMedication here.')).toEqual([]);
    expect(found('It takes time.It is normal to feel this way.In time it eases.')).toEqual([]);
    expect(found('I have tried CBT and DBT in 10, 15 minutes in a way that helps.')).toEqual([]);
  });

  it('does not take numbers in ordinary sentences for street addresses', () => {
    for (const text of [
      'During 2020 I lost my job.',
      "I've been struggling since spring 2019.",
      'I keep hearing 2 voices at night.',
      'I walked 3 miles down the road.',
      'I had 3 beers and wanted to drive.',
      'I talked to her via text 3 times.',
      'She is at work until 5 most days.',
      'Send it to my therapist by 5 please.',
    ])
      expect(found(text)).toEqual([]);
    expect(found('I moved to 42 Wallaby Way, Sydney.')).toEqual([
      ['STREET_ADDRESS', '42 Wallaby Way, Sydney'],
    ]);
  });

  it('covers what the review found missing or wrongly found', () => {
    expect(found('My husband John Baker left.')).toEqual([['PERSON', 'John Baker']]);
    expect(found('My number is 4155550132.')).toEqual([['PHONE_NUMBER', '4155550132']]);
    expect(found('Reach me at 1-415-555-0132')).toEqual([['PHONE_NUMBER', '1-415-555-0132']]);
    expect(found('I live at 87 Jakobi Road\r\nGleniti\r\nTimaru 7910')).toEqual([
      ['STREET_ADDRESS', '87 Jakobi Road\r\nGleniti\r\nTimaru 7910'],
    ]);
    expect(found('Go to 16 rue Descartes.')).toEqual([['STREET_ADDRESS', '16 rue Descartes']]);
    for (const text of [
      'I was at home 2015-2019',
      'I looked at the chart 2019',
      'My insurance 2019-2020 ran out.',
      'I said ok, Zoloft helps me.',
    ])
      expect(found(text)).toEqual([]);
  });

  it('finds places of several words, whose first word is an ordinary one', () => {
    expect(found('We moved from South Africa to North Carolina.')).toEqual([
      ['LOCATION', 'South Africa'],
      ['LOCATION', 'North Carolina'],
    ]);
    expect(found('The wind came from the west.')).toEqual([]);
  });

  it('finds nothing in one lower-case word, whichever list has it, unless words before say so', () => {
    // scanText answers such a text without running the recognizers: this holds it to what they
    // would have found, over every listed word that is one.
    const words = new Set(
      [
        lists.firstNames,
        lists.lastNames,
        lists.cities,
        lists.countries,
        lists.states,
        ['dr', 'mrs'],
      ]
        .flat()
        .filter((word) => /^[a-z]+$/.test(word)),
    );
    expect(words.size).toBeGreaterThan(10_000);
    const foundBy = [...words].filter(
      (word) =>
        patternFindings(word).length + addressFindings(word).length + nameFindings(word).length,
    );
    expect(foundBy).toEqual([]);
    expect(scanText('priya')).toEqual([]);
    expect(found('my friend priya')).toEqual([['PERSON', 'priya']]);
    // The shortcut holds for lower case only: a capitalised name alone is still found.
    expect(found('Priya')).toEqual([['PERSON', 'Priya']]);
  });

  it('takes a listed English word for a name after any title, or after a lead', () => {
    for (const title of ['Mr', 'Mrs', 'Ms', 'Miss', 'Mx', 'Dr', 'Prof', 'Sir', 'Madam', 'Mister'])
      for (const text of [`${title} Grief`, `${title.toUpperCase()}. Grief`])
        expect(found(`I met ${text} today.`)).toEqual([['PERSON', 'Grief']]);
    expect(found('I met dr grief today.')).toEqual([['PERSON', 'grief']]);
    // A title that ends the previous finding still makes the next word a name.
    expect(found('I met Ana Maria Mx Grief today.')).toEqual([
      ['PERSON', 'Ana Maria Mx'],
      ['PERSON', 'Grief'],
    ]);
    expect(found('Hi, they call me Grief.')).toEqual([['PERSON', 'Grief']]);
    expect(found('Grief comes and goes. I call it grief.')).toEqual([]);
  });

  it('finds names from the name lists, titles and leads, and places after a preposition', () => {
    expect(found('Dr. Okonkwo said my husband Daniel Schmidt should rest.')).toEqual([
      ['PERSON', 'Okonkwo'],
      ['PERSON', 'Daniel Schmidt'],
    ]);
    expect(found('We moved here from Rotterdam last year.')).toEqual([['LOCATION', 'Rotterdam']]);
  });
});

describe('tokenize', () => {
  it('ends the last word at the end of the text, after a longer text was read', () => {
    tokenize('Annabelle Smithsonian-Whitfield');
    const { tokens } = tokenize('Anna');
    expect(tokens.length).toBe(1);
    expect([tokens.at(0).start, tokens.at(0).end]).toEqual([0, 4]);
    expect(tokens.is(0, 'anna')).toBe(true);
  });
});

describe('resolveOverlaps', () => {
  const finding = (start: number, end: number, score: number, entityType = 'PERSON'): Finding => ({
    entityType: entityType as Finding['entityType'],
    start,
    end,
    score,
    recognizer: 'test',
  });

  it('keeps the higher score, then the longer span, and drops findings under the minimum', () => {
    const kept = resolveOverlaps([
      finding(0, 5, 0.6),
      finding(0, 10, 0.6),
      finding(3, 8, 0.9, 'US_SSN'),
      finding(20, 25, 0.4),
    ]);
    expect(kept).toEqual([finding(3, 8, 0.9, 'US_SSN')]);
    expect(resolveOverlaps([finding(0, 5, 0.6), finding(0, 10, 0.6)])).toEqual([
      finding(0, 10, 0.6),
    ]);
  });
});

describe('records', () => {
  it('reads column names', () => {
    expect(columnType('Patient Name')).toEqual({ entityType: 'PERSON', wholeColumn: true });
    expect(columnType('DOB')).toEqual({ entityType: 'DATE_TIME', wholeColumn: true });
    expect(columnType('notes')).toBeUndefined();
  });

  it('boosts findings of the column type and scans nested fields by path', () => {
    const findings = scanRecord({ zip: '94107', visit: { note: 'fine', dob: '1950-01-02' } });
    expect(findings.map((f) => [f.field, f.entityType])).toEqual([
      ['zip', 'ZIP_CODE'],
      ['visit.dob', 'DATE_TIME'],
    ]);
  });

  it('names fields in arrays by index, escapes dots in keys, and reads numbers as text', () => {
    const record = {
      messages: [{ content: 'hello' }, { content: 'mail me at ana@example.org' }],
      'contact.phone': 'call 617-555-0199',
      ssn: 123456789,
    };
    expect(stringFields(record)).toEqual([
      ['messages.0.content', 'hello'],
      ['messages.1.content', 'mail me at ana@example.org'],
      ['contact\\.phone', 'call 617-555-0199'],
      ['ssn', '123456789'],
    ]);
    expect(scanRecord(record).map((f) => [f.field, f.entityType])).toEqual([
      ['messages.1.content', 'EMAIL_ADDRESS'],
      ['contact\\.phone', 'PHONE_NUMBER'],
      ['ssn', 'US_SSN'],
    ]);
    expect(scanRecord(record, ['messages.1.content'])).toHaveLength(1);
  });

  it('scans own fields only, and a field whose key is empty', () => {
    const record = Object.assign(Object.create({ inherited: 'SSN 412-67-8901' }), {
      note: 'my SSN is 536-22-1234',
      '': 'mail ana@example.org',
    }) as Record<string, unknown>;
    expect(scanRecord(record).map((f) => [f.field, f.entityType])).toEqual([
      ['note', 'US_SSN'],
      ['', 'EMAIL_ADDRESS'],
    ]);
  });

  it('names fields under an empty key with a leading dot, and redacts them in place', () => {
    const record = { '': { note: 'mail ana@example.org', '': 'SSN 536-22-1234' } };
    const findings = scanRecord(record);
    expect(findings.map((f) => [f.field, f.entityType])).toEqual([
      ['.note', 'EMAIL_ADDRESS'],
      ['.', 'US_SSN'],
    ]);
    expect(redactRecord(record, findings, 'redact')).toEqual({
      '': { note: 'mail [EMAIL_ADDRESS]', '': 'SSN [US_SSN]' },
    });
  });

  it('reads a flattened key by its last part ("patient.name" is a name column)', () => {
    const findings = scanRecord({ 'patient.name': 'Bob', 'contact.phone': 'ext four two' });
    expect(findings.map((f) => [f.field, f.entityType, f.recognizer])).toEqual([
      ['patient\\.name', 'PERSON', 'column-name'],
      ['contact\\.phone', 'PHONE_NUMBER', 'column-name'],
    ]);
  });
});

describe('redactText', () => {
  const text = 'Call Maria Gonzalez at 415-555-0132.';
  const findings = scanText(text);

  it('replaces, masks or hashes every finding', () => {
    expect(redactText(text, findings, 'redact')).toBe('Call [PERSON] at [PHONE_NUMBER].');
    expect(redactText(text, findings, 'mask')).toBe('Call ************** at ************.');
    const hashed = redactText(text, findings, 'hash', new KeyedHasher(Buffer.alloc(32, 1)));
    expect(hashed).toMatch(/^Call \[PERSON:[0-9a-f]{16}\] at \[PHONE_NUMBER:[0-9a-f]{16}\]\.$/);
  });

  it('hashes numbers by their digits', () => {
    const one = new KeyedHasher(Buffer.alloc(32, 1));
    expect(one.token('PHONE_NUMBER', '415-555-0132')).toBe(
      one.token('PHONE_NUMBER', '(415) 555-0132'),
    );
  });

  it('gives the same token for the same value under one key and another under another key', () => {
    const one = new KeyedHasher(Buffer.alloc(32, 1));
    const two = new KeyedHasher(Buffer.alloc(32, 2));
    expect(one.token('PERSON', 'Maria  Gonzalez')).toBe(one.token('PERSON', 'maria gonzalez'));
    expect(one.token('PERSON', 'Maria Gonzalez')).not.toBe(two.token('PERSON', 'Maria Gonzalez'));
  });

  it('refuses to hash without a key', () => {
    expect(() => redactText(text, findings, 'hash')).toThrow('keyed hasher');
  });
});

describe('redactRecord', () => {
  const record = { id: 3, note: 'Email a.b@example.org', visit: { phone: '617-555-0101' } };
  const findings = scanRecord(record);

  it('redacts each scanned field of a copy and leaves the original', () => {
    expect(redactRecord(record, findings, 'redact')).toEqual({
      id: 3,
      note: 'Email [EMAIL_ADDRESS]',
      visit: { phone: '[PHONE_NUMBER]' },
    });
    expect(record.note).toBe('Email a.b@example.org');
  });

  it('drops a record with findings and keeps one without', () => {
    expect(redactRecord(record, findings, 'drop')).toBeNull();
    expect(redactRecord({ note: 'All fine' }, [], 'drop')).toEqual({ note: 'All fine' });
  });
});
