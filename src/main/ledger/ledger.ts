import type Database from 'better-sqlite3';
import { AccountRepository } from './account-repository';
import { AlertRepository } from './alert-repository';
import { ApiKeyRepository } from './api-key-repository';
import { BarsRepository } from './bars-repository';
import { ChainWriter, LedgerChain, type ChainEntry, type ChainEntryType, type ChainPayload, type ChainSigner, type ChainWriterOptions } from './chain';
import { IbOrderRepository } from './ib-order-repository';
import { KeyStoreRepository } from './key-store-repository';
import { registerRawDatabase } from './raw-database';
import { WebAuthnCredentialRepository } from './webauthn-credential-repository';
import { closeLedgerDatabase, openLedgerDatabase, type LedgerDurability, type OpenLedgerOptions } from './database';
import { FillRepository } from './fill-repository';
import { OrderEventRepository } from './order-event-repository';
import { OrderRepository } from './order-repository';
import { PositionRepository } from './position-repository';
import { SettingsRepository } from './settings-repository';
import { TransactionScopes, type UnitOfWork } from './unit-of-work';
import { WalCheckpointer, type WalCheckpointerOptions } from './wal-checkpointer';

/** Options of Ledger.open: openLedgerDatabase's, plus where write-ahead log checkpoints run. */
export interface LedgerOpenOptions extends OpenLedgerOptions {
  /**
   * Checkpoint on a background thread (WalCheckpointer) instead of inside the commit that fills the
   * log. For the long-running terminal, whose order latency must not carry a checkpoint's fsyncs;
   * tests and one-shot commands leave it unset. Ignored for ':memory:'.
   */
  readonly backgroundCheckpoints?: WalCheckpointerOptions;
}

/**
 * The ledger: one SQLite connection and its typed repositories. All writes that belong together go
 * through `transaction`, so a crash or an exception leaves nothing half-written.
 *
 * With the terminal's key attached (`signWith`), the ledger is signed: every order event is also
 * recorded in the hash chain, and `recordFact` appends the other facts (risk verdicts, approvals,
 * trading-state switches, security events), all inside the same transaction as the rows they
 * describe. The terminal always signs; a ledger without a key (unit tests of other layers, one-shot
 * readers) writes no chain entries.
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
  /** The automation API's keys (migration 0007). */
  readonly apiKeys: ApiKeyRepository;
  /** Daily bars for the correlation cap (migration 0003). */
  readonly bars: BarsRepository;
  /** IB order id mappings (migration 0010). */
  readonly ibOrders: IbOrderRepository;
  /** Where the terminal key lives (migration 0011). */
  readonly keyStores: KeyStoreRepository;
  /** WebAuthn authenticators and counters (migration 0006). */
  readonly webauthnCredentials: WebAuthnCredentialRepository;
  /** The signed chain, read-only: identity, head, length, verification. */
  readonly chain: LedgerChain;
  /**
   * better-sqlite3's BEGIN IMMEDIATE wrapper, built once: `db.transaction(fn)` builds four wrapper
   * functions and defines their properties on every call (about 9 µs of the ~12 µs an empty
   * transaction costs on the reference VM; the order path runs two per order). The wrapper passes its
   * arguments through, so one wrapper that calls its argument serves every `work`.
   */
  private readonly runImmediate: <T>(work: () => T) => T;
  private background: WalCheckpointer | undefined;
  private signed: ChainWriter | undefined;
  private readonly scopes = new TransactionScopes();

  /**
   * The transactions of this ledger as in-memory state follows them (see unit-of-work.ts): hooks
   * after the commit, undo on rollback.
   */
  get unitOfWork(): UnitOfWork {
    return this.scopes;
  }

  /**
   * Wraps an open, migrated connection (see openLedgerDatabase). The handle stays inside the ledger:
   * callers use the repositories and `transaction` (raw-database.ts serves the ledger's own tests).
   */
  constructor(private readonly db: Database.Database) {
    registerRawDatabase(this, db);
    this.runImmediate = db.transaction(<T>(work: () => T): T => work()).immediate as <T>(work: () => T) => T;
    this.orders = new OrderRepository(db);
    this.events = new OrderEventRepository(db, () => this.signed);
    this.fills = new FillRepository(db);
    this.positions = new PositionRepository(db);
    this.account = new AccountRepository(db);
    this.settings = new SettingsRepository(db);
    this.alerts = new AlertRepository(db);
    this.apiKeys = new ApiKeyRepository(db);
    this.bars = new BarsRepository(db);
    this.ibOrders = new IbOrderRepository(db);
    this.keyStores = new KeyStoreRepository(db);
    this.webauthnCredentials = new WebAuthnCredentialRepository(db);
    this.chain = new LedgerChain(db);
  }

  /**
   * Opens `file` (or ':memory:') with openLedgerDatabase and wraps it; starts the background
   * checkpointer when `options.backgroundCheckpoints` is set and `file` is a file. Same errors.
   */
  static open(file: string, options: LedgerOpenOptions = {}): Ledger {
    const ledger = new Ledger(openLedgerDatabase(file, options));
    const { backgroundCheckpoints } = options;
    if (backgroundCheckpoints !== undefined && !ledger.db.memory) {
      try {
        ledger.background = WalCheckpointer.start(ledger.db, backgroundCheckpoints);
      } catch (error) {
        ledger.close();
        throw error;
      }
    }
    return ledger;
  }

  /** The background checkpointer when Ledger.open started one (see LedgerOpenOptions), else undefined. */
  get checkpointer(): WalCheckpointer | undefined {
    return this.background;
  }

  /**
   * Signs this ledger from now on with `signer` (the terminal key): opens the chain writer
   * (ChainWriter.open: records the key on first use, refuses a different key).
   * @throws ChainKeyMismatchError when the ledger is signed by another key; Error when a chain is already attached.
   */
  signWith(signer: ChainSigner, options: ChainWriterOptions = {}): void {
    if (this.signed !== undefined) throw new Error('this ledger is already signed by a terminal key');
    this.signed = ChainWriter.open(this.db, signer, options);
  }

  /**
   * Sets commit durability from the next commit on (SQLite `synchronous`, see LedgerDurability):
   * the terminal opens paper trading at NORMAL and goes FULL before the first live order.
   * @throws Error inside a transaction (the level must not change under a half-written commit).
   */
  setDurability(durability: LedgerDurability): void {
    if (this.db.inTransaction) throw new Error(`cannot change the ledger's durability to ${durability} inside a transaction`);
    this.db.pragma(`synchronous = ${durability}`);
  }

  /** The commit durability in force, read back from SQLite: FULL (or EXTRA, which is stricter) or NORMAL (or OFF). */
  durability(): LedgerDurability {
    return (this.db.pragma('synchronous', { simple: true }) as number) >= 2 ? 'FULL' : 'NORMAL';
  }

  /** True once `signWith` attached the terminal key. */
  get isSigned(): boolean {
    return this.signed !== undefined;
  }

  /**
   * Appends one fact to the signed chain (inside the caller's transaction when one is open).
   * @returns the entry, or undefined when the ledger is not signed.
   * @throws TypeError from ChainWriter.append when `type` or `payload` is malformed (nothing written).
   */
  recordFact(type: ChainEntryType, payload: ChainPayload): ChainEntry | undefined {
    return this.signed?.append(type, payload);
  }

  /**
   * Runs `work` in one write transaction (BEGIN IMMEDIATE, so the write lock is taken up front) and
   * returns its result. If `work` throws, everything it wrote is rolled back and the error rethrown.
   * Nested calls become savepoints of the outer transaction. On a signed ledger the chain's head
   * checkpoint is signed once, when the outermost transaction's work ends (ChainWriter.batch).
   * In-memory state written through `unitOfWork` follows: merged after the outermost commit, then
   * its after-commit hooks run; undone on a rollback.
   */
  transaction<T>(work: () => T): T {
    const signed = this.signed;
    return this.scopes.run(signed === undefined ? this.runImmediate : (inner) => signed.batch(inner), work);
  }

  /**
   * Stops the background checkpointer (if any), then checkpoints and closes the connection
   * (closeLedgerDatabase). Safe to call twice.
   */
  close(): void {
    this.background?.stop();
    closeLedgerDatabase(this.db);
  }
}
