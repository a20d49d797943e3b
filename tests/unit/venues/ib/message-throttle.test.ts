import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MessageThrottle, type ThrottleTimers } from '../../../../src/main/venues/ib/message-throttle';

/** A clock and timers a test advances by hand. */
class ManualTimers implements ThrottleTimers {
  private time = 0;
  private pending: { at: number; callback: () => void; id: number }[] = [];
  private ids = 0;
  now(): number {
    return this.time;
  }
  setTimeout(callback: () => void, ms: number): unknown {
    const id = (this.ids += 1);
    this.pending.push({ at: this.time + ms, callback, id });
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.pending = this.pending.filter((p) => p.id !== handle);
  }
  /** Moves time to `until`, firing due timers in order. */
  advanceTo(until: number): void {
    for (;;) {
      this.pending.sort((a, b) => a.at - b.at);
      const next = this.pending[0];
      if (next === undefined || next.at > until) break;
      this.pending.shift();
      this.time = next.at;
      next.callback();
    }
    this.time = until;
  }
}

describe('IB message throttle', () => {
  it('sends the first 44 messages of a burst at once and the 45th when the first leaves the rolling second', () => {
    const timers = new ManualTimers();
    const throttle = new MessageThrottle(44, 1_000, timers);
    const sentAt: number[] = [];
    for (let i = 0; i < 45; i += 1) throttle.send(() => sentAt.push(timers.now()));
    expect(sentAt).toHaveLength(44);
    expect(throttle.backlog).toBe(1);
    timers.advanceTo(999);
    expect(sentAt).toHaveLength(44);
    timers.advanceTo(1_000);
    expect(sentAt).toHaveLength(45);
    expect(sentAt.at(-1)).toBe(1_000);
  });

  it('never lets more than the limit through in any rolling window, keeps order, and sends everything (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 400 }), { minLength: 1, maxLength: 300 }), (gaps) => {
        const timers = new ManualTimers();
        const throttle = new MessageThrottle(44, 1_000, timers);
        const sent: { index: number; at: number }[] = [];
        let t = 0;
        gaps.forEach((gap, index) => {
          t += gap;
          timers.advanceTo(t);
          throttle.send(() => sent.push({ index, at: timers.now() }));
        });
        timers.advanceTo(t + 60_000);
        expect(sent.map((s) => s.index)).toEqual(gaps.map((_, i) => i));
        for (let i = 44; i < sent.length; i += 1) {
          expect((sent[i] as { at: number }).at - (sent[i - 44] as { at: number }).at).toBeGreaterThanOrEqual(1_000);
        }
      }),
    );
  });

  it('drops waiting messages on clear, so a lost connection does not send them on the next one', () => {
    const timers = new ManualTimers();
    const throttle = new MessageThrottle(2, 1_000, timers);
    const sent: number[] = [];
    for (let i = 0; i < 5; i += 1) throttle.send(() => sent.push(i));
    expect(throttle.clear()).toBe(3);
    timers.advanceTo(5_000);
    expect(sent).toEqual([0, 1]);
  });

  it('refuses a limit above IB\'s 50 messages per second', () => {
    expect(() => new MessageThrottle(51)).toThrow(/1\.\.50/);
  });
});
