import { describe, expect, it } from 'vitest';
import { aggregateBars, snapToBarTime } from '../../../src/renderer/src/features/chart/bars';
import { fillMarkers } from '../../../src/renderer/src/features/chart/fill-markers';
import { overlapLength, TradeTape, type TapeChange } from '../../../src/renderer/src/state/trade-tape';
import { fill, trade } from './fixtures';

const T0 = 1_340_289_000_000_000; // a Unix µs on a whole second

describe('one-second bars', () => {
  it('aggregates trades into OHLCV bars with strictly increasing Unix-second times', () => {
    const bars = aggregateBars([
      trade(T0 + 100, 585_000_000, 100),
      trade(T0 + 500_000, 586_000_000, 50),
      trade(T0 + 999_999, 584_000_000, 10),
      trade(T0 + 1_000_000, 585_500_000, 20),
      trade(T0 + 3_200_000, 585_600_000, 30),
    ]);
    expect(bars).toEqual([
      { time: T0 / 1e6, open: 585_000_000, high: 586_000_000, low: 584_000_000, close: 584_000_000, volume: 160 },
      { time: T0 / 1e6 + 1, open: 585_500_000, high: 585_500_000, low: 585_500_000, close: 585_500_000, volume: 20 },
      { time: T0 / 1e6 + 3, open: 585_600_000, high: 585_600_000, low: 585_600_000, close: 585_600_000, volume: 30 },
    ]);
    for (let i = 1; i < bars.length; i += 1) expect(bars[i]!.time).toBeGreaterThan(bars[i - 1]!.time);
  });

  it('snaps a moment to the latest bar at or before it', () => {
    expect(snapToBarTime([10, 11, 13], 12)).toBe(11);
    expect(snapToBarTime([10, 11, 13], 13)).toBe(13);
    expect(snapToBarTime([10, 11, 13], 9)).toBeNull();
  });

  it('puts our fills on bars as buy and sell markers, skipping fills before the first bar', () => {
    const s = T0 / 1e6;
    const markers = fillMarkers(
      [
        fill('T1', T0 - 5_000_000),
        fill('T2', T0 + 2_500_000, { side: 'SELL', quantity: 40, price: 585_600_000 }),
        fill('T3', T0 + 100),
      ],
      [s, s + 1, s + 3],
    );
    expect(markers).toEqual([
      { id: 'T3', time: s, side: 'BUY', text: 'B 100 @ 585.33' },
      { id: 'T2', time: s + 1, side: 'SELL', text: 'S 40 @ 585.60' },
    ]);
  });
});

describe('trade tape', () => {
  function recordChanges(tape: TradeTape): TapeChange[] {
    const changes: TapeChange[] = [];
    tape.onDidChange((change) => changes.push(change));
    return changes;
  }

  it('ignores pushes until the history arrives, then appends', () => {
    const tape = new TradeTape();
    const changes = recordChanges(tape);
    tape.append([trade(T0, 1)]);
    expect(changes).toHaveLength(0);
    tape.reset([trade(T0, 1)]);
    tape.append([trade(T0 + 10, 2)]);
    expect(tape.snapshot().map((t) => t.price)).toEqual([1, 2]);
    expect(changes.map((c) => c.kind)).toEqual(['reset', 'append']);
  });

  it('drops the trades the first push repeats from the loaded history', () => {
    const tape = new TradeTape();
    tape.reset([trade(T0, 1), trade(T0 + 1, 2), trade(T0 + 2, 3)]);
    tape.append([trade(T0 + 1, 2), trade(T0 + 2, 3), trade(T0 + 3, 4)]);
    expect(tape.snapshot().map((t) => t.price)).toEqual([1, 2, 3, 4]);
  });

  it('keeps identical trades that are genuinely new after the first push', () => {
    const tape = new TradeTape();
    tape.reset([trade(T0, 1)]);
    tape.append([trade(T0 + 5, 2)]);
    tape.append([trade(T0 + 5, 2)]);
    expect(tape.snapshot()).toHaveLength(3);
  });

  it('starts a fresh history when market time jumps backwards (a seek)', () => {
    const tape = new TradeTape();
    const changes = recordChanges(tape);
    tape.reset([trade(T0 + 100, 1)]);
    tape.append([trade(T0 + 200, 2)]);
    tape.append([trade(T0 + 50, 3), trade(T0 + 60, 4)]);
    expect(tape.snapshot().map((t) => t.price)).toEqual([3, 4]);
    expect(changes.at(-1)?.kind).toBe('reset');
  });

  it('finds the longest overlap between a history tail and a push head', () => {
    expect(overlapLength([trade(1, 1), trade(2, 2)], [trade(2, 2), trade(3, 3)])).toBe(1);
    expect(overlapLength([trade(1, 1)], [trade(3, 3)])).toBe(0);
  });
});
