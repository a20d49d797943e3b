import { asError, Emitter } from '../../shared';
import type { Event, Instrument, MarketSource, OrderSide, ReplayStatus, SessionNanos, TradeTick, UnixMicros } from '../../shared';
import type { MarketEvent } from './market-event';
import type { MarketFeed } from './market-feed';
import type { OrderBook } from './order-book';
import type { SessionCalendar } from './session-calendar';

/**
 * Wall clock and timers for a feed, injected so tests can drive time deterministically.
 * `now()` is monotonic milliseconds (any origin); timers take milliseconds.
 */
export interface FeedClock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** The process's monotonic clock (performance.now) and Node timers. */
export const systemClock: FeedClock = {
  now: () => performance.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** Allowed replay speeds (multiples of real time), as the MarketFeed seam fixes them. */
export const MIN_SPEED = 0.1;
export const MAX_SPEED = 1000;
/** Status events at most this often in market time (MarketFeed seam: 250 ms). */
const STATUS_EVERY_NS = 250_000_000;
/** Never sleep longer than this much wall time, so the header clock moves through quiet periods. */
const MIN_STATUS_WAKE_MS = 20;
const NS_PER_MS = 1_000_000;

/** @throws RangeError unless `speed` is a finite number in 0.1..1000. */
export function checkSpeed(speed: number): number {
  if (typeof speed !== 'number' || !Number.isFinite(speed) || speed < MIN_SPEED || speed > MAX_SPEED) {
    throw new RangeError(`replay speed must be a number from ${MIN_SPEED} to ${MAX_SPEED} (multiple of real time), got ${String(speed)}`);
  }
  return speed;
}

/**
 * The clock, scheduling and event plumbing shared by the LOBSTER replay and the synthetic market.
 *
 * Scheduling is drift-free: the feed keeps an anchor (wall time, market time) set at start, resume,
 * speed change and seek; the market time at wall time `w` is `anchorMarket + (w - anchorWall) x speed`.
 * On each wake it delivers every event due by that formula, then sleeps until the wall time at which
 * the next event is due (rounded up to the ms), so timer lateness never accumulates. It also wakes at
 * least every max(250 ms / speed, 20 ms) of wall time so status events keep the header clock moving.
 *
 * All work that touches the source (delivery, seek) runs one piece at a time on a promise chain, and
 * every pause/seek/speed change bumps a generation number so an interrupted delivery loop stops.
 * Subclasses supply the events; see the abstract members.
 */
export abstract class ClockedFeed implements MarketFeed {
  abstract readonly instrument: Instrument;

  private readonly applyEmitter = new Emitter<MarketEvent>();
  private readonly tradeEmitter = new Emitter<TradeTick>();
  private readonly resetEmitter = new Emitter<void>();
  private readonly statusEmitter = new Emitter<ReplayStatus>();
  private readonly failEmitter = new Emitter<Error>();

  readonly onDidApply: Event<MarketEvent> = this.applyEmitter.event;
  readonly onDidTrade: Event<TradeTick> = this.tradeEmitter.event;
  readonly onDidReset: Event<void> = this.resetEmitter.event;
  readonly onDidChangeStatus: Event<ReplayStatus> = this.statusEmitter.event;
  /**
   * Additive to the MarketFeed seam: fires once when the feed stops on an error it cannot recover
   * from (malformed line, book inconsistent with the data). The feed is then paused at the failure.
   */
  readonly onDidFail: Event<Error> = this.failEmitter.event;

  private started = false;
  private paused = false;
  private finished = false;
  private disposed = false;
  private failure: Error | undefined;
  private speed: number;
  private marketTime: SessionNanos;
  private anchorWall = 0;
  private anchorMarket: SessionNanos;
  private lastStatusTime: SessionNanos;
  private timer: unknown = undefined;
  private generation = 0;
  private chain: Promise<void> = Promise.resolve();

  protected constructor(
    readonly book: OrderBook,
    protected readonly clock: FeedClock,
    speed: number,
    protected readonly calendar: SessionCalendar,
    readonly sessionStart: SessionNanos,
    readonly sessionEnd: SessionNanos,
  ) {
    this.speed = checkSpeed(speed);
    this.marketTime = sessionStart;
    this.anchorMarket = sessionStart;
    this.lastStatusTime = sessionStart;
  }

  /** Where the events come from, for the status line. */
  protected abstract source(): MarketSource;
  /** Market time of the next buffered event, or -1 when nothing is buffered. */
  protected abstract peekTime(): SessionNanos;
  /** Buffers more events; resolves false at the end of the data. */
  protected abstract loadMore(): Promise<boolean>;
  /** Applies the next buffered event to the book and returns it. */
  protected abstract takeNext(): MarketEvent;
  /** Silently rebuilds the book so that exactly the events at or before `time` are applied. */
  protected abstract reposition(time: SessionNanos): Promise<void>;
  /** Releases files and other resources. */
  protected abstract closeSource(): void;

  /** Current clock state; `paused` is true before start(), while paused and after a failure. */
  status(): ReplayStatus {
    return {
      source: this.source(),
      instrumentId: this.instrument.instrumentId,
      paused: !this.started || this.paused || this.failure !== undefined,
      speed: this.speed,
      marketTime: this.currentMarketTime(),
      sessionStart: this.sessionStart,
      sessionEnd: this.sessionEnd,
      finished: this.finished,
    };
  }

  /** The error that stopped the feed, if any. */
  get error(): Error | undefined {
    return this.failure;
  }

  /** Starts delivery from the current market time (session start, or a seek target). No-op when started. */
  start(): void {
    this.checkUsable();
    if (this.started) return;
    this.started = true;
    this.anchor();
    this.fireStatus();
    this.wake();
  }

  /** Freezes the market clock and delivery. No-op unless running. */
  pause(): void {
    if (!this.isRunning()) return;
    this.marketTime = this.currentMarketTime();
    this.paused = true;
    this.interrupt();
    this.fireStatus();
  }

  /** Continues from the frozen market time (starts the feed when it was never started). */
  resume(): void {
    this.checkUsable();
    if (!this.started) return this.start();
    if (!this.paused) return;
    this.paused = false;
    this.anchor();
    this.fireStatus();
    this.wake();
  }

  /**
   * Changes the speed without a jump in market time (re-anchors at the current market time).
   * @throws RangeError outside 0.1..1000.
   */
  setSpeed(speed: number): void {
    checkSpeed(speed);
    if (this.isRunning()) {
      this.marketTime = this.currentMarketTime();
      this.interrupt();
      this.speed = speed;
      this.anchor();
      this.wake();
    } else {
      this.speed = speed;
    }
    this.fireStatus();
  }

  /**
   * Jumps to market time `time`: the book is rebuilt silently (no onDidApply/onDidTrade for the
   * skipped events), then onDidReset and a status event fire, and delivery continues from there if
   * the feed was running.
   * @throws RangeError when `time` is not a whole number of ns within the session.
   */
  seek(time: SessionNanos): Promise<void> {
    this.checkUsable();
    if (!Number.isSafeInteger(time) || time < this.sessionStart || time > this.sessionEnd) {
      return Promise.reject(
        new RangeError(`seek time ${String(time)} is outside the session; expected whole nanoseconds after midnight from ${this.sessionStart} to ${this.sessionEnd}`),
      );
    }
    this.interrupt();
    return this.enqueue(async () => {
      this.interrupt();
      try {
        await this.reposition(time);
      } catch (error) {
        this.fail(error);
        throw error;
      }
      this.marketTime = time;
      this.lastStatusTime = time;
      this.finished = false;
      this.anchor();
      this.resetEmitter.fire();
      this.fireStatus();
      if (this.isRunning()) this.wake();
    });
  }

  /** Unix epoch µs of session time `time`, through the session's exchange time zone. */
  toUnixMicros(time: SessionNanos): UnixMicros {
    return this.calendar.toUnixMicros(time);
  }

  /** Resolves when the delivery or seek work queued so far has run (tests and orderly shutdown). */
  settled(): Promise<void> {
    return this.chain;
  }

  /** Stops delivery, closes the source and drops every listener. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.interrupt();
    this.closeSource();
    this.applyEmitter.dispose();
    this.tradeEmitter.dispose();
    this.resetEmitter.dispose();
    this.statusEmitter.dispose();
    this.failEmitter.dispose();
  }

  private isRunning(): boolean {
    return this.started && !this.paused && !this.finished && !this.disposed && this.failure === undefined;
  }

  private checkUsable(): void {
    if (this.disposed) throw new Error(`the ${this.instrument.instrumentId} feed was disposed; create a new one`);
    if (this.failure) throw new Error(`the ${this.instrument.instrumentId} feed stopped on an error: ${this.failure.message}`);
  }

  private currentMarketTime(): SessionNanos {
    if (!this.isRunning()) return this.marketTime;
    const t = this.anchorMarket + Math.round((this.clock.now() - this.anchorWall) * NS_PER_MS * this.speed);
    return t > this.sessionEnd ? this.sessionEnd : t;
  }

  /** Wall time (clock ms) at which market time `time` is due under the current anchor. */
  private dueWall(time: SessionNanos): number {
    return this.anchorWall + (time - this.anchorMarket) / (NS_PER_MS * this.speed);
  }

  private anchor(): void {
    this.anchorWall = this.clock.now();
    this.anchorMarket = this.marketTime;
  }

  private interrupt(): void {
    this.generation++;
    if (this.timer !== undefined) {
      this.clock.clearTimeout(this.timer);
      this.timer = undefined;
    }
  }

  /** Queue a delivery pass now. */
  private wake(): void {
    const generation = this.generation;
    this.enqueue(() => this.pump(generation)).catch(() => undefined);
  }

  private enqueue(op: () => Promise<void>): Promise<void> {
    const run = this.chain.then(op);
    this.chain = run.catch(() => undefined);
    return run;
  }

  private async pump(generation: number): Promise<void> {
    try {
      await this.deliverDue(generation);
    } catch (error) {
      if (generation === this.generation) this.fail(error);
    }
  }

  private async deliverDue(generation: number): Promise<void> {
    if (generation !== this.generation || !this.isRunning()) return;
    let now = this.clock.now();
    let next: SessionNanos;
    for (;;) {
      next = this.peekTime();
      if (next < 0) {
        const more = await this.loadMore();
        if (generation !== this.generation) return;
        if (!more) return this.finish();
        now = this.clock.now();
        continue;
      }
      if (this.dueWall(next) > now) break;
      this.deliver(this.takeNext());
      if (generation !== this.generation) return;
    }
    const marketNow = this.currentMarketTime();
    if (marketNow - this.lastStatusTime >= STATUS_EVERY_NS) this.fireStatus();
    if (next > this.sessionEnd) {
      // Past the session window: nothing more is due today.
      return this.finish();
    }
    const sleep = Math.min(this.dueWall(next) - now, Math.max(250 / this.speed, MIN_STATUS_WAKE_MS));
    this.timer = this.clock.setTimeout(() => {
      this.timer = undefined;
      if (generation === this.generation) this.wake();
    }, Math.max(0, Math.ceil(sleep)));
  }

  private deliver(event: MarketEvent): void {
    this.applyEmitter.fire(event);
    if ((event.kind === 'EXECUTE_VISIBLE' || event.kind === 'EXECUTE_HIDDEN') && this.tradeEmitter.hasListeners) {
      const aggressorSide: OrderSide = event.side === 'BUY' ? 'SELL' : 'BUY';
      this.tradeEmitter.fire({
        instrumentId: this.instrument.instrumentId,
        tsEvent: this.calendar.toUnixMicros(event.time),
        price: event.price,
        size: event.size,
        aggressorSide,
        hidden: event.kind === 'EXECUTE_HIDDEN',
      });
    }
  }

  private finish(): void {
    this.marketTime = this.currentMarketTime();
    this.finished = true;
    this.interrupt();
    this.fireStatus();
  }

  private fail(error: unknown): void {
    this.marketTime = this.currentMarketTime();
    this.failure = asError(error);
    this.interrupt();
    this.fireStatus();
    this.failEmitter.fire(this.failure);
  }

  private fireStatus(): void {
    const status = this.status();
    this.lastStatusTime = status.marketTime;
    this.statusEmitter.fire(status);
  }
}
