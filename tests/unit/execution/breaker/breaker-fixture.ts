import { ExecutionEngine, OrderStore, Portfolio, RiskProfileStore, TradingStateStore } from '../../../../src/main/execution';
import { BreakerController, HaltController, recordAlerts } from '../../../../src/main/execution/breaker';
import { RiskEngine, tradingStateCheck } from '../../../../src/main/execution/risk';
import { createTerminalBus, publishEngineEvents, publishFeedEvents, type TerminalBus } from '../../../../src/main/bus';
import { Ledger } from '../../../../src/main/ledger';
import { createCommissionModel, PaperVenue } from '../../../../src/main/venues/paper';
import { DEFAULT_RISK_PROFILE, type Alert, type Disposable, type RiskProfile } from '../../../../src/shared';
import { BadTickGuard, type MarketFeed } from '../../../../src/main/marketdata';
import { TestFeed, GOOG } from '../../venues/lobster-test-feed';

/**
 * The breaker's real surroundings for tests: a ledger, the GOOG excerpt through TestFeed (the real
 * OrderBook), the paper venue, the order core, the bus with the engine's and feed's events (the
 * feed's prints through the bad-tick guard), the alerts writer, and the BreakerController. The
 * RiskEngine runs only its trading-state check (HALTED denies, REDUCING only reduces); every other
 * order is allowed at its quantity, interlock open.
 */
export interface BreakerFixture<F extends MarketFeed = TestFeed> {
  readonly ledger: Ledger;
  readonly feed: F;
  readonly venue: PaperVenue;
  readonly engine: ExecutionEngine;
  readonly bus: TerminalBus;
  readonly profiles: RiskProfileStore;
  readonly halt: HaltController;
  readonly controller: BreakerController;
  /** The bad-tick guard between the feed's prints and the bus, as in the terminal. */
  readonly guard: BadTickGuard;
  /** Alerts as pushed on the bus, oldest first. */
  readonly pushed: Alert[];
  dispose(): void;
}

/**
 * Options: the GOOG excerpt row a TestFeed starts at (or another `feed`, e.g. a LobsterReplayFeed), a
 * profile patch, the ledger file, and whether halts batch their cancels in one transaction.
 */
export function breakerFixture<F extends MarketFeed = TestFeed>(
  options: { row?: number; feed?: F; profile?: Partial<RiskProfile>; file?: string; batch?: boolean } = {},
): BreakerFixture<F> {
  const ledger = Ledger.open(options.file ?? ':memory:');
  const feed = options.feed ?? (new TestFeed(options.row ?? 300) as unknown as F);
  const venue = new PaperVenue({ feeds: [feed], commission: createCommissionModel('IBKR_FIXED'), runId: 'a1b2c3d4e5f6' });
  const clock = { now: () => feed.toUnixMicros(feed.status().marketTime) };
  const profiles = new RiskProfileStore(ledger.settings, clock);
  if (options.profile !== undefined) profiles.set({ ...DEFAULT_RISK_PROFILE, ...options.profile });
  const store = new OrderStore(ledger);
  const portfolio = new Portfolio(ledger, clock, (id) => (id === 'GOOG' ? feed.book.mid() : null));
  store.addProjection(portfolio);
  const engine = new ExecutionEngine({
    ledger,
    store,
    portfolio,
    venue,
    clock,
    instruments: (id) => (id === 'GOOG' ? GOOG : undefined),
    marks: (id) => (id === 'GOOG' ? feed.book.mid() : null),
    profile: profiles,
    risk: new RiskEngine({ checks: [tradingStateCheck], tradingState: new TradingStateStore(ledger, clock), unitOfWork: ledger.unitOfWork }),
    authority: { refusal: () => null },
    logger: { warn: () => {}, error: (m, e) => console.error(m, e) },
  });
  const bus = createTerminalBus((error) => {
    throw error;
  });
  const pushed: Alert[] = [];
  const halt = new HaltController({
    engine,
    venue,
    ...(options.batch === false ? {} : { batch: <T>(work: () => T) => ledger.transaction(work) }),
  });
  const guard = new BadTickGuard(feed);
  const subscriptions: Disposable[] = [
    publishEngineEvents(engine, bus),
    publishFeedEvents(feed, bus, guard),
    recordAlerts(bus, ledger.alerts, (error) => {
      throw error;
    }),
    bus.subscribe('risk.alert', (alert) => pushed.push(alert)),
    // As the terminal does: positions are marked at the mid.
    bus.subscribe('market.mid', (market) => engine.portfolio.setMark(market.instrument.instrumentId, market.book.mid()!)),
  ];
  const controller = new BreakerController({ bus, halt, engine, profile: profiles, clock });
  return {
    ledger,
    feed,
    venue,
    engine,
    bus,
    profiles,
    halt,
    controller,
    guard,
    pushed,
    dispose() {
      controller.dispose();
      for (const s of subscriptions) s.dispose();
      guard.dispose();
      engine.dispose();
      store.dispose();
      portfolio.dispose();
      venue.dispose();
      feed.dispose();
      bus.dispose();
      ledger.close();
    },
  };
}

/** A resting DAY/GTC LIMIT ticket for GOOG at `dollars` (converted to micro-dollars exactly). */
export function restingTicket(side: 'BUY' | 'SELL', quantity: number, cents: number, timeInForce: 'DAY' | 'GTC' = 'DAY') {
  return { instrumentId: 'GOOG', side, quantity, orderType: 'LIMIT' as const, timeInForce, limitPrice: cents * 10_000 };
}
