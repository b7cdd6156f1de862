/** Argument parsing and error reporting for scripts/db.ts; returns the process exit code. */
import { parseArgs } from 'node:util';
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
import { CommandFailure, StatementError } from './run-sql.ts';

export const USAGE = `usage: node scripts/db.ts <command> [options]

  generate --name <name>  drizzle-kit generate, then a drizzle/down/<tag>.sql stub to fill in
  check                   exit 1, showing its SQL, when db:generate would write a migration
  migrate [--to <tag>]    apply pending migrations in journal order, each in its own transaction
  status                  current revision and each migration's state; exit 1 unless all applied
  history                 every migration: when generated, whether and when applied
  rollback [--steps <n>]  undo the newest n applied migrations (default 1) in one transaction
  stamp <tag|head>        record migrations up to <tag> as applied without running them

Every command but generate and check works on the database named by DATABASE_URL.`;

export interface CliIo extends Output {
  env: Record<string, string | undefined>;
  /** Migrations folder; the project's drizzle/ when omitted (tests pass their own). */
  folder?: string;
  /** Schema file for check; drizzle.config.ts's when omitted (tests pass a changed copy). */
  schema?: string;
}

class UsageError extends Error {}

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
    const run = parseDatabaseCommand(command, rest, io.folder);
    if (!url) throw new UsageError('DATABASE_URL is not set; export it or prefix the command');
    io.out(`database: ${redactUrl(url)}`);
    return await withClient(url, (client) => run(client, io));
  } catch (error) {
    return report(error, url, io);
  }
}

type Run = (client: Client, io: Output) => Promise<number>;

function parseDatabaseCommand(command: string, args: string[], folderPath?: string): Run {
  const folder: MigrationOptions = folderPath === undefined ? {} : { folder: folderPath };
  switch (command) {
    case 'migrate': {
      const { values } = parse(args, { to: { type: 'string' } });
      return (client, io) => migrateCommand(client, { ...folder, to: values.to }, io);
    }
    case 'status':
      parse(args, {});
      return (client, io) => statusCommand(client, folder, io);
    case 'history':
      parse(args, {});
      return (client, io) => historyCommand(client, folder, io);
    case 'rollback': {
      const { values } = parse(args, { steps: { type: 'string', default: '1' } });
      const steps = Number(values.steps);
      if (!/^\d+$/.test(values.steps ?? '') || steps < 1) {
        throw new UsageError(`--steps needs a positive whole number, not ${values.steps}`);
      }
      return (client, io) => rollbackCommand(client, { ...folder, steps }, io);
    }
    case 'stamp': {
      const { positionals } = parse(args, {}, true);
      const [target] = positionals;
      if (target === undefined || positionals.length > 1) {
        throw new UsageError('stamp needs exactly one argument: a migration tag or head');
      }
      return (client, io) => stampCommand(client, target, folder, io);
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
