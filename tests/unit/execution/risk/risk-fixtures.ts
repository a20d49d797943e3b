import path from 'node:path';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  DEFAULT_RISK_PROFILE,
  type AccountView,
  type FillView,
  type Order,
  type PositionView,
  type RiskProfile,
} from '../../../../src/shared';
import { TradingStateStore, WorkingOrders, type RiskContext } from '../../../../src/main/execution/risk';
import { Ledger, type UnitOfWork } from '../../../../src/main/ledger';
import { parseDailyBarsCsv, type DailyBarsProvider, type DailyCloseSeries } from '../../../../src/main/marketdata/bars';
import { orderFixture } from '../../../support/order-fixtures';

/** Repository root (tests reference ../shared/data relative to it). */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
/** Real daily bars from Yahoo Finance (see ../shared/data/README.md). */
export const BARS_DIR = path.resolve(REPO_ROOT, '../shared/data/bars');

/** $1 in micro-dollars. */
export const USD = 1_000_000;

/** A profile with every limit far away, so a test moves only the limit it is about. */
export const OPEN_PROFILE: RiskProfile = {
  ...DEFAULT_RISK_PROFILE,
  maxRiskPerTradeBps: 10_000,
  maxRiskPerTrade: 1_000_000_000 * USD,
  maxPositionBps: 100_000,
  maxTradeNotional: 1_000_000_000 * USD,
  maxOrderQuantity: 10_000_000,
  maxOpenPositions: 10_000,
  maxGrossExposure: 1_000_000_000 * USD,
  dailyLossLimit: 1_000_000_000 * USD,
  priceCollarBps: 10_000,
  maxOrdersPerSecond: 50,
  pdtEnforcement: false,
  reduceToFit: true,
};

/** A new LIMIT BUY 100 GOOG @ $100.00 (status INITIALIZED) with a signal stop at $99.00. */
export function riskOrder(overrides: Partial<Order> = {}): Order {
  return orderFixture({
    clientOrderId: 'FRISK-1',
    venueOrderId: null,
    venue: null,
    instrumentId: 'GOOG',
    side: 'BUY',
    orderType: 'LIMIT',
    quantity: 100,
    limitPrice: 100 * USD,
    stopPrice: null,
    source: 'TICKET',
    status: 'INITIALIZED',
    signal: { stop: 99 * USD },
    ...overrides,
  });
}

/** A position of `quantity` shares marked at `mark` (micro-dollars). */
export function position(instrumentId: string, quantity: number, mark: number): PositionView {
  return {
    instrumentId,
    quantity,
    avgPrice: quantity === 0 ? null : mark,
    markPrice: mark,
    realizedPnl: 0,
    unrealizedPnl: 0,
    commissions: 0,
    updatedAt: 1,
  };
}

/** A working LIMIT order of `quantity` shares, nothing filled. */
export function workingOrder(instrumentId: string, side: 'BUY' | 'SELL', quantity: number, limitPrice: number): Order {
  return orderFixture({
    clientOrderId: `W-${instrumentId}-${side}-${quantity}`,
    venueOrderId: 'V-1',
    instrumentId,
    side,
    quantity,
    limitPrice,
    createdAt: 1,
    updatedAt: 1,
  });
}

/** A $100,000 account. */
export function account(overrides: Partial<AccountView> = {}): AccountView {
  return {
    startingCash: 100_000 * USD,
    cash: 100_000 * USD,
    equity: 100_000 * USD,
    realizedPnl: 0,
    unrealizedPnl: 0,
    grossExposure: 0,
    ...overrides,
  };
}

/** 2024-03-06 (a Wednesday) 10:00 New York time, Unix µs. */
export const WEDNESDAY_10AM = Date.parse('2024-03-06T15:00:00Z') * 1000;

/**
 * A context around `order` (default riskOrder()) with $100,000 capital, mid $100.00, no positions,
 * no working orders, ACTIVE, OPEN_PROFILE. `position` in overrides is looked up in `positions` when
 * not given; `openOrders` become the context's working-order totals.
 */
export function riskContext(
  { openOrders = [], ...overrides }: Partial<RiskContext> & { order?: Order; openOrders?: readonly Order[] } = {},
): RiskContext {
  const order = overrides.order ?? riskOrder();
  const positions = overrides.positions ?? [];
  return {
    instrument: { instrumentId: order.instrumentId, venue: 'SIM', tickSize: 10_000, currency: 'USD' },
    profile: OPEN_PROFILE,
    capital: 100_000 * USD,
    tradingState: 'ACTIVE',
    mid: 100 * USD,
    positions,
    position: positions.find((p) => p.instrumentId === order.instrumentId),
    working: WorkingOrders.of(openOrders),
    account: account(),
    dailyPnl: 0,
    now: WEDNESDAY_10AM,
    ...overrides,
    order,
  };
}

/** A fill of `quantity` shares at New York wall time `newYorkIso` (e.g. "2024-03-06T10:00:00-05:00"). */
export function fill(
  tradeId: string,
  instrumentId: string,
  side: 'BUY' | 'SELL',
  quantity: number,
  newYorkIso: string,
  clientOrderId = `O-${tradeId}`,
): FillView {
  return {
    tradeId,
    clientOrderId,
    instrumentId,
    side,
    quantity,
    price: 100 * USD,
    commission: 0,
    liquiditySide: 'TAKER',
    tsEvent: Date.parse(newYorkIso) * 1000,
  };
}

/** A DailyBarsProvider over the real CSVs in ../shared/data/bars (parsed once per instrument). */
export class CsvBarsProvider implements DailyBarsProvider {
  private readonly all = new Map<string, DailyCloseSeries>();
  calls = 0;

  constructor(files: Record<string, string>) {
    for (const [instrumentId, file] of Object.entries(files)) {
      const bars = parseDailyBarsCsv(readFileSync(path.join(BARS_DIR, file), 'utf8'));
      this.all.set(instrumentId, { instrumentId, dates: bars.map((b) => b.date), closes: bars.map((b) => b.adjClose) });
    }
  }

  closes(instrumentId: string, lookbackDays: number): DailyCloseSeries | undefined {
    this.calls += 1;
    const series = this.all.get(instrumentId);
    if (series === undefined) return undefined;
    const from = Math.max(0, series.dates.length - lookbackDays - 1);
    return { instrumentId, dates: series.dates.slice(from), closes: series.closes.slice(from) };
  }
}

/**
 * What a RiskEngine needs besides its checks: a TradingState (ACTIVE, on an in-memory ledger) and
 * that ledger's unit of work, outside any transaction, so what checks remember is taken at once.
 */
export function riskDeps(): { readonly tradingState: TradingStateStore; readonly unitOfWork: UnitOfWork } {
  const ledger = Ledger.open(':memory:');
  return { tradingState: new TradingStateStore(ledger, { now: () => WEDNESDAY_10AM }), unitOfWork: ledger.unitOfWork };
}
