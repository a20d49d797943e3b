import { describe, expect, it } from 'vitest';
import { fadeRepaintDelay, LadderPaintScheduler, type FrameSource } from '../../../src/renderer/src/features/book/paint-scheduler';

/** A hand-driven requestAnimationFrame and clock: `frame()` runs the callbacks queued so far. */
class FakeFrames implements FrameSource {
  time = 0;
  private nextHandle = 1;
  readonly queued = new Map<number, () => void>();

  requestFrame(callback: () => void): number {
    const handle = this.nextHandle++;
    this.queued.set(handle, callback);
    return handle;
  }

  cancelFrame(handle: number): void {
    this.queued.delete(handle);
  }

  now(): number {
    return this.time;
  }

  frame(): void {
    const callbacks = [...this.queued.values()];
    this.queued.clear();
    for (const callback of callbacks) callback();
  }
}

function setup() {
  const frames = new FakeFrames();
  const paints: number[] = [];
  const scheduler = new LadderPaintScheduler(() => paints.push(frames.time), frames);
  return { frames, paints, scheduler };
}

describe('ladder paint scheduling', () => {
  it('draws a new book at once, without waiting for an animation frame', () => {
    const { frames, paints, scheduler } = setup();
    frames.time = 5;
    scheduler.paintNow();
    expect(paints).toEqual([5]);
    expect(frames.queued.size).toBe(0);
  });

  it('draws a second book in the same frame at once too: the host already limits books to one per frame', () => {
    const { frames, paints, scheduler } = setup();
    frames.time = 1;
    scheduler.paintNow();
    frames.time = 15;
    scheduler.paintNow();
    expect(paints).toEqual([1, 15]);
  });

  it('coalesces order, trade and resize changes into one paint at the next animation frame', () => {
    const { frames, paints, scheduler } = setup();
    scheduler.paintNextFrame();
    scheduler.paintNextFrame();
    scheduler.paintNextFrame();
    expect(paints).toEqual([]);
    frames.time = 16;
    frames.frame();
    expect(paints).toEqual([16]);
    frames.frame();
    expect(paints).toEqual([16]);
  });

  it('cancels a pending frame paint when a book is drawn at once, since that drawing shows the change too', () => {
    const { frames, paints, scheduler } = setup();
    scheduler.paintNextFrame();
    frames.time = 3;
    scheduler.paintNow();
    frames.frame();
    expect(paints).toEqual([3]);
    // A change after the book still gets its frame.
    scheduler.paintNextFrame();
    frames.time = 16;
    frames.frame();
    expect(paints).toEqual([3, 16]);
  });

  it('remembers when it last drew, for the fade of trade marks', () => {
    const { frames, scheduler } = setup();
    expect(scheduler.lastPaintAt).toBe(Number.NEGATIVE_INFINITY);
    frames.time = 42;
    scheduler.paintNow();
    expect(scheduler.lastPaintAt).toBe(42);
  });

  it('draws nothing after dispose, not even a frame already requested', () => {
    const { frames, paints, scheduler } = setup();
    frames.time = 1;
    scheduler.paintNextFrame();
    frames.frame();
    expect(paints, 'a requested frame is drawn before dispose').toEqual([1]);
    frames.time = 2;
    scheduler.paintNextFrame();
    scheduler.dispose();
    frames.frame();
    scheduler.paintNow();
    scheduler.paintNextFrame();
    frames.frame();
    expect(paints).toEqual([1]);
  });
});

describe('trade mark fade repaint', () => {
  it('is due at once when nothing was drawn for a whole fade interval', () => {
    expect(fadeRepaintDelay(0, 100, 100)).toBe(0);
    expect(fadeRepaintDelay(0, 250, 100)).toBe(0);
    expect(fadeRepaintDelay(Number.NEGATIVE_INFINITY, 10, 100)).toBe(0);
  });

  it('waits for the rest of the interval after a recent paint, so books arriving often make extra fade repaints unnecessary', () => {
    expect(fadeRepaintDelay(60, 100, 100)).toBe(60);
    expect(fadeRepaintDelay(99.5, 100, 100)).toBe(99.5);
  });
});
