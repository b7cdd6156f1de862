/** The example secret the app refuses outside local development is the one .dev.vars.example publishes. */
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { EXAMPLE_JWT_SECRET } from '../src/env.ts';

it('matches JWT_SECRET in .dev.vars.example', () => {
  const example = readFileSync(new URL('../.dev.vars.example', import.meta.url), 'utf8');
  expect(example).toMatch(new RegExp(`^JWT_SECRET=${EXAMPLE_JWT_SECRET}$`, 'm'));
});
