import type { ClientOrderId, LiquiditySide, MoneyMicros, PriceMicros, Shares, TradeId, UnixMicros } from '../../../shared';

/** An execution of one of our orders, before its commission is known. Prices micro-dollars. */
export interface PendingExecution {
  readonly tradeId: TradeId;
  readonly clientOrderId: ClientOrderId;
  /** IB permId of the order, as a string (Floor's VenueOrderId). */
  readonly venueOrderId: string;
  readonly lastQty: Shares;
  readonly lastPx: PriceMicros;
  readonly liquiditySide: LiquiditySide;
  /** When IB executed it (execDetails time), Unix µs; undefined when the time could not be read. */
  readonly executedAt?: UnixMicros;
}

/** An execution with its commission: ready to report as a `filled` venue event. */
export interface AssembledFill extends PendingExecution {
  /** Micro-dollars, >= 0. */
  readonly commission: MoneyMicros;
}

/**
 * Pairs IB's execDetails with its commissionReport (they arrive as two messages, in either order,
 * keyed by execId) and lets each execution out once: a reconnect's reqExecutions repeats executions
 * already reported, and those must not be booked twice. Executions Floor booked before a restart are
 * passed to the constructor (the engine de-duplicates by TradeId as well).
 */
export class FillAssembler {
  private readonly pending = new Map<TradeId, PendingExecution>();
  private readonly commissions = new Map<TradeId, MoneyMicros>();
  private readonly done: Set<TradeId>;

  constructor(
    private readonly emit: (fill: AssembledFill) => void,
    booked: Iterable<TradeId> = [],
  ) {
    this.done = new Set(booked);
  }

  /** An execution (execDetails). Ignored when its execId was already let out. */
  execution(execution: PendingExecution): void {
    if (this.done.has(execution.tradeId) || this.pending.has(execution.tradeId)) return;
    this.pending.set(execution.tradeId, execution);
    this.tryEmit(execution.tradeId);
  }

  /** A commission report, micro-dollars (IB reports a negative-free commission in the account currency). */
  commission(tradeId: TradeId, commission: MoneyMicros): void {
    if (this.done.has(tradeId)) return;
    this.commissions.set(tradeId, Math.max(0, commission));
    this.tryEmit(tradeId);
  }

  /** Executions still waiting for their commission report. */
  waiting(): PendingExecution[] {
    return [...this.pending.values()];
  }

  private tryEmit(tradeId: TradeId): void {
    const execution = this.pending.get(tradeId);
    const commission = this.commissions.get(tradeId);
    if (execution === undefined || commission === undefined) return;
    this.pending.delete(tradeId);
    this.commissions.delete(tradeId);
    this.done.add(tradeId);
    this.emit({ ...execution, commission });
  }
}
