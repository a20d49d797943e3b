import { ExecutionEngine, OrderStore, Portfolio, RiskProfileStore, TradingStateStore, type ExecutionEngineOptions, type OrderAuthority } from '../../../../src/main/execution';
import {
  DuplicateSignalCheck,
  OrderRateCheck,
  PdtCheck,
  RiskEngine,
  createRiskEngine,
  type RiskCheck,
  dailyLossCheck,
  grossExposureCheck,
  knownInstrumentCheck,
  maxNotionalCheck,
  maxOpenPositionsCheck,
  maxOrderQuantityCheck,
  maxPositionCheck,
  priceCollarCheck,
  tickGridCheck,
  tradingStateCheck,
} from '../../../../src/main/execution/risk';
import type { Ledger } from '../../../../src/main/ledger';
import type { DailyBarsProvider } from '../../../../src/main/marketdata/bars';
import { DEFAULT_RISK_PROFILE, type Instrument, type OrderReason, type OrderSource, type PriceMicros, type RiskProfile } from '../../../../src/shared';
import { ScriptedVenue } from './scripted-venue';

export const GOOG: Instrument = { instrumentId: 'GOOG', venue: 'NASDAQ', tickSize: 10_000, currency: 'USD' };

/**
 * A profile that lets the foundation's order-path tests through untouched: every source AUTO, limits
 * far above their orders, PDT off. Risk tests start from it and tighten what they test.
 */
export const PERMISSIVE_PROFILE: RiskProfile = {
  ...DEFAULT_RISK_PROFILE,
  maxRiskPerTradeBps: 10_000,
  maxRiskPerTrade: 1_000_000_000_000,
  maxPositionBps: 100_000,
  maxTradeNotional: 1_000_000_000_000_000,
  maxOrderQuantity: 10_000_000,
  maxOpenPositions: 10_000,
  maxGrossExposure: 1_000_000_000_000_000,
  dailyLossLimit: 1_000_000_000_000_000,
  priceCollarBps: 10_000,
  maxOrdersPerSecond: 50,
  pdtEnforcement: false,
  approval: { TICKET: 'AUTO', HOTKEY: 'AUTO', API: 'AUTO', ALGO: 'AUTO' },
};

/** No daily bars: the correlation cap has nothing to compare and lets orders through. */
export const NO_BARS: DailyBarsProvider = { closes: () => undefined };

/** An interlock stand-in the test switches: `locked` set to a reason refuses every source, null lets all through. */
export class SwitchableAuthority implements OrderAuthority {
  locked: OrderReason | null = null;
  refusal(_source: OrderSource): OrderReason | null {
    return this.locked;
  }
}

/** Everything an engine test needs, with a deterministic clock and captured logs. */
export interface EngineFixture {
  readonly engine: ExecutionEngine;
  readonly venue: ScriptedVenue;
  readonly marks: Map<string, PriceMicros>;
  readonly profile: RiskProfileStore;
  readonly risk: RiskEngine;
  readonly authority: SwitchableAuthority;
  readonly warnings: string[];
  readonly errors: string[];
  /** What the RiskEngine logged (notes such as "no bars for the correlation cap"). */
  readonly riskNotes: string[];
  /** Moves the engine's clock forward by `micros` (Unix µs). */
  advance(micros: number): void;
}

/** Options of engineOn beyond the engine's own. */
export interface EngineFixtureOptions {
  /** The profile stored before the engine starts (default PERMISSIVE_PROFILE; null keeps what the ledger holds). */
  readonly profile?: RiskProfile | null;
  /** The clock's start, Unix µs (default 2023-11-14T22:13:20Z). */
  readonly startAt?: number;
  /**
   * 'full': createRiskEngine, every check, as the terminal runs it. 'no-stop-rule' (default): every
   * check but max-risk-per-trade, which denies any opening order without a stop; the order-path
   * mechanics tests send plain tickets without one.
   */
  readonly risk?: 'full' | 'no-stop-rule';
  /** Checks appended to the 'no-stop-rule' list (a test's own rule). */
  readonly extraChecks?: readonly RiskCheck[];
}

/**
 * Builds the order core on `ledger` as the terminal does (OrderStore, Portfolio projection,
 * RiskEngine owning the TradingState, ExecutionEngine) with a scripted venue, GOOG as the only
 * instrument, an interlock stand-in that lets every source through until a test locks it, and a
 * clock that ticks 1 µs per read.
 */
export function engineOn(
  ledger: Ledger,
  overrides: Partial<ExecutionEngineOptions> = {},
  venue = new ScriptedVenue(),
  options: EngineFixtureOptions = {},
): EngineFixture {
  const marks = new Map<string, PriceMicros>();
  const warnings: string[] = [];
  const errors: string[] = [];
  let now = options.startAt ?? 1_700_000_000_000_000;
  const clock = { now: () => (now += 1) };
  venue.clock = () => now;
  const profile = new RiskProfileStore(ledger.settings, clock);
  if (options.profile !== null) profile.set(options.profile ?? PERMISSIVE_PROFILE);
  const riskNotes: string[] = [];
  const riskLogger = { warn: (m: string) => riskNotes.push(m) };
  const store = overrides.store ?? new OrderStore(ledger);
  const portfolio = overrides.portfolio ?? new Portfolio(ledger, clock, (id) => marks.get(id) ?? null);
  if (overrides.store === undefined) store.addProjection(portfolio);
  const knownSignalIds = ledger.orders.knownSignals();
  const fills = store.fills();
  const tradingState = new TradingStateStore(ledger, clock);
  const unitOfWork = ledger.unitOfWork;
  const risk =
    overrides.risk ??
    (options.risk === 'full'
      ? createRiskEngine({ bars: NO_BARS, knownSignalIds, fills, tradingState, unitOfWork, logger: riskLogger })
      : new RiskEngine({
          checks: [
            knownInstrumentCheck,
            tickGridCheck,
            tradingStateCheck,
            new DuplicateSignalCheck(knownSignalIds),
            new OrderRateCheck(),
            priceCollarCheck,
            dailyLossCheck,
            new PdtCheck(fills),
            maxOpenPositionsCheck,
            maxOrderQuantityCheck,
            maxNotionalCheck,
            maxPositionCheck,
            grossExposureCheck,
            ...(options.extraChecks ?? []),
          ],
          tradingState,
          unitOfWork,
          logger: riskLogger,
        }));
  const authority = new SwitchableAuthority();
  const engine = new ExecutionEngine({
    ledger,
    store,
    portfolio,
    risk,
    venue,
    profile,
    authority,
    instruments: (id) => (id === 'GOOG' ? GOOG : undefined),
    marks: (id) => marks.get(id) ?? null,
    clock,
    logger: { warn: (m) => warnings.push(m), error: (m) => errors.push(m) },
    ...overrides,
  });
  return { engine, venue, marks, profile, risk, authority, warnings, errors, riskNotes, advance: (micros) => void (now += micros) };
}

/** A DAY LIMIT ticket for GOOG at `price` micro-dollars. */
export function limitTicket(side: 'BUY' | 'SELL', quantity: number, price: number) {
  return { instrumentId: 'GOOG', side, quantity, orderType: 'LIMIT' as const, timeInForce: 'DAY' as const, limitPrice: price };
}
