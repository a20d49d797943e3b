import { randomUUID } from 'node:crypto';
import { formatMoneyExact, type Alert, type Disposable, type MoneyMicros, type PriceMicros, type TradingState, type UnixMicros } from '../../../shared';
import type { BreakerTripped, HaltReport, TerminalBus } from '../../bus';
import type { AlertRepository } from '../../ledger';

/** Alert codes raised by the breaker, the daily-loss guard, the kill switch and resume. */
export const ALERT_CODES = {
  BREAKER_TRIPPED: 'BREAKER_TRIPPED',
  DAILY_LOSS_BREACH: 'DAILY_LOSS_BREACH',
  KILL_SWITCH: 'KILL_SWITCH',
  TRADING_RESUMED: 'TRADING_RESUMED',
  FILL_NOT_BOOKED: 'FILL_NOT_BOOKED',
} as const;

function cancelSummary(report: HaltReport): string {
  const parts = [`${report.canceled} of ${report.openOrders} open orders canceled`];
  if (report.finishedOtherwise > 0) parts.push(`${report.finishedOtherwise} finished before the cancel`);
  if (report.pending > 0) parts.push(`${report.pending} awaiting the venue's confirmation`);
  if (report.failures.length > 0) parts.push(`${report.failures.length} cancel failure(s): ${report.failures.map((f) => `${f.clientOrderId} (${f.reason})`).join('; ')}`);
  return parts.join(', ');
}

/** The figures of a halt as alert details (counts; duration µs; failures as one text field). */
function haltDetails(report: HaltReport): Alert['details'] {
  return {
    openOrders: report.openOrders,
    canceled: report.canceled,
    finishedOtherwise: report.finishedOtherwise,
    pending: report.pending,
    failures: report.failures.length,
    failureDetail: report.failures.length === 0 ? null : report.failures.map((f) => `${f.clientOrderId}: ${f.reason}`).join('; '),
    tickToLastCancelMicros: report.tickToLastCancelMicros,
    tickToAllAnsweredMicros: report.tickToAllAnsweredMicros,
  };
}

/** CRITICAL BREAKER_TRIPPED with the trigger price, rolling high, drop, cancels and timing. */
export function breakerTrippedAlert(trip: BreakerTripped): Alert {
  return {
    alertId: randomUUID(),
    severity: 'CRITICAL',
    code: ALERT_CODES.BREAKER_TRIPPED,
    message:
      `Circuit breaker: ${trip.instrumentId} traded at ${formatMoneyExact(trip.triggerPrice)}, ${(trip.dropBps / 100).toFixed(2)}% below ` +
      `its rolling high of ${formatMoneyExact(trip.rollingHigh)}. Trading is HALTED; ${cancelSummary(trip.report)}. Resume to trade again.`,
    instrumentId: trip.instrumentId,
    tsEvent: trip.tsEvent,
    details: {
      triggerPrice: trip.triggerPrice,
      rollingHigh: trip.rollingHigh,
      dropBps: trip.dropBps,
      ...haltDetails(trip.report),
    },
  };
}

/** DAILY_LOSS_BREACH: CRITICAL with the halt's figures (action HALT) or WARNING (action REDUCING). */
export function dailyLossAlert(
  breach: { dailyPnl: MoneyMicros; limit: MoneyMicros; tsEvent: UnixMicros },
  outcome: { action: 'HALT'; report: HaltReport } | { action: 'REDUCING' },
): Alert {
  const head = `Daily loss limit breached: P&L since the session start is ${formatMoneyExact(breach.dailyPnl)} against a limit of ${formatMoneyExact(-breach.limit)}.`;
  return {
    alertId: randomUUID(),
    severity: outcome.action === 'HALT' ? 'CRITICAL' : 'WARNING',
    code: ALERT_CODES.DAILY_LOSS_BREACH,
    message:
      outcome.action === 'HALT'
        ? `${head} Trading is HALTED; ${cancelSummary(outcome.report)}. Resume to trade again.`
        : `${head} Trading is REDUCING: only orders that reduce a position are accepted. Resume to trade normally.`,
    instrumentId: null,
    tsEvent: breach.tsEvent,
    details: {
      dailyPnl: breach.dailyPnl,
      limit: breach.limit,
      action: outcome.action,
      ...(outcome.action === 'HALT' ? haltDetails(outcome.report) : {}),
    },
  };
}

/** CRITICAL KILL_SWITCH with the halt's figures. */
export function killSwitchAlert(report: HaltReport): Alert {
  return {
    alertId: randomUUID(),
    severity: 'CRITICAL',
    code: ALERT_CODES.KILL_SWITCH,
    message: `Kill switch: trading is HALTED by the trader; ${cancelSummary(report)}. Resume to trade again.`,
    instrumentId: null,
    tsEvent: report.tsEvent,
    details: haltDetails(report),
  };
}

/** INFO TRADING_RESUMED: the trader's explicit resume, with the state it ended. */
export function resumedAlert(previous: TradingState, tsEvent: UnixMicros): Alert {
  return {
    alertId: randomUUID(),
    severity: 'INFO',
    code: ALERT_CODES.TRADING_RESUMED,
    message: `Trading resumed by the trader (was ${previous}); the circuit breaker is re-armed with a fresh window.`,
    instrumentId: null,
    tsEvent,
    details: { previousState: previous },
  };
}

/**
 * The alerts ledger writer: a bus subscriber that records every `risk.alert` in the alerts table.
 * A failed write goes to `onError` (the alert was still pushed to the screen by the other subscriber).
 */
export function recordAlerts(bus: TerminalBus, alerts: AlertRepository, onError: (error: unknown, alert: Alert) => void): Disposable {
  return bus.subscribe('risk.alert', (alert) => {
    try {
      alerts.append(alert);
    } catch (error) {
      onError(error, alert);
    }
  });
}

/**
 * CRITICAL FILL_NOT_BOOKED: the ledger refused a fill, so positions and cash are not what the venue
 * says; trading is halted until the fill is booked (resume books it first).
 */
export function fillNotBookedAlert(fill: { clientOrderId: string; tradeId: string; lastQty: number; lastPx: PriceMicros; instrumentId: string; tsEvent: UnixMicros }, error: string): Alert {
  return {
    alertId: randomUUID(),
    severity: 'CRITICAL',
    code: ALERT_CODES.FILL_NOT_BOOKED,
    message:
      `A fill of order ${fill.clientOrderId} (${fill.lastQty} shares at ${formatMoneyExact(fill.lastPx)}, execution ${fill.tradeId}) could not be booked: ${error}. ` +
      'Positions and cash are not what the venue says, so trading is HALTED. Free the disk (or fix the error), then Resume: the fill is booked first.',
    instrumentId: fill.instrumentId,
    tsEvent: fill.tsEvent,
    details: { clientOrderId: fill.clientOrderId, tradeId: fill.tradeId, lastQty: fill.lastQty, lastPx: fill.lastPx, error },
  };
}
