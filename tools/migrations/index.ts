/** The migration library in one import: reading migrations, comparing, and each command. */
export { type CheckOptions, type CheckResult, check } from './check.ts';
export {
  type Comparison,
  compare,
  isConsistent,
  type MigrationState,
  type MigrationStatus,
} from './compare.ts';
export {
  type Client,
  ConnectionError,
  inTransaction,
  redactUrl,
  withClient,
} from './database.ts';
export {
  downFilePath,
  isNonTransactional,
  NO_TRANSACTION_MARKER,
  readDownStatements,
  writeDownStub,
} from './down-files.ts';
export { type GenerateOptions, type GenerateResult, generate } from './generate.ts';
export { inspect } from './inspect.ts';
export { type Migration, readMigrations, resolveTarget } from './journal.ts';
export { DEFAULT_MIGRATIONS_FOLDER, type MigrationOptions } from './options.ts';
export { type Batch, planDown, planUp, type RollbackTarget, type Step } from './plan.ts';
export { type RollbackOptions, type RollbackResult, rollback } from './rollback.ts';
export { MigrationError, StatementError } from './run-sql.ts';
export { migrateScript, rollbackScript } from './script.ts';
export { type StampResult, stamp } from './stamp.ts';
export { type MigrationRecord, readRecords } from './state.ts';
export { type MigrateOptions, type MigrateResult, migrate } from './up.ts';
