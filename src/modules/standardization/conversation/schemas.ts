/**
 * JSON Schemas (draft 2020-12) of the conversation formats, as served by
 * GET /api/validation/schema/{format} and used by the schema check.
 */
type Schema = Record<string, unknown>;

const DRAFT = 'https://json-schema.org/draft/2020-12/schema';
const BASE = 'https://techdeck.local/schemas/conversation';
const text = { type: 'string', minLength: 1 };
const metadata = { type: 'object', additionalProperties: true };

export const CONVERSATION_SCHEMAS: Readonly<Record<string, Schema>> = {
  canonical: {
    $schema: DRAFT,
    $id: `${BASE}/canonical.json`,
    title: 'Canonical conversation',
    type: 'object',
    required: ['conversationId', 'source', 'messages', 'metadata', 'createdAt'],
    additionalProperties: false,
    properties: {
      conversationId: text,
      source: text,
      messages: {
        type: 'array',
        minItems: 1,
        items: {
          type: 'object',
          required: ['role', 'content'],
          additionalProperties: false,
          properties: {
            role: { enum: ['system', 'user', 'assistant'] },
            content: text,
            timestamp: { type: 'string', format: 'date-time' },
            metadata,
          },
        },
      },
      metadata,
      createdAt: { type: 'string', format: 'date-time' },
    },
  },
  chatml: {
    $schema: DRAFT,
    $id: `${BASE}/chatml.json`,
    title: 'ChatML / OpenAI messages',
    type: 'object',
    required: ['messages'],
    properties: {
      messages: {
        type: 'array',
        minItems: 1,
        items: {
          type: 'object',
          required: ['role', 'content'],
          properties: {
            role: { enum: ['system', 'user', 'assistant'] },
            content: text,
            name: { type: 'string' },
          },
        },
      },
      metadata,
    },
  },
  sharegpt: {
    $schema: DRAFT,
    $id: `${BASE}/sharegpt.json`,
    title: 'ShareGPT conversations',
    type: 'object',
    required: ['conversations'],
    properties: {
      id: { type: ['string', 'number'] },
      system: { type: 'string' },
      conversations: {
        type: 'array',
        minItems: 1,
        items: {
          type: 'object',
          required: ['from', 'value'],
          properties: {
            from: { type: 'string', examples: ['human', 'gpt', 'system'] },
            value: text,
          },
        },
      },
      metadata,
    },
  },
  alpaca: {
    $schema: DRAFT,
    $id: `${BASE}/alpaca.json`,
    title: 'Alpaca instruction (with optional system and history)',
    type: 'object',
    required: ['instruction', 'output'],
    properties: {
      instruction: text,
      input: { type: 'string' },
      output: text,
      system: { type: 'string' },
      history: {
        type: 'array',
        items: { type: 'array', prefixItems: [text, text], minItems: 2, maxItems: 2 },
      },
      metadata,
    },
  },
  input_output: {
    $schema: DRAFT,
    $id: `${BASE}/input_output.json`,
    title: 'Input / output pair',
    type: 'object',
    required: ['input', 'output'],
    properties: { input: text, output: text, metadata },
  },
  prompt_response: {
    $schema: DRAFT,
    $id: `${BASE}/prompt_response.json`,
    title: 'Prompt / response (or completion) pair',
    type: 'object',
    required: ['prompt'],
    properties: { prompt: text, response: text, completion: text, metadata },
    anyOf: [{ required: ['response'] }, { required: ['completion'] }],
  },
};

export const SCHEMA_FORMATS = Object.keys(CONVERSATION_SCHEMAS);
