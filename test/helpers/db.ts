/** Direct reads of the test database, to check what a request left behind. */
import { env } from 'cloudflare:workers';
import { createHttpDatabase } from '../../src/db/client.ts';
import { readConfig } from '../../src/env.ts';

export function testDatabase() {
  return createHttpDatabase(readConfig(env));
}
