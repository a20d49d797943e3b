import { z } from 'zod';

/**
 * A trade idea's numbers, as a ticket, hotkey, algo or the signed API may carry them. Prices in
 * micro-dollars. `winProbability` p in (0, 1) and `payoffRatio` b > 0 (average win / average loss)
 * feed the Kelly sizer; `entry` and `stop` feed the risk-based sizer and the max-risk check; `score`
 * orders the approval queue (higher first); `signalId` lets the risk engine refuse a duplicate.
 */
export const signalSchema = z
  .object({
    signalId: z.string().min(1).max(64).regex(/^[\x21-\x7e]+$/, 'signal id must be printable ASCII without spaces').optional(),
    entry: z.number().int().positive().max(1e12).optional(),
    stop: z.number().int().positive().max(1e12).optional(),
    target: z.number().int().positive().max(1e12).optional(),
    winProbability: z.number().gt(0, 'win probability must be above 0').lt(1, 'win probability must be below 1').optional(),
    payoffRatio: z.number().gt(0, 'payoff ratio must be above 0').max(1_000).optional(),
    score: z.number().min(-1e9).max(1e9).optional(),
  })
  .strict();
export type Signal = z.infer<typeof signalSchema>;

/**
 * How the order's quantity is found: FIXED (the ticket's quantity), RISK (shares from the profile's
 * max risk per trade and the distance from entry to stop, capped by max position), or KELLY (a
 * fraction of the Kelly bet from the signal's win probability and payoff).
 */
export const SIZING_METHODS = ['FIXED', 'RISK', 'KELLY'] as const;
export type SizingMethod = (typeof SIZING_METHODS)[number];
export const sizingMethodSchema = z.enum(SIZING_METHODS);
