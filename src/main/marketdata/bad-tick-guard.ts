import { Emitter } from '../../shared';
import type { BadTickSummary, Disposable, Event, ExcludedPrint, PriceMicros, TradeTick } from '../../shared';
import type { MarketFeed } from './market-feed';

/** The band's default half-width: 5%, the LULD Plan's percentage for Tier 1 NMS stocks above $3.00. */
export const DEFAULT_BAD_TICK_BAND_BPS = 500;
/** Above this price (micro-dollars) `price x 10,000` could leave the safe-integer range: compared as BigInt. */
const EXACT_PRICE_LIMIT = Math.floor(Number.MAX_SAFE_INTEGER / 20_000);

/**
 * The bad-tick guard in front of the circuit breaker, the tape and the chart: a trade print is
 * accepted only inside a band around the prevailing quote,
 *
 *   best bid x (1 - band)  <=  price  <=  best ask x (1 + band),
 *
 * judged against the book as it stands when the print arrives (a one-sided book uses its one side
 * for both ends). Rule after the limit-up/limit-down price bands of the LULD Plan (Plan to Address
 * Extraordinary Market Volatility, Appendix A: 5% for Tier 1 NMS stocks above $3.00, the default
 * here), but around the quote instead of the Plan's 5-minute average price: a filter for bad prints
 * must follow a real move at once, and a real crash moves the quote with the prints, so it passes,
 * while one print far from every resting order (a mis-keyed or placeholder price, a stale report)
 * does not. With no quote at all there is nothing to judge against and the print is accepted.
 * Exact integer arithmetic (BigInt for prices beyond EXACT_PRICE_LIMIT).
 *
 * Excluded prints are announced on onDidExclude and counted in `summary()` (the count restarts when
 * the market jumps: a seek or another file). P&L marks are the book's mid, never a print, so an
 * excluded print never marks either.
 */
export class BadTickGuard implements Disposable {
  private readonly acceptEmitter = new Emitter<TradeTick>();
  private readonly excludeEmitter = new Emitter<ExcludedPrint>();
  /** Prints inside the band, as the feed announced them. */
  readonly onDidAccept: Event<TradeTick> = this.acceptEmitter.event;
  /** Prints outside the band. */
  readonly onDidExclude: Event<ExcludedPrint> = this.excludeEmitter.event;
  private excluded = 0;
  private last: ExcludedPrint | null = null;
  private readonly subscriptions: Disposable[];

  /**
   * @param feed the market whose prints and book are judged.
   * @param bandBps half-width of the band, basis points, a whole number 1..10,000 (default 500 = 5%).
   * @throws RangeError for a band outside that range.
   */
  constructor(
    private readonly feed: MarketFeed,
    readonly bandBps: number = DEFAULT_BAD_TICK_BAND_BPS,
  ) {
    if (!Number.isInteger(bandBps) || bandBps < 1 || bandBps > 10_000) {
      throw new RangeError(`bad-tick band must be a whole number of basis points from 1 to 10000 (0.01% to 100%), got ${bandBps}`);
    }
    this.subscriptions = [
      feed.onDidTrade((tick) => this.judge(tick)),
      feed.onDidReset(() => {
        this.excluded = 0;
        this.last = null;
      }),
    ];
  }

  /** Prints excluded since the market last jumped, and the latest. */
  summary(): BadTickSummary {
    return { bandBps: this.bandBps, excluded: this.excluded, last: this.last };
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
    this.acceptEmitter.dispose();
    this.excludeEmitter.dispose();
  }

  private judge(tick: TradeTick): void {
    const book = this.feed.book;
    const bid = book.bestBid()?.price ?? null;
    const ask = book.bestAsk()?.price ?? null;
    const band = outsideBand(tick.price, bid, ask, this.bandBps);
    if (band === null) {
      this.acceptEmitter.fire(tick);
      return;
    }
    const print: ExcludedPrint = { price: tick.price, size: tick.size, tsEvent: tick.tsEvent, hidden: tick.hidden, bid, ask, ...band };
    this.excluded++;
    this.last = print;
    this.excludeEmitter.fire(print);
  }
}

/**
 * The guard's rule on its own (see BadTickGuard): the band `{ low, high }` (micro-dollars, rounded
 * inwards) when `price` lies outside bid x (1 - band) .. ask x (1 + band), else null. A one-sided
 * quote uses its one side for both ends; no quote at all accepts every price (null).
 * @param bandBps half-width, basis points.
 */
export function outsideBand(price: PriceMicros, bid: PriceMicros | null, ask: PriceMicros | null, bandBps: number): { low: PriceMicros; high: PriceMicros } | null {
  const lowRef = bid ?? ask;
  const highRef = ask ?? bid;
  if (lowRef === null || highRef === null) return null;
  if (!below(price, lowRef, 10_000 - bandBps) && !above(price, highRef, 10_000 + bandBps)) return null;
  return { low: Math.ceil((lowRef * (10_000 - bandBps)) / 10_000), high: Math.floor((highRef * (10_000 + bandBps)) / 10_000) };
}

/** price < reference x factor / 10,000, exactly. */
function below(price: PriceMicros, reference: PriceMicros, factor: number): boolean {
  if (price <= EXACT_PRICE_LIMIT && reference <= EXACT_PRICE_LIMIT) return price * 10_000 < reference * factor;
  return BigInt(price) * 10_000n < BigInt(reference) * BigInt(factor);
}

/** price > reference x factor / 10,000, exactly. */
function above(price: PriceMicros, reference: PriceMicros, factor: number): boolean {
  if (price <= EXACT_PRICE_LIMIT && reference <= EXACT_PRICE_LIMIT) return price * 10_000 > reference * factor;
  return BigInt(price) * 10_000n > BigInt(reference) * BigInt(factor);
}
