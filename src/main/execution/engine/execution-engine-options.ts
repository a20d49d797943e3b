import type { Clock, Instrument, InstrumentId, PriceMicros, TradingMode } from '../../../shared';
import type { Ledger } from '../../ledger';
import type { Venue } from '../../venues';
import type { IdGenerator } from '../ids';
import type { LiveAccountValues } from '../order-plan';
import type { Portfolio } from '../portfolio/portfolio';
import type { RiskEngine } from '../risk/risk-engine';
import type { RiskProfileSource } from '../risk-profile-store';
import type { ExecutionLogger } from './execution-logger';
import type { OrderAuthority } from './order-authority';
import type { OrderStore } from './order-store';

export type { LiveAccountValues };

/** Looks up an instrument by id; undefined when Floor does not trade it. */
export type InstrumentLookup = (instrumentId: InstrumentId) => Instrument | undefined;
/** Current mark (book mid, micro-dollars) of an instrument; null when no two-sided book is known. */
export type MarkSource = (instrumentId: InstrumentId) => PriceMicros | null;

/** What the ExecutionEngine is built from. */
export interface ExecutionEngineOptions {
  readonly ledger: Ledger;
  /** The one writer of order state. */
  readonly store: OrderStore;
  /** The paper book (positions, cash, P&L of paper orders). */
  readonly portfolio: Portfolio;
  /**
   * The live book (mode LIVE, a projection of the same store); when absent the engine builds it on
   * the same ledger, clock and marks and adds it to the store's projections.
   */
  readonly livePortfolio?: Portfolio;
  /** The terminal's trading mode now: new orders are created in it (default always PAPER). */
  readonly mode?: () => TradingMode;
  /** The live account's values (IB), null while unknown: live orders are denied until it reports them. */
  readonly liveAccount?: () => LiveAccountValues | null;
  /** The RiskEngine every order passes (it owns the TradingState). */
  readonly risk: RiskEngine;
  readonly venue: Venue;
  readonly profile: RiskProfileSource;
  /** The interlock's answer for each order that would reach the venue. */
  readonly authority: OrderAuthority;
  readonly instruments: InstrumentLookup;
  readonly marks: MarkSource;
  /** Floor's clock (the market clock on a replay), Unix µs. */
  readonly clock: Clock;
  /** Defaults to LedgerIdGenerator (ids persisted in the ledger). */
  readonly ids?: IdGenerator;
  readonly logger?: ExecutionLogger;
}
