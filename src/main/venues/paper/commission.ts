import type { LiquiditySide, MoneyMicros, OrderSide, PriceMicros, Shares } from '../../../shared';
import { notionalMicros } from '../../../shared';
import { IBKR_US_STOCK_SCHEDULE as S, ONE_DOLLAR_MICROS, applyRate, type Rate } from './commission-schedule';

/** Which IBKR Pro US-stock schedule the paper venue charges. */
export type CommissionScheduleName = 'IBKR_FIXED' | 'IBKR_TIERED';
export const COMMISSION_SCHEDULE_NAMES: readonly CommissionScheduleName[] = ['IBKR_FIXED', 'IBKR_TIERED'];

/** One execution as the commission model sees it: shares, price in micro-dollars, side and liquidity. */
export interface CommissionExecution {
  readonly side: OrderSide;
  readonly quantity: Shares;
  readonly price: PriceMicros;
  readonly liquiditySide: LiquiditySide;
}

/** Running totals of one order's executions; money in micro-dollars, quantities in shares. */
interface OrderTotals {
  shares: Shares;
  value: MoneyMicros;
  takerSharesAtOrAboveDollar: Shares;
  takerValueBelowDollar: MoneyMicros;
  makerSharesAtOrAboveDollar: Shares;
  soldShares: Shares;
  soldValue: MoneyMicros;
}

/**
 * Commission accounting of one order. IB applies the per-order minimum and the 1% maximum to the
 * whole order, not to each execution, so each execution is charged
 * `total(order so far, including this execution) - already charged`.
 *
 * Rounding: every fee line is computed exactly in integer micro-dollars and rounded half up to the
 * micro-dollar once per line (applyRate); nothing is rounded to cents (IB reports commissions with
 * more than two decimals).
 *
 * A negative difference (only possible in Tiered, when a Nasdaq add-liquidity rebate arrives while the
 * IB commission sits at its minimum or maximum) is charged as 0 and netted against the order's later
 * executions, because a venue `filled` event carries a commission >= 0 (src/main/venues/venue.ts).
 */
export class OrderCommission {
  private readonly totals: OrderTotals = {
    shares: 0,
    value: 0,
    takerSharesAtOrAboveDollar: 0,
    takerValueBelowDollar: 0,
    makerSharesAtOrAboveDollar: 0,
    soldShares: 0,
    soldValue: 0,
  };
  private chargedSoFar: MoneyMicros = 0;

  /**
   * @param totalOf commission of the whole order given its running totals, micro-dollars.
   * @param onExecuted told of every execution's shares (the Tiered model counts monthly volume).
   */
  constructor(
    private readonly totalOf: (totals: Readonly<OrderTotals>) => MoneyMicros,
    private readonly onExecuted: (shares: Shares) => void = () => {},
  ) {}

  /** Micro-dollars charged on this order so far. */
  get charged(): MoneyMicros {
    return this.chargedSoFar;
  }

  /**
   * Adds one execution and returns its commission in micro-dollars (>= 0).
   * @throws RangeError when quantity or price is not a positive safe integer.
   */
  charge(execution: CommissionExecution): MoneyMicros {
    this.add(execution);
    this.onExecuted(execution.quantity);
    const due = this.totalOf(this.totals) - this.chargedSoFar;
    if (due <= 0) return 0;
    this.chargedSoFar += due;
    return due;
  }

  /**
   * Counts executions that happened before a restart as already charged, so a restored order does
   * not pay the per-order minimum twice. Returns nothing; emits nothing.
   */
  seedPriorExecution(execution: CommissionExecution): void {
    this.add(execution);
    this.chargedSoFar = Math.max(this.chargedSoFar, this.totalOf(this.totals));
  }

  private add({ side, quantity, price, liquiditySide }: CommissionExecution): void {
    if (!Number.isSafeInteger(quantity) || quantity <= 0) throw new RangeError(`execution quantity must be a positive whole number of shares, got ${quantity}`);
    if (!Number.isSafeInteger(price) || price <= 0) throw new RangeError(`execution price must be a positive number of micro-dollars, got ${price}`);
    const value = notionalMicros(price, quantity);
    const t = this.totals;
    t.shares += quantity;
    t.value += value;
    const atOrAboveDollar = price >= ONE_DOLLAR_MICROS;
    if (liquiditySide === 'TAKER') {
      if (atOrAboveDollar) t.takerSharesAtOrAboveDollar += quantity;
      else t.takerValueBelowDollar += value;
    } else if (atOrAboveDollar) {
      t.makerSharesAtOrAboveDollar += quantity;
    }
    if (side === 'SELL') {
      t.soldShares += quantity;
      t.soldValue += value;
    }
  }
}

/** A selectable commission schedule: hands out per-order accounting. */
export interface CommissionModel {
  readonly name: CommissionScheduleName;
  /** Starts commission accounting for one new (or restored) order. */
  openOrder(): OrderCommission;
}

/** IB commission with per-order minimum and 1% maximum: min(max(perShare x shares, minimum), 1% x value). */
function ibCommission(t: Readonly<OrderTotals>, perShare: number, minPerOrder: MoneyMicros, maxOfValue: Rate): MoneyMicros {
  if (t.shares === 0) return 0;
  const raw = perShare * t.shares;
  return Math.min(Math.max(raw, minPerOrder), applyRate(t.value, maxOfValue));
}

/** SEC transaction fee plus FINRA TAF on the order's sales (both schedules pass these through). */
function regulatoryFees(t: Readonly<OrderTotals>): MoneyMicros {
  const sec = applyRate(t.soldValue, S.regulatory.secFeeOfSaleValue);
  const taf = Math.min(S.regulatory.finraTafPerShareSold * t.soldShares, S.regulatory.finraTafMaxPerTrade);
  return sec + taf;
}

/**
 * IBKR Pro Fixed: USD 0.005 per share, minimum USD 1.00, maximum 1% of trade value per order,
 * exchange and clearing fees included; SEC fee and FINRA TAF passed through on sales.
 * Source: IBKR_US_STOCK_SCHEDULE (IB pricing page, read 2026-11-21).
 */
export class FixedCommissionModel implements CommissionModel {
  readonly name = 'IBKR_FIXED' as const;

  openOrder(): OrderCommission {
    return new OrderCommission((t) => ibCommission(t, S.fixed.perShare, S.fixed.minPerOrder, S.fixed.maxOfValue) + regulatoryFees(t));
  }
}

/** Options of the Tiered model. */
export interface TieredCommissionOptions {
  /** Shares already traded this calendar month (all US stock orders at IB) before this session; default 0. */
  readonly monthlyVolumeShares?: Shares;
}

/**
 * IBKR Pro Tiered: IB commission by monthly share volume (USD 0.0035 down to 0.0005 per share),
 * minimum USD 0.35, maximum 1% of trade value per order, plus Nasdaq remove-liquidity fee or
 * add-liquidity rebate, NSCC/DTC clearing, NYSE and FINRA pass-through fees, SEC fee and FINRA TAF.
 * All executions of the paper venue are treated as Nasdaq executions (the book it replays is Nasdaq's).
 * The tier is chosen by the month's volume before the order's first execution and kept for the whole
 * order, so one order is never priced on two tiers; every execution then adds to the month's volume.
 * Calendar-month rollover is not modelled: a session starts from `monthlyVolumeShares`.
 * Source: IBKR_US_STOCK_SCHEDULE (IB pricing pages, read 2026-11-21).
 */
export class TieredCommissionModel implements CommissionModel {
  readonly name = 'IBKR_TIERED' as const;
  private monthlyVolume: Shares;

  /** @throws RangeError when monthlyVolumeShares is not a non-negative whole number. */
  constructor(options: TieredCommissionOptions = {}) {
    const volume = options.monthlyVolumeShares ?? 0;
    if (!Number.isSafeInteger(volume) || volume < 0) {
      throw new RangeError(`monthlyVolumeShares must be a non-negative whole number of shares, got ${volume}`);
    }
    this.monthlyVolume = volume;
  }

  /** Shares counted towards this month's tier so far. */
  get monthlyVolumeShares(): Shares {
    return this.monthlyVolume;
  }

  /** IB per-share commission (micro-dollars) of the tier the month's volume currently falls in. */
  currentPerShare(): number {
    for (const tier of S.tiered.tiers) {
      if (this.monthlyVolume <= tier.upToShares) return tier.perShare;
    }
    /* The last tier is unbounded, so this is unreachable for a finite volume. */
    throw new RangeError(`monthly volume ${this.monthlyVolume} matches no tier`);
  }

  openOrder(): OrderCommission {
    let perShare: number | undefined;
    return new OrderCommission(
      (t) => {
        perShare ??= this.currentPerShare();
        return tieredTotal(t, perShare);
      },
      (shares) => {
        perShare ??= this.currentPerShare();
        this.monthlyVolume += shares;
      },
    );
  }
}

function tieredTotal(t: Readonly<OrderTotals>, perShare: number): MoneyMicros {
  const T = S.tiered;
  const commission = ibCommission(t, perShare, T.minPerOrder, T.maxOfValue);
  const exchange =
    T.nasdaqRemovePerShare * t.takerSharesAtOrAboveDollar +
    applyRate(t.takerValueBelowDollar, T.nasdaqRemoveSubDollarOfValue) -
    T.nasdaqAddRebatePerShare * t.makerSharesAtOrAboveDollar;
  const clearing = T.clearingPerShare * t.shares;
  const passThrough = applyRate(commission, T.nysePassThroughOfCommission) + applyRate(commission, T.finraPassThroughOfCommission);
  return commission + exchange + clearing + passThrough + regulatoryFees(t);
}

/**
 * Builds the named schedule. `monthlyVolumeShares` only matters for IBKR_TIERED.
 * @throws RangeError naming the accepted names when `name` is not one of them.
 */
export function createCommissionModel(name: CommissionScheduleName, options: TieredCommissionOptions = {}): CommissionModel {
  switch (name) {
    case 'IBKR_FIXED':
      return new FixedCommissionModel();
    case 'IBKR_TIERED':
      return new TieredCommissionModel(options);
    default:
      throw new RangeError(`unknown commission schedule ${JSON.stringify(name)}; expected one of ${COMMISSION_SCHEDULE_NAMES.join(', ')}`);
  }
}
