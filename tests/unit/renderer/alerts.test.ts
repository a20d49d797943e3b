import { describe, expect, it } from 'vitest';
import type { Alert } from '../../../src/shared';
import {
  ALERT_ACK_STORAGE_KEY,
  alertFigures,
  bannerAlerts,
  formatAlertDetail,
  labelOfDetailKey,
  MAX_STORED_ALERT_ACKS,
  parseStoredAcknowledgements,
  persistAlertAcknowledgements,
  unacknowledgedCount,
} from '../../../src/renderer/src/features/alerts';
import { initialTerminalState, reduceTerminal, TerminalStore } from '../../../src/renderer/src/state';

const T0 = 1_340_280_000_000_000;

function alert(alertId: string, severity: Alert['severity'], tsEvent: number, details: Alert['details'] = {}): Alert {
  return { alertId, severity, code: 'BREAKER_TRIPPED', message: `alert ${alertId}`, instrumentId: 'GOOG', tsEvent, details };
}

class MemoryStorage {
  readonly items = new Map<string, string>();
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.items.set(key, value);
  }
}

describe('critical alert banner', () => {
  it('shows unacknowledged CRITICAL alerts only, newest first', () => {
    const alerts = [alert('old', 'CRITICAL', T0), alert('warn', 'WARNING', T0 + 5), alert('new', 'CRITICAL', T0 + 10), alert('info', 'INFO', T0 + 20)];
    expect(bannerAlerts(alerts, new Set()).map((a) => a.alertId)).toEqual(['new', 'old']);
    expect(bannerAlerts(alerts, new Set(['new'])).map((a) => a.alertId)).toEqual(['old']);
    expect(bannerAlerts(alerts, new Set(['new', 'old']))).toEqual([]);
    expect(unacknowledgedCount(alerts, new Set(['new']))).toBe(3);
  });

  it('keeps the banner after more pushes until the trader acknowledges, and keeps the alert listed after', () => {
    let state = reduceTerminal(initialTerminalState, { type: 'alerts', alerts: [alert('trip', 'CRITICAL', T0)] });
    state = reduceTerminal(state, { type: 'alerts', alerts: [alert('info', 'INFO', T0 + 1), alert('trip', 'CRITICAL', T0)] });
    expect(state.alerts.map((a) => a.alertId)).toEqual(['info', 'trip']);
    expect(bannerAlerts(state.alerts, state.acknowledgedAlertIds).map((a) => a.alertId)).toEqual(['trip']);
    state = reduceTerminal(state, { type: 'acknowledgeAlerts', alertIds: ['trip'] });
    expect(bannerAlerts(state.alerts, state.acknowledgedAlertIds)).toEqual([]);
    expect(state.alerts).toHaveLength(2);
    expect(reduceTerminal(state, { type: 'acknowledgeAlerts', alertIds: ['trip'] })).toBe(state);
  });

  it('merges an alerts.list answer that overlaps pushes without duplicates', () => {
    const pushed = reduceTerminal(initialTerminalState, { type: 'alerts', alerts: [alert('b', 'CRITICAL', T0 + 2)] });
    const loaded = reduceTerminal(pushed, { type: 'alerts', alerts: [alert('b', 'CRITICAL', T0 + 2), alert('a', 'WARNING', T0 + 1)] });
    expect(loaded.alerts.map((a) => a.alertId)).toEqual(['b', 'a']);
  });
});

describe('alert figures', () => {
  it('formats details by the unit their key names', () => {
    expect(formatAlertDetail('dropBps', 1_020)).toBe('10.2%');
    expect(formatAlertDetail('highPrice', 600_000_000)).toBe('600.00');
    expect(formatAlertDetail('price', 538_800_000)).toBe('538.80');
    expect(formatAlertDetail('dailyPnl', -2_150_500_000)).toBe('-$2,150.50');
    expect(formatAlertDetail('dailyLossLimit', 2_000_000_000)).toBe('$2,000.00');
    expect(formatAlertDetail('triggerToLastCancelMicros', 850)).toBe('850 µs');
    expect(formatAlertDetail('elapsedMicros', 12_400)).toBe('12.4 ms');
    expect(formatAlertDetail('windowSeconds', 300)).toBe('300 s');
    expect(formatAlertDetail('ordersCanceled', 1_000)).toBe('1,000');
    expect(formatAlertDetail('trippedAt', 1_340_288_400_000_000)).toBe('10:20:00 ET');
    expect(formatAlertDetail('reason', 'kill switch')).toBe('kill switch');
    expect(formatAlertDetail('cancelAllSent', true)).toBe('yes');
    expect(formatAlertDetail('venueOrderId', null)).toBe('—');
  });

  it('labels details in words, in the order the host sent them', () => {
    expect(labelOfDetailKey('dropBps')).toBe('Drop');
    expect(labelOfDetailKey('ordersCanceled')).toBe('Orders canceled');
    expect(alertFigures(alert('x', 'CRITICAL', T0, { dropBps: 1_000, highPrice: 600_000_000 }))).toEqual([
      { key: 'dropBps', label: 'Drop', text: '10%' },
      { key: 'highPrice', label: 'High price', text: '600.00' },
    ]);
  });
});

describe('acknowledged alerts across reloads', () => {
  it('seeds the store from storage and writes acknowledgements back', () => {
    const storage = new MemoryStorage();
    storage.setItem(ALERT_ACK_STORAGE_KEY, JSON.stringify(['earlier']));
    const store = new TerminalStore();
    const binding = persistAlertAcknowledgements(store, storage);
    expect(store.getState().acknowledgedAlertIds.has('earlier')).toBe(true);
    store.dispatch({ type: 'acknowledgeAlerts', alertIds: ['trip'] });
    expect(JSON.parse(storage.getItem(ALERT_ACK_STORAGE_KEY) ?? '[]')).toEqual(['earlier', 'trip']);
    binding.dispose();
    store.dispatch({ type: 'acknowledgeAlerts', alertIds: ['after'] });
    expect(JSON.parse(storage.getItem(ALERT_ACK_STORAGE_KEY) ?? '[]')).toEqual(['earlier', 'trip']);
  });

  it('reads corrupt storage as nothing acknowledged and keeps only the most recent ids', () => {
    expect(parseStoredAcknowledgements('{not json')).toEqual([]);
    expect(parseStoredAcknowledgements('{"a":1}')).toEqual([]);
    expect(parseStoredAcknowledgements('["a",2,"b"]')).toEqual(['a', 'b']);
    const many = Array.from({ length: MAX_STORED_ALERT_ACKS + 5 }, (_, i) => `id-${i}`);
    const kept = parseStoredAcknowledgements(JSON.stringify(many));
    expect(kept).toHaveLength(MAX_STORED_ALERT_ACKS);
    expect(kept[0]).toBe('id-5');
  });
});
