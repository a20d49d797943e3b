import { messageOf } from '../../shared';
/**
 * Errors raised by the ledger. Each names the table and the row (or the version) involved so a
 * trader's support request can point at the exact record.
 */

/** The database was written by a newer Floor than this one; opening it could corrupt it. */
export class LedgerSchemaTooNewError extends Error {
  override readonly name = 'LedgerSchemaTooNewError';
  constructor(
    readonly file: string,
    readonly databaseVersion: number,
    readonly codeVersion: number,
  ) {
    super(
      `ledger ${file} has schema version ${databaseVersion}, but this Floor only knows versions up to ${codeVersion}; ` +
        'open it with a newer Floor (downgrades are not supported)',
    );
  }
}

/** A migration failed; the database stays at the version before it. */
export class LedgerMigrationError extends Error {
  override readonly name = 'LedgerMigrationError';
  constructor(
    readonly version: number,
    readonly description: string,
    options: { cause: unknown },
  ) {
    super(`ledger migration ${version} (${description}) failed: ${messageOf(options.cause)}`, options);
  }
}

/** A row read back from the ledger does not have the shape the code expects. */
export class LedgerRowError extends Error {
  override readonly name = 'LedgerRowError';
  constructor(
    readonly table: string,
    readonly key: string,
    detail: string,
  ) {
    super(`ledger table ${table}, row ${key}: ${detail}`);
  }
}
