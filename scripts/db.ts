/** The migration CLI, `node scripts/db.ts <command>`; `--help` lists the commands. */
import { runCli } from '../tools/migrations/cli.ts';

process.exitCode = await runCli(process.argv.slice(2), {
  env: process.env,
  out: (line) => console.log(line),
  err: (line) => console.error(line),
});
