/**
 * The Worker's Cron Trigger (`[triggers] crons` in wrangler.toml): deletes Idempotency-Key
 * records older than their lifetime. A failure is logged and left for the next run.
 */
import { createHttpDatabase } from './db/client.ts';
import { deleteExpiredKeys } from './db/idempotency.ts';
import { type Bindings, readConfig } from './env.ts';
import { describeError, log } from './lib/log.ts';

export async function scheduled(controller: ScheduledController, env: Bindings): Promise<void> {
  const db = createHttpDatabase(readConfig(env));
  try {
    const deleted = await deleteExpiredKeys(db);
    log('info', 'expired idempotency keys deleted', { cron: controller.cron, deleted });
  } catch (error) {
    log('error', 'idempotency key clean-up failed', {
      cron: controller.cron,
      ...describeError(error),
    });
    throw error;
  }
}
