/** The OpenAPI 3.1 document of the API, generated from the route table and its zod schemas. */
import * as z from 'zod';
import { ROUTES, type Route } from './routes';

type JsonSchema = Record<string, unknown>;

const schemaOf = (schema: z.ZodType, io: 'input' | 'output'): JsonSchema => {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as JsonSchema;
  return rest;
};

const parametersOf = (schema: z.ZodType | undefined, where: 'path' | 'query'): JsonSchema[] => {
  if (!schema) return [];
  const json = schemaOf(schema, 'input');
  const properties = (json.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((json.required ?? []) as string[]);
  return Object.entries(properties).map(([name, s]) => ({
    name,
    in: where,
    required: where === 'path' || required.has(name),
    ...(typeof s.description === 'string' ? { description: s.description } : {}),
    schema: s,
  }));
};

const operationOf = (r: Route): JsonSchema => ({
  operationId: r.operationId,
  summary: r.summary,
  security: r.auth ? [{ apiKey: [] }] : [],
  parameters: [...parametersOf(r.params, 'path'), ...parametersOf(r.query, 'query')],
  ...(r.body ? { requestBody: { required: true, content: { 'application/json': { schema: schemaOf(r.body, 'input') } } } } : {}),
  responses: Object.fromEntries(
    Object.entries(r.responses).map(([status, doc]) => [
      status,
      { description: doc.description, ...(doc.schema ? { content: { 'application/json': { schema: schemaOf(doc.schema, 'output') } } } : {}) },
    ]),
  ),
});

let cached: JsonSchema | undefined;

/** The OpenAPI document (built once per process). */
export const openApiDocument = (routes: readonly Route[] = ROUTES): JsonSchema => {
  if (cached && routes === ROUTES) return cached;
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const r of routes) (paths[r.path] ??= {})[r.method.toLowerCase()] = operationOf(r);
  const doc: JsonSchema = {
    openapi: '3.1.0',
    info: {
      title: 'demarche',
      version: '0.1.0',
      description: 'Archive of diplomatic statements: transcripts, topics, mentions, search and topic webhooks. Errors are {"error": {"code", "message"}}.',
    },
    components: { securitySchemes: { apiKey: { type: 'apiKey', in: 'header', name: 'x-api-key' } } },
    security: [{ apiKey: [] }],
    paths,
  };
  if (routes === ROUTES) cached = doc;
  return doc;
};
