import { messageOf, type Event, type FillView, type OrderReason, type TradingMode, type TradingState, type UnixMicros } from '../../../shared';
import type { UnitOfWork } from '../../ledger';
import type { DailyBarsProvider } from '../../marketdata/bars';
import { shares } from '../sizing';
import { CorrelationCheck } from './checks/correlation-check';
import { dailyLossCheck } from './checks/daily-loss-check';
import { DuplicateSignalCheck, type KnownSignal } from './checks/duplicate-signal-check';
import { grossExposureCheck } from './checks/gross-exposure-check';
import { knownInstrumentCheck } from './checks/known-instrument-check';
import { maxNotionalCheck } from './checks/max-notional-check';
import { maxOpenPositionsCheck } from './checks/max-open-positions-check';
import { maxOrderQuantityCheck } from './checks/max-order-quantity-check';
import { maxPositionCheck } from './checks/max-position-check';
import { maxRiskCheck } from './checks/max-risk-check';
import { OrderRateCheck } from './checks/order-rate-check';
import { PdtCheck } from './checks/pdt-check';
import { priceCollarCheck } from './checks/price-collar-check';
import { tickGridCheck } from './checks/tick-grid-check';
import { tradingStateCheck } from './checks/trading-state-check';
import type { RiskAdjustment, RiskCheck, RiskContext, RiskDecision, RiskInput, RiskNote } from './risk-types';
import type { TradingStateCause, TradingStateStore } from './trading-state-store';

/** Where the RiskEngine reports notes (logged once per distinct message) and checks that threw. */
export interface RiskLogger {
  warn(message: string): void;
}

/** What a RiskEngine is built from. */
export interface RiskEngineOptions {
  /** The checks, in the order they run (see createRiskEngine for the default order and why). */
  readonly checks: readonly RiskCheck[];
  /** The TradingState the RiskEngine owns (persisted in the ledger). */
  readonly tradingState: TradingStateStore;
  /** The ledger's unit of work: what the stateful checks remember waits for the decision's commit. */
  readonly unitOfWork: UnitOfWork;
  /** Defaults to console.warn. */
  readonly logger?: RiskLogger;
}

/** Distinct note messages remembered for log de-duplication; beyond this the memory starts over. */
const MAX_LOGGED_NOTES = 1_000;

/**
 * Pre-trade risk, one framework for every check: the structural ones (`beforeSizing`: known
 * instrument, tick grid) in `screen` before sizing, the rest in `evaluate` on the sized order. It
 * owns the TradingState (HALTED, REDUCING, ACTIVE) that the trading-state check applies.
 *
 * - ALLOW: next check. A note is collected into the decision and logged (once per distinct message).
 * - DENY: the decision is DENY with that check's name and reason; later checks do not run.
 * - REDUCE(q): applied only when profile.reduceToFit; otherwise it is a DENY with the same reason.
 *   Applied, the order continues at q through the remaining checks (a reduced order is re-checked),
 *   and the reduction is listed in `adjustments`. Earlier checks need no re-run: each earlier rule
 *   passes for any smaller quantity of the same order (the checks are monotone in the quantity).
 * - A quantity of 0 (before or after a reduction) is a DENY: nothing to send.
 * - A check that throws (a bug) denies the order (RISK_CHECK_FAILED): risk fails closed.
 *
 * Deciding changes nothing: what the stateful checks remember of a decision (the duplicate-signal
 * check's signal id through `recordDecision`, the order-rate throttle's sent order through
 * `recordSubmitted`) is taken only once the transaction that records the order commits, so a
 * transaction that fails leaves risk as it was. `recordFill` takes committed fills (PDT).
 * Units: quantities shares, money micro-dollars, times Unix µs.
 */
export class RiskEngine {
  private readonly checks: readonly RiskCheck[];
  private readonly screens: readonly RiskCheck[];
  private readonly state: TradingStateStore;
  private readonly uow: UnitOfWork;
  private readonly submittedHooks: RiskCheck[];
  private readonly fillHooks: RiskCheck[];
  private readonly allowedHooks: RiskCheck[];
  private readonly logger: RiskLogger;
  private readonly logged = new Set<string>();

  constructor(options: RiskEngineOptions) {
    const names = new Set<string>();
    for (const check of options.checks) {
      if (names.has(check.name)) throw new RangeError(`two risk checks are named ${JSON.stringify(check.name)}; names must be unique`);
      names.add(check.name);
    }
    this.screens = options.checks.filter((c) => c.beforeSizing === true);
    this.checks = options.checks.filter((c) => c.beforeSizing !== true);
    this.state = options.tradingState;
    this.uow = options.unitOfWork;
    this.submittedHooks = this.checks.filter((c) => c.recordSubmitted !== undefined);
    this.fillHooks = this.checks.filter((c) => c.recordFill !== undefined);
    this.allowedHooks = this.checks.filter((c) => c.recordAllowed !== undefined);
    this.logger = options.logger ?? { warn: (message) => console.warn(message) };
  }

  /** The checks' names in the order they run: the structural ones first. */
  get checkNames(): readonly string[] {
    return [...this.screens, ...this.checks].map((c) => c.name);
  }

  /** The TradingState in force. */
  tradingState(): TradingState {
    return this.state.get();
  }

  /** After the TradingState changed (committed). */
  get onDidChangeTradingState(): Event<TradingState> {
    return this.state.onDidChange;
  }

  /**
   * Sets and records the TradingState (HALTED denies new orders, REDUCING allows only reducing ones).
   * Working orders are not touched: the CircuitBreaker cancels them explicitly.
   * @throws RangeError on an unknown state; the ledger's errors.
   */
  setTradingState(state: TradingState, cause: TradingStateCause): void {
    this.state.set(state, cause);
  }

  /** Halts this process when the ledger cannot record a halt (fail closed; see TradingStateStore.haltInMemory). */
  haltInMemory(reason: string): void {
    this.state.haltInMemory(reason);
  }

  /**
   * The structural checks on an order before it is sized (its quantity may still be 0): the first
   * denial, or ALLOW at the order's quantity. Never throws.
   */
  screen(input: RiskInput): RiskDecision {
    const context: RiskContext = { ...input, tradingState: this.state.get() };
    for (const check of this.screens) {
      const verdict = this.run(check, context);
      if (verdict.kind !== 'ALLOW') return { kind: 'DENY', check: check.name, reason: verdict.reason, adjustments: [] };
    }
    return { kind: 'ALLOW', quantity: context.order.quantity, adjustments: [] };
  }

  /** Decides the sized `input.order` (see the class comment). Never throws. */
  evaluate(input: RiskInput): RiskDecision {
    const adjustments: RiskAdjustment[] = [];
    let notes: RiskNote[] | undefined;
    let current: RiskContext = { ...input, tradingState: this.state.get() };
    const denied = (check: string, reason: OrderReason): RiskDecision =>
      notes === undefined ? { kind: 'DENY', check, reason, adjustments } : { kind: 'DENY', check, reason, adjustments, notes };
    if (!(Number.isSafeInteger(current.order.quantity) && current.order.quantity > 0)) {
      return denied('quantity', { code: 'NO_QUANTITY', message: `the order has ${current.order.quantity} shares: there is nothing to send` });
    }
    for (const check of this.checks) {
      const verdict = this.run(check, current);
      if (verdict.kind === 'ALLOW') {
        if (verdict.note !== undefined) {
          (notes ??= []).push({ check: check.name, message: verdict.note });
          this.log(check.name, verdict.note);
        }
        continue;
      }
      if (verdict.kind === 'DENY') return denied(check.name, verdict.reason);
      if (!current.profile.reduceToFit) return denied(check.name, verdict.reason);
      const from = current.order.quantity;
      if (!(verdict.quantity > 0)) {
        return denied(check.name, { code: verdict.reason.code, message: `${verdict.reason.message}; nothing is left after the reduction` });
      }
      if (verdict.quantity >= from) continue;
      adjustments.push({
        check: check.name,
        fromQuantity: from,
        toQuantity: verdict.quantity,
        reason: { code: verdict.reason.code, message: `${verdict.reason.message}; reduced from ${shares(from)} to ${shares(verdict.quantity)}` },
      });
      current = { ...current, order: { ...current.order, quantity: verdict.quantity } };
    }
    const quantity = current.order.quantity;
    return notes === undefined ? { kind: 'ALLOW', quantity, adjustments } : { kind: 'ALLOW', quantity, adjustments, notes };
  }

  /**
   * Remembers an allowing decision on `input.order` at `quantity` (the duplicate-signal check takes
   * its signal id) once the open transaction commits; at once outside one.
   */
  recordDecision(input: RiskInput, quantity: number): void {
    if (this.allowedHooks.length === 0) return;
    const context: RiskContext = { ...input, order: { ...input.order, quantity }, tradingState: this.state.get() };
    this.uow.afterCommit(() => {
      for (const check of this.allowedHooks) check.recordAllowed!(context);
    });
  }

  /** An order was handed to the venue at `now` (Unix µs); the order-rate throttle counts it once the open transaction commits. */
  recordSubmitted(now: UnixMicros): void {
    this.uow.afterCommit(() => {
      for (const check of this.submittedHooks) check.recordSubmitted!(now);
    });
  }

  /** A fill of an order of `mode` was booked; the PDT rule counts day trades from fills, per mode (duplicates by TradeId are ignored). */
  recordFill(fill: FillView, mode: TradingMode = 'PAPER'): void {
    for (const check of this.fillHooks) check.recordFill!(fill, mode);
  }

  /** One check's verdict; a check that throws (a bug) denies, so risk fails closed. */
  private run(check: RiskCheck, context: RiskContext) {
    try {
      return check.evaluate(context);
    } catch (error) {
      const message = messageOf(error);
      this.logger.warn(`risk check ${check.name} failed: ${message}`);
      return { kind: 'DENY' as const, reason: { code: 'RISK_CHECK_FAILED', message: `risk check ${check.name} could not decide (${message}); the order is refused to be safe` } };
    }
  }

  private log(check: string, note: string): void {
    const key = `${check}: ${note}`;
    if (this.logged.has(key)) return;
    if (this.logged.size >= MAX_LOGGED_NOTES) this.logged.clear();
    this.logged.add(key);
    this.logger.warn(`risk ${key}`);
  }
}

/** What createRiskEngine needs. */
export interface CreateRiskEngineOptions {
  /** The TradingState the RiskEngine owns. */
  readonly tradingState: TradingStateStore;
  /** The ledger's unit of work (Ledger.unitOfWork). */
  readonly unitOfWork: UnitOfWork;
  /** Daily closes for the correlation cap (DailyBarsStore over the ledger's daily_bars). */
  readonly bars: DailyBarsProvider;
  /**
   * Signal ids already used (from the ledger), for the duplicate-signal check. Pass
   * { signalId, clientOrderId } for orders that may still be re-checked (STAGED ones awaiting approval)
   * so their own approval is not mistaken for a duplicate.
   */
  readonly knownSignalIds: Iterable<string | KnownSignal>;
  /** Every paper fill in the ledger, oldest first, for the PDT day-trade count. */
  readonly fills: readonly FillView[];
  /** Every live fill, oldest first (counted apart from the paper ones). */
  readonly liveFills?: readonly FillView[];
  /** Defaults to console.warn. */
  readonly logger?: RiskLogger;
}

/**
 * The RiskEngine with Floor's default checks, in this order (the structural screen before sizing;
 * then cheap, absolute gates; then the size limits that can reduce, from the most specific to the
 * broadest, so every reduction is re-checked by the rest; the correlation cut last, applied to the
 * quantity every hard limit accepted):
 *
 *  -  known-instrument    (before sizing) the instrument is one Floor trades
 *  -  tick-grid           (before sizing) limit/stop prices on the tick grid (Reg NMS Rule 612)
 *  1. trading-state       HALTED denies all; REDUCING only reducing orders (may reduce)
 *  2. duplicate-signal    a signal id is traded once
 *  3. order-rate          <= maxOrdersPerSecond sent in the trailing second
 *  4. price-collar        limit/stop within priceCollarBps of the mid
 *  5. daily-loss          after the daily loss limit only reducing orders (may reduce)
 *  6. pdt                 FINRA 4210: no 4th day trade in 5 business days under $25,000
 *  7. max-open-positions  no new instrument beyond the cap
 *  8. max-order-quantity  (may reduce)
 *  9. max-notional        max trade size (may reduce)
 * 10. max-position        post-trade position <= % of capital (may reduce)
 * 11. max-risk-per-trade  shares x |entry - stop| <= risk budget; needs a stop (may reduce)
 * 12. gross-exposure      post-trade gross <= max (may reduce)
 * 13. correlation         correlated with an open position: cut or deny
 */
export function createRiskEngine(options: CreateRiskEngineOptions): RiskEngine {
  return new RiskEngine({
    checks: [
      knownInstrumentCheck,
      tickGridCheck,
      tradingStateCheck,
      new DuplicateSignalCheck(options.knownSignalIds),
      new OrderRateCheck(),
      priceCollarCheck,
      dailyLossCheck,
      new PdtCheck(options.fills, options.liveFills),
      maxOpenPositionsCheck,
      maxOrderQuantityCheck,
      maxNotionalCheck,
      maxPositionCheck,
      maxRiskCheck,
      grossExposureCheck,
      new CorrelationCheck(options.bars),
    ],
    tradingState: options.tradingState,
    unitOfWork: options.unitOfWork,
    ...(options.logger === undefined ? {} : { logger: options.logger }),
  });
}
