import { describe, expect, it } from 'vitest';
import type { Order, Signal } from '../../../src/shared';
import {
  countStaged,
  effectiveEntry,
  expiryCountdown,
  marketNowMicros,
  riskToStop,
  stagedOrders,
} from '../../../src/renderer/src/features/approvals/approval-queue';
import { formatPayoff, formatWinProbability } from '../../../src/renderer/src/features/approvals/signal-format';
import { orderView } from './fixtures';

const T0 = 1_340_280_000_000_000;

function staged(id: string, createdAt: number, signal: Signal | null): Order {
  return orderView({ clientOrderId: id, status: 'STAGED', createdAt, updatedAt: createdAt, sizing: 'RISK', signal });
}

describe('approval queue order', () => {
  it('puts the highest signal score first, then the oldest, and unscored orders last', () => {
    const orders: Order[] = [
      staged('LOW', T0, { score: 1 }),
      staged('NONE-OLD', T0 - 5_000_000, null),
      staged('HIGH-NEW', T0 + 2_000_000, { score: 9 }),
      staged('HIGH-OLD', T0 + 1_000_000, { score: 9 }),
      staged('NEGATIVE', T0, { score: -3 }),
      staged('NONE-NEW', T0 + 9_000_000, { entry: 585_330_000 }),
    ];
    expect(stagedOrders(orders).map((order) => order.clientOrderId)).toEqual(['HIGH-OLD', 'HIGH-NEW', 'LOW', 'NEGATIVE', 'NONE-OLD', 'NONE-NEW']);
  });

  it('shows only orders waiting for approval, and counts them for the badge', () => {
    const orders = [staged('A', T0, null), orderView({ clientOrderId: 'B', status: 'ACCEPTED' }), orderView({ clientOrderId: 'C', status: 'DENIED' })];
    expect(stagedOrders(orders).map((order) => order.clientOrderId)).toEqual(['A']);
    expect(countStaged(new Map(orders.map((order) => [order.clientOrderId, order])))).toBe(1);
  });
});

describe('approval expiry countdown (market time)', () => {
  it('counts down in minutes and seconds, rounding seconds up', () => {
    expect(expiryCountdown(T0 + 300_000_000, T0)).toEqual({ tone: 'ok', text: '5:00', remainingMicros: 300_000_000 });
    expect(expiryCountdown(T0 + 299_500_000, T0).text).toBe('5:00');
    expect(expiryCountdown(T0 + 3_723_000_000, T0).text).toBe('1:02:03');
  });

  it('turns urgent in the last 30 seconds and never shows 0:00 while the order can still be approved', () => {
    expect(expiryCountdown(T0 + 30_000_000, T0).tone).toBe('soon');
    expect(expiryCountdown(T0 + 30_000_001, T0).tone).toBe('ok');
    expect(expiryCountdown(T0 + 1, T0)).toEqual({ tone: 'soon', text: '0:01', remainingMicros: 1 });
    expect(expiryCountdown(T0, T0)).toEqual({ tone: 'expired', text: 'expired', remainingMicros: 0 });
    expect(expiryCountdown(T0 - 5_000_000, T0).tone).toBe('expired');
  });

  it('shows a dash without an expiry or before the first market data', () => {
    expect(expiryCountdown(null, T0).tone).toBe('none');
    expect(expiryCountdown(T0, null)).toEqual({ tone: 'none', text: '—', remainingMicros: null });
  });

  it('runs on the latest book event time', () => {
    expect(marketNowMicros({ tsEvent: T0 + 42 })).toBe(T0 + 42);
    expect(marketNowMicros(null)).toBeNull();
  });
});

describe('approval queue figures', () => {
  it('takes the entry from the signal, else the limit price, else none (market order)', () => {
    expect(effectiveEntry({ limitPrice: 585_330_000 }, { entry: 586_000_000 })).toBe(586_000_000);
    expect(effectiveEntry({ limitPrice: 585_330_000 }, null)).toBe(585_330_000);
    expect(effectiveEntry({ limitPrice: null }, { stop: 580_000_000 })).toBeNull();
  });

  it('computes dollar risk to the stop exactly in micro-dollars', () => {
    // 120 shares x (585.33 - 580.00) = $639.60
    expect(riskToStop(120, 585_330_000, 580_000_000)).toBe(639_600_000);
    expect(riskToStop(120, 580_000_000, 585_330_000)).toBe(639_600_000);
    expect(riskToStop(120, null, 580_000_000)).toBeNull();
    expect(riskToStop(120, 585_330_000, undefined)).toBeNull();
  });

  it('formats win probability and payoff for the screen', () => {
    expect(formatWinProbability(0.555)).toBe('55.5%');
    expect(formatPayoff(1.5)).toBe('1.50:1');
    expect(formatWinProbability(undefined)).toBe('');
  });
});
