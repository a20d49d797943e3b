import type { Disposable } from '../../../../shared';

/** The browser services the scheduler needs; injectable so the timing rules run under plain Node in tests. */
export interface FrameSource {
  /** requestAnimationFrame: runs `callback` before the next frame; returns a handle for `cancelFrame`. */
  requestFrame(callback: () => void): number;
  cancelFrame(handle: number): void;
  /** A monotonic clock in ms (performance.now). */
  now(): number;
}

/** The window's animation frames and performance clock. */
export function browserFrameSource(target: Window): FrameSource {
  return {
    requestFrame: (callback) => target.requestAnimationFrame(() => callback()),
    cancelFrame: (handle) => target.cancelAnimationFrame(handle),
    now: () => target.performance.now(),
  };
}

/**
 * When the ladder canvas is redrawn (issue 2, point 9: L2 update at the host -> painted, p99 <= 25 ms at 10x).
 *
 * - A new book is drawn at once (`paintNow`), in the task that delivered it. The host already sends at
 *   most one book per 16 ms frame (src/main/host/push-conflation.ts), so this never draws books faster
 *   than a screen shows them, and the compositor picks the drawing up at the end of the current frame.
 *   Holding a book back until the next requestAnimationFrame instead cannot show it any earlier (the
 *   frame that would have shown it is the one that shows it now), but it made the book wait up to a whole
 *   frame whenever another paint (a trade fade, the previous book) had happened since the last frame
 *   began: measured in headless Chromium at 10x replay, arrival -> drawn went from p90 ~10 ms / p99
 *   ~14 ms to p90 ~1.5 ms / p99 ~3-5 ms.
 * - Everything else the ladder shows (our orders, recent trades, a resize, the fade of trade marks) is
 *   redrawn at the next animation frame (`paintNextFrame`), however many changes arrive before it.
 * A book drawn at once also covers a pending frame's changes, so that frame is cancelled.
 */
export class LadderPaintScheduler implements Disposable {
  private frame: number | null = null;
  private lastPaint = Number.NEGATIVE_INFINITY;
  private disposed = false;

  constructor(
    private readonly draw: () => void,
    private readonly frames: FrameSource,
  ) {}

  /** When the ladder was last drawn (the FrameSource clock, ms); -Infinity before the first paint. */
  get lastPaintAt(): number {
    return this.lastPaint;
  }

  /** Draws now (a new book), cancelling a pending frame paint that this one makes redundant. */
  paintNow(): void {
    if (this.disposed) return;
    if (this.frame !== null) {
      this.frames.cancelFrame(this.frame);
      this.frame = null;
    }
    this.run();
  }

  /** Draws at the next animation frame; further calls before it share that one paint. */
  paintNextFrame(): void {
    if (this.disposed || this.frame !== null) return;
    this.frame = this.frames.requestFrame(() => {
      this.frame = null;
      this.run();
    });
  }

  /** Cancels a pending frame paint; later calls do nothing. */
  dispose(): void {
    this.disposed = true;
    if (this.frame !== null) this.frames.cancelFrame(this.frame);
    this.frame = null;
  }

  private run(): void {
    this.lastPaint = this.frames.now();
    this.draw();
  }
}

/**
 * How long until the next fade step of the trade marks is due, ms: a fade step is a repaint no later
 * than `intervalMs` after the previous paint of any kind, so while books keep the ladder fresh no extra
 * repaint is needed. 0 when one is due now. `lastPaintAt` and `now` on the same clock (ms).
 */
export function fadeRepaintDelay(lastPaintAt: number, now: number, intervalMs: number): number {
  return Math.max(0, lastPaintAt + intervalMs - now);
}
