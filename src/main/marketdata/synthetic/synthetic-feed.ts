import type { Instrument, MarketSource, PriceMicros, SessionNanos } from '../../../shared';
import { ClockedFeed } from '../clocked-feed';
import { systemClock, type FeedClock } from '../feed-clock';
import type { MarketEvent } from '../market-event';
import { OrderBook } from '../order-book';
import { SessionCalendar, US_EQUITY_TIME_ZONE, localDate } from '../session-calendar';
import { CST_2010_PARAMETERS, CstModel } from './cst-model';
import type { CstParameters } from './cst-model';

/** How to create the synthetic market. */
export interface SyntheticFeedOptions {
  /** PRNG seed; the same seed gives the same market (default 1). */
  readonly seed?: number;
  /** Multiple of real time, 0.1..1000 (default 1). */
  readonly speed?: number;
  /** Wall clock and timers (default: the system clock). */
  readonly clock?: FeedClock;
  /** Session date "YYYY-MM-DD" (default: today in New York, from Date.now()). */
  readonly sessionDate?: string;
  /** Initial mid price, micro-dollars (default $100.00). */
  readonly startPrice?: PriceMicros;
  /** Model parameters (default: Cont, Stoikov & Talreja 2010, Table 2). */
  readonly parameters?: CstParameters;
}

/** 09:30 and 16:00, ns after midnight: the regular US equity session. */
export const REGULAR_SESSION_START: SessionNanos = 34_200 * 1e9;
export const REGULAR_SESSION_END: SessionNanos = 57_600 * 1e9;
const SYNTHETIC_TICK = 10_000;
const DEFAULT_START_PRICE = 100_000_000;

/**
 * The built-in market used when no replay is configured: instrument SIM ($0.01 tick) in a 09:30-16:00
 * session of today's New York date, with order flow from the Cont-Stoikov-Talreja (2010)
 * zero-intelligence model (see CstModel). Deterministic for a given seed: the event sequence does not
 * depend on the speed or on pauses.
 *
 * Seek works by simulation: forwards it simulates from the current state to the target; backwards it
 * restarts the model from 09:30 with the same seed and simulates to the target, which reproduces the
 * very same path. Skipped events are applied silently; onDidReset fires.
 */
export class SyntheticFeed extends ClockedFeed {
  readonly instrument: Instrument = { instrumentId: 'SIM', venue: 'SIM', tickSize: SYNTHETIC_TICK, currency: 'USD' };
  readonly seed: number;
  private model: CstModel;
  private pending: MarketEvent | undefined;
  private lastApplied: SessionNanos = REGULAR_SESSION_START;
  private readonly startPrice: PriceMicros;
  private readonly parameters: CstParameters;

  /** @throws RangeError for a bad speed, date, start price or parameters. */
  constructor(options: SyntheticFeedOptions = {}) {
    const clock = options.clock ?? systemClock;
    const sessionDate = options.sessionDate ?? localDate(Date.now(), US_EQUITY_TIME_ZONE);
    super(new OrderBook('SIM'), clock, options.speed ?? 1, new SessionCalendar(sessionDate), REGULAR_SESSION_START, REGULAR_SESSION_END);
    const seed = options.seed ?? 1;
    if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be a whole number, got ${String(seed)}`);
    this.seed = seed;
    this.startPrice = options.startPrice ?? DEFAULT_START_PRICE;
    this.parameters = options.parameters ?? CST_2010_PARAMETERS;
    this.model = this.restart();
  }

  protected source(): MarketSource {
    return { kind: 'SYNTHETIC', model: 'Cont-Stoikov-Talreja 2010', seed: this.seed };
  }

  protected peekTime(): SessionNanos {
    return this.pending ? this.pending.time : -1;
  }

  protected loadMore(): Promise<boolean> {
    if (this.model.now >= this.sessionEnd) return Promise.resolve(false);
    const event = this.model.next();
    if (event.time > this.sessionEnd) return Promise.resolve(false);
    this.pending = event;
    return Promise.resolve(true);
  }

  protected takeNext(): MarketEvent {
    const event = this.pending!;
    this.pending = undefined;
    this.book.apply(event);
    this.lastApplied = event.time;
    return event;
  }

  protected async reposition(time: SessionNanos): Promise<void> {
    if (time < this.lastApplied) this.model = this.restart();
    for (;;) {
      if (!this.pending && !(await this.loadMore())) return;
      if (this.pending!.time > time) return;
      this.takeNext();
    }
  }

  protected appliedTime(): SessionNanos {
    return this.lastApplied;
  }

  protected closeSource(): void {
    this.pending = undefined;
  }

  /** Fresh model at 09:30 with this feed's seed, and the book seeded from it. */
  private restart(): CstModel {
    const model = new CstModel(this.seed, this.sessionStart, this.startPrice, SYNTHETIC_TICK, this.parameters);
    this.book.clear();
    this.pending = undefined;
    this.lastApplied = this.sessionStart;
    model.forEachLevel((side, price, size) => this.book.setLevel(side, price, size));
    return model;
  }
}
