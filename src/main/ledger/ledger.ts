import type Database from 'better-sqlite3';
import { AccountRepository } from './account-repository';
import { AlertRepository } from './alert-repository';
import { closeLedgerDatabase, openLedgerDatabase, type OpenLedgerOptions } from './database';
import { FillRepository } from './fill-repository';
import { OrderEventRepository } from './order-event-repository';
import { OrderRepository } from './order-repository';
import { PositionRepository } from './position-repository';
import { SettingsRepository } from './settings-repository';

/**
 * The ledger: one SQLite connection and its typed repositories. All writes that belong together go
 * through `transaction`, so a crash or an exception leaves nothing half-written.
 */
export class Ledger {
  readonly orders: OrderRepository;
  readonly events: OrderEventRepository;
  readonly fills: FillRepository;
  readonly positions: PositionRepository;
  readonly account: AccountRepository;
  readonly settings: SettingsRepository;
  /** Alerts raised to the trader (migration 0004). */
  readonly alerts: AlertRepository;

  /** Wraps an open, migrated connection (see openLedgerDatabase). */
  constructor(readonly db: Database.Database) {
    this.orders = new OrderRepository(db);
    this.events = new OrderEventRepository(db);
    this.fills = new FillRepository(db);
    this.positions = new PositionRepository(db);
    this.account = new AccountRepository(db);
    this.settings = new SettingsRepository(db);
    this.alerts = new AlertRepository(db);
  }

  /** Opens `file` (or ':memory:') with openLedgerDatabase and wraps it. Same errors. */
  static open(file: string, options?: OpenLedgerOptions): Ledger {
    return new Ledger(openLedgerDatabase(file, options));
  }

  /**
   * Runs `work` in one write transaction (BEGIN IMMEDIATE, so the write lock is taken up front) and
   * returns its result. If `work` throws, everything it wrote is rolled back and the error rethrown.
   * Nested calls become savepoints of the outer transaction.
   */
  transaction<T>(work: () => T): T {
    return this.db.transaction(work).immediate();
  }

  /** Checkpoints and closes the connection (closeLedgerDatabase). Safe to call twice. */
  close(): void {
    closeLedgerDatabase(this.db);
  }
}
