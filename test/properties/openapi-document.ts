/** The Worker's own OpenAPI document, reduced to what the request generators need per operation. */
import { expect } from 'vitest';
import { api } from '../helpers/http.ts';

/** The subset of JSON Schema (OpenAPI 3.1) the document uses for parameters and bodies. */
export interface JsonSchema {
  $ref?: string;
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  multipleOf?: number;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  /** `not: {}` matches nothing: the field may only be left out. */
  not?: JsonSchema;
}

export interface Parameter {
  name: string;
  required: boolean;
  schema: JsonSchema;
}

export interface Operation {
  method: string;
  /** The documented path template, e.g. `/api/v1/users/{user_id}`. */
  path: string;
  operationId: string;
  secured: boolean;
  /** The response statuses the document lists. */
  statuses: number[];
  pathParams: Parameter[];
  queryParams: Parameter[];
  /** Media type → resolved object schema; absent when the operation takes no body. */
  body?: { required: boolean; content: Record<string, JsonSchema> };
}

interface RawParameter {
  name: string;
  in: string;
  required?: boolean;
  schema?: JsonSchema;
}

interface RawOperation {
  operationId: string;
  security?: unknown[];
  parameters?: RawParameter[];
  requestBody?: { required?: boolean; content: Record<string, { schema: JsonSchema }> };
  responses: Record<string, unknown>;
}

interface RawDocument {
  paths: Record<string, Record<string, RawOperation>>;
  components?: { schemas?: Record<string, JsonSchema> };
}

const METHODS = new Set(['get', 'put', 'post', 'delete', 'patch']);

export async function loadOperations(): Promise<Operation[]> {
  const response = await api.get('/openapi.json');
  expect(response.status, await response.clone().text()).toBe(200);
  const document = await response.json<RawDocument>();
  const resolve = (schema: JsonSchema): JsonSchema => resolveRefs(schema, document);
  const operations = Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => METHODS.has(method))
      .map(([method, raw]) => toOperation(method, path, raw, resolve)),
  );
  // Guards against an empty or unparsable document silently turning every property into a no-op.
  expect(operations.length).toBeGreaterThan(10);
  return operations;
}

function toOperation(
  method: string,
  path: string,
  raw: RawOperation,
  resolve: (schema: JsonSchema) => JsonSchema,
): Operation {
  const params = (where: string) =>
    (raw.parameters ?? [])
      .filter((parameter) => parameter.in === where)
      .map((parameter) => ({
        name: parameter.name,
        required: parameter.required === true,
        schema: resolve(parameter.schema ?? {}),
      }));
  const operation: Operation = {
    method: method.toUpperCase(),
    path,
    operationId: raw.operationId,
    secured: (raw.security ?? []).length > 0,
    statuses: Object.keys(raw.responses).map(Number),
    pathParams: params('path'),
    queryParams: params('query'),
  };
  if (raw.requestBody) {
    const content = Object.fromEntries(
      Object.entries(raw.requestBody.content).map(([type, media]) => [type, resolve(media.schema)]),
    );
    operation.body = { required: raw.requestBody.required === true, content };
  }
  return operation;
}

function resolveRefs(schema: JsonSchema, document: RawDocument): JsonSchema {
  if (schema.$ref) {
    const name = schema.$ref.replace('#/components/schemas/', '');
    const target = document.components?.schemas?.[name];
    if (!target) throw new Error(`Unresolvable $ref ${schema.$ref}`);
    return resolveRefs(target, document);
  }
  if (!schema.properties) return schema;
  const properties = Object.fromEntries(
    Object.entries(schema.properties).map(([key, value]) => [key, resolveRefs(value, document)]),
  );
  return { ...schema, properties };
}

/** The one operation with this method and path template; fails loudly if the document lost it. */
export function findOperation(operations: Operation[], method: string, path: string): Operation {
  const operation = operations.find((op) => op.method === method && op.path === path);
  if (!operation) throw new Error(`The OpenAPI document has no ${method} ${path}`);
  return operation;
}

export function typesOf(schema: JsonSchema): string[] {
  if (schema.enum) return [typeof schema.enum[0]];
  if (Array.isArray(schema.type)) return schema.type;
  return schema.type ? [schema.type] : [];
}
