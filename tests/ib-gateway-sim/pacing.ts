/**
 * IB's pacing rule for one connection: at most `limitPerSecond` requests in any one-second window.
 * Without +PACEAPI a request past the limit is refused (error 100, dropped); with +PACEAPI (the
 * handshake option "v100..193 +PACEAPI") the gateway paces instead: requests past the limit wait,
 * in order, until the window has room, and none is refused.
 */
export class PacingGate {
  private readonly recent: number[] = [];
  private readonly waiting: Array<() => void> = [];
  private timer: ReturnType<typeof setTimeout> | undefined;

  /**
   * @param now the gateway's clock, epoch ms.
   * @param paced true when the client asked for +PACEAPI.
   */
  constructor(
    private readonly limitPerSecond: number,
    private readonly now: () => number,
    readonly paced: boolean,
  ) {}

  /** Requests served in the last second (the count IB's error 100 text reports). */
  get inWindow(): number {
    this.expire();
    return this.recent.length;
  }

  /**
   * Serves `request` now when the window has room (and nothing waits before it); otherwise, when
   * paced, queues it for when the window has room and returns true; when not paced returns false
   * (the caller sends error 100).
   */
  admit(request: () => void): boolean {
    if (this.waiting.length === 0 && this.take()) {
      request();
      return true;
    }
    if (!this.paced) return false;
    this.waiting.push(request);
    this.schedule();
    return true;
  }

  /** Drops whatever waits (the connection closed). */
  dispose(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.waiting.length = 0;
  }

  private expire(): void {
    const now = this.now();
    while (this.recent.length > 0 && this.recent[0]! <= now - 1000) this.recent.shift();
  }

  private take(): boolean {
    this.expire();
    if (this.recent.length >= this.limitPerSecond) return false;
    this.recent.push(this.now());
    return true;
  }

  private schedule(): void {
    if (this.timer !== undefined) return;
    this.expire();
    const wait = this.recent.length === 0 ? 0 : Math.max(0, this.recent[0]! + 1000 - this.now()) + 1;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      while (this.waiting.length > 0 && this.take()) this.waiting.shift()!();
      if (this.waiting.length > 0) this.schedule();
    }, wait);
  }
}
