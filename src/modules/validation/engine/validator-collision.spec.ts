import type { CanonicalMessage } from '../../standardization/conversation/canonical';
import { contentConversationId } from '../../standardization/conversation/conversation-id';
import type * as Quality from './quality';
import { scanMessages } from './quality';
import { DatasetValidator } from './validator';

// No search finds two texts whose 64-bit content keys are the same (the key's lanes mix with
// each other), so here the scan gives two texts one key, as a collision would.
jest.mock('./quality', () => {
  const actual = jest.requireActual<typeof Quality>('./quality');
  return { ...actual, scanMessages: jest.fn(actual.scanMessages) };
});

const TEXTS = ['I cannot sleep before exams.', 'My sister stopped calling me.'];

beforeEach(() => {
  const real = jest.requireActual<typeof Quality>('./quality').scanMessages;
  jest.mocked(scanMessages).mockImplementation((messages) => {
    const scan = real(messages);
    if (TEXTS.includes(messages[0].content)) scan.key = { high: 7, low: 11 };
    return scan;
  });
});

describe('DatasetValidator when content keys collide', () => {
  it('takes the second text for a duplicate, but lists each under the id of its own content', () => {
    const records = TEXTS.map((text) => ({
      messages: [
        { role: 'user', content: text },
        { role: 'assistant', content: 'I hear you. What happened next?' },
      ],
    }));
    const validator = new DatasetValidator();
    [...records, records[1]].forEach((record, index) => validator.add(record, index));
    const report = validator.report();
    expect(jest.mocked(scanMessages)).toHaveBeenCalled();
    // All a 64-bit key can tell: the same key is the same content.
    expect(report.errors.map((error) => [error.index, error.message])).toEqual([
      [1, 'duplicate of record 0'],
      [2, 'duplicate of record 0'],
    ]);
    const derived = (record: (typeof records)[number]) =>
      contentConversationId(record.messages as CanonicalMessage[]);
    expect(derived(records[1])).not.toBe(derived(records[0]));
    expect(report.quality!.conversations.map((c) => c.conversationId)).toEqual([
      derived(records[0]),
      derived(records[1]),
      derived(records[1]),
    ]);
  });

  it("does not give a repeated content's id to another text with the same key", () => {
    const record = (text: string) => ({
      messages: [
        { role: 'user', content: text },
        { role: 'assistant', content: 'That sounds hard. Tell me more.' },
      ],
    });
    // The first text comes again (so its id is kept for later copies), then the second text,
    // whose key is the same: it must be hashed, not given the kept id; then each again.
    const records = [TEXTS[0], TEXTS[0], TEXTS[1], TEXTS[0], TEXTS[1]].map(record);
    const validator = new DatasetValidator();
    records.forEach((r, index) => validator.add(r, index));
    const ids = validator.report().quality!.conversations.map((c) => c.conversationId);
    const [a, b] = TEXTS.map((text) =>
      contentConversationId(record(text).messages as CanonicalMessage[]),
    );
    expect(a).not.toBe(b);
    expect(ids).toEqual([a, a, b, a, b]);
  });
});
