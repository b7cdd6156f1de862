/**
 * `npm run db:superuser -- --username U --email E`: the password comes from SUPERUSER_PASSWORD,
 * or is asked for without echo when run in a terminal; there is no default.
 */
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { requireDatabaseUrl } from '../tools/dev-database.ts';
import { ensureSuperuser, SuperuserError } from '../tools/superuser.ts';

const usage = 'usage: npm run db:superuser -- --username <name> --email <address>';
const { values } = parseArgs({
  options: { username: { type: 'string' }, email: { type: 'string' } },
});
if (!values.username || !values.email) fail(usage);
// Without DATABASE_URL, the database of a running `npm run dev`.
const url = requireDatabaseUrl('db:superuser');

try {
  const outcome = await ensureSuperuser(url, {
    username: values.username as string,
    email: values.email as string,
    // An empty SUPERUSER_PASSWORD counts as unset, never as a password.
    password: async () => process.env.SUPERUSER_PASSWORD || (await askPassword()),
  });
  console.log(`${values.username}: ${outcome}`);
} catch (error) {
  fail(error instanceof SuperuserError ? error.message : String(error));
}

function fail(message: string): never {
  console.error(`db:superuser: ${message}`);
  process.exit(1);
}

/** Reads a line from the terminal without echoing it; undefined when stdin is not a terminal. */
async function askPassword(): Promise<string | undefined> {
  if (!process.stdin.isTTY) return undefined;
  // Creating the interface puts the terminal in raw mode (no echo by the terminal itself): only
  // then is the prompt shown, so nothing typed in answer to it can be echoed.
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  // Swallow readline's own echo: it writes typed characters through this method.
  (rl as unknown as { _writeToOutput: (text: string) => void })._writeToOutput = () => {};
  process.stdout.write('password for the new superuser: ');
  const answer = await new Promise<string>((resolve) => rl.question('', resolve));
  rl.close();
  process.stdout.write('\n');
  return answer;
}
