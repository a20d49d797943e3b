import type Database from 'better-sqlite3';
import { LedgerMigrationError, LedgerSchemaTooNewError } from './errors';
import type { Migration } from './migrations';

/**
 * Brings `db` to the newest schema in `migrations`, one migration per transaction, recording each
 * version in PRAGMA user_version (an integer in the database header, written in the same
 * transaction, so a crash leaves either the old or the new version, never a half-applied one).
 *
 * @param file Shown in errors only.
 * @returns The schema version after migrating.
 * @throws RangeError when `migrations` are not numbered 1, 2, 3 ... in order.
 * @throws LedgerSchemaTooNewError when the database's version is above the newest migration.
 * @throws LedgerMigrationError when a migration fails (the database keeps the previous version).
 */
export function applyMigrations(db: Database.Database, migrations: readonly Migration[], file: string): number {
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new RangeError(
        `ledger migrations must be numbered 1, 2, 3 ... in order; position ${index + 1} holds version ${migration.version}`,
      );
    }
  });
  const latest = migrations.length;
  const current = schemaVersion(db);
  if (current > latest) throw new LedgerSchemaTooNewError(file, current, latest);
  for (const migration of migrations.slice(current)) {
    const run = db.transaction(() => {
      if (typeof migration.up === 'string') db.exec(migration.up);
      else migration.up(db);
      // PRAGMA does not take bound parameters; the version is a validated integer.
      db.pragma(`user_version = ${migration.version}`);
    });
    try {
      run.immediate();
    } catch (cause) {
      throw new LedgerMigrationError(migration.version, migration.description, { cause });
    }
  }
  return schemaVersion(db);
}

/** PRAGMA user_version of `db`: the ledger schema version (0 for a new, empty database). */
export function schemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}
