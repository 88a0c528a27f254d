import { normalizeText, repairMojibake } from './text-normalization';

describe('normalizeText', () => {
  it('uses NFC, \\n line breaks, single spaces and at most one blank line', () => {
    expect(normalizeText('  Cafe\u0301\r\n\r\n\r\n\r\nnext\t\t line  \u200b ').text).toBe(
      'Café\n\nnext line',
    );
  });

  it('removes control characters but keeps line breaks and tabs as spaces', () => {
    expect(normalizeText('a\u0000b\u0007c\td\ne').text).toBe('abc d\ne');
  });

  it('says when it repaired mojibake', () => {
    expect(normalizeText('donâ€™t')).toEqual({ text: 'don’t', repaired: true });
    expect(normalizeText('don’t')).toEqual({ text: 'don’t', repaired: false });
  });
});

describe('repairMojibake', () => {
  it.each([
    ['Ã©', 'é'],
    ['Ã¼ber', 'über'],
    ['â€œquotedâ€\u009d', '“quoted”'],
    ['â€”', '—'],
    ['ðŸ˜€', '😀'],
    ['Ã‡a', 'Ça'],
  ])('repairs %s', (broken, repaired) => {
    expect(repairMojibake(broken)).toBe(repaired);
  });

  it.each(['São Paulo', 'naïve café', 'Ã alone', '£5 and ©2024', 'Ångström'])(
    'leaves correct text alone: %s',
    (text) => {
      expect(repairMojibake(text)).toBe(text);
    },
  );
});

describe('normalizeText is idempotent', () => {
  it.each([
    ['a zero-width character inside mojibake', 'Ã\u200B‘'],
    ['a combining mark that composes into mojibake', 'A\u0303‘'],
    ['text encoded twice', 'Ã\u0083Â©'],
  ])('%s', (_label, text) => {
    const once = normalizeText(text).text;
    expect(normalizeText(once).text).toBe(once);
  });

  it('repairs text that was encoded twice', () => {
    expect(normalizeText('Ã\u0083Â©').text).toBe('é');
  });
});
