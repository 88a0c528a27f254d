import fc from 'fast-check';
import {
  isPlaceholder,
  messageContentScore,
  PLACEHOLDER,
  qualityLevel,
  scanConversation,
  type TextShape,
} from './quality';
import { type Converted, Standardizer } from '../../standardization/conversation/standardizer';
import { DatasetValidator, type ValidationOptions } from './validator';
import { contentConversationId } from '../../standardization/conversation/conversation-id';

const chat = (...turns: [string, string][]) => ({
  messages: turns.map(([role, content]) => ({ role, content })),
});
const good = chat(
  ['user', 'I have been feeling anxious every morning before work.'],
  ['assistant', 'That sounds exhausting. What do you notice in your body when it starts?'],
);

function validate(records: unknown[], options: ValidationOptions = {}) {
  const validator = new DatasetValidator(options);
  records.forEach((record, index) => validator.add(record, index));
  return validator.report();
}

const codes = (records: unknown[], options: ValidationOptions = {}) =>
  validate(records, options).errors.map((error) => error.code);

describe('DatasetValidator errors', () => {
  it('passes a well-formed conversation', () => {
    const report = validate([good]);
    expect(report.valid).toBe(true);
    expect(report.errors).toEqual([]);
  });

  it.each([
    ['blank-row', {}],
    ['blank-row', { prompt: '', response: null }],
    ['unknown-template', { note: 'no conversation here' }],
    ['invalid-role', chat(['coach', 'hello there'], ['assistant', 'hi'])],
    ['type-error', { messages: [{ role: 'user', content: 42 }] }],
    ['no-messages', chat(['user', '   '])],
  ])('reports %s', (code, record) => {
    expect(codes([record])).toContain(code);
  });

  it('shows the offending value of a role or type error, cut short', () => {
    const report = validate([
      chat(['coach', 'hello there'], ['assistant', 'hi']),
      { messages: [{ role: 'user', content: { text: 'x'.repeat(500) } }] },
      'just a line of text',
    ]);
    expect(report.errors.map(({ code, field, value }) => ({ code, field, value }))).toEqual([
      { code: 'invalid-role', field: 'messages[0]', value: 'coach' },
      {
        code: 'type-error',
        field: 'messages[0]',
        value: `{"text":"${'x'.repeat(70)}…`,
      },
      { code: 'type-error', field: undefined, value: 'just a line of text' },
    ]);
  });

  it('reports a value nested too deep to show without one', () => {
    const deep = JSON.parse('['.repeat(20_000) + ']'.repeat(20_000));
    const report = validate([{ messages: [{ role: 'user', content: deep }] }]);
    expect(report.errors).toEqual([
      expect.objectContaining({ code: 'type-error', field: 'messages[0]' }),
    ]);
    expect(report.errors[0].value).toBeUndefined();
  });

  it.each([
    [{ instruction: ' ', output: '' }],
    [{ messages: null, id: null }],
    [{ question: '\n', answer: null }],
    [{ conversations: undefined, system: '\t' }],
    [{ prompt: '  ', response: '  ' }],
    [{ instruction: '\u3000', output: '\u2003' }],
  ])('reports a blank %j as a blank row only, with or without a schema check', (record) => {
    expect(codes([record])).toEqual(['blank-row']);
    expect(codes([record], { schemaFormat: 'chatml' })).toEqual(['blank-row']);
  });

  it('shows the ids standardization derives for records without one', () => {
    const record = {
      prompt: 'I keep replaying the argument.',
      response: 'What stays with you most?',
    };
    const { conversation } = new Standardizer().convert(record, 0) as Converted;
    const report = validate([record, { ...record }]);
    expect(report.quality!.conversations.map((c) => c.conversationId)).toEqual([
      conversation.conversationId,
      conversation.conversationId,
    ]);
    expect(report.errors).toEqual([
      expect.objectContaining({
        code: 'duplicate-conversation',
        index: 1,
        value: conversation.conversationId,
      }),
    ]);
    const lean = validate([record, { ...record }], { conversationScores: false });
    expect(lean.errors).toEqual(report.errors);
  });

  it('reports role order: repeated roles, a missing side, a late system prompt', () => {
    expect(codes([chat(['user', 'one thing'], ['user', 'another thing'])])).toEqual([
      'role-order',
      'role-order',
    ]);
    expect(codes([chat(['user', 'hi'], ['assistant', 'hello'], ['system', 'be brief'])])).toEqual([
      'role-order',
    ]);
  });

  it('reports empty turns that standardization dropped', () => {
    const report = validate([
      chat(['user', 'I am tired.'], ['assistant', ' '], ['assistant', 'Tell me more about it.']),
    ]);
    expect(report.errors[0]).toMatchObject({ code: 'empty-message', field: 'messages' });
  });

  it('reports messages that are too short or too long, with the value cut to 80 characters', () => {
    const long = 'word '.repeat(100).trim();
    const report = validate([chat(['user', 'x'], ['assistant', long])], { maxMessageChars: 100 });
    expect(report.errors.map((error) => [error.code, error.field])).toEqual([
      ['too-short', 'messages[0].content'],
      ['too-long', 'messages[1].content'],
    ]);
    expect(report.errors[1].value).toHaveLength(80);
  });

  it('reports duplicates by id and by content, naming the first', () => {
    const report = validate([
      { id: 'a', ...good },
      { id: 'b', ...good },
      {
        id: 'a',
        ...chat(['user', 'something else entirely'], ['assistant', 'and a different answer']),
      },
    ]);
    expect(report.errors.map((error) => [error.index, error.code, error.message])).toEqual([
      [1, 'duplicate-conversation', 'duplicate of record 0'],
      [2, 'duplicate-conversation', 'duplicate of record 0'],
    ]);
  });

  it('reports text that lost bytes in decoding', () => {
    expect(
      codes([{ prompt: 'I feel \uFFFD today', response: 'Tell me more about today.' }]),
    ).toEqual(['encoding-error']);
  });

  it('checks a JSON Schema when a format is named', () => {
    const report = validate([{ messages: [{ role: 'robot', content: '' }], tools: [] }], {
      schemaFormat: 'canonical',
      checks: ['schema'],
    });
    const found = report.errors.map((error) => `${error.code}:${error.field ?? ''}`);
    expect(found).toEqual(
      expect.arrayContaining([
        'missing-field:conversationId',
        'extra-field:tools',
        'invalid-role:messages[0].role',
        'empty-message:messages[0].content',
      ]),
    );
  });

  it('lists at most maxErrors errors and counts the rest', () => {
    const report = validate(
      Array.from({ length: 10 }, () => ({})),
      { maxErrors: 3 },
    );
    expect(report.errors).toHaveLength(3);
    expect(report.errorsOmitted).toBe(7);
    expect(report.stats).toMatchObject({
      errors: 10,
      invalidRecords: 10,
      errorsByCode: { 'blank-row': 10 },
    });
  });
});

describe('DatasetValidator quality', () => {
  const scoreOf = (record: unknown) => validate([record]).quality!.conversations[0];

  it('scores a good counselling exchange excellent', () => {
    const quality = scoreOf(
      chat(
        ['user', 'Since the breakup I stopped seeing friends and nothing feels worth doing.'],
        [
          'assistant',
          'It makes sense to pull back after a loss like that. Who is one person you still feel safe with?',
        ],
        ['user', 'Probably my sister, we used to talk every week.'],
        [
          'assistant',
          'Would it feel possible to send her a short message this week, just to reconnect?',
        ],
      ),
    );
    expect(quality.level).toBe('excellent');
    expect(quality.parts).toEqual({ structure: 1, content: 1, duplicates: 1, completeness: 1 });
  });

  it('takes points off placeholder, keyboard mash and repeated characters', () => {
    const lorem = scoreOf(
      chat(
        ['user', 'lorem ipsum dolor sit amet, consectetur'],
        ['assistant', 'lorem ipsum dolor sit amet consectetur adipiscing elit sed do'],
      ),
    );
    const mash = scoreOf(
      chat(
        ['user', '#### $$$$ %%%% !!!! 1234 5678'],
        ['assistant', 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa'],
      ),
    );
    expect(lorem.parts.content).toBeLessThan(0.5);
    expect(mash.parts.content).toBeLessThan(0.5);
  });

  it('takes filler for a placeholder only when it is most of the message', () => {
    for (const filler of ['TODO', 'test', 'test 123', 'testing testing 1 2 3', 'n/a', 'TBD.'])
      expect([filler, isPlaceholder(filler)]).toEqual([filler, true]);
    for (const framed of [
      'Sample text here',
      'Lorem ipsum dolor sit amet, consectetur adipiscing elit.',
      'This is a test.',
      'This is just a test answer',
      'this is a test message!!',
      'TEST MESSAGE PLEASE IGNORE',
      'Testing, please ignore',
      'test reply pls ignore',
      'TODO: write the answer here',
      'TODO: add therapist answer',
      'TODO: fill in',
      'Answer: TBD',
    ])
      expect([framed, isPlaceholder(framed)]).toEqual([framed, true]);
    for (const english of [
      'I failed my maths test today and I feel awful.',
      'My pregnancy test came back positive and I am scared.',
      'I wrote a todo list to get through the day.',
      'The drug test at work is on Friday.',
      'This is a test of my patience, every single day.',
    ]) {
      expect([english, isPlaceholder(english)]).toEqual([english, false]);
      expect(messageContentScore(english, 'user')).toBe(1);
    }
    // Short questions and statements about a test or an open date are messages, not filler.
    for (const short of [
      'Is this a test?',
      "It's the test.",
      'The test is here',
      'Is the test today?',
      'The test is in an hour',
      'Is this a test from God?',
      'The answer is TBD',
      'The date is TBD',
      'It is just a test, right?',
      // A filler word must be a whole word ("Testé" is not "test").
      'This is a Testé',
    ])
      expect([short, isPlaceholder(short)]).toEqual([short, false]);
    // Letters of every script count (the Chinese, "I feel very sad today", is most of the
    // message), and a filler word must be a whole word.
    expect(isPlaceholder('test 我今天很难过')).toBe(false);
    expect(isPlaceholder('Testé.')).toBe(false);
  });

  it('scores structure by turns, alternation and both roles', () => {
    expect(
      scoreOf(chat(['user', 'one question here'], ['user', 'and another question'])).parts
        .structure,
    ).toBeLessThan(0.5);
    expect(scoreOf(good).parts.structure).toBeGreaterThan(0.9);
  });

  it('scores completeness: an unanswered conversation loses half', () => {
    expect(
      scoreOf(
        chat(
          ['user', 'I cannot sleep at night.'],
          ['assistant', 'How long has that been going on?'],
          ['user', 'Months.'],
        ),
      ).parts.completeness,
    ).toBe(0.5);
  });

  it('tells exact and near duplicates from distinct conversations', () => {
    const base = [
      'I have been feeling anxious every morning before work and I cannot calm down no matter what I try to do.',
      'Thank you for sharing that. It sounds exhausting. What do you notice in your body when the anxiety starts in the morning?',
    ];
    const report = validate([
      chat(['user', base[0]], ['assistant', base[1]]),
      chat(['user', base[0]], ['assistant', base[1]]),
      chat(['user', base[0].replace('every', 'each')], ['assistant', base[1]]),
      chat(
        ['user', 'My teenager refuses to talk to me and I do not know how to reach them any more.'],
        [
          'assistant',
          'Wanting to reach your child shows how much you care. What happened the last time you talked?',
        ],
      ),
    ]);
    expect(report.quality!.conversations.map((c) => c.parts.duplicates)).toEqual([1, 0, 0.5, 1]);
  });

  it('scores near-duplicates as they come, across runs of queued conversations', () => {
    // Texts of 60 words from a vocabulary of 4000 (xorshift): two of them share no shingle.
    let state = 12345;
    const word = () => {
      state ^= state << 13;
      state ^= state >>> 17;
      state ^= state << 5;
      return `w${(state >>> 0) % 4000}`;
    };
    const text = () => Array.from({ length: 60 }, word).join(' ');
    // Unique, then a near-duplicate of it (its 48th word changed: one shingle of 46), then an
    // exact duplicate of the first; 700 conversations span several runs of the queue.
    const records: unknown[] = [];
    const expected: number[] = [];
    while (records.length < 700) {
      const user = text();
      const near = user.split(' ');
      near[47] = 'changed';
      const answer = 'Thank you for telling me. What would help most right now?';
      records.push(chat(['user', user], ['assistant', answer]));
      records.push(chat(['user', near.join(' ')], ['assistant', answer]));
      records.push(chat(['user', user], ['assistant', answer]));
      expected.push(1, 0.5, 0);
    }
    const options: ValidationOptions = { checks: ['quality'], now: new Date(0) };
    const report = validate(records, options);
    const conversations = report.quality!.conversations;
    expect(conversations.map((c) => c.index)).toEqual(records.map((_, i) => i));
    expect(conversations.map((c) => c.parts.duplicates)).toEqual(expected);
    // A report asked for midway settles the queue, and the validator goes on as before.
    const validator = new DatasetValidator(options);
    records.forEach((record, index) => {
      validator.add(record, index);
      if (index === 300) expect(validator.report().quality!.conversations).toHaveLength(301);
    });
    expect(JSON.stringify(validator.report())).toBe(JSON.stringify(report));
  });

  it('lists conversations under the index their caller gave, whatever number it is', () => {
    const validator = new DatasetValidator({ checks: ['schema', 'quality'] });
    const indexes = [1.5, 2 ** 31, 2 ** 40 + 3];
    for (const index of indexes) validator.add(chat(['user', 'Hi']), index);
    const report = validator.report();
    expect(report.quality!.conversations.map((c) => c.index)).toEqual(indexes);
    expect(new Set(report.errors.map((e) => e.index))).toEqual(new Set(indexes));
  });

  it('names the first of duplicates by the index its caller gave, whatever number it is', () => {
    const validator = new DatasetValidator({ checks: ['schema'] });
    const withId = { id: 'session-9', ...good };
    const firsts = [-1, 2 ** 40 + 3, 1.5, 2 ** 32 - 1];
    firsts.forEach((index, i) => {
      validator.add(chat(['user', `Question ${i}?`], ['assistant', `Answer ${i}.`]), index);
    });
    validator.add(withId, -7);
    firsts.forEach((_, i) => {
      validator.add(chat(['user', `Question ${i}?`], ['assistant', `Answer ${i}.`]), 100 + i);
    });
    validator.add({ ...withId, messages: withId.messages.slice(0, 2) }, 200);
    const duplicates = validator
      .report()
      .errors.filter((error) => error.code === 'duplicate-conversation')
      .map((error) => [error.index, error.message]);
    expect(duplicates).toEqual([
      ...firsts.map((first, i) => [100 + i, `duplicate of record ${first}`]),
      [200, 'duplicate of record -7'],
    ]);
  });

  it('names the first of duplicates by index when the caller numbers records from 1', () => {
    const validator = new DatasetValidator({ checks: ['schema'] });
    [good, chat(['user', 'Other?'], ['assistant', 'Yes.']), good].forEach((record, i) =>
      validator.add(record, i + 1),
    );
    expect(validator.report().errors).toEqual([
      expect.objectContaining({ index: 3, row: 4, message: 'duplicate of record 1' }),
    ]);
  });

  it('lists every conversation in order past its arrays of 16,384', () => {
    const validator = new DatasetValidator({ checks: ['quality'] });
    const count = 2 * 16_384 + 5;
    for (let i = 0; i < count; i++) validator.add(good, i);
    const listed = validator.report().quality!.conversations;
    expect(listed).toHaveLength(count);
    expect(listed.every((conversation, i) => conversation.index === i)).toBe(true);
  });

  it('gives a report that records added after it leave as it was', () => {
    const validator = new DatasetValidator({ checks: ['schema', 'quality'] });
    validator.add(good, 0);
    validator.add(chat(['user', 'Hi']), 1);
    const first = validator.report();
    const before = JSON.stringify(first);
    validator.add(chat(['assistant', 'Hello']), 2);
    validator.add(good, 3);
    expect(JSON.stringify(first)).toBe(before);
    const second = validator.report();
    expect(second.quality!.conversations).toHaveLength(4);
    expect(second.errors.length).toBeGreaterThan(first.errors.length);
  });

  it('gives conversations with the same parts one frozen parts object', () => {
    const other = chat(['user', 'Hi'], ['assistant', 'Hello. What brings you here today?']);
    const alike = chat(
      ['user', 'My teenager refuses to talk to me and I do not know how to reach them any more.'],
      [
        'assistant',
        'Wanting to reach your child shows how much you care. What happened last time?',
      ],
    );
    const report = validate([good, other, alike, other]);
    const parts = report.quality!.conversations.map((c) => c.parts);
    expect(parts[2]).toBe(parts[0]);
    expect(parts[1]).not.toEqual(parts[0]);
    // The exact duplicate of `other` scores 0 for duplicates: other values, another object.
    expect(parts[3]).toEqual({ ...parts[1], duplicates: 0 });
    expect(Object.isFrozen(parts[0])).toBe(true);
  });

  it('maps scores to levels at 0.9, 0.8, 0.7 and 0.5', () => {
    expect([0.95, 0.9, 0.85, 0.8, 0.75, 0.7, 0.6, 0.5, 0.49].map(qualityLevel)).toEqual([
      'excellent',
      'excellent',
      'good',
      'good',
      'acceptable',
      'acceptable',
      'needs_improvement',
      'needs_improvement',
      'poor',
    ]);
  });

  it('sums up the dataset: mean score, mean parts, level counts', () => {
    const report = validate([good, chat(['user', 'x'], ['user', 'y'])]);
    const quality = report.quality!;
    expect(quality.score).toBeCloseTo(
      (quality.conversations[0].score + quality.conversations[1].score) / 2,
      3,
    );
    expect(
      quality.levels.excellent +
        quality.levels.poor +
        quality.levels.needs_improvement +
        quality.levels.acceptable +
        quality.levels.good,
    ).toBe(2);
  });
});

describe('links in a message', () => {
  it('take from its content score when they are most of it, found where the scan saw "://"', () => {
    const spam = 'https://cheap-pills.example/buy https://cheap-pills.example/now';
    const shared = 'My therapist shared https://www.nhs.uk/mental-health/ and it helped.';
    // 0.6 of a full score: the links are over half of the text.
    expect(messageContentScore(spam, 'user')).toBe(0.6);
    expect(messageContentScore(shared, 'user')).toBe(1);
    // A colon and slashes that make no "://" are no link.
    expect(messageContentScore('Ratio 3:/2 and a//b are typos, not links at all.', 'user')).toBe(1);
    // The link after a message that ends in ":/" is found, and that message has none.
    const scan = scanConversation({
      conversationId: 'c',
      source: 'test',
      createdAt: '2026-01-01T00:00:00.000Z',
      metadata: {},
      messages: [
        { role: 'user', content: 'See my notes at the end:/' },
        { role: 'assistant', content: '/sorry, go on.' },
        { role: 'user', content: spam },
      ],
    });
    expect(scan.shapes.map((shape) => shape!.link)).toEqual([false, false, true]);
  });
});

describe('DatasetValidator on texts that normalization changes', () => {
  it('keys and scores the conversation as normalized, not as read', () => {
    const clean = chat(
      ['user', 'I feel tense at the café before work.'],
      ['assistant', 'That sounds hard. What happens in your body then?'],
    );
    const variants = [
      'I feel  tense at the café before work.',
      ' I feel tense at the café before work.',
      'I feel tense at the cafe\u0301 before work.',
      'I feel tense at the cafÃ© before work.',
      'I feel\u00a0tense at the café before work.',
      'I feel tense at the café before work.\u200b',
    ].map((text) => chat(['user', text], ['assistant', clean.messages[1].content]));
    const withEmptyTurn = chat(
      ['user', clean.messages[0].content],
      ['assistant', ''],
      ['assistant', clean.messages[1].content],
    );
    const records = [clean, ...variants, withEmptyTurn];
    const report = validate(records, { checks: ['quality'] });
    const duplicates = report.errors.filter((error) => error.code === 'duplicate-conversation');
    expect(duplicates.map((error) => [error.index, error.message])).toEqual(
      records.slice(1).map((_, i) => [i + 1, 'duplicate of record 0']),
    );
    const content = report.quality!.conversations.map((c) => c.parts.content);
    expect(new Set(content)).toEqual(new Set([content[0]]));
  });

  it('keys a conversation of plain texts without the empty turns dropped from it', () => {
    const report = validate([
      chat(['user', 'I feel tense.'], ['assistant', 'That sounds hard.']),
      chat(['user', 'I feel tense.'], ['assistant', ''], ['assistant', 'That sounds hard.']),
    ]);
    expect(report.errors.map((error) => [error.index, error.code])).toEqual([
      [1, 'empty-message'],
      [1, 'duplicate-conversation'],
    ]);
  });
});

describe('DatasetValidator duplicates across id kinds', () => {
  it('finds the same content whether or not the records carry ids', () => {
    const report = validate([{ id: 'given-1', ...good }, good]);
    expect(report.errors).toEqual([
      expect.objectContaining({
        index: 1,
        code: 'duplicate-conversation',
        message: 'duplicate of record 0',
      }),
    ]);
  });

  it("lists a duplicate without an id under the id derived from its content, as the original's", () => {
    const other = {
      messages: [
        { role: 'user', content: 'I keep arguing with my partner about money.' },
        { role: 'assistant', content: 'What happens in you when those arguments start?' },
      ],
    };
    const report = validate([{ id: 'given-1', ...good }, good, other, good, other]);
    const ids = report.quality!.conversations.map((c) => c.conversationId);
    const derived = (record: object) =>
      contentConversationId(
        (new Standardizer().convert(record, 0) as Converted).conversation.messages,
      );
    expect(ids).toEqual(['given-1', derived(good), derived(other), derived(good), derived(other)]);
    expect(ids[1]).not.toBe(ids[2]);
  });
});

describe('scanConversation', () => {
  const conversationOf = (
    ...messages: { role: 'system' | 'user' | 'assistant'; content: string }[]
  ) => ({
    conversationId: 'c',
    source: 'test',
    createdAt: '2026-01-01T00:00:00.000Z',
    metadata: {},
    messages,
  });

  it('keys messages by role, length and text, so text cannot pass for a message boundary', () => {
    const two = conversationOf(
      { role: 'user', content: 'ab' },
      { role: 'assistant', content: 'cd' },
    );
    const one = conversationOf({ role: 'user', content: 'ab\uFFFFacd' });
    expect(scanConversation(one).key).not.toEqual(scanConversation(two).key);
    const report = validate([{ messages: two.messages }, { messages: one.messages }]);
    expect(report.errors.map((error) => error.code)).not.toContain('duplicate-conversation');
  });

  it('reads a conversation too long to copy at once message by message, alike', () => {
    const huge = 'x'.repeat(2 ** 16 + 1);
    const turns = [
      { role: 'user' as const, content: 'I cannot sleep before exams.' },
      { role: 'assistant' as const, content: 'What goes through your mind at night?' },
    ];
    const small = scanConversation(conversationOf(...turns));
    const smallMinimums = small.minimums;
    const long = scanConversation(conversationOf({ role: 'system', content: huge }, ...turns));
    expect(long.shapes).toEqual([null, ...small.shapes]);
    expect(long.minimums).toEqual(smallMinimums);
    const changed = `${huge.slice(0, -1)}y`;
    expect(
      scanConversation(conversationOf({ role: 'system', content: changed }, ...turns)).key,
    ).not.toEqual(long.key);
  });

  it('gives each message the same shape as scoring it on its own', () => {
    const conversation = {
      conversationId: 'c',
      source: 'test',
      createdAt: '2026-01-01T00:00:00.000Z',
      metadata: {},
      messages: [
        { role: 'system' as const, content: 'Be kind.' },
        { role: 'user' as const, content: 'lorem ipsum dolor sit amet' },
        {
          role: 'assistant' as const,
          content: `Überlegen wir gemeinsam 😀 ${'long text '.repeat(300)}`,
        },
        { role: 'user' as const, content: '#### $$$$ aaaaaaaaaa' },
      ],
    };
    const scan = scanConversation(conversation);
    expect(scan.shapes[0]).toBeNull();
    conversation.messages.slice(1).forEach((message, i) => {
      expect(messageContentScore(message.content, message.role, scan.shapes[i + 1]!)).toBe(
        messageContentScore(message.content, message.role),
      );
    });
  });

  it('stands a conversation for near-duplicates by its first 48 words', () => {
    const minimumsOf = (text: string) =>
      scanConversation(conversationOf({ role: 'user', content: text })).minimums;
    const words = Array.from({ length: 60 }, (_, i) => `word${i}`);
    const after = words.map((word, i) => (i < 48 ? word : 'other'));
    expect(minimumsOf(after.join(' '))).toEqual(minimumsOf(words.join(' ')));
    const within = words.map((word, i) => (i < 48 ? 'other' : word));
    expect(minimumsOf(within.join(' '))).not.toEqual(minimumsOf(words.join(' ')));
  });
});

describe('the placeholder gate of the scan', () => {
  const shapeOf = (text: string): TextShape =>
    scanConversation({
      conversationId: 'c',
      source: 'test',
      createdAt: '2026-01-01T00:00:00.000Z',
      metadata: {},
      messages: [{ role: 'user', content: text }],
    }).shapes[0]!;

  it('lets every text the placeholder pattern matches through, and skips plain English', () => {
    for (const filler of [
      'TODO',
      'n/a',
      'N/A.',
      'asdfff',
      'xxxxx',
      'Testing123',
      'test 4',
      'ok foo bar',
      'FooBar',
      'see: Lorem ipsum',
      'PLACEHOLDER',
      '(tbd)',
      'QWERTY keyboard',
      'Sample text',
      'dolor sit amet',
    ]) {
      expect([filler, PLACEHOLDER.test(filler), shapeOf(filler).filler]).toEqual([
        filler,
        true,
        true,
      ]);
    }
    for (const english of [
      'I have been feeling anxious about my exams and I cannot sleep.',
      'Today was hard; I told my sister about it and she listened.',
      'Tell me more about what happened at the station.',
      'Ask yourself what you need right now, and take it slowly.',
    ])
      expect([english, shapeOf(english).filler]).toEqual([english, false]);
    // Text the scan does not read as ASCII words is left to the pattern.
    expect(shapeOf('I feel très tired').filler).toBe(true);
  });

  it('never hides a text the placeholder pattern matches (property)', () => {
    const pieces = [
      'lorem ipsum',
      'Lorem Ipsum',
      'lorem',
      'ipsum',
      'dolor sit amet',
      'dolor',
      'placeholder',
      'placeholders',
      'todo',
      'TODO',
      'todos',
      'tbd',
      'TBD',
      'asdf',
      'asdfff',
      'asd',
      'qwerty',
      'test',
      'Test',
      'tests',
      'testing',
      'test1',
      'testing42',
      'xx',
      'xxx',
      'XXXX',
      'n/a',
      'N/A',
      'n',
      'a',
      'sample text',
      'sample',
      'text',
      'foo bar',
      'foobar',
      'foo',
      'bar',
      'to',
      'the',
      'tell',
      'ask',
      'today',
      'feel',
      'I',
      ' ',
      ' ',
      ' ',
      '\n',
      '\t',
      ',',
      '.',
      '/',
      '_',
      '-',
      "'",
      '1',
      '42',
      ':',
      '(',
      ')',
      'é',
      '’',
      '😀',
      '\u00a0',
      'Testé',
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 40 }), (parts) => {
        const text = parts.join('').slice(0, 200);
        const shape = shapeOf(text);
        if (PLACEHOLDER.test(text)) expect(shape.filler).toBe(true);
        // And so the score is the same as when the placeholder check always runs.
        expect(messageContentScore(text, 'user', shape)).toBe(
          messageContentScore(text, 'user', { ...shape, filler: true }),
        );
      }),
      { numRuns: 20_000 },
    );
  });
});

describe('DatasetValidator without per-conversation scores', () => {
  it('gives the same dataset figures and lists no conversations', () => {
    const records = [
      good,
      chat(['user', 'x'], ['user', 'y']),
      good,
      { prompt: 'lorem ipsum', response: 'test' },
    ];
    const full = validate(records);
    const lean = validate(records, { conversationScores: false });
    expect(lean.quality!.conversations).toEqual([]);
    expect({ ...lean.quality, conversations: undefined }).toEqual({
      ...full.quality,
      conversations: undefined,
    });
    expect(lean.errors).toEqual(full.errors);
  });
});
