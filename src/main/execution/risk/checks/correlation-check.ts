import { messageOf, type InstrumentId } from '../../../../shared';
import type { DailyBarsProvider, DailyCloseSeries } from '../../../marketdata/bars';
import { percentFromBps, shares } from '../../sizing';
import { returnCorrelation, type ReturnCorrelation } from '../correlation';
import { heldQuantity, sideSign } from '../order-exposure';
import type { RiskCheck, RiskContext, RiskVerdict } from '../risk-types';
import { ALLOW, allowWithNote, deny, reduceOrDeny } from '../verdicts';

interface CachedPair {
  readonly lookbackDays: number;
  readonly lastA: string;
  readonly lastB: string;
  readonly lengthA: number;
  readonly lengthB: number;
  readonly result: ReturnCorrelation;
}

/**
 * Correlation cap: an order that adds exposure in instrument X is compared with every other open
 * position P. With r the Pearson correlation of daily returns (adjusted closes, the profile's
 * lookback, see returnCorrelation) and the direction-adjusted correlation r x sign(order) x sign(P),
 * a value above profile.correlation.threshold means the order doubles a bet already on the book
 * (a long GOOG next to a long AAPL); a short against a correlated long is a hedge and is not capped.
 * Then action REDUCE cuts the quantity to floor(quantity x adjustmentBps / 10,000) once, however many
 * positions correlate (CORRELATION_CAP), and action DENY refuses the order.
 *
 * Missing data never blocks or crashes: an instrument without bars, or a pair with fewer than 20
 * common daily returns, is allowed with a note naming what is missing (import bars with bars.import).
 *
 * Speed: correlations are cached per (instrument pair, lookback) and recomputed only when either
 * series' last bar date (or length) changes, so an order against 100 open positions costs 100 map
 * lookups once the pairs are known.
 */
export class CorrelationCheck implements RiskCheck {
  readonly name = 'correlation';
  private readonly pairs = new Map<InstrumentId, Map<InstrumentId, CachedPair>>();

  constructor(private readonly bars: DailyBarsProvider) {}

  evaluate(context: RiskContext): RiskVerdict {
    const { order, positions, profile } = context;
    const held = heldQuantity(context);
    const direction = sideSign(order.side);
    // Only an order that adds exposure (opens, adds, or flips past zero) can concentrate risk.
    if (held !== 0 && Math.sign(held) !== direction && order.quantity <= Math.abs(held)) return ALLOW;
    const { threshold, lookbackDays, action, adjustmentBps } = profile.correlation;
    let mine: DailyCloseSeries | undefined;
    try {
      mine = this.bars.closes(order.instrumentId, lookbackDays);
    } catch (error) {
      return allowWithNote(`correlation cap not applied: reading ${order.instrumentId}'s daily bars failed (${messageOf(error)})`);
    }
    let others = 0;
    const correlated: string[] = [];
    const missing: string[] = [];
    for (const position of positions) {
      if (position.quantity === 0 || position.instrumentId === order.instrumentId) continue;
      others += 1;
      if (mine === undefined) continue;
      const result = this.correlation(mine, position.instrumentId, lookbackDays);
      if (result === undefined || result.kind === 'INSUFFICIENT') {
        missing.push(result === undefined ? `${position.instrumentId} (no daily bars)` : `${position.instrumentId} (${result.detail})`);
        continue;
      }
      const effective = result.correlation * direction * Math.sign(position.quantity);
      if (effective > threshold) {
        correlated.push(
          `${position.instrumentId} (${position.quantity > 0 ? 'long' : 'short'}, r = ${result.correlation.toFixed(2)} over ${result.observations} days)`,
        );
      }
    }
    if (others === 0) return ALLOW;
    if (mine === undefined) {
      return allowWithNote(`correlation cap not applied: no daily bars for ${order.instrumentId} (import them with bars.import)`);
    }
    if (correlated.length > 0) {
      const what = `${order.side} ${order.instrumentId} is correlated above ${threshold} with ${correlated.join(', ')}`;
      if (action === 'DENY') return deny('CORRELATION_CAP', `${what}; the profile denies correlated orders`);
      const reduced = Math.floor((order.quantity * adjustmentBps) / 10_000);
      const verdict = reduceOrDeny(
        reduced,
        'CORRELATION_CAP',
        `${what}; the profile cuts correlated orders to ${percentFromBps(adjustmentBps)}: ${shares(order.quantity)} -> ${shares(reduced)}`,
      );
      return verdict;
    }
    if (missing.length > 0) return allowWithNote(`correlation cap not applied against ${missing.join('; ')}`);
    return ALLOW;
  }

  /** The cached correlation of `mine` with `other`, undefined when `other` has no bars. */
  private correlation(mine: DailyCloseSeries, other: InstrumentId, lookbackDays: number): ReturnCorrelation | undefined {
    let theirs: DailyCloseSeries | undefined;
    try {
      theirs = this.bars.closes(other, lookbackDays);
    } catch {
      return undefined;
    }
    if (theirs === undefined) return undefined;
    const [a, b] = mine.instrumentId < other ? [mine, theirs] : [theirs, mine];
    let row = this.pairs.get(a.instrumentId);
    if (row === undefined) {
      row = new Map();
      this.pairs.set(a.instrumentId, row);
    }
    const lastA = a.dates[a.dates.length - 1] ?? '';
    const lastB = b.dates[b.dates.length - 1] ?? '';
    const cached = row.get(b.instrumentId);
    if (
      cached !== undefined &&
      cached.lookbackDays === lookbackDays &&
      cached.lastA === lastA &&
      cached.lastB === lastB &&
      cached.lengthA === a.dates.length &&
      cached.lengthB === b.dates.length
    ) {
      return cached.result;
    }
    const result = returnCorrelation(a, b, lookbackDays);
    row.set(b.instrumentId, { lookbackDays, lastA, lastB, lengthA: a.dates.length, lengthB: b.dates.length, result });
    return result;
  }
}
