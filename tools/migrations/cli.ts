/** Argument parsing and error reporting for scripts/db.ts; returns the process exit code. */

import { parseArgs } from 'node:util';
import { NO_DATABASE_MESSAGE } from '../dev-database.ts';
import {
  historyCommand,
  migrateCommand,
  type Output,
  rollbackCommand,
  stampCommand,
  statusCommand,
} from './commands.ts';
import { type Client, redactUrl, scrubSecrets, withClient } from './database.ts';
import { checkCommand, generateCommand } from './file-commands.ts';
import type { MigrationOptions } from './options.ts';
import { rollbackTarget } from './rollback.ts';
import { CommandFailure, MigrationError, StatementError } from './run-sql.ts';
import { migrateScript, rollbackScript, type Script, scriptCommand } from './script.ts';

export const USAGE = `usage: node scripts/db.ts <command> [options]

  generate --name <name>  drizzle-kit generate, then a drizzle/down/<tag>.sql stub to fill in
  check                   exit 1, showing its SQL, when db:generate would write a migration
  migrate [--to <tag>]    apply pending migrations in journal order, each in its own transaction
  status                  current revision and each migration's state; exit 1 unless all applied
  history                 every migration: when generated, whether and when applied
  rollback [--steps <n> | --to <tag>]
                          undo the newest n applied migrations (default 1), or every one after
                          <tag>, newest first, in one transaction
  stamp <tag|head>        record migrations up to <tag> as applied without running them

  migrate and rollback take --sql: print the SQL they would run and change nothing. Without
  DATABASE_URL it is offline: migrate assumes an empty database, rollback one at head.

Every command but generate and check works on the database named by DATABASE_URL.`;

export interface CliIo extends Output {
  env: Record<string, string | undefined>;
  /** Migrations folder; the project's drizzle/ when omitted (tests pass their own). */
  folder?: string;
  /** Schema file for check; drizzle.config.ts's when omitted (tests pass a changed copy). */
  schema?: string;
}

class UsageError extends Error {}

type Run = (client: Client, io: Output) => Promise<number>;
type Parsed = { run: Run } | { script: Script; offline: string };

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    io.out(USAGE);
    return command === undefined ? 2 : 0;
  }
  const url = io.env.DATABASE_URL ?? '';
  try {
    if (command === 'generate') {
      const { values } = parse(rest, { name: { type: 'string' } });
      if (!values.name) throw new UsageError('generate needs --name <name>');
      return await generateCommand(values.name, io.folder, io);
    }
    if (command === 'check') {
      parse(rest, {});
      return await checkCommand({ folder: io.folder, schema: io.schema }, io);
    }
    const parsed = parseDatabaseCommand(command, rest, io.folder);
    if ('script' in parsed) return await scriptCommand(parsed.script, parsed.offline, url, io);
    if (!url) throw new UsageError(NO_DATABASE_MESSAGE);
    io.out(`database: ${redactUrl(url)}`);
    return await withClient(url, (client) => parsed.run(client, io));
  } catch (error) {
    return report(error, url, io);
  }
}

function parseDatabaseCommand(command: string, args: string[], folderPath?: string): Parsed {
  const folder: MigrationOptions = folderPath === undefined ? {} : { folder: folderPath };
  const sql = { type: 'boolean', default: false } as const;
  switch (command) {
    case 'migrate': {
      const { values } = parse(args, { to: { type: 'string' }, sql });
      const options = { ...folder, to: values.to };
      if (values.sql) {
        const offline = 'offline (DATABASE_URL is not set): assuming an empty database';
        return { script: (client) => migrateScript(client, options), offline };
      }
      return { run: (client, io) => migrateCommand(client, options, io) };
    }
    case 'status':
      parse(args, {});
      return { run: (client, io) => statusCommand(client, folder, io) };
    case 'history':
      parse(args, {});
      return { run: (client, io) => historyCommand(client, folder, io) };
    case 'rollback': {
      const { values } = parse(args, { steps: { type: 'string' }, to: { type: 'string' }, sql });
      if (values.steps !== undefined && !/^\d+$/.test(values.steps)) {
        throw new UsageError(`--steps needs a positive whole number, not ${values.steps}`);
      }
      const steps = values.steps === undefined ? undefined : Number(values.steps);
      const options = { ...folder, steps, to: values.to };
      try {
        rollbackTarget(options);
      } catch (error) {
        throw error instanceof MigrationError ? new UsageError(error.message) : error;
      }
      if (values.sql) {
        const offline = 'offline (DATABASE_URL is not set): assuming every migration is applied';
        return { script: (client) => rollbackScript(client, options), offline };
      }
      return { run: (client, io) => rollbackCommand(client, options, io) };
    }
    case 'stamp': {
      const { positionals } = parse(args, {}, true);
      const [target] = positionals;
      if (target === undefined || positionals.length > 1) {
        throw new UsageError('stamp needs exactly one argument: a migration tag or head');
      }
      return { run: (client, io) => stampCommand(client, target, folder, io) };
    }
    default:
      throw new UsageError(`unknown command ${command}`);
  }
}

type Options = NonNullable<Parameters<typeof parseArgs>[0]>['options'];

function parse<T extends Options>(args: string[], options: T, allowPositionals = false) {
  try {
    return parseArgs({ args, options, allowPositionals, strict: true });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

function report(error: unknown, url: string, io: Output): number {
  if (error instanceof UsageError) {
    io.err(`error: ${error.message}`);
    io.err('run `node scripts/db.ts --help` for usage');
    return 2;
  }
  const cause = error instanceof CommandFailure ? error.cause : error;
  const message = cause instanceof Error ? cause.message : String(cause);
  io.err(`error: ${scrubSecrets(message, url)}`);
  if (cause instanceof StatementError) {
    io.err(`failing statement:\n${scrubSecrets(cause.statement, url)}`);
  }
  if (error instanceof CommandFailure) io.err(error.consequence);
  return 1;
}
