import { formatPrice, formatShares, type FillView } from '../../../../shared';
import { barSecond, snapToBarTime } from './bars';

/** A chart marker for one of our fills, before it is handed to lightweight-charts. `time` is a bar's Unix second. */
export interface FillMarker {
  readonly id: string;
  readonly time: number;
  readonly side: 'BUY' | 'SELL';
  readonly text: string;
}

/**
 * One marker per fill (oldest first), placed on the bar of the second it happened in (or the latest bar
 * before it); fills earlier than the first bar are left out, since there is no bar to carry them.
 * Marker times come out non-decreasing, as the chart requires.
 */
export function fillMarkers(fills: readonly FillView[], barTimes: readonly number[]): FillMarker[] {
  const markers: FillMarker[] = [];
  for (const fill of fills) {
    const time = snapToBarTime(barTimes, barSecond(fill.tsEvent));
    if (time === null) continue;
    markers.push({
      id: fill.tradeId,
      time,
      side: fill.side,
      text: `${fill.side === 'BUY' ? 'B' : 'S'} ${formatShares(fill.quantity)} @ ${formatPrice(fill.price)}`,
    });
  }
  return markers.sort((a, b) => a.time - b.time);
}
