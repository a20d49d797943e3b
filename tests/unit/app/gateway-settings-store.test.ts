import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { GATEWAY_SETTINGS_KEY, GatewaySettingsStore, InvalidGatewaySettingsError } from '../../../src/main/app/gateway-settings-store';
import { Ledger, LedgerRowError } from '../../../src/main/ledger';
import { DEFAULT_GATEWAY_SETTINGS, type GatewaySettings } from '../../../src/shared';
import { rawDatabase } from '../../../src/main/ledger/raw-database';

const NOW = 1_760_000_000_000_000;
const clock = { now: () => NOW };
const tempDirs: string[] = [];
afterEach(() => {
  for (const dir of tempDirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function tempLedgerFile(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'floor-gateway-'));
  tempDirs.push(dir);
  return path.join(dir, 'floor.sqlite');
}

const REMOTE: GatewaySettings = {
  venue: 'IB',
  primary: { host: '10.0.0.5', port: 4002, clientId: 3 },
  standby: { host: '127.0.0.1', port: 4002, clientId: 3 },
  ports: { paper: [4002], live: [4001] },
  allowedHosts: ['10.0.0.5'],
  whileDisconnected: 'DENY',
  heartbeatIntervalMs: 500,
  heartbeatTimeoutMs: 2_000,
};

describe('GatewaySettingsStore', () => {
  it('starts a new data folder on the defaults: the simulated exchange', () => {
    const ledger = Ledger.open(':memory:');
    expect(new GatewaySettingsStore(ledger.settings, clock).get()).toEqual(DEFAULT_GATEWAY_SETTINGS);
    ledger.close();
  });

  it('stores settings under gateway.settings, announces them, and reads them back after a restart', () => {
    const file = tempLedgerFile();
    const first = Ledger.open(file);
    const store = new GatewaySettingsStore(first.settings, clock);
    const changes: GatewaySettings[] = [];
    store.onDidChange((settings) => changes.push(settings));
    expect(store.set(REMOTE)).toEqual(REMOTE);
    expect(store.get()).toEqual(REMOTE);
    expect(changes).toEqual([REMOTE]);
    expect(rawDatabase(first).prepare('SELECT updated_at FROM settings WHERE key = ?').pluck().get(GATEWAY_SETTINGS_KEY)).toBe(NOW);
    store.dispose();
    first.close();

    const second = Ledger.open(file);
    expect(new GatewaySettingsStore(second.settings, clock).get()).toEqual(REMOTE);
    second.close();
  });

  it('fills missing fields with their defaults on set and on read', () => {
    const ledger = Ledger.open(':memory:');
    const store = new GatewaySettingsStore(ledger.settings, clock);
    expect(store.set({ venue: 'IB' })).toEqual({ ...DEFAULT_GATEWAY_SETTINGS, venue: 'IB' });
    ledger.settings.set(GATEWAY_SETTINGS_KEY, { venue: 'IB', heartbeatIntervalMs: 2_000 }, NOW);
    expect(new GatewaySettingsStore(ledger.settings, clock).get()).toEqual({ ...DEFAULT_GATEWAY_SETTINGS, venue: 'IB', heartbeatIntervalMs: 2_000 });
    ledger.close();
  });

  it('refuses invalid settings with every issue and keeps the stored ones', () => {
    const ledger = Ledger.open(':memory:');
    const store = new GatewaySettingsStore(ledger.settings, clock);
    const changes: GatewaySettings[] = [];
    store.onDidChange((settings) => changes.push(settings));
    let refusal: unknown;
    try {
      store.set({ ...REMOTE, allowedHosts: [], heartbeatTimeoutMs: 500 });
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(InvalidGatewaySettingsError);
    expect((refusal as InvalidGatewaySettingsError).issues).toEqual([
      { path: 'heartbeatTimeoutMs', message: 'the heartbeat timeout must be from 1000 to 30000 ms' },
      { path: 'primary.host', message: 'gateway host 10.0.0.5 is not loopback and not in allowed hosts; add its IP address to allowed hosts' },
      { path: 'heartbeatTimeoutMs', message: 'the heartbeat timeout (500 ms) must be longer than the heartbeat interval (500 ms)' },
    ]);
    expect((refusal as Error).message).toMatch(/^invalid gateway settings: heartbeatTimeoutMs: .*; primary.host: gateway host 10.0.0.5 is not loopback/);
    expect(store.get()).toEqual(DEFAULT_GATEWAY_SETTINGS);
    expect(rawDatabase(ledger).prepare('SELECT count(*) FROM settings WHERE key = ?').pluck().get(GATEWAY_SETTINGS_KEY)).toBe(0);
    expect(changes).toEqual([]);
    ledger.close();
  });

  it('refuses to start on stored settings it cannot read, naming the key and field', () => {
    const ledger = Ledger.open(':memory:');
    ledger.settings.set(GATEWAY_SETTINGS_KEY, { ...REMOTE, primary: { ...REMOTE.primary, port: 'x' } }, NOW);
    expect(() => new GatewaySettingsStore(ledger.settings, clock)).toThrow(LedgerRowError);
    expect(() => new GatewaySettingsStore(ledger.settings, clock)).toThrow(/key "gateway.settings".*primary.port/);
    ledger.close();
  });
});
