import type { FillView, OrderReason, UnixMicros } from '../../../shared';
import type { DailyBarsProvider } from '../../marketdata/bars';
import { shares } from '../sizing';
import { CorrelationCheck } from './checks/correlation-check';
import { dailyLossCheck } from './checks/daily-loss-check';
import { DuplicateSignalCheck, type KnownSignal } from './checks/duplicate-signal-check';
import { grossExposureCheck } from './checks/gross-exposure-check';
import { maxNotionalCheck } from './checks/max-notional-check';
import { maxOpenPositionsCheck } from './checks/max-open-positions-check';
import { maxOrderQuantityCheck } from './checks/max-order-quantity-check';
import { maxPositionCheck } from './checks/max-position-check';
import { maxRiskCheck } from './checks/max-risk-check';
import { OrderRateCheck } from './checks/order-rate-check';
import { PdtCheck } from './checks/pdt-check';
import { priceCollarCheck } from './checks/price-collar-check';
import { tradingStateCheck } from './checks/trading-state-check';
import type { RiskAdjustment, RiskCheck, RiskContext, RiskDecision, RiskNote } from './risk-types';

/** Where the RiskEngine reports notes (logged once per distinct message) and checks that threw. */
export interface RiskLogger {
  warn(message: string): void;
}

/** What a RiskEngine is built from. */
export interface RiskEngineOptions {
  /** The checks, in the order they run (see createRiskEngine for the default order and why). */
  readonly checks: readonly RiskCheck[];
  /** Defaults to console.warn. */
  readonly logger?: RiskLogger;
}

/** Distinct note messages remembered for log de-duplication; beyond this the memory starts over. */
const MAX_LOGGED_NOTES = 1_000;

/**
 * Pre-trade risk: runs its checks in order on an order that has been sized and passed the
 * structural pre-trade checks.
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
 * On ALLOW the checks' `recordAllowed` hooks run (the duplicate-signal check remembers the id).
 * `recordSubmitted` and `recordFill` forward to the checks that count orders sent and fills.
 * Units: quantities shares, money micro-dollars, times Unix µs.
 */
export class RiskEngine {
  private readonly checks: readonly RiskCheck[];
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
    this.checks = [...options.checks];
    this.submittedHooks = this.checks.filter((c) => c.recordSubmitted !== undefined);
    this.fillHooks = this.checks.filter((c) => c.recordFill !== undefined);
    this.allowedHooks = this.checks.filter((c) => c.recordAllowed !== undefined);
    this.logger = options.logger ?? { warn: (message) => console.warn(message) };
  }

  /** The checks' names in the order they run. */
  get checkNames(): readonly string[] {
    return this.checks.map((c) => c.name);
  }

  /** Decides `context.order` (see the class comment). Never throws. */
  evaluate(context: RiskContext): RiskDecision {
    const adjustments: RiskAdjustment[] = [];
    let notes: RiskNote[] | undefined;
    let current = context;
    const denied = (check: string, reason: OrderReason): RiskDecision =>
      notes === undefined ? { kind: 'DENY', check, reason, adjustments } : { kind: 'DENY', check, reason, adjustments, notes };
    if (!(Number.isSafeInteger(current.order.quantity) && current.order.quantity > 0)) {
      return denied('quantity', { code: 'NO_QUANTITY', message: `the order has ${current.order.quantity} shares: there is nothing to send` });
    }
    for (const check of this.checks) {
      let verdict;
      try {
        verdict = check.evaluate(current);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        this.logger.warn(`risk check ${check.name} failed: ${message}`);
        return denied(check.name, { code: 'RISK_CHECK_FAILED', message: `risk check ${check.name} could not decide (${message}); the order is refused to be safe` });
      }
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
    for (const check of this.allowedHooks) check.recordAllowed!(current);
    const quantity = current.order.quantity;
    return notes === undefined ? { kind: 'ALLOW', quantity, adjustments } : { kind: 'ALLOW', quantity, adjustments, notes };
  }

  /** An order was handed to the venue at `now` (Unix µs); the order-rate throttle counts it. */
  recordSubmitted(now: UnixMicros): void {
    for (const check of this.submittedHooks) check.recordSubmitted!(now);
  }

  /** A fill was booked; the PDT rule counts day trades from fills (duplicates by TradeId are ignored). */
  recordFill(fill: FillView): void {
    for (const check of this.fillHooks) check.recordFill!(fill);
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
  /** Daily closes for the correlation cap (DailyBarsStore over the ledger's daily_bars). */
  readonly bars: DailyBarsProvider;
  /**
   * Signal ids already used (from the ledger), for the duplicate-signal check. Pass
   * { signalId, clientOrderId } for orders that may still be re-checked (STAGED ones awaiting approval)
   * so their own approval is not mistaken for a duplicate.
   */
  readonly knownSignalIds: Iterable<string | KnownSignal>;
  /** Every fill in the ledger, for the PDT day-trade count. */
  readonly fills: readonly FillView[];
  /** Defaults to console.warn. */
  readonly logger?: RiskLogger;
}

/**
 * The RiskEngine with Floor's default checks, in this order (cheap, absolute gates first; then the
 * size limits that can reduce, from the most specific to the broadest, so every reduction is re-checked
 * by the rest; the correlation cut last, applied to the quantity every hard limit accepted):
 *
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
      tradingStateCheck,
      new DuplicateSignalCheck(options.knownSignalIds),
      new OrderRateCheck(),
      priceCollarCheck,
      dailyLossCheck,
      new PdtCheck(options.fills),
      maxOpenPositionsCheck,
      maxOrderQuantityCheck,
      maxNotionalCheck,
      maxPositionCheck,
      maxRiskCheck,
      grossExposureCheck,
      new CorrelationCheck(options.bars),
    ],
    ...(options.logger === undefined ? {} : { logger: options.logger }),
  });
}
