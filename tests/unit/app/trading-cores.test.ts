import { describe, expect, it } from 'vitest';
import { settingsChange, SettingsChangeRefusedError, TradingCores } from '../../../src/main/app/trading-cores';
import type { TradingCore } from '../../../src/main/app/trading-core';
import { DEFAULT_GATEWAY_SETTINGS, type GatewaySettings, type Order, type TradingMode } from '../../../src/shared';
import { orderFixture } from '../../support/order-fixtures';

// What saving Settings > Gateway does to the running core (issue 9 point 4), and what it refuses.

const IB: GatewaySettings = { ...DEFAULT_GATEWAY_SETTINGS, venue: 'IB' };

describe('settingsChange', () => {
  it('reconnects for any change of where or how Floor reaches IB, changes the venue for a venue change, else nothing', () => {
    expect(settingsChange(IB, { ...IB, primary: { ...IB.primary, port: 4001 } })).toBe('RECONNECT');
    expect(settingsChange(IB, { ...IB, primary: { ...IB.primary, clientId: 18 } })).toBe('RECONNECT');
    expect(settingsChange(IB, { ...IB, standby: { host: '127.0.0.1', port: 4012, clientId: 17 } })).toBe('RECONNECT');
    expect(settingsChange(IB, { ...IB, ports: { paper: [4002], live: [4001, 4011] } })).toBe('RECONNECT');
    expect(settingsChange(IB, { ...IB, heartbeatTimeoutMs: 5_000 })).toBe('RECONNECT');
    expect(settingsChange(IB, { ...IB, whileDisconnected: 'DENY' }), 'read per order').toBe('NONE');
    expect(settingsChange(DEFAULT_GATEWAY_SETTINGS, { ...DEFAULT_GATEWAY_SETTINGS, primary: { ...IB.primary, port: 4001 } }), 'unused by the simulated exchange').toBe('NONE');
    expect(settingsChange(DEFAULT_GATEWAY_SETTINGS, IB)).toBe('VENUE');
    expect(settingsChange(IB, DEFAULT_GATEWAY_SETTINGS)).toBe('VENUE');
  });
});

/** A core stand-in: what TradingCores reads of it (settings, working orders, unbooked fills) and its lifecycle. */
function fakeCore(settings: GatewaySettings, open: Order[] = [], failure: string | null = null) {
  const life: string[] = [];
  const core = {
    settings,
    trading: { venue: { venueId: settings.venue === 'IB' ? 'IB' : 'PAPER' }, dispose: () => life.push('venue disposed') },
    engine: { orders: { open: () => open }, intake: { failure } },
    start: (replacing?: boolean) => life.push(replacing ? 'started, replacing' : 'started'),
    dispose: () => life.push('disposed'),
  };
  return { core: core as unknown as TradingCore, life };
}

function cores(first: ReturnType<typeof fakeCore>, mode: TradingMode = 'PAPER') {
  const saved: GatewaySettings[] = [];
  const built: ReturnType<typeof fakeCore>[] = [];
  const replaced: string[] = [];
  const holder = new TradingCores({
    open: async (settings) => fakeCore(settings).core.trading as never,
    build: (_trading, settings) => {
      const next = fakeCore(settings);
      built.push(next);
      return next.core;
    },
    save: (settings) => (saved.push(settings), settings),
    mode: () => mode,
    onDidReplace: (reason) => replaced.push(reason),
    log: () => undefined,
  });
  holder.install(first.core);
  return { holder, saved, built, replaced };
}

describe('TradingCores.apply', () => {
  it('replaces the core: the new one is built, the old disposed, then the new started as a replacement', async () => {
    const first = fakeCore(IB);
    const { holder, saved, built, replaced } = cores(first);
    const next = { ...IB, primary: { ...IB.primary, port: 4001 } };
    expect(await holder.apply(next)).toEqual(next);
    expect(saved).toEqual([next]);
    expect(first.life).toEqual(['started', 'disposed']);
    expect(built[0]?.life).toEqual(['started, replacing']);
    expect(holder.current()).toBe(built[0]?.core);
    expect(replaced).toEqual(['reconnecting to 127.0.0.1:4001']);
  });

  it('only saves a change that needs no reconnection', async () => {
    const first = fakeCore(IB);
    const { holder, saved, built } = cores(first);
    await holder.apply({ ...IB, whileDisconnected: 'DENY' });
    expect(saved).toHaveLength(1);
    expect(built).toEqual([]);
    expect(holder.current()).toBe(first.core);
  });

  it('refuses a venue change while live, and while orders work (named), saving nothing', async () => {
    const live = cores(fakeCore(IB), 'LIVE');
    await expect(live.holder.apply(DEFAULT_GATEWAY_SETTINGS)).rejects.toThrow(new SettingsChangeRefusedError('the venue cannot change to the simulated exchange while Floor is live: switch back to paper first'));
    const busy = cores(fakeCore(IB, [orderFixture({ clientOrderId: 'FWORK-1', status: 'ACCEPTED' })]));
    await expect(busy.holder.apply(DEFAULT_GATEWAY_SETTINGS)).rejects.toThrow(/while orders are working at IB \(FWORK-1 BUY 100 GOOG \(working\)\): cancel them first; nothing was saved/);
    expect([...live.saved, ...busy.saved]).toEqual([]);
    // A reconnect to another gateway is allowed with working orders: the new connection reconciles them.
    expect((await busy.holder.apply({ ...IB, primary: { ...IB.primary, port: 4001 } })).primary.port).toBe(4001);
  });

  it('refuses any replacement while fills the ledger could not book are held', async () => {
    const { holder, saved } = cores(fakeCore(IB, [], 'disk I/O error'));
    await expect(holder.apply({ ...IB, primary: { ...IB.primary, port: 4001 } })).rejects.toThrow(/Floor holds fills the ledger could not book \(disk I\/O error\)/);
    expect(saved).toEqual([]);
  });
});
