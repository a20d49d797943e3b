import type { MoneyMicros, Shares } from '../../../shared';

/**
 * Interactive Brokers (IBKR Pro) US stock commission schedules, as numbers the paper venue charges.
 *
 * Source: IBKR "Commissions: Stocks, ETFs, Warrants" page, United States table
 * (https://www.interactivebrokers.com/en/pricing/commissions-stocks.php), and IBKR's
 * "NASDAQ/Island Exchange Fees" page (https://www.interactivebrokers.com/en/accounts/fees/INETstkfee.php),
 * as read on 2026-11-21. IB changes these numbers (regulatory rates change every fiscal year):
 * update this one table and its date together.
 *
 * Units: every per-share figure is micro-dollars per share (USD 0.0035 = 3_500); every rate is an
 * exact fraction `numerator / denominator` so no binary float is ever multiplied into money.
 *
 * | item                                   | Fixed                     | Tiered                                  |
 * | -------------------------------------- | ------------------------- | --------------------------------------- |
 * | IB commission per share                | USD 0.005                 | <= 300,000 sh/month USD 0.0035;         |
 * |                                        |                           | 300,001-3,000,000 USD 0.0020;           |
 * |                                        |                           | 3,000,001-20,000,000 USD 0.0015;        |
 * |                                        |                           | 20,000,001-100,000,000 USD 0.0010;      |
 * |                                        |                           | > 100,000,000 USD 0.0005                |
 * | minimum per order                      | USD 1.00                  | USD 0.35                                |
 * | maximum per order                      | 1% of trade value         | 1% of trade value                       |
 * | Nasdaq fee, remove liquidity (>= $1)   | included                  | USD 0.0030 per share                    |
 * | Nasdaq fee, remove liquidity (< $1)    | included                  | 0.30% of trade value                    |
 * | Nasdaq rebate, add displayed liquidity | included                  | (USD 0.0021) per share (>= $1), 0 (< $1)|
 * | NSCC/DTC clearing                      | included                  | USD 0.00020 per share                   |
 * | NYSE pass-through                      | included                  | 0.000175 x IB commission                |
 * | FINRA pass-through                     | included                  | 0.000565 x IB commission                |
 * | SEC transaction fee (sales only)       | 0.0000278 x sale value    | 0.0000278 x sale value                  |
 * | FINRA Trading Activity Fee (sales only)| USD 0.000166/share sold, max USD 8.30 | same                        |
 *
 * Not modelled: FINRA Consolidated Audit Trail fees (IB quotes a range, USD 0.000048 to 0.0000721 per
 * share, not one rate), the Nasdaq opening/closing-cross fees (the paper venue does not take part in
 * auctions), and IB's fractional-share minimums (the paper venue trades whole shares only).
 * IB states that when the 1% maximum is below the minimum, the maximum is charged; both schedules do
 * that (`min(max(perShare x shares, minimum), 1% x value)`).
 */
export const IBKR_US_STOCK_SCHEDULE = {
  source: 'https://www.interactivebrokers.com/en/pricing/commissions-stocks.php',
  exchangeFeeSource: 'https://www.interactivebrokers.com/en/accounts/fees/INETstkfee.php',
  asOf: '2026-11-21',
  fixed: {
    perShare: 5_000,
    minPerOrder: 1_000_000,
    /** Maximum per order as a fraction of trade value: 1/100. */
    maxOfValue: { numerator: 1, denominator: 100 },
  },
  tiered: {
    /** Monthly share volume tiers: a tier applies while the month's volume so far is <= `upToShares`. */
    tiers: [
      { upToShares: 300_000, perShare: 3_500 },
      { upToShares: 3_000_000, perShare: 2_000 },
      { upToShares: 20_000_000, perShare: 1_500 },
      { upToShares: 100_000_000, perShare: 1_000 },
      { upToShares: Number.POSITIVE_INFINITY, perShare: 500 },
    ],
    minPerOrder: 350_000,
    maxOfValue: { numerator: 1, denominator: 100 },
    /** Nasdaq (INET) fee to remove liquidity, price >= $1.00, micro-dollars per share. */
    nasdaqRemovePerShare: 3_000,
    /** Nasdaq fee to remove liquidity, price < $1.00, fraction of trade value (0.30%). */
    nasdaqRemoveSubDollarOfValue: { numerator: 3, denominator: 1_000 },
    /** Nasdaq rebate for adding displayed liquidity, price >= $1.00, micro-dollars per share (credited). */
    nasdaqAddRebatePerShare: 2_100,
    /** NSCC and DTC clearing, micro-dollars per share. */
    clearingPerShare: 200,
    /** NYSE pass-through: 0.000175 x IB commission. */
    nysePassThroughOfCommission: { numerator: 175, denominator: 1_000_000 },
    /** FINRA pass-through: 0.000565 x IB commission. */
    finraPassThroughOfCommission: { numerator: 565, denominator: 1_000_000 },
  },
  regulatory: {
    /** SEC Section 31 transaction fee: 0.0000278 x value of sales. */
    secFeeOfSaleValue: { numerator: 278, denominator: 10_000_000 },
    /** FINRA Trading Activity Fee, micro-dollars per share sold. */
    finraTafPerShareSold: 166,
    /** FINRA TAF cap, micro-dollars per trade (applied per order here). */
    finraTafMaxPerTrade: 8_300_000,
  },
} as const;

/** An exact fraction used as a rate. */
export interface Rate {
  readonly numerator: number;
  readonly denominator: number;
}

/** One US-stock price boundary: Reg NMS and the exchange fee tables switch at $1.00 per share. */
export const ONE_DOLLAR_MICROS: MoneyMicros = 1_000_000;

/**
 * `amount x rate`, rounded half up to the micro-dollar; `amount` a non-negative safe integer.
 * BigInt keeps large trade values exact (value x numerator can exceed 2^53).
 * @throws RangeError when `amount` is negative or not a safe integer, or the result is not safe.
 */
export function applyRate(amount: MoneyMicros | Shares, rate: Rate): MoneyMicros {
  if (!Number.isSafeInteger(amount) || amount < 0) {
    throw new RangeError(`amount must be a non-negative whole number of micro-dollars or shares, got ${amount}`);
  }
  const n = BigInt(amount) * BigInt(rate.numerator);
  const d = BigInt(rate.denominator);
  const rounded = Number((2n * n + d) / (2n * d));
  if (!Number.isSafeInteger(rounded)) throw new RangeError(`commission of ${amount} x ${rate.numerator}/${rate.denominator} overflows`);
  return rounded;
}
