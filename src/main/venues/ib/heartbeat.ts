import type { IbTimers } from './timers';

/** Heartbeat timing, ms. */
export interface HeartbeatOptions {
  /** How often to probe the gateway (reqCurrentTime), ms. */
  readonly intervalMs: number;
  /** Silence after which the gateway counts as hung, ms (> intervalMs). */
  readonly timeoutMs: number;
}

/**
 * Detects a gateway that hangs without closing the socket (which a closed-socket watchdog, like
 * IBApiNext's, never notices): every `intervalMs` it calls `probe` (the session sends
 * reqCurrentTime); every message from the gateway counts as a sign of life (`heard`); when nothing
 * was heard for `timeoutMs`, `onHung` is called once and the heartbeat stops. Detection therefore
 * happens between timeoutMs and timeoutMs + intervalMs after the last message.
 */
export class Heartbeat {
  private lastHeard: number;
  private timer: unknown;
  private stopped = false;

  /** @throws RangeError when the interval is not positive or the timeout not above it. */
  constructor(
    private readonly options: HeartbeatOptions,
    private readonly probe: () => void,
    private readonly onHung: (silentMs: number) => void,
    private readonly timers: IbTimers,
  ) {
    if (!(options.intervalMs > 0) || !(options.timeoutMs > options.intervalMs)) {
      throw new RangeError(`heartbeat needs 0 < interval < timeout, got interval ${options.intervalMs} ms, timeout ${options.timeoutMs} ms`);
    }
    this.lastHeard = timers.now();
    this.timer = timers.setInterval(() => this.tick(), options.intervalMs);
  }

  /** Records a message from the gateway. */
  heard(): void {
    this.lastHeard = this.timers.now();
  }

  /** Stops probing. Idempotent. */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.timers.clearInterval(this.timer);
  }

  private tick(): void {
    const silentMs = this.timers.now() - this.lastHeard;
    if (silentMs >= this.options.timeoutMs) {
      this.stop();
      this.onHung(silentMs);
      return;
    }
    this.probe();
  }
}
