/** The commands that work on files alone, with no database: generate and check. */
import { relative } from 'node:path';
import { type CheckOptions, check } from './check.ts';
import type { Output } from './commands.ts';
import { generate } from './generate.ts';
import { PROJECT_ROOT } from './options.ts';

export async function generateCommand(name: string, folder: string | undefined, io: Output) {
  const result = await generate({ name, folder });
  if (result.tags.length === 0) io.out('no new migration, so no down file was created');
  for (const path of result.downFiles) {
    io.out(`created ${path}: write the SQL that exactly undoes the migration, then review it`);
  }
  return 0;
}

/** Exit 0 when the schema and the migrations agree; 1, with the SQL that is missing, otherwise. */
export async function checkCommand(options: CheckOptions, io: Output): Promise<number> {
  const result = await check(options);
  const schema = result.schema.map(displayPath).join(', ');
  const { missing } = result;
  if (missing.length === 0) {
    io.out(`no drift: ${schema} matches the migrations (db:generate would write nothing)`);
    return 0;
  }
  io.out(`drift: ${schema} has changes no migration covers; db:generate would write:`);
  for (const { file, sql } of missing) {
    io.out('');
    io.out(`-- ${file}`);
    io.out(sql.trimEnd());
  }
  io.out('');
  io.err('error: the schema and the migrations differ (drift); see the SQL above');
  io.err('generate the migration (npm run db:generate -- --name <name>), write its down file,');
  io.err('and commit both with the schema change');
  return 1;
}

/** Paths inside the project relative to it, others (a test's copy) absolute. */
function displayPath(path: string): string {
  const inside = relative(PROJECT_ROOT, path);
  return inside.startsWith('..') ? path : inside;
}
