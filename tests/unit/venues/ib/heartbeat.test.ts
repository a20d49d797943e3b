import { describe, expect, it } from 'vitest';
import { reconnectDelayMs } from '../../../../src/main/venues/ib/backoff';
import { Heartbeat } from '../../../../src/main/venues/ib/heartbeat';
import type { IbTimers } from '../../../../src/main/venues/ib/timers';

/** Timers advanced by hand; intervals re-arm. */
function manualTimers() {
  let time = 0;
  let id = 0;
  const timers = new Map<number, { at: number; every: number | null; callback: () => void }>();
  const api: IbTimers & { advance(ms: number): void } = {
    now: () => time,
    setTimeout: (callback, ms) => (timers.set((id += 1), { at: time + ms, every: null, callback }), id),
    clearTimeout: (h) => void timers.delete(h as number),
    setInterval: (callback, ms) => (timers.set((id += 1), { at: time + ms, every: ms, callback }), id),
    clearInterval: (h) => void timers.delete(h as number),
    advance(ms) {
      const end = time + ms;
      for (;;) {
        const due = [...timers.entries()].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
        if (due === undefined) break;
        const [key, t] = due;
        time = t.at;
        if (t.every === null) timers.delete(key);
        else t.at += t.every;
        t.callback();
      }
      time = end;
    },
  };
  return api;
}

describe('heartbeat', () => {
  it('probes every interval and calls a gateway hung after the timeout of silence, once', () => {
    const timers = manualTimers();
    let probes = 0;
    const hung: number[] = [];
    new Heartbeat({ intervalMs: 1_000, timeoutMs: 3_000 }, () => (probes += 1), (ms) => hung.push(ms), timers);
    timers.advance(2_999);
    expect(probes).toBe(2);
    expect(hung).toEqual([]);
    timers.advance(10_000);
    expect(hung).toEqual([3_000]);
  });

  it('stays alive while the gateway answers', () => {
    const timers = manualTimers();
    const hung: number[] = [];
    const heartbeat = new Heartbeat({ intervalMs: 1_000, timeoutMs: 3_000 }, () => undefined, (ms) => hung.push(ms), timers);
    for (let i = 0; i < 20; i += 1) {
      timers.advance(900);
      heartbeat.heard();
    }
    expect(hung).toEqual([]);
  });

  it('refuses a timeout not above the interval', () => {
    expect(() => new Heartbeat({ intervalMs: 1_000, timeoutMs: 1_000 }, () => undefined, () => undefined, manualTimers())).toThrow(/interval < timeout/);
  });
});

describe('reconnect backoff', () => {
  it('retries at once, then waits 250 ms doubling to a 2 s cap, jittered down by at most 20 %', () => {
    expect([1, 2, 3, 4, 5, 6, 30].map((n) => reconnectDelayMs(n, () => 0))).toEqual([0, 250, 500, 1_000, 2_000, 2_000, 2_000]);
    expect(reconnectDelayMs(2, () => 0.999)).toBe(200);
    expect(() => reconnectDelayMs(0)).toThrow(RangeError);
  });
});
