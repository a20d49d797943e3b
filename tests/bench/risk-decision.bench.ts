/**
 * Sizing + risk decision per order with 100 open positions (issue 3, point 8; target p99 <= 0.2 ms).
 *
 * Setup (untimed): a ledger in memory with the daily bars of 100 held instruments and 20 candidate
 * instruments imported through DailyBarsStore (the product's SQLite-backed provider). Each synthetic
 * instrument replays a real Yahoo return path (GOOG, AAPL or SPY from ../shared/data/bars, each from
 * a different start day) re-dated onto GOOG's last 300 sessions, so correlations are those of real
 * stocks; every other candidate follows the path of one held instrument, so its orders are cut by the
 * correlation cap when they trade in the same direction as that holding (r = 1 > 0.7) and pass as a
 * hedge otherwise; the others are not (different periods: r near 0). The context has 100 long/short positions marked
 * near their last close, 20 working limit orders, 60 earlier fills for the PDT count, a $100,000
 * account and the default profile opened up so every check runs to the end (reduce-to-fit on).
 *
 * Timed: for each order, sizeOrder (RISK: 1% risk, stop 1% from the entry) then RiskEngine.evaluate
 * with all 13 default checks, on a BUY or SELL of a candidate instrument not yet held (so the
 * correlation cap compares it with all 100 positions). Prints:
 * - risk_sizing_decision_100_positions: p50/p99 ms per order once each pair's correlation is cached.
 * - risk_sizing_decision_cold_correlation: p50/p99 ms of the first order per candidate (100 pairs
 *   computed from 253 closes each) — the cost a brand-new instrument pays once.
 */
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createOrder } from '../../src/main/execution';
import { createRiskEngine, TradingStateStore, WorkingOrders, type RiskContext } from '../../src/main/execution/risk';
import { sizeOrder } from '../../src/main/execution/sizing';
import { Ledger } from '../../src/main/ledger';
import { DailyBarsStore, parseDailyBarsCsv } from '../../src/main/marketdata/bars';
import {
  DEFAULT_RISK_PROFILE,
  formatDollars,
  type FillView,
  type Order,
  type PositionView,
  type RiskProfile,
} from '../../src/shared';
import { orderFixture } from '../support/order-fixtures';
import { reportPercentiles } from './report';

const here = path.dirname(fileURLToPath(import.meta.url));
const BARS = path.resolve(here, '../../../shared/data/bars');
const USD = 1_000_000;
const HELD = 100;
const CANDIDATES = 20;
const SESSIONS = 300;
const WARMUP_ORDERS = 2_000;
const TIMED_ORDERS = 20_000;

function realReturns(file: string): { dates: string[]; returns: number[] } {
  const bars = parseDailyBarsCsv(readFileSync(path.join(BARS, file), 'utf8'));
  const returns = bars.slice(1).map((b, i) => b.adjClose / bars[i]!.adjClose - 1);
  return { dates: bars.map((b) => b.date), returns };
}

/** CSV of an instrument following `returns[offset ..]` from $100, dated `dates`. */
function syntheticCsv(dates: readonly string[], returns: readonly number[], offset: number): { csv: string; last: number } {
  let price = 100 * USD;
  const lines = ['Date,Open,High,Low,Close,Adj Close,Volume'];
  for (let i = 0; i < dates.length; i += 1) {
    if (i > 0) price = Math.max(10_000, Math.round(price * (1 + returns[offset + i - 1]!)));
    const p = formatDollars(price, 6);
    lines.push(`${dates[i]},${p},${p},${p},${p},${p},1000000`);
  }
  return { csv: lines.join('\n'), last: price };
}

export default async function run(): Promise<void> {
  const goog = realReturns('GOOG_daily.csv');
  const paths = [goog, realReturns('AAPL_daily.csv'), realReturns('SPY_daily.csv')];
  const dates = goog.dates.slice(-SESSIONS);

  const ledger = Ledger.open(':memory:');
  const store = new DailyBarsStore(ledger.bars);
  const lastClose = new Map<string, number>();
  const instrument = (prefix: string, i: number) => `${prefix}${String(i).padStart(3, '0')}`;
  for (let i = 0; i < HELD + CANDIDATES; i += 1) {
    const id = i < HELD ? instrument('H', i) : instrument('C', i - HELD);
    // Even candidates follow the path of a held instrument (r = 1: the correlation cap cuts them).
    const twin = i >= HELD && (i - HELD) % 2 === 0 ? (i - HELD) * 5 : i;
    const source = paths[twin % 3]!;
    const offset = source.returns.length - SESSIONS - 1 - ((twin * 37) % 1_500);
    const { csv, last } = syntheticCsv(dates, source.returns, offset);
    store.importDailyBarsCsv(id, csv);
    lastClose.set(id, last);
  }

  const positions: PositionView[] = [];
  for (let i = 0; i < HELD; i += 1) {
    const id = instrument('H', i);
    const mark = lastClose.get(id)!;
    positions.push({
      instrumentId: id,
      quantity: (i % 4 === 0 ? -1 : 1) * (10 + (i % 7) * 5),
      avgPrice: mark,
      markPrice: mark,
      realizedPnl: 0,
      unrealizedPnl: 0,
      commissions: 0,
      updatedAt: 1,
    });
  }
  const openOrders: Order[] = positions.slice(0, 20).map((p, i) =>
    orderFixture({
      clientOrderId: `W-${i}`,
      venueOrderId: `V-${i}`,
      instrumentId: p.instrumentId,
      side: p.quantity > 0 ? 'SELL' : 'BUY',
      quantity: 5,
      limitPrice: p.markPrice!,
      createdAt: 1,
      updatedAt: 1,
    }),
  );
  // The engine keeps these totals current as orders change; the checks read the totals.
  const working = WorkingOrders.of(openOrders);
  const now = Date.parse('2024-03-06T15:00:00Z') * 1000;
  const fills: FillView[] = positions.slice(0, 60).map((p, i) => ({
    tradeId: `T-${i}`,
    clientOrderId: `O-${i}`,
    instrumentId: p.instrumentId,
    side: p.quantity > 0 ? 'BUY' : 'SELL',
    quantity: Math.abs(p.quantity),
    price: p.markPrice!,
    commission: 0,
    liquiditySide: 'TAKER',
    tsEvent: now - 86_400_000_000 - i * 1_000_000,
  }));

  const profile: RiskProfile = {
    ...DEFAULT_RISK_PROFILE,
    maxOpenPositions: 500,
    maxGrossExposure: 1_000_000 * USD,
    maxPositionBps: 2_500,
    reduceToFit: true,
  };
  const stateLedger = Ledger.open(':memory:');
  const engine = createRiskEngine({ bars: store, knownSignalIds: [], fills, tradingState: new TradingStateStore(stateLedger, { now: () => now }), unitOfWork: stateLedger.unitOfWork, logger: { warn: () => undefined } });
  const account = { startingCash: 100_000 * USD, cash: 60_000 * USD, equity: 100_000 * USD, realizedPnl: 0, unrealizedPnl: 0, grossExposure: 0 };

  let allowed = 0;
  let reduced = 0;
  const decide = (n: number): number => {
    const id = instrument('C', n % CANDIDATES);
    const mid = lastClose.get(id)!;
    const side = n % 2 === 0 ? 'BUY' : 'SELL';
    const entry = mid;
    const stop = side === 'BUY' ? Math.round(entry * 0.99) : Math.round(entry * 1.01);
    const start = process.hrtime.bigint();
    const sized = sizeOrder({ method: 'RISK', side, entry, stop, capital: account.equity, availableCash: account.cash, profile });
    if (sized.kind === 'SIZED') {
      const context: RiskContext = {
        order: createOrder({ clientOrderId: `FBNCH-${n}`, instrumentId: id, side, orderType: 'LIMIT', timeInForce: 'DAY', quantity: sized.quantity, limitPrice: entry, stopPrice: null, source: 'API', signal: { entry, stop }, sizing: 'RISK', createdAt: now, mode: 'PAPER' }),
        instrument: { instrumentId: id, venue: 'SIM', tickSize: 1, currency: 'USD' },
        profile,
        capital: account.equity,
        tradingState: 'ACTIVE',
        mid,
        position: undefined,
        positions,
        working,
        account,
        dailyPnl: -100 * USD,
        now: now + n * 1_000,
      };
      const decision = engine.evaluate(context);
      if (decision.kind === 'ALLOW') {
        allowed += 1;
        if (decision.adjustments.length > 0) reduced += 1;
      }
    }
    return Number(process.hrtime.bigint() - start) / 1e6;
  };

  const cold: number[] = [];
  for (let n = 0; n < CANDIDATES; n += 1) cold.push(decide(n));
  for (let n = 0; n < WARMUP_ORDERS; n += 1) decide(n);
  allowed = 0;
  reduced = 0;
  const samples: number[] = [];
  for (let n = 0; n < TIMED_ORDERS; n += 1) samples.push(decide(n));
  reportPercentiles('risk_sizing_decision_100_positions', samples, 'ms');
  reportPercentiles('risk_sizing_decision_cold_correlation', cold, 'ms');
  console.log(`  (${allowed} of ${TIMED_ORDERS} allowed, ${reduced} reduced by a check; 100 positions, 20 working orders, 13 checks)`);
  ledger.close();
}
