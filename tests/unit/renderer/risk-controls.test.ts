import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isKillSwitchHotkey, tradingStateDisplay, type HotkeyEventLike } from '../../../src/renderer/src/features/header/kill-switch';
import {
  barsImportRequest,
  checkBarsImport,
  describeBarsImport,
  instrumentFromFileName,
  MAX_BARS_CSV_CHARS,
} from '../../../src/renderer/src/features/settings/bars-import';

const repoRoot = path.resolve(import.meta.dirname, '../../..');

function key(patch: Partial<HotkeyEventLike>): HotkeyEventLike {
  return { key: 'K', code: 'KeyK', ctrlKey: true, shiftKey: true, altKey: false, metaKey: false, repeat: false, ...patch };
}

describe('kill switch hotkey', () => {
  it('fires on Ctrl+Shift+K, on any keyboard layout', () => {
    expect(isKillSwitchHotkey(key({}))).toBe(true);
    expect(isKillSwitchHotkey(key({ key: 'л' }))).toBe(true);
    expect(isKillSwitchHotkey(key({ code: '', key: 'k' }))).toBe(true);
  });

  it('does not fire on chords a trader types by accident, nor on key repeat', () => {
    expect(isKillSwitchHotkey(key({ shiftKey: false }))).toBe(false);
    expect(isKillSwitchHotkey(key({ ctrlKey: false }))).toBe(false);
    expect(isKillSwitchHotkey(key({ altKey: true }))).toBe(false);
    expect(isKillSwitchHotkey(key({ metaKey: true }))).toBe(false);
    expect(isKillSwitchHotkey(key({ code: 'KeyJ', key: 'J' }))).toBe(false);
    expect(isKillSwitchHotkey(key({ repeat: true }))).toBe(false);
  });

  it('explains each trading state', () => {
    expect(tradingStateDisplay('HALTED')).toMatchObject({ tone: 'halted', description: expect.stringMatching(/until you resume/) });
    expect(tradingStateDisplay('REDUCING').description).toMatch(/Reduce only/);
    expect(tradingStateDisplay('ACTIVE').tone).toBe('active');
  });
});

describe('daily bars import', () => {
  it('guesses the instrument from the file name', () => {
    expect(instrumentFromFileName('GOOG_daily.csv')).toBe('GOOG');
    expect(instrumentFromFileName('spy-2024.csv')).toBe('SPY');
    expect(instrumentFromFileName('2024 bars.csv')).toBeNull();
  });

  it('says what is missing or too large before sending', () => {
    expect(checkBarsImport('', null)).toEqual({ instrument: expect.stringMatching(/Enter the instrument/), file: expect.stringMatching(/Choose a CSV/) });
    expect(checkBarsImport('goog 2', { name: 'a.csv', size: 10 }).instrument).toMatch(/not a ticker/);
    expect(checkBarsImport('GOOG', { name: 'big.csv', size: MAX_BARS_CSV_CHARS + 1 }).file).toMatch(/limit is 5 MB/);
    expect(checkBarsImport('goog', { name: 'a.csv', size: 10 })).toEqual({});
  });

  it('builds a valid bars.import request from the real GOOG daily bars (../shared/data/bars)', () => {
    const csv = readFileSync(path.resolve(repoRoot, '../shared/data/bars/GOOG_daily.csv'), 'utf8');
    const request = barsImportRequest('goog', csv);
    expect(request.instrumentId).toBe('GOOG');
    expect(request.csv.startsWith('Date,Open,High,Low,Close,Adj Close,Volume')).toBe(true);
    expect(() => barsImportRequest('GOOG', '')).toThrow(/the CSV is empty/);
  });

  it('reports the days and date range imported', () => {
    expect(describeBarsImport({ instrumentId: 'GOOG', days: 3379, firstDate: '2004-08-19', lastDate: '2018-01-19' })).toBe(
      'Imported 3,379 days of GOOG, 2004-08-19 to 2018-01-19.',
    );
  });
});
