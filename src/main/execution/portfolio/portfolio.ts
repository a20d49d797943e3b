import {
  addMicros,
  Emitter,
  type AccountView,
  type Event,
  type FillView,
  type InstrumentId,
  type MoneyMicros,
  type Order,
  type OrderEvent,
  type PositionView,
  type PriceMicros,
  type TradingMode,
  type UnixMicros,
} from '../../../shared';
import { TransactionalCell, TransactionalMap, type Ledger, type PositionRecord } from '../../ledger';
import type { OrderProjection } from '../engine/order-store';
import type { Clock } from '../../../shared';
import { SessionPnl } from '../session-pnl';
import { applyFillToPosition, computeAccountView, flatPosition, toPositionView } from './position-math';

/**
 * Positions, cash, marks and the day's P&L of one trading mode's book (paper or live: never one
 * total). A projection of the order store: every fill of an order of its mode is booked into its
 * position and the cash inside the fill's own transaction (position-math: average-cost method),
 * memory follows the commit (unit of work), and `onDidChangePosition` / `onDidChangeAccount` fire
 * after it. Marks (book mids) are not ledger facts: `setMark` updates them at once and announces the
 * position and account at the new mark. Money in micro-dollars.
 */
export class Portfolio implements OrderProjection {
  readonly startingCash: MoneyMicros;
  private readonly positionsById: TransactionalMap<InstrumentId, PositionRecord>;
  private readonly cash: TransactionalCell<MoneyMicros>;
  private readonly marks = new Map<InstrumentId, PriceMicros>();
  private readonly session: SessionPnl;
  private readonly positionEmitter = new Emitter<PositionView>();
  private readonly accountEmitter = new Emitter<AccountView>();

  /** After a fill or a new mark changed a position. */
  readonly onDidChangePosition: Event<PositionView> = this.positionEmitter.event;
  /** After cash or a mark changed the account totals. */
  readonly onDidChangeAccount: Event<AccountView> = this.accountEmitter.event;

  /**
   * Restores positions and cash from `ledger`.
   * @param clock Floor's clock (the market clock on a replay): the session date of the day's P&L.
   * @param marks the book mid now (micro-dollars, null without a two-sided book): a position gets its
   *   mark at start and right after a fill opens it, not only at the next change of the mid.
   * @param mode the book: PAPER (the paper account, $100,000 starting cash) or LIVE (Floor's record
   *   of live fills, starting at 0; the live account's own cash is IB's).
   * @throws LedgerRowError when a stored position or the account row is malformed.
   */
  constructor(
    private readonly ledger: Ledger,
    private readonly clock: Clock,
    private readonly marksNow: (instrumentId: InstrumentId) => PriceMicros | null = () => null,
    readonly mode: TradingMode = 'PAPER',
  ) {
    const account = ledger.account.get(mode);
    this.startingCash = account.startingCash;
    this.cash = new TransactionalCell(ledger.unitOfWork, account.cash);
    this.positionsById = new TransactionalMap(ledger.unitOfWork);
    for (const position of ledger.positions.all(mode)) {
      this.positionsById.seed(position.instrumentId, position);
      this.refreshMark(position.instrumentId);
    }
    this.session = new SessionPnl(ledger.settings, ledger.unitOfWork, undefined, mode);
    this.session.observe(clock.now(), this.account().equity);
  }

  /** OrderProjection: books a fill of an order of this book's mode into its position and the cash, in the fill's transaction (stamped with Floor's clock). */
  project(event: OrderEvent, order: Order, fill: FillView | undefined): void {
    if (fill === undefined || event.type !== 'OrderFilled' || order.mode !== this.mode) return;
    const now = this.clock.now();
    // The session's baseline must be the equity before the first fill of the day moves it.
    this.session.observe(now, this.account().equity);
    const before = this.positionsById.get(fill.instrumentId) ?? flatPosition(fill.instrumentId, now);
    const change = applyFillToPosition(before, fill, now);
    const cash = addMicros(this.cash.get(), change.cashDelta);
    this.ledger.positions.upsert(change.position, this.mode);
    this.ledger.account.setCash(cash, now, this.mode);
    this.positionsById.set(fill.instrumentId, change.position);
    this.cash.set(cash);
    this.ledger.unitOfWork.afterCommit(() => {
      this.refreshMark(fill.instrumentId);
      this.announce(fill.instrumentId);
    });
  }

  /**
   * Records the mark (book mid, micro-dollars) of `instrumentId` and, when it changed and a position
   * is open there, announces the position and account at the new mark.
   * @throws RangeError when `mid` is not a positive safe integer.
   */
  setMark(instrumentId: InstrumentId, mid: PriceMicros): void {
    if (!Number.isSafeInteger(mid) || mid <= 0) throw new RangeError(`mark of ${instrumentId} must be a positive integer of micro-dollars, got ${mid}`);
    if (this.marks.get(instrumentId) === mid) return;
    this.marks.set(instrumentId, mid);
    const position = this.positionsById.get(instrumentId);
    if (position === undefined || position.quantity === 0) return;
    this.session.observe(this.clock.now(), this.account().equity);
    this.announce(instrumentId);
  }

  /** The last mark of `instrumentId`, or null when none was seen. */
  markOf(instrumentId: InstrumentId): PriceMicros | null {
    return this.marks.get(instrumentId) ?? null;
  }

  /** The view of `instrumentId`'s position at its mark, or undefined when never traded. */
  positionView(instrumentId: InstrumentId): PositionView | undefined {
    const position = this.positionsById.get(instrumentId);
    return position === undefined ? undefined : toPositionView(position, this.markOf(instrumentId));
  }

  /** Every position (flat ones keep their realized P&L), by instrument id. */
  positions(): PositionView[] {
    return [...this.positionsById.committed()]
      .sort((a, b) => (a.instrumentId < b.instrumentId ? -1 : a.instrumentId > b.instrumentId ? 1 : 0))
      .map((position) => toPositionView(position, this.markOf(position.instrumentId)));
  }

  /** Account totals at the current marks. */
  account(): AccountView {
    return computeAccountView(this.startingCash, this.cash.get(), this.positionsById.committed(), (id) => this.markOf(id));
  }

  /**
   * Realized + unrealized P&L since the start of today's session (exchange-local date of Floor's
   * clock), micro-dollars, negative for a loss: what the daily loss limit is measured on.
   */
  dailyPnl(now: UnixMicros = this.clock.now()): MoneyMicros {
    return this.session.dailyPnl(now, this.account().equity);
  }

  /** Drops listeners. */
  dispose(): void {
    this.positionEmitter.dispose();
    this.accountEmitter.dispose();
  }

  private refreshMark(instrumentId: InstrumentId): void {
    const mark = this.marksNow(instrumentId);
    if (mark !== null && Number.isSafeInteger(mark) && mark > 0) this.marks.set(instrumentId, mark);
  }

  private announce(instrumentId: InstrumentId): void {
    const position = this.positionView(instrumentId);
    if (position !== undefined) this.positionEmitter.fire(position);
    this.accountEmitter.fire(this.account());
  }
}
