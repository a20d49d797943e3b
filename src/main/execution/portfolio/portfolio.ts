import {
  addMicros,
  type AccountView,
  type InstrumentId,
  type MoneyMicros,
  type PositionView,
  type PriceMicros,
  type UnixMicros,
} from '../../../shared';
import type { PositionRecord } from '../../ledger';
import {
  applyFillToPosition,
  computeAccountView,
  flatPosition,
  toPositionView,
  type PositionFill,
} from './position-math';

/** A fill's effect on the portfolio, computed but not yet applied (so it can be persisted first). */
export interface PortfolioChange {
  readonly position: PositionRecord;
  /** Account cash after the fill, micro-dollars. */
  readonly cash: MoneyMicros;
}

/**
 * Positions, cash and marks of the account, in memory. Changes are two-step: `planFill` computes
 * the change without touching state; the engine persists it and only after the commit calls
 * `apply`, so memory never runs ahead of the ledger. Money in micro-dollars.
 */
export class Portfolio {
  private readonly positionsById = new Map<InstrumentId, PositionRecord>();
  private readonly marks = new Map<InstrumentId, PriceMicros>();
  private cashMicros: MoneyMicros;

  /**
   * @param startingCash The account's starting cash, micro-dollars.
   * @param cash Current cash, micro-dollars (as stored in the ledger).
   * @param positions Stored positions, one per instrument.
   */
  constructor(
    readonly startingCash: MoneyMicros,
    cash: MoneyMicros,
    positions: Iterable<PositionRecord>,
  ) {
    this.cashMicros = cash;
    for (const position of positions) this.positionsById.set(position.instrumentId, position);
  }

  /** Current cash, micro-dollars. */
  get cash(): MoneyMicros {
    return this.cashMicros;
  }

  /** The effect of `fill` (average-cost method, see position-math.ts); state is unchanged. */
  planFill(fill: PositionFill, updatedAt: UnixMicros): PortfolioChange {
    const before = this.positionsById.get(fill.instrumentId) ?? flatPosition(fill.instrumentId, updatedAt);
    const change = applyFillToPosition(before, fill, updatedAt);
    return { position: change.position, cash: addMicros(this.cashMicros, change.cashDelta) };
  }

  /** Makes a planned (and persisted) change current. */
  apply(change: PortfolioChange): void {
    this.positionsById.set(change.position.instrumentId, change.position);
    this.cashMicros = change.cash;
  }

  /**
   * Records the mark (book mid, micro-dollars) of `instrumentId`.
   * @returns true when the mark changed.
   * @throws RangeError when `mid` is not a positive safe integer.
   */
  setMark(instrumentId: InstrumentId, mid: PriceMicros): boolean {
    if (!Number.isSafeInteger(mid) || mid <= 0) {
      throw new RangeError(`mark of ${instrumentId} must be a positive integer of micro-dollars, got ${mid}`);
    }
    if (this.marks.get(instrumentId) === mid) return false;
    this.marks.set(instrumentId, mid);
    return true;
  }

  /** The last mark of `instrumentId`, or null when none was seen. */
  markOf(instrumentId: InstrumentId): PriceMicros | null {
    return this.marks.get(instrumentId) ?? null;
  }

  /** The stored position of `instrumentId`, or undefined when never traded. */
  position(instrumentId: InstrumentId): PositionRecord | undefined {
    return this.positionsById.get(instrumentId);
  }

  /** The view of `instrumentId`'s position at its mark, or undefined when never traded. */
  positionView(instrumentId: InstrumentId): PositionView | undefined {
    const position = this.positionsById.get(instrumentId);
    return position === undefined ? undefined : toPositionView(position, this.markOf(instrumentId));
  }

  /** Every position (including flat ones that carry realized P&L), by instrument id. */
  positionViews(): PositionView[] {
    return [...this.positionsById.values()]
      .sort((a, b) => (a.instrumentId < b.instrumentId ? -1 : a.instrumentId > b.instrumentId ? 1 : 0))
      .map((position) => toPositionView(position, this.markOf(position.instrumentId)));
  }

  /** Account totals at the current marks. */
  account(): AccountView {
    return computeAccountView(this.startingCash, this.cashMicros, this.positionsById.values(), (id) => this.markOf(id));
  }
}
