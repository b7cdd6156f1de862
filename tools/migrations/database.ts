/** Connections, transactions, and keeping the password out of anything printed. */
import pg from 'pg';

export type Client = pg.Client;

/** The database could not be reached, so nothing was read or run. */
export class ConnectionError extends Error {
  override name = 'ConnectionError';
}

export async function withClient<T>(url: string, run: (client: Client) => Promise<T>): Promise<T> {
  // An unreachable host then fails in seconds, not after the system's TCP timeout of minutes.
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 15_000 });
  try {
    await client.connect();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ConnectionError(`cannot connect to the database: ${reason}`, { cause: error });
  }
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/** Runs `run` inside BEGIN/COMMIT, rolling back (and rethrowing) when it throws. */
export async function inTransaction<T>(client: Client, run: () => Promise<T>): Promise<T> {
  await client.query('BEGIN');
  try {
    const result = await run();
    await client.query('COMMIT');
    return result;
  } catch (error) {
    // A failed ROLLBACK (say, a dropped connection) must not hide the error that caused it.
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

const SECRET_PARAMS = ['password', 'sslpassword', 'sslkey'];

/** The URL with its password (and password-like query parameters) replaced by ***. */
export function redactUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return '(DATABASE_URL is not a URL)';
  }
  if (parsed.password) parsed.password = '***';
  for (const name of SECRET_PARAMS) {
    if (parsed.searchParams.has(name)) parsed.searchParams.set(name, '***');
  }
  return parsed.toString().replace(/%2A%2A%2A/g, '***');
}

/** Removes the URL's password from a message, in case a driver error quotes it. */
export function scrubSecrets(message: string, url: string): string {
  const secrets = new Set<string>();
  try {
    const parsed = new URL(url);
    for (const value of [
      parsed.password,
      ...SECRET_PARAMS.map((n) => parsed.searchParams.get(n)),
    ]) {
      if (value) {
        secrets.add(value);
        secrets.add(decodeURIComponent(value));
      }
    }
  } catch {
    // Not a URL: nothing can be picked out of it, so only the whole string is hidden.
    if (url) secrets.add(url);
  }
  let scrubbed = message;
  for (const secret of secrets) scrubbed = scrubbed.split(secret).join('***');
  return scrubbed;
}
