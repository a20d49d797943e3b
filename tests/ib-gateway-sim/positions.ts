import type { MoneyMicros, OrderSide, PriceMicros, Shares } from '../../src/shared';

/** One account's position in the simulator's stock, in exact units. */
export interface SimPosition {
  /** Signed shares (negative = short). */
  readonly quantity: Shares;
  /**
   * Cost of the open quantity, micro-dollars, commissions included (IB's avgCost counts them):
   * for a long, what was paid; for a short, the net proceeds. 0 when flat.
   */
  readonly costMicros: MoneyMicros;
  /** Realized P&L so far, micro-dollars, net of commissions. */
  readonly realizedMicros: MoneyMicros;
  /** Cash, micro-dollars: the starting balance minus purchases plus sales, net of commissions. */
  readonly cashMicros: MoneyMicros;
}

/** What one fill did to the position: realized P&L of the part that closed (undefined when it only opened). */
export interface FillEffect {
  readonly realizedMicros: MoneyMicros | undefined;
}

/**
 * Average-cost positions and cash per account, as IB keeps them for the portfolio and the
 * commission report: a fill that reduces a position realizes (price - avgCost) x shares closed
 * (sign by side), less the commission share of the closed part; the rest of a fill that flips the
 * position opens at the fill price. All amounts are integer micro-dollars (rounded to the nearest
 * micro-dollar where a cost or commission is split).
 */
export class PositionBook {
  private readonly byAccount = new Map<string, { quantity: number; costMicros: number; realizedMicros: number; cashMicros: number }>();

  /** @param startingCashMicros cash of each account before any fill (IB paper accounts start with USD 1,000,000). */
  constructor(private readonly startingCashMicros: MoneyMicros = 1_000_000_000_000) {}

  /** The account's position (flat with the starting cash when it never traded). */
  position(account: string): SimPosition {
    return { ...this.entry(account) };
  }

  /** Accounts that traded, in first-trade order. */
  accounts(): string[] {
    return [...this.byAccount.keys()];
  }

  /** Applies one fill of `shares` at `price` (micro-dollars) with `commission` (micro-dollars). */
  apply(account: string, side: OrderSide, shares: Shares, price: PriceMicros, commission: MoneyMicros): FillEffect {
    const p = this.entry(account);
    const signed = side === 'BUY' ? shares : -shares;
    p.cashMicros += side === 'BUY' ? -(shares * price) - commission : shares * price - commission;
    const closing = p.quantity !== 0 && Math.sign(p.quantity) !== Math.sign(signed) ? Math.min(shares, Math.abs(p.quantity)) : 0;
    let realized: number | undefined;
    if (closing > 0) {
      const costClosed = Math.round((p.costMicros * closing) / Math.abs(p.quantity));
      const commissionClosed = Math.round((commission * closing) / shares);
      // Long closed by a sale: proceeds - cost. Short closed by a purchase: proceeds kept (cost) - paid.
      realized = p.quantity > 0 ? closing * price - costClosed - commissionClosed : costClosed - closing * price - commissionClosed;
      p.realizedMicros += realized;
      p.costMicros -= costClosed;
      p.quantity += p.quantity > 0 ? -closing : closing;
    }
    const opening = shares - closing;
    if (opening > 0) {
      const commissionOpen = commission - (closing > 0 ? Math.round((commission * closing) / shares) : 0);
      // Long: paid price + commission. Short: proceeds net of commission.
      p.costMicros += side === 'BUY' ? opening * price + commissionOpen : opening * price - commissionOpen;
      p.quantity += side === 'BUY' ? opening : -opening;
    }
    if (p.quantity === 0) p.costMicros = 0;
    return { realizedMicros: realized };
  }

  private entry(account: string): { quantity: number; costMicros: number; realizedMicros: number; cashMicros: number } {
    let p = this.byAccount.get(account);
    if (!p) {
      p = { quantity: 0, costMicros: 0, realizedMicros: 0, cashMicros: this.startingCashMicros };
      this.byAccount.set(account, p);
    }
    return p;
  }
}

/** IB avgCost: cost per share of the open position, dollars (0 when flat). */
export function avgCostDollars(p: SimPosition): number {
  return p.quantity === 0 ? 0 : p.costMicros / Math.abs(p.quantity) / 1_000_000;
}
