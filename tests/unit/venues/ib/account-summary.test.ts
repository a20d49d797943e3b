import { EventName } from '@stoqey/ib';
import { describe, expect, it } from 'vitest';
import { IbAccountSummary, type IbAccountConnection } from '../../../../src/main/venues/ib/account-summary';
import { ACCOUNT_SUMMARY_TAGS, dollarsToMicros, figuresFrom, NO_FIGURES, positionFrom } from '../../../../src/main/venues/ib/account-values';
import type { IbConnectionStatus } from '../../../../src/main/venues/ib/ib-connection';
import type { IbSession } from '../../../../src/main/venues/ib/ib-session';
import { ACCOUNT_REQUEST_ID_BASE } from '../../../../src/main/venues/ib/order-ids';
import type { IbTimers } from '../../../../src/main/venues/ib/timers';
import { Emitter } from '../../../../src/shared';

describe('IB account values at the boundary (dollars -> micro-dollars)', () => {
  it('converts decimal dollar strings and floats, rounding to the micro-dollar', () => {
    expect(dollarsToMicros('1000000.00')).toBe(1_000_000_000_000);
    expect(dollarsToMicros('-58533.127')).toBe(-58_533_127_000);
    expect(dollarsToMicros(585.3300004)).toBe(585_330_000);
    expect(dollarsToMicros('1.0E3')).toBe(1_000_000_000);
  });

  it('rejects empty, non-numeric, non-finite and out-of-range values', () => {
    for (const bad of ['', '  ', 'N/A', 'NaN', 'Infinity', '-Infinity', '1e300']) expect(dollarsToMicros(bad), bad).toBeUndefined();
    expect(dollarsToMicros(Number.NaN)).toBeUndefined();
  });

  it('fills the figures from the tags, logs and skips a bad value (the last good one stays), ignores other tags', () => {
    const logs: string[] = [];
    const first = figuresFrom(
      [
        { tag: 'NetLiquidation', value: '1000000.00', currency: 'USD' },
        { tag: 'TotalCashValue', value: '941466.87', currency: 'USD' },
        { tag: 'RealizedPnL', value: '0.00', currency: 'USD' },
        { tag: 'CashBalance', value: '941466.87', currency: 'USD' },
      ],
      NO_FIGURES,
      (line) => logs.push(line),
    );
    expect(first).toEqual({ ...NO_FIGURES, netLiquidation: 1_000_000_000_000, cash: 941_466_870_000, realizedPnl: 0 });
    const second = figuresFrom(
      [
        { tag: 'NetLiquidation', value: 'garbage', currency: 'USD' },
        { tag: 'TotalCashValue', value: '', currency: 'USD' },
        { tag: 'BuyingPower', value: '3765867.48', currency: 'USD' },
      ],
      first,
      (line) => logs.push(line),
    );
    expect(second).toEqual({ ...first, buyingPower: 3_765_867_480_000 });
    expect(logs).toEqual([
      'IB account value NetLiquidation = "garbage" USD is not a dollar amount; kept the last good value',
      'IB account value TotalCashValue = "" USD is not a dollar amount; kept the last good value',
    ]);
  });

  it('asks for the documented summary tags, P&L through $LEDGER', () => {
    expect(ACCOUNT_SUMMARY_TAGS.split(',')).toEqual(['NetLiquidation', 'TotalCashValue', 'BuyingPower', 'GrossPositionValue', 'AvailableFunds', '$LEDGER']);
  });

  it('reads a position in micro-dollars per share; a non-finite quantity or cost is logged and skipped', () => {
    const logs: string[] = [];
    expect(positionFrom('GOOG', -300, 580.1234567, (line) => logs.push(line))).toEqual({ symbol: 'GOOG', quantity: -300, averageCost: 580_123_457 });
    expect(positionFrom('GOOG', Number.NaN, 580, (line) => logs.push(line))).toBeUndefined();
    expect(positionFrom('GOOG', 100, Number.POSITIVE_INFINITY, (line) => logs.push(line))).toBeUndefined();
    expect(logs).toHaveLength(2);
  });
});

/** A session that records what is sent and lets the test play the gateway's events. */
function fakeSession() {
  const listeners = new Map<string, ((...args: never[]) => void)[]>();
  const sent: string[] = [];
  const closed = new Emitter<{ reason: string; message: string }>();
  const api = new Proxy({}, { get: (_t, name: string) => (...args: unknown[]) => sent.push(`${name}(${args.map((a) => JSON.stringify(a)).join(',')})`) });
  const session = {
    open: true,
    on: (event: string, listener: (...args: never[]) => void) => listeners.set(event, [...(listeners.get(event) ?? []), listener]),
    send: (message: (a: never) => void) => (message(api as never), true),
    onCode: () => ({ dispose: () => undefined }),
    onClosed: closed.event,
  };
  const emit = (event: EventName, ...args: unknown[]): void => {
    for (const listener of listeners.get(event) ?? []) (listener as (...a: unknown[]) => void)(...args);
  };
  return { session: session as unknown as IbSession, sent, emit, close: () => closed.fire({ reason: 'SOCKET_CLOSED', message: 'gone' }) };
}

function manualTimers(): IbTimers & { tick(): void } {
  const intervals: (() => void)[] = [];
  return {
    now: () => 0,
    setTimeout: () => undefined,
    clearTimeout: () => undefined,
    setInterval: (callback) => intervals.push(callback),
    clearInterval: () => undefined,
    tick: () => intervals.forEach((callback) => callback()),
  };
}

describe('IbAccountSummary on a session', () => {
  it('requests once CONNECTED, re-requests on the refresh, keeps the last good values and survives garbage', () => {
    const { session, sent, emit, close } = fakeSession();
    const statuses = new Emitter<IbConnectionStatus>();
    const sessions = new Emitter<{ session: IbSession; endpoint: never }>();
    let status: IbConnectionStatus = { phase: 'RECONCILING', gateway: '127.0.0.1:4002', role: 'PRIMARY', attempt: 0, brokenFarms: [], reason: null, accounts: ['DU1234567'], handshake: null };
    const connection: IbAccountConnection = { onDidOpenSession: sessions.event as IbAccountConnection['onDidOpenSession'], onDidChangeStatus: statuses.event, connectionStatus: () => status, session };
    const timers = manualTimers();
    const logs: string[] = [];
    let now = 1_000;
    const summary = new IbAccountSummary({ connection, clock: { now: () => now }, timers, log: (line) => logs.push(line) });
    summary.start();
    expect(sent).toEqual([]);
    status = { ...status, phase: 'CONNECTED' };
    statuses.fire(status);
    const first = ACCOUNT_REQUEST_ID_BASE;
    expect(sent).toEqual([`reqAccountSummary(${first},"All","${ACCOUNT_SUMMARY_TAGS}")`, 'reqPositions()']);

    emit(EventName.accountSummary, first, 'DU1234567', 'NetLiquidation', '1000000.00', 'USD');
    emit(EventName.accountSummary, first, 'DU7654321', 'NetLiquidation', '5.00', 'USD'); // another account: ignored
    emit(EventName.accountSummaryEnd, first);
    expect(summary.snapshot()).toMatchObject({ accountId: 'DU1234567', netLiquidation: 1_000_000_000_000, cash: null, positions: [], asOf: 1_000 });
    emit(EventName.position, 'DU1234567', { symbol: 'GOOG' }, 300, 580.5);
    emit(EventName.positionEnd);
    expect(summary.snapshot()?.positions).toEqual([{ symbol: 'GOOG', quantity: 300, averageCost: 580_500_000 }]);

    timers.tick();
    expect(sent.slice(2)).toEqual([`cancelAccountSummary(${first})`, `reqAccountSummary(${first + 1},"All","${ACCOUNT_SUMMARY_TAGS}")`]);
    now = 2_000;
    emit(EventName.accountSummary, first, 'DU1234567', 'NetLiquidation', '1.00', 'USD'); // the cancelled request: ignored
    emit(EventName.accountSummary, first + 1, 'DU1234567', 'NetLiquidation', 'NaN', 'USD');
    emit(EventName.accountSummary, first + 1, 'DU1234567', 'TotalCashValue', '941466.87', 'USD');
    emit(EventName.position, 'DU1234567', { symbol: 'GOOG' }, Number.NaN, 580.5);
    emit(EventName.accountSummaryEnd, first + 1);
    expect(summary.snapshot()).toMatchObject({ netLiquidation: 1_000_000_000_000, cash: 941_466_870_000, positions: [{ symbol: 'GOOG', quantity: 300 }], asOf: 2_000 });
    expect(logs).toHaveLength(2);

    emit(EventName.position, 'DU1234567', { symbol: 'GOOG' }, 0, 0);
    expect(summary.snapshot()?.positions).toEqual([]);
    close();
    timers.tick();
    expect(sent).toHaveLength(4); // nothing asked of a closed session
    expect(summary.snapshot()?.cash).toBe(941_466_870_000); // the last snapshot stays
    summary.dispose();
  });
});
