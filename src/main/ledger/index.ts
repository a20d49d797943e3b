/**
 * The ledger: SQLite persistence of orders, their append-only event journal, fills, positions,
 * the account and settings (better-sqlite3, WAL, one migration per schema version).
 */
export { openLedgerDatabase, closeLedgerDatabase, LEDGER_BUSY_TIMEOUT_MS, type LedgerDurability, type OpenLedgerOptions } from './database';
export { applyMigrations, schemaVersion } from './migrate';
export { MIGRATIONS, type Migration } from './migrations';
export { Ledger, type LedgerOpenOptions } from './ledger';
export { TransactionalCell, TransactionalMap, TransactionScopes, type HookErrorHandler, type UnitOfWork } from './unit-of-work';
export {
  WalCheckpointer,
  DEFAULT_CHECKPOINT_INTERVAL_MS,
  DEFAULT_WAL_AUTOCHECKPOINT_PAGES,
  type CheckpointReport,
  type WalCheckpointerOptions,
} from './wal-checkpointer';
export { OrderRepository } from './order-repository';
export { OrderEventRepository } from './order-event-repository';
export { FillRepository } from './fill-repository';
export { PositionRepository } from './position-repository';
export { AccountRepository } from './account-repository';
export { SettingsRepository } from './settings-repository';
export { BarsRepository, type DailyBarRecord, type DailyBarsCoverage, type StoredCloses } from './bars-repository';
export { AlertRepository, DEFAULT_ALERT_LIST_LIMIT } from './alert-repository';
export { ApiKeyRepository, ApiKeyExistsError, type ApiKeyRecord } from './api-key-repository';
export { IbOrderRepository, IbOrderMappingExistsError, IbOrderUnknownError, IbPermIdChangedError, type IbOrderMapping } from './ib-order-repository';
export { KeyStoreRepository, type KeyStoreRecord } from './key-store-repository';
export { WebAuthnCredentialRepository, type CredentialRemoval, type WebAuthnCredentialRecord } from './webauthn-credential-repository';
export { ORDER_EVENT_TYPES } from './order-event-codec';
export { LedgerMigrationError, LedgerRowError, LedgerSchemaTooNewError } from './errors';
export type { AccountRecord, FillRecord, PositionRecord, StoredOrderEvent } from './records';
export { openReadOnlyLedger, type ReadOnlyLedger } from './read-only-ledger';
