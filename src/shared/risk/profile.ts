import { z } from 'zod';
import { ORDER_SOURCES } from '../domain/orders';

/**
 * The trader's risk profile: every order, whatever its source, is sized and checked against it.
 * Units: money in integer micro-dollars; percentages in integer basis points (1 bp = 0.01%, so
 * 100 bp = 1%) to keep every rule exact; quantities in shares; times in seconds.
 */

const moneyMicros = (what: string) =>
  z
    .number({ error: `${what} must be a dollar amount in micro-dollars` })
    .int(`${what} must be a whole number of micro-dollars`)
    .positive(`${what} must be above $0`)
    .max(Number.MAX_SAFE_INTEGER, `${what} is too large`);

const basisPoints = (what: string, max = 10_000) =>
  z
    .number({ error: `${what} must be a percentage in basis points` })
    .int(`${what} must be a whole number of basis points (1 bp = 0.01%)`)
    .positive(`${what} must be above 0%`)
    .max(max, `${what} must be at most ${max / 100}%`);

/** How an order source is approved: sent at once (AUTO) or STAGED until the trader approves (MANUAL). */
export const APPROVAL_MODES = ['AUTO', 'MANUAL'] as const;
export type ApprovalMode = (typeof APPROVAL_MODES)[number];

export const riskProfileSchema = z
  .object({
    /** Capital the percentage rules apply to: the account's equity, or a fixed amount the trader sets. */
    capitalSource: z.enum(['ACCOUNT_EQUITY', 'FIXED']),
    /** Capital when capitalSource is FIXED, micro-dollars. */
    fixedCapital: moneyMicros('fixed capital'),
    /** Max risk per trade as a share of capital, bp (100 = 1%). Risk = |entry - stop| x shares. */
    maxRiskPerTradeBps: basisPoints('max risk per trade'),
    /** Max risk per trade in dollars, micro-dollars; the smaller of the two caps applies. */
    maxRiskPerTrade: moneyMicros('max risk per trade ($)'),
    /** Max position value as a share of capital, bp. */
    maxPositionBps: basisPoints('max position size', 100_000),
    /** Max notional of one order, micro-dollars. */
    maxTradeNotional: moneyMicros('max trade size ($)'),
    /** Max shares in one order (fat-finger guard). */
    maxOrderQuantity: z.number().int().positive('max order quantity must be at least 1 share').max(10_000_000),
    /** Max instruments with a non-zero position at once. */
    maxOpenPositions: z.number().int().positive('max open positions must be at least 1').max(10_000),
    /** Max sum of |position value| over all instruments (including the new order), micro-dollars. */
    maxGrossExposure: moneyMicros('max gross exposure'),
    /** Daily loss limit on realized + unrealized P&L since the session start, micro-dollars. */
    dailyLossLimit: moneyMicros('daily loss limit'),
    /** What a daily-loss breach does: REDUCING (only reducing orders) or HALT (circuit breaker: halt and cancel all). */
    dailyLossAction: z.enum(['REDUCING', 'HALT']),
    /** Price collar: limit/stop prices further than this from the mid are denied (fat finger), bp. */
    priceCollarBps: basisPoints('price collar'),
    /** Orders per second across all sources; IB's pacing limit is 50 messages/s, so at most 50. */
    maxOrdersPerSecond: z.number().int().min(1, 'max orders per second must be at least 1').max(50, 'max orders per second must be at most 50 (IB pacing limit)'),
    /** Fraction of the full Kelly bet to take, 0 < f <= 1 (e.g. 0.25 = quarter Kelly). */
    kellyFraction: z.number().gt(0, 'Kelly fraction must be above 0').max(1, 'Kelly fraction must be at most 1 (full Kelly)'),
    /** Enforce FINRA Rule 4210's pattern-day-trader rule below $25,000 equity. */
    pdtEnforcement: z.boolean(),
    /** When a check would deny, reduce the order to the largest quantity that fits instead (where the check can). */
    reduceToFit: z.boolean(),
    /**
     * Deny every order that opens risk without a stop (signal stop or stop price). Off: such orders
     * pass the max-risk-per-trade rule with a recorded note, bounded by the notional, position and
     * exposure caps instead (a plain limit order from the ticket has no stop).
     */
    requireStop: z.boolean(),
    /** Correlation cap between a new instrument and each open position (daily returns). */
    correlation: z.object({
      /** Pearson correlation above which the cap applies, 0..1 (default 0.7). */
      threshold: z.number().gt(0).max(1),
      /** Trading days of daily returns (default 252). */
      lookbackDays: z.number().int().min(20, 'correlation lookback must be at least 20 days').max(2520),
      /** REDUCE multiplies the quantity by adjustmentBps/10000; DENY refuses the order. */
      action: z.enum(['REDUCE', 'DENY']),
      adjustmentBps: basisPoints('correlation adjustment'),
    }),
    /** Approval mode per order source. */
    approval: z.object(Object.fromEntries(ORDER_SOURCES.map((s) => [s, z.enum(APPROVAL_MODES)])) as Record<(typeof ORDER_SOURCES)[number], z.ZodEnum<{ AUTO: 'AUTO'; MANUAL: 'MANUAL' }>>),
    /** A STAGED order not approved within this many seconds expires (stale signal). */
    stagedExpirySeconds: z.number().int().min(5).max(86_400),
    /**
     * What an automated order (API, algo) that would be sent does while no interlock session is live
     * and automation is not armed: STAGE waits in Approvals for the trader (the caller reads why),
     * DENY refuses it at once. Never sent either way.
     */
    whileLocked: z.enum(['STAGE', 'DENY']).default('STAGE'),
    /**
     * How long one WebAuthn check arms automation (API and algo orders send without a trader's
     * session), in minutes; null = until the session close (16:00 New York). The kill switch disarms it.
     */
    automationArmMinutes: z.number().int().min(5, 'automation must be armed for at least 5 minutes').max(1_440).nullable().default(null),
    /** Circuit breaker: a drop of dropBps from the rolling high within windowSeconds halts trading. */
    breaker: z.object({
      dropBps: basisPoints('breaker drop'),
      windowSeconds: z.number().int().min(1).max(86_400),
    }),
  })
  .strict();

export type RiskProfile = z.infer<typeof riskProfileSchema>;

/**
 * Defaults for a new terminal: conservative for a $100,000 paper account. 45 orders/s stays under
 * IB's 50 messages/s pacing; a 10% drop in 5 minutes trips the breaker (issue defaults); quarter Kelly.
 */
export const DEFAULT_RISK_PROFILE: RiskProfile = {
  capitalSource: 'ACCOUNT_EQUITY',
  fixedCapital: 100_000_000_000,
  maxRiskPerTradeBps: 100,
  maxRiskPerTrade: 1_000_000_000,
  maxPositionBps: 2_500,
  maxTradeNotional: 50_000_000_000,
  maxOrderQuantity: 5_000,
  maxOpenPositions: 10,
  maxGrossExposure: 200_000_000_000,
  dailyLossLimit: 2_000_000_000,
  dailyLossAction: 'HALT',
  priceCollarBps: 500,
  maxOrdersPerSecond: 45,
  kellyFraction: 0.25,
  pdtEnforcement: true,
  reduceToFit: false,
  requireStop: false,
  correlation: { threshold: 0.7, lookbackDays: 252, action: 'REDUCE', adjustmentBps: 5_000 },
  approval: { TICKET: 'AUTO', HOTKEY: 'AUTO', API: 'MANUAL', ALGO: 'MANUAL' },
  stagedExpirySeconds: 300,
  whileLocked: 'STAGE',
  automationArmMinutes: null,
  breaker: { dropBps: 1_000, windowSeconds: 300 },
};
