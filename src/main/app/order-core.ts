import type { Clock, Instrument, InstrumentId, PriceMicros, TradingMode } from '../../shared';
import { ExecutionEngine, OrderStore, Portfolio, TradingStateStore, type ExecutionLogger, type LiveAccountValues, type OrderAuthority, type RiskProfileSource } from '../execution';
import { createRiskEngine } from '../execution/risk';
import type { Ledger } from '../ledger';
import type { DailyBarsProvider } from '../marketdata/bars';
import type { Venue } from '../venues';

/** What the order core is built from. */
export interface OrderCoreOptions {
  readonly ledger: Ledger;
  readonly venue: Venue;
  /** Floor's clock (the market clock on a replay), Unix µs. */
  readonly clock: Clock;
  readonly profile: RiskProfileSource;
  /** Daily closes for the correlation cap. */
  readonly bars: DailyBarsProvider;
  /** The interlock's answer for every order that would reach the venue. */
  readonly authority: OrderAuthority;
  readonly instruments: (id: InstrumentId) => Instrument | undefined;
  readonly marks: (id: InstrumentId) => PriceMicros | null;
  readonly logger: ExecutionLogger;
  /** The terminal's trading mode now (new orders are created in it). */
  readonly mode: () => TradingMode;
  /** IB's values of the live account, null while unknown (live orders are denied until then). */
  readonly liveAccount: () => LiveAccountValues | null;
}

/**
 * The order core of one terminal, restored from its ledger: the OrderStore (the one writer of order
 * state), the paper and the live Portfolio (positions, cash and the day's P&L of each mode, each a
 * projection of the store's fills of its mode), the RiskEngine (every check, and the TradingState,
 * seeded with the signal ids already used and every fill, per mode, for the PDT count), and the
 * ExecutionEngine commanding them.
 * @throws LedgerRowError when a stored row is malformed (naming it).
 */
export function createOrderCore(options: OrderCoreOptions): ExecutionEngine {
  const { ledger, clock } = options;
  const store = new OrderStore(ledger);
  const portfolio = new Portfolio(ledger, clock, options.marks, 'PAPER');
  const livePortfolio = new Portfolio(ledger, clock, options.marks, 'LIVE');
  store.addProjection(portfolio);
  store.addProjection(livePortfolio);
  const fills = store.fills();
  const isLive = (clientOrderId: string): boolean => store.get(clientOrderId)?.mode === 'LIVE';
  const risk = createRiskEngine({
    bars: options.bars,
    knownSignalIds: ledger.orders.knownSignals(),
    fills: fills.filter((fill) => !isLive(fill.clientOrderId)),
    liveFills: fills.filter((fill) => isLive(fill.clientOrderId)),
    tradingState: new TradingStateStore(ledger, clock),
    unitOfWork: ledger.unitOfWork,
    logger: { warn: (m) => options.logger.warn(m) },
  });
  return new ExecutionEngine({
    ledger,
    store,
    portfolio,
    livePortfolio,
    mode: options.mode,
    liveAccount: options.liveAccount,
    risk,
    venue: options.venue,
    profile: options.profile,
    authority: options.authority,
    instruments: options.instruments,
    marks: options.marks,
    clock,
    logger: options.logger,
  });
}
