import { asError, Emitter } from '../../shared';
import type { Event, Instrument, MarketHalt, MarketSource, ReplayFailure, ReplayState, ReplayStatus, SessionNanos, TradeTick, UnixMicros } from '../../shared';
import { tradePrint, type MarketEvent } from './market-event';
import type { MarketFeed } from './market-feed';
import type { OrderBook } from './order-book';
import { ReplayFailedError, replayFailure } from './replay-failure';
import { checkSpeed, type FeedClock } from './feed-clock';
import type { SessionCalendar } from './session-calendar';

/** Status events at most this often in market time (MarketFeed seam: 250 ms). */
const STATUS_EVERY_NS = 250_000_000;
/** Never sleep longer than this much wall time, so the header clock moves through quiet periods. */
const MIN_STATUS_WAKE_MS = 20;
const NS_PER_MS = 1_000_000;

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
 *
 * Failure: an error while delivering or seeking (a malformed line, a row the book contradicts) stops
 * the feed in state FAILED, with book and clock at the last good event: the subclass delivers every
 * event before the bad line and applies none after it, and the clock is set to the last applied
 * event's time. A status event carries the failure (file, line, reason) and onDidFail fires. Resume
 * then throws ReplayFailedError; a seek that gets past the failure (a seek back rewinds) clears it
 * and leaves the feed PAUSED, one that runs into the bad line again fails again.
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
   * Additive to the MarketFeed seam: fires each time the feed stops on an error it cannot play past
   * (malformed line, book inconsistent with the data), after the FAILED status event.
   */
  readonly onDidFail: Event<Error> = this.failEmitter.event;

  private started = false;
  private paused = false;
  private finished = false;
  private disposed = false;
  private failure: ReplayFailure | undefined;
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
    private calendar: SessionCalendar,
    private start_: SessionNanos,
    private end_: SessionNanos,
  ) {
    this.speed = checkSpeed(speed);
    this.marketTime = start_;
    this.anchorMarket = start_;
    this.lastStatusTime = start_;
  }

  /** Session start and end, ns after midnight of the session date. */
  get sessionStart(): SessionNanos {
    return this.start_;
  }

  get sessionEnd(): SessionNanos {
    return this.end_;
  }

  /**
   * Replaces the source on the work chain: `swap` opens the new one and returns its session; then the
   * feed stands PAUSED at that session's start (failure and end cleared) and onDidReset and a status
   * event fire. A `swap` that throws leaves the feed as it was.
   */
  protected switchSource(swap: () => Promise<{ calendar: SessionCalendar; sessionStart: SessionNanos; sessionEnd: SessionNanos }>): Promise<void> {
    this.checkUsable();
    return this.enqueue(async () => {
      const session = await swap();
      this.interrupt();
      this.calendar = session.calendar;
      this.start_ = session.sessionStart;
      this.end_ = session.sessionEnd;
      this.paused = true;
      this.landAt(session.sessionStart);
    });
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
  /** Market time of the last event applied to the book (the session start before the first). */
  protected abstract appliedTime(): SessionNanos;

  /** The market's own halt as of the last applied event; null unless the source replays halts. */
  protected marketHalt(): MarketHalt | null {
    return null;
  }

  /** What to report for `error`, which stopped the feed (a subclass may find the deeper cause, e.g. corrupt gzip data). */
  protected explain(error: Error): Promise<Error> {
    return Promise.resolve(error);
  }

  /** Current clock state; `paused` is true unless the state is PLAYING. */
  status(): ReplayStatus {
    const state = this.state();
    return {
      source: this.source(),
      instrumentId: this.instrument.instrumentId,
      paused: state !== 'PLAYING',
      speed: this.speed,
      marketTime: this.currentMarketTime(),
      sessionStart: this.sessionStart,
      sessionEnd: this.sessionEnd,
      finished: this.finished,
      state,
      failure: this.failure ?? null,
      marketHalt: this.marketHalt(),
    };
  }

  private state(): ReplayState {
    if (this.failure) return 'FAILED';
    if (this.finished) return 'ENDED';
    return this.started && !this.paused ? 'PLAYING' : 'PAUSED';
  }

  /**
   * Starts delivery from the current market time (session start, or a seek target). No-op when
   * started. A FAILED feed (a seek at start-up ran into bad data) stays FAILED until a seek gets past
   * the failure; it then plays on Resume.
   */
  start(): void {
    this.checkUsable();
    if (this.started) return;
    if (this.failure) {
      this.started = true;
      return;
    }
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

  /** Continues from the frozen market time (starts a feed never started). @throws ReplayFailedError when FAILED (seek back first). */
  resume(): void {
    this.checkUsable();
    if (this.failure) throw new ReplayFailedError(this.failure);
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
   * the feed was running. Allowed on a FAILED feed: success clears the failure (the feed is PAUSED).
   * @throws RangeError when `time` is not a whole number of ns within the session; ReplayFailedError
   *   when the rebuild runs into data it cannot replay (the feed is FAILED at the last good event,
   *   and onDidReset has fired: the book moved).
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
        this.finished = false;
        await this.fail(error);
        this.resetEmitter.fire();
        throw new ReplayFailedError(this.failure!);
      }
      this.landAt(time);
      if (this.isRunning()) this.wake();
    });
  }

  /** After the book was rebuilt for market time `time`: the clock there, end and failure cleared, onDidReset and a status event. */
  private landAt(time: SessionNanos): void {
    this.marketTime = time;
    this.lastStatusTime = time;
    this.finished = false;
    this.failure = undefined;
    this.anchor();
    this.resetEmitter.fire();
    this.fireStatus();
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
    return this.started && !this.paused && !this.finished && !this.disposed;
  }

  private checkUsable(): void {
    if (this.disposed) throw new Error(`the ${this.instrument.instrumentId} feed was disposed; create a new one`);
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
      if (generation === this.generation) await this.fail(error);
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
      this.tradeEmitter.fire(tradePrint(this.instrument.instrumentId, event, this.calendar.toUnixMicros(event.time)));
    }
  }

  private finish(): void {
    this.marketTime = this.currentMarketTime();
    this.finished = true;
    this.interrupt();
    this.fireStatus();
  }

  /** Stops on `error` with the clock at the last applied event (see the class doc). */
  private async fail(error: unknown): Promise<void> {
    this.interrupt();
    this.paused = true;
    this.marketTime = this.appliedTime();
    const raw = asError(error);
    // FAILED at once (no resume while the cause is looked into), then with the explained cause.
    this.failure = replayFailure(raw, this.marketTime);
    const explained = await this.explain(raw);
    this.failure = replayFailure(explained, this.marketTime);
    this.fireStatus();
    this.failEmitter.fire(explained);
  }

  private fireStatus(): void {
    const status = this.status();
    this.lastStatusTime = status.marketTime;
    this.statusEmitter.fire(status);
  }
}
