import type { MoneyMicros, PriceMicros } from '../money';
import type { InstrumentId } from './instrument';
import type { UnixMicros } from './time';

/**
 * A net position in one instrument. `quantity` is signed shares: > 0 long, < 0 short, 0 flat.
 * P&L uses the average-cost method: `avgPrice` is the average entry price of the open quantity;
 * closing trades realize (exit - avgPrice) x closed shares (sign-adjusted for shorts); marks at mid.
 * All money in micro-dollars.
 */
export interface PositionView {
  readonly instrumentId: InstrumentId;
  /** Signed shares: positive long, negative short. */
  readonly quantity: number;
  /** Average entry price of the open quantity, micro-dollars; null when flat. */
  readonly avgPrice: PriceMicros | null;
  /** Mark price (book mid), micro-dollars; null when no two-sided book is known. */
  readonly markPrice: PriceMicros | null;
  /** Realized P&L, micro-dollars, net of commissions. */
  readonly realizedPnl: MoneyMicros;
  /** Unrealized P&L at the mark, micro-dollars. */
  readonly unrealizedPnl: MoneyMicros;
  /** Commissions paid on this instrument, micro-dollars. */
  readonly commissions: MoneyMicros;
  readonly updatedAt: UnixMicros;
}

/** Account totals, micro-dollars. */
export interface AccountView {
  /** Starting cash of the paper account. */
  readonly startingCash: MoneyMicros;
  /** Cash after trades and commissions. */
  readonly cash: MoneyMicros;
  /** Cash + market value of positions at the mark. */
  readonly equity: MoneyMicros;
  readonly realizedPnl: MoneyMicros;
  readonly unrealizedPnl: MoneyMicros;
  /** Sum of |position market value|. */
  readonly grossExposure: MoneyMicros;
}
