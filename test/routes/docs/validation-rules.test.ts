/** The document publishes the rules the server enforces (test/properties/contract-truth.test.ts checks them against the server). */
import { describe, expect, it } from 'vitest';
import { api } from '../../helpers/http.ts';

type Schema = Record<string, unknown>;

async function bodySchema(name: string): Promise<Record<string, Schema>> {
  const document = await (await api.get('/openapi.json')).json<{
    components: { schemas: Record<string, { properties: Record<string, Schema> }> };
  }>();
  const schema = document.components.schemas[name];
  if (!schema) throw new Error(`no ${name} in the document`);
  return schema.properties;
}

const matches = (schema: Schema | undefined, text: string) =>
  new RegExp(String(schema?.pattern), 'u').test(text);

describe('GET /openapi.json validation rules', () => {
  it('publishes a price as at least 0.01 in steps of 0.01, below 10^10', async () => {
    const { price } = await bodySchema('CreateItemBody');
    expect(price).toMatchObject({ minimum: 0.01, multipleOf: 0.01, exclusiveMaximum: 1e10 });
  });

  it('publishes the email pattern the server applies', async () => {
    const { email } = await bodySchema('CreateUserBody');
    expect(email).toMatchObject({ format: 'email', maxLength: 254 });
    expect(matches(email, 'ada@example.com')).toBe(true);
    expect(matches(email, 'a!b@example.com')).toBe(false);
    expect(matches(email, 'x@localhost')).toBe(false);
  });

  it('publishes the character rules of passwords, titles and descriptions as patterns', async () => {
    const { password } = await bodySchema('CreateUserBody');
    const { title, description } = await bodySchema('CreateItemBody');
    expect(matches(password, 'correct horse 😀')).toBe(true);
    expect(matches(password, 'a\u0000b')).toBe(false);
    expect(matches(password, 'a\ud800b')).toBe(false);
    expect(matches(title, 'Lamp\n')).toBe(false);
    expect(matches(title, '\u202eevil')).toBe(false);
    expect(matches(description, 'line\nbreak\ttab')).toBe(true);
    expect(matches(description, 'bell\u0007')).toBe(false);
  });
});
