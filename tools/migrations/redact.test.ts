/** Connection strings are printed only with their secrets replaced. */
import { describe, expect, it } from 'vitest';
import { redactUrl, scrubSecrets } from './database.ts';

describe('redactUrl', () => {
  it('hides the password and password-like parameters', () => {
    expect(
      redactUrl('postgresql://app:p%40ss@db.example:5432/main?sslpassword=x&sslmode=require'),
    ).toBe('postgresql://app:***@db.example:5432/main?sslpassword=***&sslmode=require');
    expect(redactUrl('postgresql://app@localhost/main')).toBe('postgresql://app@localhost/main');
    expect(redactUrl('host=db password=secret')).toBe('(DATABASE_URL is not a URL)');
  });
});

describe('scrubSecrets', () => {
  it('removes the encoded and decoded password from messages', () => {
    const url = 'postgresql://app:p%40ss@db.example/main';
    expect(scrubSecrets('auth failed for p@ss (p%40ss)', url)).toBe('auth failed for *** (***)');
    expect(scrubSecrets('bad host=db password=secret', 'host=db password=secret')).toBe('bad ***');
  });
});
