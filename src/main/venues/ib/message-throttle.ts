import { realIbTimers, type IbTimers } from './timers';

/** The clock and timers the throttle uses (IbTimers' one-shot part). */
export type ThrottleTimers = Pick<IbTimers, 'now' | 'setTimeout' | 'clearTimeout'>;

/**
 * Floor's default: 44 messages in any rolling second, below IB's limit of 50 (error 100, "Max rate
 * of messages per second has been exceeded"; repeated excess disconnects) with the margin
 * ib_insync uses (45/s), since the gateway counts on its own clock.
 */
export const IB_MESSAGES_PER_SECOND = 44;

/**
 * Paces messages to the gateway: at most `limit` sends in any rolling `windowMs`. A send within
 * budget runs synchronously inside `send` (no timer, no added latency); beyond it, sends wait in
 * FIFO order and run as soon as the oldest send in the window leaves it. Every message counts,
 * orders and requests alike, because IB counts them all.
 */
export class MessageThrottle {
  /** Times (ms) of the sends in the current window, oldest first; a ring would be no faster at 44. */
  private readonly sent: number[] = [];
  private readonly waiting: (() => void)[] = [];
  private timer: unknown = undefined;
  private disposed = false;

  /**
   * @param limit messages per window (1..50; default IB_MESSAGES_PER_SECOND).
   * @param windowMs window length, ms (default 1000).
   * @throws RangeError when `limit` is not an integer in 1..50 or `windowMs` not positive.
   */
  constructor(
    private readonly limit: number = IB_MESSAGES_PER_SECOND,
    private readonly windowMs: number = 1_000,
    private readonly timers: ThrottleTimers = realIbTimers,
  ) {
    if (!Number.isInteger(limit) || limit < 1 || limit > 50) throw new RangeError(`throttle limit must be an integer in 1..50 messages, got ${limit}`);
    if (!(windowMs > 0)) throw new RangeError(`throttle window must be positive ms, got ${windowMs}`);
  }

  /** Messages waiting for budget. */
  get backlog(): number {
    return this.waiting.length;
  }

  /**
   * Runs `message` now if the budget allows and nothing is waiting, else queues it.
   * @returns true when it ran now.
   * @throws Error after dispose; whatever `message` throws when it runs now.
   */
  send(message: () => void): boolean {
    if (this.disposed) throw new Error('the message throttle is disposed');
    if (this.waiting.length === 0 && this.hasBudget(this.timers.now())) {
      this.sent.push(this.timers.now());
      message();
      return true;
    }
    this.waiting.push(message);
    this.schedule();
    return false;
  }

  /** Drops every waiting message (a lost connection: they must not be sent on the next one). @returns how many were dropped. */
  clear(): number {
    const dropped = this.waiting.length;
    this.waiting.length = 0;
    if (this.timer !== undefined) this.timers.clearTimeout(this.timer);
    this.timer = undefined;
    return dropped;
  }

  /** Clears and refuses further sends. */
  dispose(): void {
    this.clear();
    this.disposed = true;
  }

  private hasBudget(now: number): boolean {
    while (this.sent.length > 0 && now - (this.sent[0] as number) >= this.windowMs) this.sent.shift();
    return this.sent.length < this.limit;
  }

  private schedule(): void {
    if (this.timer !== undefined || this.waiting.length === 0) return;
    const oldest = this.sent[0];
    const wait = oldest === undefined ? 0 : Math.max(0, oldest + this.windowMs - this.timers.now());
    this.timer = this.timers.setTimeout(() => {
      this.timer = undefined;
      this.drain();
    }, wait);
  }

  private drain(): void {
    while (this.waiting.length > 0 && this.hasBudget(this.timers.now())) {
      const message = this.waiting.shift() as () => void;
      this.sent.push(this.timers.now());
      message();
    }
    this.schedule();
  }
}
