import fc from 'fast-check';
import type { CanonicalConversation } from './canonical';
import { type Converted, Standardizer } from './standardizer';
import { TARGET_FORMATS, toTarget } from './targets';
import { isPlainText, normalizeText } from './text-normalization';

/** Text as standardization stores it (normalization is applied on the way in). */
const content = fc
  .string({ unit: 'grapheme', minLength: 1, maxLength: 80 })
  .map((text) => normalizeText(text).text)
  .filter((text) => text !== '');

const conversation: fc.Arbitrary<CanonicalConversation> = fc.record({
  conversationId: fc.stringMatching(/^[A-Za-z0-9_-]{1,24}$/),
  source: fc.constantFrom('chatml', 'sharegpt', 'alpaca', 'vicuna'),
  messages: fc.array(fc.record({ role: fc.constantFrom('system', 'user', 'assistant'), content }), {
    minLength: 1,
    maxLength: 8,
  }),
  metadata: fc.dictionary(fc.stringMatching(/^[a-z]{1,8}$/), fc.oneof(fc.string(), fc.integer())),
  createdAt: fc
    .date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true })
    .map((date) => date.toISOString()),
});

describe('canonical → target → canonical', () => {
  const standardizer = new Standardizer();

  it.each(TARGET_FORMATS)('keeps roles, content and identity through %s', (target) => {
    fc.assert(
      fc.property(conversation, (original) => {
        const back = standardizer.convert(toTarget(original, target).record, 0) as Converted;
        expect(back.conversation).toBeDefined();
        expect(back.conversation.messages).toEqual(original.messages);
        expect(back.conversation.conversationId).toBe(original.conversationId);
        expect(back.conversation.createdAt).toBe(original.createdAt);
      }),
      { numRuns: 300 },
    );
  });
});

/** Characters that make normalization hard: mojibake parts, invisible and combining marks, spaces. */
const tricky = fc.oneof(
  fc.constantFrom('Ã', 'Â', 'â', '€', '™', '‘', '©', 'é', 'A', ' ', '\n', '\t', '\r'),
  fc.constantFrom('\u200b', '\u0303', '\u0083', '\u00a0', '\ufeff', '\u0000'),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
);

describe('normalizeText', () => {
  it('is idempotent on any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: tricky, maxLength: 40 }), (text) => {
        const once = normalizeText(text).text;
        expect(normalizeText(once).text).toBe(once);
      }),
      { numRuns: 2000 },
    );
  });

  it('is skipped (isPlainText) only for text it would leave as it is', () => {
    const spacing = fc.constantFrom(' ', '\n', 'a', 'B', '.', '\t', 'é', '\r', '\u00a0');
    for (const unit of [tricky, spacing])
      fc.assert(
        fc.property(fc.string({ unit, maxLength: 12 }), (text) => {
          if (isPlainText(text)) expect(normalizeText(text)).toEqual({ text, repaired: false });
        }),
        { numRuns: 3000 },
      );
    for (const text of ['a  b', 'a \nb', 'a\n\n\nb', ' a', 'a\n', 'tab\there', 'café'])
      expect([text, isPlainText(text)]).toEqual([text, false]);
    for (const text of ['a b', 'a\nb', 'a\n\nb', 'plain text.', ''])
      expect([text, isPlainText(text)]).toEqual([text, true]);
  });
});
