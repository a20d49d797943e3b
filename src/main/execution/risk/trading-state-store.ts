import { Emitter, TRADING_STATES, tradingStateSchema, type Event, type TradingState } from '../../../shared';
import { TransactionalCell, type Ledger } from '../../ledger';
import type { Clock } from '../../../shared';

/** Settings key of the persisted TradingState. */
export const TRADING_STATE_SETTING = 'execution.tradingState';

/** Why the TradingState changed, as the signed `mode.switch` entry records it. */
export type TradingStateCause = 'KILL_SWITCH' | 'BREAKER' | 'DAILY_LOSS' | 'RESUME' | 'FILL_NOT_BOOKED' | 'LEDGER_UNWRITABLE' | 'MANUAL';

/**
 * The TradingState (ACTIVE, REDUCING, HALTED), owned by the RiskEngine. Persisted in the ledger's
 * settings with a signed `mode.switch` entry {tradingState, previous, cause, tsEvent} in the same
 * transaction, so a halt survives a restart; memory follows the commit and `onDidChange` fires after
 * it. A new ledger starts ACTIVE.
 *
 * Fail closed: when the ledger cannot record a halt (a full disk, an I/O error), `haltInMemory`
 * still halts this process, announced like any change, and the halt holds until a restart reads
 * the ledger again.
 */
export class TradingStateStore {
  private readonly state: TransactionalCell<TradingState>;
  private readonly emitter = new Emitter<TradingState>();
  /** Set when a halt could not be recorded: the process stays HALTED whatever the ledger says. */
  private unrecordedHalt: string | null = null;

  /** After the state changed (its commit, or an in-memory halt). */
  readonly onDidChange: Event<TradingState> = this.emitter.event;

  /** @throws LedgerRowError when the stored state is malformed. */
  constructor(
    private readonly ledger: Ledger,
    private readonly clock: Clock,
  ) {
    this.state = new TransactionalCell(ledger.unitOfWork, ledger.settings.get(TRADING_STATE_SETTING, tradingStateSchema) ?? 'ACTIVE');
  }

  /** The state in force (inside a transaction: as that transaction left it). */
  get(): TradingState {
    return this.unrecordedHalt === null ? this.state.get() : 'HALTED';
  }

  /** Why the process is halted although the ledger could not record it, or null. */
  get haltNotRecorded(): string | null {
    return this.unrecordedHalt;
  }

  /**
   * Sets and records the state (joining an open transaction). No-op when it is the state already.
   * @throws RangeError on an unknown state; the ledger's errors (nothing changed then).
   */
  set(state: TradingState, cause: TradingStateCause): void {
    if (!(TRADING_STATES as readonly string[]).includes(state)) {
      throw new RangeError(`trading state must be one of ${TRADING_STATES.join(', ')}, got ${JSON.stringify(state)}`);
    }
    const previous = this.get();
    if (state === previous && this.unrecordedHalt === null) return;
    const now = this.clock.now();
    this.ledger.transaction(() => {
      this.ledger.settings.set(TRADING_STATE_SETTING, state, now);
      this.ledger.recordFact('mode.switch', { tradingState: state, previous, cause, tsEvent: now });
      this.state.set(state);
      this.ledger.unitOfWork.afterCommit(() => {
        this.unrecordedHalt = null;
        this.emitter.fire(state);
      });
    });
  }

  /** Halts this process without the ledger (it refused the write): `reason` says why, in the header and the alert. */
  haltInMemory(reason: string): void {
    const wasHalted = this.get() === 'HALTED';
    this.unrecordedHalt = reason;
    if (!wasHalted) this.emitter.fire('HALTED');
  }

  dispose(): void {
    this.emitter.dispose();
  }
}
