import type { Clock, Instrument, InstrumentId, PriceMicros } from '../../shared';
import { ExecutionEngine, OrderStore, Portfolio, TradingStateStore, type ExecutionLogger, type OrderAuthority, type RiskProfileSource } from '../execution';
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
}

/**
 * The order core of one terminal, restored from its ledger: the OrderStore (the one writer of order
 * state), the Portfolio (positions, cash and the day's P&L, a projection of the store's fills), the
 * RiskEngine (every check, and the TradingState, seeded with the signal ids already used and every
 * fill for the PDT count), and the ExecutionEngine commanding them.
 * @throws LedgerRowError when a stored row is malformed (naming it).
 */
export function createOrderCore(options: OrderCoreOptions): ExecutionEngine {
  const { ledger, clock } = options;
  const store = new OrderStore(ledger);
  const portfolio = new Portfolio(ledger, clock, options.marks);
  store.addProjection(portfolio);
  const risk = createRiskEngine({
    bars: options.bars,
    knownSignalIds: ledger.orders.knownSignals(),
    fills: store.fills(),
    tradingState: new TradingStateStore(ledger, clock),
    unitOfWork: ledger.unitOfWork,
    logger: { warn: (m) => options.logger.warn(m) },
  });
  return new ExecutionEngine({
    ledger,
    store,
    portfolio,
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
