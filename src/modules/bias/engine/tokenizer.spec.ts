import { termKey, tokenize } from './tokenizer';

describe('tokenize', () => {
  it('gives hyphen, slash and space variants the same words', () => {
    expect(tokenize('hard-of-hearing').words).toEqual(['hard', 'of', 'hearing']);
    expect(tokenize('Hard of  hearing').words).toEqual(['hard', 'of', 'hearing']);
    expect(tokenize('she/her pronouns').words).toEqual(['she', 'her', 'pronouns']);
    expect(termKey('Wheelchair-bound')).toBe(termKey('wheelchair bound'));
  });

  it('splits clitics off but keeps negations whole', () => {
    expect(tokenize("She's sure they're fine, but I don't know").words).toEqual([
      'she',
      "'s",
      'sure',
      'they',
      "'re",
      'fine',
      'but',
      'i',
      "don't",
      'know',
    ]);
  });

  it('folds curly apostrophes and accents', () => {
    expect(tokenize('Bahá’í').words).toEqual(["baha'i"]);
    expect(tokenize('He’s here').words).toEqual(['he', "'s", 'here']);
  });

  it('numbers clauses at sentence ends, commas, colons, brackets and dashes', () => {
    const { words, clauses } = tokenize("I don't care, all of them (really) are - fine: done. Ok");
    expect(words).toEqual([
      'i',
      "don't",
      'care',
      'all',
      'of',
      'them',
      'really',
      'are',
      'fine',
      'done',
      'ok',
    ]);
    expect(clauses).toEqual([0, 0, 0, 1, 1, 1, 2, 3, 4, 5, 6]);
    expect(tokenize('self-care and follow-up').clauses).toEqual([0, 0, 0, 0, 0]);
  });

  it('numbers sentences at full stops, question marks, semicolons and line breaks', () => {
    const { words, sentences } = tokenize('I am tired. Are you? Yes; maybe\nlater');
    expect(words).toEqual(['i', 'am', 'tired', 'are', 'you', 'yes', 'maybe', 'later']);
    expect(sentences).toEqual([0, 0, 0, 1, 1, 2, 3, 4]);
  });

  it('finds no words in an empty or punctuation-only text', () => {
    expect(tokenize('').words).toEqual([]);
    expect(tokenize('... !!').words).toEqual([]);
  });
});
