import { messageOf, OPEN_ORDER_STATUSES, type ClientOrderId, type Order, type TradingState, type UnixMicros } from '../../../shared';
import type { HaltCause, HaltReport } from '../../bus';
import type { TradingStateCause } from '../risk/trading-state-store';

/** What halting needs from the execution engine (ExecutionEngine has it). */
export interface HaltableEngine {
  readonly orders: {
    /** Orders still working at the venue, oldest first. */
    open(): Order[];
    get(clientOrderId: ClientOrderId): Order | undefined;
  };
  readonly risk: {
    tradingState(): TradingState;
    /** Persists the state (a halt survives a restart). */
    setTradingState(state: TradingState, cause: TradingStateCause): void;
    /** Halts this process when the ledger cannot record it (fail closed). */
    haltInMemory(reason: string): void;
  };
  /** Records OrderPendingCancel and hands the cancel to the venue. @throws when the order is finished. */
  cancel(clientOrderId: ClientOrderId): Order;
}

/** The venue-wide cancel (Venue.cancelAll). */
export interface CancelAllVenue {
  cancelAll(): void;
}

/** How halting is built. */
export interface HaltControllerOptions {
  readonly engine: HaltableEngine;
  readonly venue: CancelAllVenue;
  /**
   * Runs the cancels of one halt in one ledger transaction (Ledger.transaction), so N cancels cost
   * one commit (one fsync) instead of 2N. Without it every event commits on its own.
   */
  readonly batch?: <T>(work: () => T) => T;
  /** Monotonic wall clock in ms (performance.now) for the trigger-to-last-cancel figure. */
  readonly stopwatch?: () => number;
}

/** The trigger of a halt: its cause, market time, the instrument (breaker only) and when it reached Floor. */
export interface HaltTrigger {
  readonly cause: HaltCause;
  readonly instrumentId: string | null;
  /** Market time of the trigger, Unix µs. */
  readonly tsEvent: UnixMicros;
  /** `stopwatch()` reading when the trigger (tick, P&L update, kill-switch request) arrived, ms. */
  readonly receivedAt: number;
}

/**
 * Halts trading and pulls every open order: the circuit breaker's, the daily-loss limit's and the
 * kill switch's common action.
 *
 * 1. TradingState HALTED: from here on the engine denies every new order. With `batch` it is written
 *    in the same transaction as the cancels (its own fsync, ~0.3 ms and up to several ms at p99, would
 *    otherwise sit between the trigger and the first cancel); the engine's memory is HALTED at once,
 *    and the halt and the cancels become durable together.
 * 2. The venue-wide cancel-all (one request for every working order, IB's reqGlobalCancel): the
 *    fastest way to pull everything, and the only one that also reaches orders the engine does not
 *    know (placed outside Floor, a lost acknowledgement). The venue answers `canceled` per order and
 *    the engine records each (OrderCanceled).
 * 3. Then a per-order cancel (OrderPendingCancel recorded, cancel sent) for every order the engine
 *    still has working: an asynchronous venue has not answered the cancel-all yet, or the cancel-all
 *    missed it. With the paper venue (synchronous answers) nothing is left by then.
 *    With `batch`, steps 1 to 3 are one ledger transaction: every event is recorded, only the commit
 *    is shared.
 * 4. Each order's outcome: the venue confirmed the cancel (CANCELED), the order finished otherwise
 *    (FILLED/EXPIRED/REJECTED in the meantime), the cancel awaits an asynchronous venue (PENDING_CANCEL),
 *    or it failed (the venue refused it, or it could not be sent), with the reason.
 *
 * Why the cancel-all goes first (it was the per-order cancels first, cancel-all last): a venue that
 * answers synchronously (the paper venue) has the engine record each answer inside the cancel call,
 * so with per-order cancels first the last order reached the venue only after every earlier answer
 * was written, ~0.1 ms each: ~190 ms for 1,000 orders. One cancel-all reaches every order at once.
 *
 * Timing (HaltReport): `tickToLastCancelMicros` ends when the last cancel is handed to the venue: the
 * start of the cancel-all call, or the return of the last per-order cancel after it (conservative: it
 * includes recording that cancel and a synchronous answer). `tickToAllAnsweredMicros` ends once every
 * answer the venue gave synchronously is recorded and committed.
 */
export class HaltController {
  private readonly engine: HaltableEngine;
  private readonly venue: CancelAllVenue;
  private readonly batch: <T>(work: () => T) => T;
  readonly stopwatch: () => number;

  constructor(options: HaltControllerOptions) {
    this.engine = options.engine;
    this.venue = options.venue;
    this.batch = options.batch ?? ((work) => work());
    this.stopwatch = options.stopwatch ?? (() => performance.now());
  }

  /**
   * Halts and cancels everything (see the class doc). Never throws: failures of a single order, the
   * venue or the ledger are reported in the result. When the ledger refuses the halt, this process
   * halts anyway (fail closed: RiskEngine.haltInMemory) and the venue still gets the cancel-all.
   */
  haltAndCancelAll(trigger: HaltTrigger): HaltReport {
    let open: Order[] = [];
    const failures: { clientOrderId: string; reason: string }[] = [];
    const sendErrors = new Map<ClientOrderId, string>();
    let lastCancelAt = trigger.receivedAt;
    let halted = false;
    try {
      this.batch(() => {
        this.engine.risk.setTradingState('HALTED', trigger.cause);
        halted = true;
        open = this.engine.orders.open();
        lastCancelAt = this.stopwatch();
        try {
          this.venue.cancelAll();
        } catch (error) {
          failures.push({ clientOrderId: '*', reason: `venue-wide cancel-all failed: ${messageOf(error)}` });
        }
        for (const order of open) {
          const status = this.engine.orders.get(order.clientOrderId)?.status;
          if (status === undefined || !OPEN_ORDER_STATUSES.has(status) || status === 'PENDING_CANCEL') continue;
          try {
            this.engine.cancel(order.clientOrderId);
          } catch (error) {
            sendErrors.set(order.clientOrderId, messageOf(error));
          }
          lastCancelAt = this.stopwatch();
        }
      });
    } catch (error) {
      // The ledger refused the halt (or its cancels): nothing of the batch is in memory or announced,
      // since it never committed, but the venue may have canceled already. Fail closed: this process
      // halts anyway, and the failure is reported; a restart reconciles the orders with the venue.
      this.engine.risk.haltInMemory(`the ledger could not record the ${trigger.cause.toLowerCase().replace('_', ' ')} halt: ${messageOf(error)}`);
      failures.push({ clientOrderId: '*', reason: `the ledger could not commit the halt and its cancels: ${messageOf(error)}` });
      if (!halted) {
        // The halt failed before the venue heard anything: pull the orders there anyway.
        open = this.engine.orders.open();
        try {
          this.venue.cancelAll();
        } catch (cancelError) {
          failures.push({ clientOrderId: '*', reason: `venue-wide cancel-all failed: ${messageOf(cancelError)}` });
        }
      }
    }
    const answeredAt = this.stopwatch();

    let canceled = 0;
    let pending = 0;
    let finishedOtherwise = 0;
    for (const order of open) {
      const now = this.engine.orders.get(order.clientOrderId);
      const status = now?.status;
      if (status === 'CANCELED') canceled++;
      else if (status === 'FILLED' || status === 'EXPIRED' || status === 'REJECTED') finishedOtherwise++;
      else if (status === 'PENDING_CANCEL') pending++;
      else {
        failures.push({
          clientOrderId: order.clientOrderId,
          reason:
            sendErrors.get(order.clientOrderId) ??
            (now?.reason ? `${now.reason.code}: ${now.reason.message}` : `still ${status ?? 'unknown'} after the cancel`),
        });
      }
    }
    const micros = (at: number): number => Math.max(0, Math.round((at - trigger.receivedAt) * 1000));
    return {
      cause: trigger.cause,
      tradingState: this.engine.risk.tradingState(),
      instrumentId: trigger.instrumentId,
      tsEvent: trigger.tsEvent,
      openOrders: open.length,
      canceled,
      finishedOtherwise,
      pending,
      failures,
      tickToLastCancelMicros: micros(lastCancelAt),
      tickToAllAnsweredMicros: micros(answeredAt),
    };
  }
}
