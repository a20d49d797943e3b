import {
  CandlestickSeries,
  ColorType,
  createChart,
  createSeriesMarkers,
  CrosshairMode,
  type CandlestickData,
  type Time,
  type UTCTimestamp,
} from 'lightweight-charts';
import { useEffect, useRef } from 'react';
import { microsToDollars } from '../../../../shared';
import { formatUnixSecondsEt, formatUnixSecondsEtHm } from '../../format';
import { useServices, useTerminal } from '../../state';
import { aggregateBars, applyTrade, type Bar } from './bars';
import { fillMarkers } from './fill-markers';

const UP = '#3fb950';
const DOWN = '#f85149';

function toCandle(bar: Bar): CandlestickData<Time> {
  // Floats appear only here, on screen (DESIGN.md, Numbers).
  return {
    time: bar.time as UTCTimestamp,
    open: microsToDollars(bar.open),
    high: microsToDollars(bar.high),
    low: microsToDollars(bar.low),
    close: microsToDollars(bar.close),
  };
}

function secondsOf(time: Time): number {
  return typeof time === 'number' ? time : 0;
}

/**
 * Price chart (lightweight-charts 5): the replayed market trades as one-second candles, kept live from
 * the trade tape, with our fills as buy/sell markers. Time axis and crosshair read US Eastern time.
 * Sizes itself to its container (autoSize).
 */
export function PriceChart() {
  const { tape } = useServices();
  const fills = useTerminal((state) => state.fills);
  const containerRef = useRef<HTMLDivElement>(null);
  const refreshMarkersRef = useRef<(() => void) | null>(null);
  const fillsRef = useRef(fills);
  fillsRef.current = fills;

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const chart = createChart(container, {
      autoSize: true,
      layout: {
        background: { type: ColorType.Solid, color: '#0d1117' },
        textColor: '#8b949e',
        fontSize: 11,
        attributionLogo: true,
      },
      grid: { vertLines: { color: '#161b22' }, horzLines: { color: '#161b22' } },
      crosshair: { mode: CrosshairMode.Normal },
      rightPriceScale: { borderColor: '#21262d' },
      timeScale: {
        borderColor: '#21262d',
        timeVisible: true,
        secondsVisible: true,
        rightOffset: 4,
        tickMarkFormatter: (time: Time) => formatUnixSecondsEtHm(secondsOf(time)),
      },
      localization: {
        timeFormatter: (time: Time) => `${formatUnixSecondsEt(secondsOf(time))} ET`,
        priceFormatter: (price: number) => price.toFixed(2),
      },
    });
    const series = chart.addSeries(CandlestickSeries, {
      upColor: UP,
      downColor: DOWN,
      borderUpColor: UP,
      borderDownColor: DOWN,
      wickUpColor: UP,
      wickDownColor: DOWN,
      priceLineColor: '#58a6ff',
    });
    const markers = createSeriesMarkers<Time>(series, []);
    const state = { bars: [] as Bar[] };

    const refreshMarkers = () => {
      const times = state.bars.map((bar) => bar.time);
      markers.setMarkers(
        fillMarkers(fillsRef.current, times).map((marker) => ({
          id: marker.id,
          time: marker.time as UTCTimestamp,
          position: marker.side === 'BUY' ? 'belowBar' : 'aboveBar',
          shape: marker.side === 'BUY' ? 'arrowUp' : 'arrowDown',
          color: marker.side === 'BUY' ? '#58a6ff' : '#d29922',
          text: marker.text,
        })),
      );
    };

    const reset = (trades: Parameters<typeof aggregateBars>[0]) => {
      state.bars = aggregateBars(trades);
      series.setData(state.bars.map(toCandle));
      refreshMarkers();
    };
    reset(tape.snapshot());

    const subscription = tape.onDidChange((change) => {
      if (change.kind === 'reset') {
        reset(change.trades);
        return;
      }
      const touched = new Set<Bar>();
      let created = false;
      for (const trade of change.trades) {
        const result = applyTrade(state.bars, trade);
        touched.add(result.bar);
        created ||= result.created;
      }
      for (const bar of touched) series.update(toCandle(bar));
      if (created && fillsRef.current.length > 0) refreshMarkers();
    });
    refreshMarkersRef.current = refreshMarkers;

    return () => {
      subscription.dispose();
      refreshMarkersRef.current = null;
      chart.remove();
    };
  }, [tape]);

  useEffect(() => {
    refreshMarkersRef.current?.();
  }, [fills]);

  return <div className="chart" ref={containerRef} data-testid="chart" />;
}
