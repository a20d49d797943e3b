import type { PriceMicros, Shares, TradeTick, UnixMicros } from '../../../../shared';

/** A one-second OHLCV bar. `time` is the bar's Unix second (UTC); prices micro-dollars; volume shares. */
export interface Bar {
  readonly time: number;
  open: PriceMicros;
  high: PriceMicros;
  low: PriceMicros;
  close: PriceMicros;
  volume: Shares;
}

/** The Unix second (UTC) a trade at `tsEvent` (Unix µs) falls in. */
export function barSecond(tsEvent: UnixMicros): number {
  return Math.floor(tsEvent / 1_000_000);
}

/**
 * Adds one trade to `bars` (oldest first, mutated): extends the last bar when the trade falls in its
 * second (or, defensively, an earlier one: the chart needs strictly increasing times, and the tape only
 * feeds trades in time order), otherwise appends a new bar. Returns the bar touched and whether it is new.
 */
export function applyTrade(bars: Bar[], trade: Pick<TradeTick, 'tsEvent' | 'price' | 'size'>): { bar: Bar; created: boolean } {
  const second = barSecond(trade.tsEvent);
  const last = bars[bars.length - 1];
  if (last && second <= last.time) {
    last.high = Math.max(last.high, trade.price);
    last.low = Math.min(last.low, trade.price);
    last.close = trade.price;
    last.volume += trade.size;
    return { bar: last, created: false };
  }
  const bar: Bar = { time: second, open: trade.price, high: trade.price, low: trade.price, close: trade.price, volume: trade.size };
  bars.push(bar);
  return { bar, created: true };
}

/** Aggregates trades (oldest first) into one-second bars with strictly increasing times. */
export function aggregateBars(trades: readonly Pick<TradeTick, 'tsEvent' | 'price' | 'size'>[]): Bar[] {
  const bars: Bar[] = [];
  for (const trade of trades) applyTrade(bars, trade);
  return bars;
}

/**
 * The time of the bar a moment (Unix second) belongs to on the chart: the latest bar at or before it,
 * or null when every bar is later. `times` ascending. Markers must sit on an existing bar.
 */
export function snapToBarTime(times: readonly number[], second: number): number | null {
  let lo = 0;
  let hi = times.length - 1;
  let found: number | null = null;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const time = times[mid]!;
    if (time <= second) {
      found = time;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return found;
}
