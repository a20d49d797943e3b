import {
  addMicros,
  assertSafeInteger,
  divRoundHalfAwayFromZero,
  notionalMicros,
  type AccountView,
  type InstrumentId,
  type MoneyMicros,
  type OrderSide,
  type PositionView,
  type PriceMicros,
  type Shares,
  type UnixMicros,
} from '../../../shared';
import type { PositionRecord } from '../../ledger';

/**
 * Position keeping by the AVERAGE-COST method, long and short, in exact integer micro-dollars.
 *
 * State per instrument: signed quantity q (shares; > 0 long, < 0 short) and signed cost basis C
 * (micro-dollars paid for the open quantity; negative for a short, 0 when flat). The average entry
 * price is C / q, shown rounded half away from zero.
 *
 * A fill of d signed shares (BUY +, SELL -) at price p with commission c:
 * - opening or adding (q = 0 or same sign as d): q += d, C += d x p.
 * - reducing (opposite sign): closed = min(|d|, |q|) shares leave the position; they carry
 *   removed = C x closed / |q| of the cost basis (rounded half away from zero; exactly C when the
 *   position closes completely, so no micro-dollar is ever lost or created).
 *   realized += sign(q) x closed x p - removed, i.e. (exit - avg) x closed for a long and
 *   (avg - exit) x closed for a short.
 * - a fill larger than the position FLIPS it: it closes the whole position as above, then opens the
 *   rest (|d| - |q| shares) on the other side at the fill price p.
 * - commission: realized -= c and commissions += c on every fill (opening ones too), so realized
 *   P&L is net of all trading costs.
 * Cash moves by -d x p - c. Unrealized P&L at mark m is q x m - C. With these definitions
 * equity = cash + sum(q x m) = starting cash + realized + unrealized holds exactly.
 *
 * Reference: the average-cost method (weighted-average cost basis) as used by Interactive
 * Brokers' portfolio "Average Cost" column and NautilusTrader's Position.
 */

/** One execution as position keeping needs it. Price/commission micro-dollars, quantity shares. */
export interface PositionFill {
  readonly instrumentId: InstrumentId;
  readonly side: OrderSide;
  readonly quantity: Shares;
  readonly price: PriceMicros;
  readonly commission: MoneyMicros;
}

/** Result of applying one fill: the new position, the realized P&L it added, and the cash movement. */
export interface PositionChange {
  readonly position: PositionRecord;
  /** Realized P&L added by this fill, net of its commission, micro-dollars. */
  readonly realizedDelta: MoneyMicros;
  /** Cash movement of this fill, micro-dollars: -signedQty x price - commission. */
  readonly cashDelta: MoneyMicros;
}

/** A flat position with nothing realized, for an instrument never traded. */
export function flatPosition(instrumentId: InstrumentId, updatedAt: UnixMicros): PositionRecord {
  return { instrumentId, quantity: 0, costBasis: 0, realizedPnl: 0, commissions: 0, updatedAt };
}

/**
 * Applies `fill` to `position` by the average-cost method above; pure.
 * @throws RangeError when the fill has a non-positive quantity or price, a negative commission,
 *   another instrument, or a result that leaves the safe-integer range.
 */
export function applyFillToPosition(position: PositionRecord, fill: PositionFill, updatedAt: UnixMicros): PositionChange {
  if (fill.instrumentId !== position.instrumentId) {
    throw new RangeError(`a ${fill.instrumentId} fill cannot change the ${position.instrumentId} position`);
  }
  if (!Number.isSafeInteger(fill.quantity) || fill.quantity <= 0) {
    throw new RangeError(`fill quantity must be a positive whole number of shares, got ${fill.quantity}`);
  }
  if (!Number.isSafeInteger(fill.price) || fill.price <= 0) {
    throw new RangeError(`fill price must be a positive integer of micro-dollars, got ${fill.price}`);
  }
  if (!Number.isSafeInteger(fill.commission) || fill.commission < 0) {
    throw new RangeError(`fill commission must be a non-negative integer of micro-dollars, got ${fill.commission}`);
  }
  const direction = fill.side === 'BUY' ? 1 : -1;
  const q = position.quantity;
  let quantity = q;
  let costBasis = position.costBasis;
  let realizedGross = 0;
  let open = fill.quantity;

  if (q !== 0 && Math.sign(q) !== direction) {
    const closed = Math.min(fill.quantity, Math.abs(q));
    const removed = closed === Math.abs(q) ? costBasis : mulDivRoundHalfAwayFromZero(costBasis, closed, Math.abs(q));
    realizedGross = Math.sign(q) * notionalMicros(fill.price, closed) - removed;
    quantity = q + direction * closed;
    costBasis = costBasis - removed;
    open = fill.quantity - closed;
  }
  if (open > 0) {
    quantity += direction * open;
    costBasis = addMicros(costBasis, direction * notionalMicros(fill.price, open));
  }
  const realizedDelta = assertSafeInteger(realizedGross - fill.commission, 'realized P&L of the fill');
  return {
    position: {
      instrumentId: position.instrumentId,
      quantity,
      costBasis,
      realizedPnl: addMicros(position.realizedPnl, realizedDelta),
      commissions: addMicros(position.commissions, fill.commission),
      updatedAt,
    },
    realizedDelta,
    cashDelta: assertSafeInteger(-direction * notionalMicros(fill.price, fill.quantity) - fill.commission, 'cash movement'),
  };
}

/**
 * a x b / c rounded half away from zero, exact for any safe-integer inputs: the product of a cost
 * basis and a share count can exceed 2^53 (a $10M position closing 1,000 shares), so it is formed
 * in bigint. @throws RangeError when c is 0 or the result is not a safe integer.
 */
function mulDivRoundHalfAwayFromZero(a: number, b: number, c: number): number {
  if (c === 0) throw new RangeError('division by zero');
  const product = BigInt(a) * BigInt(b);
  const divisor = BigInt(c);
  const negative = product < 0n !== divisor < 0n;
  const n = product < 0n ? -product : product;
  const d = divisor < 0n ? -divisor : divisor;
  let quotient = n / d;
  if ((n % d) * 2n >= d) quotient += 1n;
  return assertSafeInteger(Number(negative ? -quotient : quotient), 'allocated cost basis');
}

/** Unrealized P&L of `position` at `mark` (micro-dollars): q x mark - C; 0 when flat or unmarked. */
export function unrealizedPnl(position: PositionRecord, mark: PriceMicros | null): MoneyMicros {
  if (position.quantity === 0 || mark === null) return 0;
  return assertSafeInteger(position.quantity * mark - position.costBasis, 'unrealized P&L');
}

/** Market value q x mark (micro-dollars), or the cost basis when no mark is known yet. */
export function marketValue(position: PositionRecord, mark: PriceMicros | null): MoneyMicros {
  if (mark === null) return position.costBasis;
  return assertSafeInteger(position.quantity * mark, 'market value');
}

/** The PositionView of `position` marked at `mark` (null when no two-sided book is known). */
export function toPositionView(position: PositionRecord, mark: PriceMicros | null): PositionView {
  return {
    instrumentId: position.instrumentId,
    quantity: position.quantity,
    avgPrice: position.quantity === 0 ? null : divRoundHalfAwayFromZero(position.costBasis, position.quantity),
    markPrice: mark,
    realizedPnl: position.realizedPnl,
    unrealizedPnl: unrealizedPnl(position, mark),
    commissions: position.commissions,
    updatedAt: position.updatedAt,
  };
}

/**
 * Account totals from cash and every position with its mark.
 * equity = cash + sum(market value); gross exposure = sum(|market value|); positions without a mark
 * count at their cost basis (unrealized 0) until a two-sided book is seen.
 */
export function computeAccountView(
  startingCash: MoneyMicros,
  cash: MoneyMicros,
  positions: Iterable<PositionRecord>,
  markOf: (instrumentId: InstrumentId) => PriceMicros | null,
): AccountView {
  let equity = cash;
  let realized = 0;
  let unrealized = 0;
  let gross = 0;
  for (const position of positions) {
    const mark = markOf(position.instrumentId);
    const value = marketValue(position, mark);
    equity = addMicros(equity, value);
    gross = addMicros(gross, Math.abs(value));
    realized = addMicros(realized, position.realizedPnl);
    unrealized = addMicros(unrealized, unrealizedPnl(position, mark));
  }
  return { startingCash, cash, equity, realizedPnl: realized, unrealizedPnl: unrealized, grossExposure: gross };
}
