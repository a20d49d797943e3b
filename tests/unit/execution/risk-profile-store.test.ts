import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { InvalidRiskProfileError, RISK_PROFILE_SETTING, RiskProfileStore } from '../../../src/main/execution';
import { Ledger, LedgerRowError } from '../../../src/main/ledger';
import { DEFAULT_RISK_PROFILE, riskProfileSchema, type RiskProfile } from '../../../src/shared';

/** The risk profile as the trader edits it: persisted in the ledger settings, validated both ways. */

const clock = { now: () => 1_700_000_000_000_000 };
const tempDirs: string[] = [];
afterEach(() => {
  for (const dir of tempDirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function tempLedgerFile(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'floor-profile-'));
  tempDirs.push(dir);
  return path.join(dir, 'ledger.sqlite');
}

function setError(store: RiskProfileStore, candidate: unknown): InvalidRiskProfileError {
  try {
    store.set(candidate);
  } catch (error) {
    if (error instanceof InvalidRiskProfileError) return error;
    throw error;
  }
  throw new Error('expected the profile to be refused');
}

describe('RiskProfileStore', () => {
  it('starts a new terminal on the default profile', () => {
    const ledger = Ledger.open(':memory:');
    expect(new RiskProfileStore(ledger.settings, clock).get()).toEqual(DEFAULT_RISK_PROFILE);
    ledger.close();
  });

  it('round-trips a profile through the ledger, so it survives a restart', () => {
    const file = tempLedgerFile();
    const edited: RiskProfile = {
      ...DEFAULT_RISK_PROFILE,
      capitalSource: 'FIXED',
      fixedCapital: 25_000_000_000,
      maxRiskPerTradeBps: 50,
      reduceToFit: true,
      approval: { ...DEFAULT_RISK_PROFILE.approval, HOTKEY: 'MANUAL' },
    };
    const first = Ledger.open(file);
    const store = new RiskProfileStore(first.settings, clock);
    const changes: RiskProfile[] = [];
    store.onDidChange((profile) => changes.push(profile));
    expect(store.set(edited)).toEqual(edited);
    expect(store.get()).toEqual(edited);
    expect(changes).toEqual([edited]);
    first.close();

    const second = Ledger.open(file);
    expect(new RiskProfileStore(second.settings, clock).get()).toEqual(edited);
    second.close();
  });

  it('refuses bad values with one issue per field, code BAD_REQUEST, and keeps the stored profile', () => {
    const ledger = Ledger.open(':memory:');
    const store = new RiskProfileStore(ledger.settings, clock);
    const changes: RiskProfile[] = [];
    store.onDidChange((profile) => changes.push(profile));
    const error = setError(store, {
      ...DEFAULT_RISK_PROFILE,
      maxOrdersPerSecond: 60,
      kellyFraction: 1.5,
      maxRiskPerTradeBps: 0,
      fixedCapital: 12.5,
    });
    expect(error.code).toBe('BAD_REQUEST');
    expect(error.issues).toEqual(
      expect.arrayContaining([
        { path: 'maxOrdersPerSecond', message: 'max orders per second must be at most 50 (IB pacing limit)' },
        { path: 'kellyFraction', message: 'Kelly fraction must be at most 1 (full Kelly)' },
        { path: 'maxRiskPerTradeBps', message: 'max risk per trade must be above 0%' },
        { path: 'fixedCapital', message: 'fixed capital must be a whole number of micro-dollars' },
      ]),
    );
    expect(error.issues).toHaveLength(4);
    expect(store.get()).toEqual(DEFAULT_RISK_PROFILE);
    expect(ledger.settings.get(RISK_PROFILE_SETTING, riskProfileSchema)).toBeUndefined();
    expect(changes).toEqual([]);
    ledger.close();
  });

  it('names unknown and missing fields', () => {
    const ledger = Ledger.open(':memory:');
    const store = new RiskProfileStore(ledger.settings, clock);
    const { maxOpenPositions: _dropped, ...missing } = DEFAULT_RISK_PROFILE;
    const error = setError(store, { ...missing, leverage: 4 });
    expect(error.issues.map((i) => i.path).sort()).toEqual(['', 'maxOpenPositions']);
    expect(error.message).toMatch(/leverage/);
    ledger.close();
  });

  it('refuses to start on a stored profile it cannot read rather than trading on the defaults', () => {
    const ledger = Ledger.open(':memory:');
    ledger.settings.set(RISK_PROFILE_SETTING, { ...DEFAULT_RISK_PROFILE, dailyLossLimit: -5 }, 1);
    expect(() => new RiskProfileStore(ledger.settings, clock)).toThrow(LedgerRowError);
    expect(() => new RiskProfileStore(ledger.settings, clock)).toThrow(/dailyLossLimit/);
    ledger.close();
  });
});
