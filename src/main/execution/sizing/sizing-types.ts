import type { MoneyMicros, OrderReason, OrderSide, PriceMicros, RiskProfile, Shares, SizingMethod } from '../../../shared';

/**
 * What a sizer needs. Units: prices and money integer micro-dollars, quantities whole shares.
 *
 * - `quantity`: the trader's own quantity (FIXED only).
 * - `entry`: the expected entry price (signal.entry, else the limit price, else the mid), > 0.
 * - `stop`: the protective stop price (RISK needs it; KELLY uses it to cap risk when given).
 * - `winProbability` p in (0, 1) and `payoffRatio` b > 0 (average win / average loss): KELLY only.
 * - `capital`: the capital the profile's percentages apply to (account equity or the fixed capital).
 * - `availableCash`: cash free to pay for the order (KELLY never bets more).
 */
export interface SizingInput {
  readonly method: SizingMethod;
  readonly side: OrderSide;
  readonly quantity?: Shares;
  readonly entry: PriceMicros;
  readonly stop?: PriceMicros;
  readonly winProbability?: number;
  readonly payoffRatio?: number;
  readonly capital: MoneyMicros;
  readonly availableCash: MoneyMicros;
  readonly profile: RiskProfile;
}

/**
 * A sizer's answer: SIZED with a whole, positive number of shares and a sentence showing the
 * arithmetic, or NO_TRADE with a structured reason (code + sentence with the numbers). A sizer never
 * rounds a zero up to one share: that could exceed the very cap that produced the zero.
 */
export type SizingResult =
  | { readonly kind: 'SIZED'; readonly quantity: Shares; readonly explanation: string }
  | { readonly kind: 'NO_TRADE'; readonly reason: OrderReason };

/** Builds a NO_TRADE result. */
export function noTrade(code: string, message: string): SizingResult {
  return { kind: 'NO_TRADE', reason: { code, message } };
}
