import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CsvRowDecoder } from '../../datasets/formats/csv';
import type { CanonicalConversation } from './canonical';
import { standardizeBatch } from './standardize-batch';
import { type Converted, type Failed, Standardizer } from './standardizer';
import { toTarget } from './targets';

const NOW = new Date('2026-11-26T09:00:00.000Z');
const standardizer = new Standardizer({ now: NOW });

function converted(record: unknown): Converted {
  const result = standardizer.convert(record, 0);
  if (!('conversation' in result))
    throw new Error(`expected a conversion, got ${result.code}: ${result.message}`);
  return result;
}

function failed(record: unknown, options = {}): Failed {
  const result = new Standardizer({ now: NOW, ...options }).convert(record, 0);
  if ('conversation' in result) throw new Error('expected a failure');
  return result;
}

const turns = (conversation: CanonicalConversation) =>
  conversation.messages.map(({ role, content }) => [role, content]);

describe('source templates', () => {
  it('reads chatml messages, keeping the system prompt', () => {
    const result = converted({
      messages: [
        { role: 'system', content: 'You are a supportive counsellor.' },
        { role: 'user', content: 'I have panic attacks on the bus.' },
        { role: 'assistant', content: 'That sounds frightening. When did they start?' },
      ],
    });
    expect(result.template).toBe('chatml');
    expect(result.confidence).toBe(1);
    expect(turns(result.conversation)).toEqual([
      ['system', 'You are a supportive counsellor.'],
      ['user', 'I have panic attacks on the bus.'],
      ['assistant', 'That sounds frightening. When did they start?'],
    ]);
    expect(result.conversation.createdAt).toBe(NOW.toISOString());
  });

  it('reads OpenAI content parts as text', () => {
    const result = converted({
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'I feel low' },
            { type: 'text', text: 'every day' },
          ],
        },
        { role: 'assistant', content: 'Thank you for telling me.' },
      ],
    });
    expect(result.conversation.messages[0].content).toBe('I feel low\nevery day');
  });

  it('reads ShareGPT turns and normalises human/gpt, keeping telling role names', () => {
    const result = converted({
      id: 'sg-17',
      conversations: [
        { from: 'human', value: 'My therapist moved away.' },
        { from: 'gpt', value: 'Losing a therapist can feel like a loss of its own.' },
        { from: 'patient', value: 'It does.' },
        { from: 'counselor', value: 'What did you value most in working with them?' },
      ],
    });
    expect(result.template).toBe('sharegpt');
    expect(result.conversation.conversationId).toBe('sg-17');
    expect(result.conversation.messages.map((m) => m.role)).toEqual([
      'user',
      'assistant',
      'user',
      'assistant',
    ]);
    expect(result.conversation.messages[0].metadata).toBeUndefined();
    expect(result.conversation.messages[2].metadata).toEqual({ sourceRole: 'patient' });
  });

  it('reads alpaca with input, system and history', () => {
    const result = converted({
      system: 'Be warm.',
      instruction: 'Respond to the client.',
      input: 'I failed my exam.',
      output: 'That is disappointing. How are you taking it?',
      history: [['Hello', 'Hi, I am here to listen.']],
    });
    expect(result.template).toBe('alpaca');
    expect(turns(result.conversation)).toEqual([
      ['system', 'Be warm.'],
      ['user', 'Hello'],
      ['assistant', 'Hi, I am here to listen.'],
      ['user', 'Respond to the client.\n\nI failed my exam.'],
      ['assistant', 'That is disappointing. How are you taking it?'],
    ]);
  });

  it.each([
    ['input_output', { input: 'I cannot focus.', output: 'Let us look at your sleep first.' }],
    [
      'prompt_response',
      { prompt: 'I cannot focus.', response: 'Let us look at your sleep first.' },
    ],
    [
      'prompt_completion',
      { prompt: 'I cannot focus.', completion: 'Let us look at your sleep first.' },
    ],
    [
      'context_response',
      { context: 'I cannot focus.', response: 'Let us look at your sleep first.' },
    ],
    [
      'question_answer',
      { question: 'I cannot focus.', answer: 'Let us look at your sleep first.' },
    ],
  ])('reads %s pairs as a user and an assistant turn', (template, record) => {
    const result = converted(record);
    expect(result.template).toBe(template);
    expect(turns(result.conversation)).toEqual([
      ['user', 'I cannot focus.'],
      ['assistant', 'Let us look at your sleep first.'],
    ]);
  });

  it('reads a Vicuna transcript, with a preamble as the system prompt', () => {
    const result = converted({
      text: 'A chat between a client and a counsellor.\nUSER: I keep crying at work.\nASSISTANT: That must be hard. What happens just before?\nUSER: My manager criticises me.',
    });
    expect(result.template).toBe('vicuna');
    expect(turns(result.conversation)).toEqual([
      ['system', 'A chat between a client and a counsellor.'],
      ['user', 'I keep crying at work.'],
      ['assistant', 'That must be hard. What happens just before?'],
      ['user', 'My manager criticises me.'],
    ]);
  });

  it('reads a one-line Vicuna v1.1 transcript, its turns ended by </s>', () => {
    const result = converted({
      text: 'A chat between a curious user and an artificial intelligence assistant. USER: I keep procrastinating on my thesis. ASSISTANT: What part do you avoid most?</s>USER: Writing the introduction. ASSISTANT: Let us start with one paragraph today.</s>',
    });
    expect(result.template).toBe('vicuna');
    expect(turns(result.conversation)).toEqual([
      ['system', 'A chat between a curious user and an artificial intelligence assistant.'],
      ['user', 'I keep procrastinating on my thesis.'],
      ['assistant', 'What part do you avoid most?'],
      ['user', 'Writing the introduction.'],
      ['assistant', 'Let us start with one paragraph today.'],
    ]);
  });

  it('splits a line at "### Human:" labels, but not at a speaker named in prose', () => {
    expect(
      turns(
        converted({ text: '### Human: Is it normal to feel numb? ### Assistant: It can be.' })
          .conversation,
      ),
    ).toEqual([
      ['user', 'Is it normal to feel numb?'],
      ['assistant', 'It can be.'],
    ]);
    expect(
      turns(
        converted({
          text: 'USER: I told my therapist: she said to rest. Assistant: noted\nASSISTANT: Did resting help?',
        }).conversation,
      ),
    ).toEqual([
      ['user', 'I told my therapist: she said to rest. Assistant: noted'],
      ['assistant', 'Did resting help?'],
    ]);
  });

  it('drops the <s> and </s> turn tokens of Vicuna transcripts, before labels too', () => {
    for (const text of [
      '<s>USER: Hi, I cannot sleep. ASSISTANT: I am sorry. Since when?</s>',
      'USER: Hi, I cannot sleep. ASSISTANT: I am sorry. Since when?</s><s>',
      'USER: Hi, I cannot sleep.\n<s>ASSISTANT: I am sorry. Since when?' + '</s>'.repeat(1000),
    ]) {
      expect(turns(converted({ text }).conversation)).toEqual([
        ['user', 'Hi, I cannot sleep.'],
        ['assistant', 'I am sorry. Since when?'],
      ]);
    }
    expect(
      turns(
        converted({ text: 'USER: Hi ASSISTANT: Hello</s><s>USER: Again? ASSISTANT: Yes.</s>' })
          .conversation,
      ),
    ).toEqual([
      ['user', 'Hi'],
      ['assistant', 'Hello'],
      ['user', 'Again?'],
      ['assistant', 'Yes.'],
    ]);
  });

  it('does not split a turn at capitals in prose that look like a label', () => {
    for (const said of [
      'My phone keeps showing SYSTEM: UPDATE FAILED every day.',
      'I work as a TEACHING ASSISTANT: it is tiring.',
    ]) {
      expect(
        turns(converted({ text: `USER: ${said} ASSISTANT: What is hardest?` }).conversation),
      ).toEqual([
        ['user', said],
        ['assistant', 'What is hardest?'],
      ]);
    }
  });

  it('reads canonical records back unchanged', () => {
    const first = converted({ prompt: 'Hello', response: 'Hi there' }).conversation;
    const again = converted(first);
    expect(again.template).toBe('canonical');
    expect(again.conversation).toEqual(first);
  });

  it('reads flat rows through a column mapping, with chosen metadata columns', () => {
    const result = new Standardizer({
      now: NOW,
      columnMapping: {
        user: 'client_said',
        assistant: 'counsellor_said',
        conversationId: 'session',
        metadata: ['topic'],
      },
    }).convert(
      {
        session: 's-9',
        client_said: 'I am lonely.',
        counsellor_said: 'Tell me about your week.',
        topic: 'loneliness',
        clinician: 'Dr X',
      },
      0,
    ) as Converted;
    expect(result.template).toBe('column_mapping');
    expect(result.conversation.conversationId).toBe('s-9');
    expect(result.conversation.metadata).toEqual({ topic: 'loneliness' });
  });

  it('groups one-row-per-turn data by conversation and orders it by turn', () => {
    const rows = [
      { dialog: 'b', turn: 2, speaker: 'therapist', text: 'What brings you here?' },
      { dialog: 'a', turn: 2, speaker: 'therapist', text: 'How was the week?' },
      { dialog: 'a', turn: 1, speaker: 'client', text: 'Hi.' },
      { dialog: 'b', turn: 1, speaker: 'client', text: 'Hello.' },
      { dialog: 'a', turn: 3, speaker: 'client', text: 'Rough.' },
    ];
    const results = new Standardizer({
      now: NOW,
      columnMapping: { conversationId: 'dialog', role: 'speaker', content: 'text', turn: 'turn' },
    }).convertTurnRows(rows) as Converted[];
    expect(results.map((r) => r.conversation.conversationId)).toEqual(['b', 'a']);
    expect(turns(results[1].conversation)).toEqual([
      ['user', 'Hi.'],
      ['assistant', 'How was the week?'],
      ['user', 'Rough.'],
    ]);
  });
});

describe('hard cases', () => {
  it('asks plainTexts about the texts as read, and normalizes only when told they are not plain', () => {
    const record = {
      messages: [
        { role: 'user', content: 'I feel  tense.' },
        { role: 'assistant', content: 'What  happens then?' },
      ],
    };
    const asked: string[][] = [];
    const contents = (plain: boolean) => {
      const result = new Standardizer({
        now: NOW,
        plainTexts: (messages) => {
          asked.push(messages.map((message) => message!.content));
          return plain;
        },
      }).convert(structuredClone(record), 0) as Converted;
      return result.conversation.messages.map((message) => message.content);
    };
    expect(contents(false)).toEqual(['I feel tense.', 'What happens then?']);
    // The caller vouches for the texts: they are kept as read.
    expect(contents(true)).toEqual(['I feel  tense.', 'What  happens then?']);
    expect(asked).toEqual([
      ['I feel  tense.', 'What  happens then?'],
      ['I feel  tense.', 'What  happens then?'],
    ]);
  });

  it('detects the template per record in a mixed dataset', () => {
    const result = standardizeBatch(
      [
        {
          messages: [
            { role: 'user', content: 'a' },
            { role: 'assistant', content: 'b' },
          ],
        },
        {
          conversations: [
            { from: 'human', value: 'a' },
            { from: 'gpt', value: 'b' },
          ],
        },
        {
          messages: [
            { role: 'user', content: 'c' },
            { role: 'assistant', content: 'd' },
          ],
        },
        { instruction: 'a', output: 'b' },
      ],
      { now: NOW },
    );
    expect(result.stats).toMatchObject({
      detectedTemplate: 'chatml',
      templates: { chatml: 2, sharegpt: 1, alpaca: 1 },
      converted: 4,
      failed: 0,
      confidence: 0.5,
    });
    expect(result.stats.evidence).toContain('messages');
  });

  it('names an unknown role, a missing role and non-string content', () => {
    expect(failed({ messages: [{ role: 'coach', content: 'x' }] })).toMatchObject({
      code: 'invalid-role',
      field: 'messages[0]',
    });
    expect(failed({ messages: [{ content: 'x' }, { role: 'user', content: 'y' }] })).toMatchObject({
      code: 'invalid-role',
    });
    expect(failed({ messages: [{ role: 'user', content: { text: 1 } }] })).toMatchObject({
      code: 'type-error',
    });
    expect(failed({ instruction: ['a'], output: 'b' })).toMatchObject({
      code: 'type-error',
      field: 'instruction',
    });
  });

  it('gives a turn with two role keys the confidence its fit gives', () => {
    const standardizer = new Standardizer({ now: NOW });
    for (const record of [
      {
        conversations: [
          { role: 'user', from: 'bob', value: 'hi there' },
          { from: 'gpt', value: 'hello' },
        ],
      },
      { messages: [{ Role: 'user', role: 'x', content: 'hi there' }] },
    ]) {
      const converted = standardizer.convert(record, 0) as Converted;
      expect(converted.confidence).toBe(standardizer.fits(record)[0].confidence);
      expect(converted.confidence).toBeLessThan(1);
    }
  });

  it('skips holes in message lists from JS callers, as before', () => {
    const standardizer = new Standardizer({ now: NOW });
    // eslint-disable-next-line no-sparse-arrays -- the hole is the case
    const carried = [, { role: 'user', content: 'hi there' }];
    const withCarried = standardizer.convert(
      { prompt: 'a', response: 'b', metadata: { messages: carried } },
      0,
    ) as Converted;
    expect(withCarried.conversation.messages).toEqual([{ role: 'user', content: 'hi there' }]);
    // eslint-disable-next-line no-sparse-arrays -- the hole is the case
    const read = standardizer.convert({ messages: [, { role: 'user', content: 'hi' }] }, 1);
    expect(read).toMatchObject({ template: 'chatml', confidence: 0.5 });
  });

  it('reads a record changed since it was last converted afresh, in every path', () => {
    const record: Record<string, unknown> = {
      cid: 'a',
      role: 'user',
      content: 'hi there',
      prompt: 'p',
      response: 'q',
      CreatedAt: '2024-02-02T00:00:00Z',
    };
    new Standardizer({ now: NOW }).convert(record, 0);
    delete record.CreatedAt;
    record.DATE = '2023-03-03T00:00:00Z';
    const [turns] = new Standardizer({
      now: NOW,
      columnMapping: { conversationId: 'cid', role: 'role', content: 'content' },
    }).convertTurnRows([record]) as Converted[];
    expect(turns.conversation.createdAt).toBe('2023-03-03T00:00:00.000Z');
  });

  it('does not take names of Object methods for roles', () => {
    for (const role of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
      expect(
        failed({
          messages: [
            { role, content: 'I feel low' },
            { role: 'assistant', content: 'Tell me more' },
          ],
        }),
      ).toMatchObject({ code: 'invalid-role', field: 'messages[0]' });
    }
  });

  it('reads role names with other case and spacing', () => {
    const result = new Standardizer({ now: NOW }).convert(
      {
        messages: [
          { role: ' Patient ', content: 'x' },
          { role: 'THERAPIST', content: 'y' },
        ],
      },
      0,
    ) as Converted;
    expect(result.conversation.messages.map((m) => m.role)).toEqual(['user', 'assistant']);
  });

  it('accepts a caller role map', () => {
    const result = new Standardizer({
      now: NOW,
      roleMap: { coach: 'assistant', Mentee: 'user' },
    }).convert(
      {
        messages: [
          { role: 'mentee', content: 'x' },
          { role: 'coach', content: 'y' },
        ],
      },
      0,
    ) as Converted;
    expect(result.conversation.messages.map((m) => m.role)).toEqual(['user', 'assistant']);
  });

  it('drops empty turns and says so; a record with nothing left fails', () => {
    const result = converted({
      messages: [
        { role: 'user', content: 'I am tired.' },
        { role: 'assistant', content: '   \n ' },
        { role: 'assistant', content: 'Tell me more.' },
      ],
    });
    expect(result.conversation.messages).toHaveLength(2);
    expect(result.conversation.metadata.droppedEmptyTurns).toBe(1);
    expect(failed({ messages: [{ role: 'user', content: ' ' }] })).toMatchObject({
      code: 'no-messages',
    });
  });

  it('reports records that are not objects, or match no template', () => {
    expect(failed('just text')).toMatchObject({ code: 'type-error' });
    expect(failed({ note: 'hello' })).toMatchObject({ code: 'unknown-template' });
  });

  it('keeps very long messages whole', () => {
    const long = 'I keep thinking about it. '.repeat(20_000).trim();
    expect(converted({ prompt: long, response: 'ok' }).conversation.messages[0].content).toBe(long);
  });

  it('keeps emoji and non-Latin scripts, in NFC', () => {
    const result = converted({
      prompt: 'Ich fühle mich 😔 — 我很难过 — أشعر بالحزن',
      response: 'Cafe\u0301 ok',
    });
    expect(result.conversation.messages[0].content).toBe(
      'Ich fühle mich 😔 — 我很难过 — أشعر بالحزن',
    );
    expect(result.conversation.messages[1].content).toBe('Café ok');
  });

  it('repairs UTF-8 that was read as Windows-1252', () => {
    const result = converted({
      prompt: 'I feel Ã©puisÃ© and canâ€™t sleep',
      response: 'Ã‡a va aller',
    });
    expect(result.repaired).toBe(true);
    expect(result.conversation.messages[0].content).toBe('I feel épuisé and can’t sleep');
    expect(result.conversation.messages[1].content).toBe('Ça va aller');
  });

  it('gives the same id to the same content on every run, and different ids to different content', () => {
    const a = converted({ prompt: 'x', response: 'y' }).conversation.conversationId;
    const b = new Standardizer().convert(
      { prompt: 'x', response: 'y', topic: 'other' },
      5,
    ) as Converted;
    const c = converted({ prompt: 'x', response: 'z' }).conversation.conversationId;
    expect(b.conversation.conversationId).toBe(a);
    expect(c).not.toBe(a);
  });
});

describe('Counsel Chat', () => {
  const csv = readFileSync(
    join(__dirname, '../../../../fixtures/conversations/counsel-chat.csv'),
    'utf8',
  );
  const decoder = new CsvRowDecoder(',');
  const rows = [...decoder.push(csv), ...decoder.end()];

  it('standardizes all 2,129 rows: question to user, answer to assistant', () => {
    const result = standardizeBatch(rows, { now: NOW });
    expect(result.stats).toMatchObject({
      detectedTemplate: 'question_answer',
      converted: 2129,
      failed: 0,
    });
    const first = result.records[0] as unknown as CanonicalConversation;
    expect(first.messages[0]).toMatchObject({ role: 'user' });
    expect(
      first.messages[0].content.startsWith(
        'Can I change my feeling of being worthless to everyone?\n\n',
      ),
    ).toBe(true);
    expect(first.messages[1].role).toBe('assistant');
    expect(first.metadata).toMatchObject({ topic: 'depression' });
  });
});

describe('targets', () => {
  const conversation = converted({
    id: 'c-1',
    conversations: [
      { from: 'system', value: 'Be kind.' },
      { from: 'human', value: 'I am anxious.' },
      { from: 'gpt', value: 'What is on your mind?' },
      { from: 'human', value: 'Work.' },
      { from: 'gpt', value: 'Tell me about work.' },
    ],
    topic: 'anxiety',
  }).conversation;

  it('writes chatml with the identity kept under metadata', () => {
    const { record, movedToMetadata } = toTarget(conversation, 'chatml');
    expect(record.messages).toHaveLength(5);
    expect(record.metadata).toMatchObject({
      conversationId: 'c-1',
      topic: 'anxiety',
      source: 'sharegpt',
    });
    expect(movedToMetadata).toEqual(['conversationId', 'source', 'createdAt']);
  });

  it('writes sharegpt with human/gpt/system speakers', () => {
    const { record } = toTarget(conversation, 'sharegpt');
    expect((record.conversations as { from: string }[]).map((turn) => turn.from)).toEqual([
      'system',
      'human',
      'gpt',
      'human',
      'gpt',
    ]);
    expect(record.id).toBe('c-1');
  });

  it('writes alpaca with system and history', () => {
    const { record } = toTarget(conversation, 'alpaca');
    expect(record).toMatchObject({
      system: 'Be kind.',
      instruction: 'Work.',
      output: 'Tell me about work.',
      history: [['I am anxious.', 'What is on your mind?']],
    });
  });

  it('keeps a turn order alpaca cannot express under metadata, and says so', () => {
    const odd = converted({
      messages: [
        { role: 'user', content: 'a' },
        { role: 'user', content: 'b' },
        { role: 'assistant', content: 'c' },
      ],
    }).conversation;
    const { record, movedToMetadata } = toTarget(odd, 'alpaca');
    expect(movedToMetadata).toContain('messages');
    const back = converted(record).conversation;
    expect(turns(back)).toEqual(turns(odd));
  });

  it('fills alpaca with the first answer after the question, never one said before it', () => {
    const greetingFirst = converted({
      messages: [
        { role: 'assistant', content: 'Welcome, how are you today?' },
        { role: 'user', content: 'Not great honestly.' },
        { role: 'assistant', content: 'I am sorry. What has been hardest?' },
      ],
    }).conversation;
    const { record } = toTarget(greetingFirst, 'alpaca');
    expect(record).toMatchObject({
      instruction: 'Not great honestly.',
      output: 'I am sorry. What has been hardest?',
    });
    const unanswered = converted({
      messages: [
        { role: 'assistant', content: 'Welcome, how are you today?' },
        { role: 'user', content: 'Not great honestly.' },
      ],
    }).conversation;
    expect(toTarget(unanswered, 'alpaca').record).toMatchObject({
      instruction: 'Not great honestly.',
      output: '',
    });
  });

  it.each(['canonical', 'chatml', 'sharegpt', 'alpaca'] as const)(
    'round-trips %s back to the same conversation',
    (target) => {
      const back = converted(toTarget(conversation, target).record).conversation;
      expect(back).toEqual(conversation);
    },
  );
});
