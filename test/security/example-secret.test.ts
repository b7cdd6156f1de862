/** The JWT_SECRET published in .dev.vars.example works on a laptop and nowhere else. */
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import { EXAMPLE_JWT_SECRET } from '../../src/env.ts';
import { expectProblem } from '../helpers/api.ts';
import { appClient } from '../helpers/http.ts';

describe('the example JWT_SECRET', () => {
  it('is refused without the local Neon proxy (that is, in production): every request is a 500', async () => {
    const deployed = appClient(createApp(), {
      JWT_SECRET: EXAMPLE_JWT_SECRET,
      NEON_LOCAL_PROXY: '',
    });
    const problem = await expectProblem(await deployed.get('/api/v1/items'), 500);
    expect(JSON.stringify(problem)).not.toContain(EXAMPLE_JWT_SECRET);
  });

  it('is accepted for local development, behind the local proxy', async () => {
    const local = appClient(createApp(), { JWT_SECRET: EXAMPLE_JWT_SECRET });
    expect((await local.get('/api/v1/items?limit=1')).status).toBe(200);
  });
});
