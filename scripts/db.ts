/** The migration CLI, `node scripts/db.ts <command>`; `--help` lists the commands. */
import { resolveDatabaseUrl } from '../tools/dev-database.ts';
import { runCli } from '../tools/migrations/cli.ts';

// Without DATABASE_URL, the database of a running `npm run dev`.
process.exitCode = await runCli(process.argv.slice(2), {
  env: { ...process.env, DATABASE_URL: resolveDatabaseUrl(process.env) },
  out: (line) => console.log(line),
  err: (line) => console.error(line),
});
