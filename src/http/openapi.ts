import { z } from 'zod';
import { REGISTERS, type ActionSpec, type RegisterSpec } from './registers.js';
import {
  docketQuerySchema,
  forecastQuerySchema,
  eventsQuerySchema,
  indicatorsQuerySchema,
  knownAtQuerySchema,
  lapseBodySchema,
  mintTokenBodySchema,
  searchQuerySchema,
  seriesQuerySchema,
  writeAnswerSchema,
} from './schemas.js';

/**
 * The OpenAPI 3.1 document, generated from the zod schemas the routes parse with (JSON Schema
 * 2020-12 is OpenAPI 3.1's dialect). Sub-routes take the record id from the path, so their body
 * schema is the command's with the id removed.
 */

type Json = Record<string, unknown>;

const jsonSchema = (schema: z.ZodType): Json => {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Json;
  return rest;
};

function withoutProperty(schema: Json, name: string): Json {
  const properties = { ...(schema['properties'] as Json | undefined) };
  delete properties[name];
  const required = (schema['required'] as string[] | undefined)?.filter((r) => r !== name);
  return { ...schema, properties, ...(required ? { required } : {}) };
}

function queryParameters(schema: z.ZodObject): Json[] {
  return Object.entries(schema.shape).map(([name, field]) => ({
    name,
    in: 'query',
    required: !(field as z.ZodType).safeParse(undefined).success,
    schema: jsonSchema(field as z.ZodType),
  }));
}

const pathParameter = (name: string, schema: Json, example?: string): Json => ({
  name,
  in: 'path',
  required: true,
  schema,
  ...(example ? { example } : {}),
});

const problem = (description: string): Json => ({
  description,
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
});

const ok = (description: string, schema: Json = { type: 'object' }): Json => ({
  description,
  content: { 'application/json': { schema } },
});

const COMMON_ERRORS = {
  '400': problem('Invalid input'),
  '401': problem('No or bad token'),
  '403': problem('Wrong role'),
};

const WRITE_ERRORS = {
  ...COMMON_ERRORS,
  '404': problem('Unknown record'),
  '409': problem('A legal rule or the record’s state forbids the command'),
  '412': problem('If-Match names another revision'),
  '422': problem('Idempotency-Key reused with another request'),
  '503': problem('The event store is unreachable; retry after Retry-After seconds'),
};

const WRITE_HEADERS = [
  { name: 'If-Match', in: 'header', required: false, schema: { type: 'string', example: '"3"' } },
  { name: 'Idempotency-Key', in: 'header', required: false, schema: { type: 'string', maxLength: 255 } },
];

function writeOperation(spec: RegisterSpec, a: ActionSpec, body: Json, example: Json | undefined): Json {
  return {
    tags: [spec.title],
    summary: a.summary,
    operationId: a.commandType,
    parameters: WRITE_HEADERS,
    requestBody: {
      required: true,
      content: { 'application/json': { schema: body, ...(example ? { example } : {}) } },
    },
    responses: {
      '200': ok('Recorded on an existing record', { $ref: '#/components/schemas/WriteAnswer' }),
      '201': ok('Record created', { $ref: '#/components/schemas/WriteAnswer' }),
      ...WRITE_ERRORS,
    },
  };
}

function registerPaths(spec: RegisterSpec): Json {
  const base = `/api/v1${spec.path}`;
  const id = pathParameter('id', jsonSchema(spec.idSchema), spec.exampleId);
  const paths: Json = {
    [base]: {
      post: writeOperation(spec, spec.create, jsonSchema(spec.create.schema), spec.create.example),
      get: {
        tags: [spec.title],
        summary: `Searches ${spec.title.toLowerCase()}`,
        parameters: queryParameters(searchQuerySchema),
        responses: { '200': ok('A page of records'), ...COMMON_ERRORS },
      },
    },
    [`${base}/{id}`]: {
      get: {
        tags: [spec.title],
        summary: 'The record’s current state (or as recorded by knownAt)',
        parameters: [id, ...queryParameters(knownAtQuerySchema)],
        responses: {
          '200': ok('The record; ETag is its revision'),
          ...COMMON_ERRORS,
          '404': problem('Unknown record'),
        },
      },
    },
  };
  for (const a of spec.actions) {
    const op = writeOperation(spec, a, withoutProperty(jsonSchema(a.schema), spec.idField), a.example);
    paths[`${base}/{id}/${a.path}`] = { post: { ...op, parameters: [id, ...WRITE_HEADERS] } };
  }
  return paths;
}

function otherPaths(): Json {
  const get = (summary: string, parameters: Json[], extra: Json = {}): Json => ({
    get: { summary, parameters, responses: { '200': ok(summary), ...COMMON_ERRORS, ...extra } },
  });
  const indicatorId = pathParameter('id', { type: 'string' }, 'valid-trademarks');
  return {
    '/api/v1/indicators': get('The plan’s brand indicators', queryParameters(indicatorsQuerySchema)),
    '/api/v1/indicators/{id}/series': get(
      'Month-end values',
      [indicatorId, ...queryParameters(seriesQuerySchema)],
      {
        '404': problem('Unknown indicator'),
      },
    ),
    '/api/v1/indicators/valid-trademarks/forecast': get(
      'Of the marks valid today, how many are still valid on the target day if none is renewed',
      queryParameters(forecastQuerySchema),
    ),
    '/api/v1/docket': get('Upcoming legal deadlines', queryParameters(docketQuerySchema)),
    '/api/v1/streams/{streamId}': get(
      'Every event of a stream (auditor)',
      [pathParameter('streamId', { type: 'string' }, 'trademark-12345678')],
      { '404': problem('No such stream') },
    ),
    '/api/v1/events': get(
      'The global log; Accept: application/x-ndjson streams it (auditor)',
      queryParameters(eventsQuerySchema),
    ),
    '/api/v1/audit/verify': {
      post: {
        summary: 'Integrity check of the whole log (auditor)',
        responses: { '200': ok('The report'), ...COMMON_ERRORS },
      },
    },
    '/api/v1/policies/lapse': {
      post: {
        summary: 'Records the lapse of every registration whose grace ended by asOf',
        requestBody: {
          required: true,
          content: { 'application/json': { schema: jsonSchema(lapseBodySchema) } },
        },
        responses: { '200': ok('What lapsed'), ...COMMON_ERRORS },
      },
    },
    '/api/v1/tokens': {
      get: {
        summary: 'Tokens (admin; never the token itself)',
        responses: { '200': ok('Tokens'), ...COMMON_ERRORS },
      },
      post: {
        summary: 'Mints a token; the answer is the only time it is shown (admin)',
        requestBody: {
          required: true,
          content: { 'application/json': { schema: jsonSchema(mintTokenBodySchema) } },
        },
        responses: { '201': ok('{id, name, role, token}'), ...COMMON_ERRORS },
      },
    },
    '/api/v1/tokens/me': {
      get: {
        summary: "The caller's own token: {id, name, role} (any role)",
        responses: { '200': ok('{id, name, role}'), ...COMMON_ERRORS },
      },
    },
    '/api/v1/tokens/{id}': {
      delete: {
        summary: 'Revokes a token (admin)',
        parameters: [pathParameter('id', { type: 'string' })],
        responses: {
          '200': ok('Revoked'),
          ...COMMON_ERRORS,
          '404': problem('No such token'),
          '409': problem('Already revoked'),
        },
      },
    },
    '/healthz': { get: { summary: 'Liveness', security: [], responses: { '200': ok('Alive') } } },
    '/readyz': {
      get: {
        summary: 'Store reachable, read models near the head',
        security: [],
        responses: { '200': ok('Ready'), '503': ok('Not ready') },
      },
    },
    '/metrics': {
      get: {
        summary: 'Prometheus metrics (admin or auditor)',
        responses: { '200': { description: 'text/plain' } },
      },
    },
  };
}

let cached: Json | undefined;

export function openApiDocument(): Json {
  cached ??= {
    openapi: '3.1.0',
    info: {
      title: 'Hangzhou trademark and brand registry',
      version: '1',
      description:
        '杭州市商标品牌登记簿: trademarks, geographical indications, Madrid registrations, 品字标 and brand honours, with an event-sourced audit trail.',
    },
    servers: [{ url: '/' }],
    security: [{ bearerAuth: [] }],
    paths: Object.assign({}, ...REGISTERS.map(registerPaths), otherPaths()),
    components: {
      securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer' } },
      schemas: {
        WriteAnswer: jsonSchema(writeAnswerSchema),
        Problem: {
          type: 'object',
          properties: {
            type: { type: 'string' },
            title: { type: 'string' },
            status: { type: 'integer' },
            detail: { type: 'string' },
            rule: { type: 'string' },
            errors: {
              type: 'array',
              items: {
                type: 'object',
                properties: { path: { type: 'string' }, message: { type: 'string' } },
              },
            },
          },
          required: ['type', 'title', 'status', 'detail'],
        },
      },
    },
  };
  return cached;
}
