import { describe, expect, it } from 'vitest';
import { defaultDataDir } from '../../../src/main/app/data-dir';

describe('defaultDataDir', () => {
  it('uses $XDG_CONFIG_HOME/Floor on Linux when it is set', () => {
    expect(defaultDataDir('linux', { XDG_CONFIG_HOME: '/data/config' }, '/home/ana')).toBe('/data/config/Floor');
  });

  it('falls back to ~/.config/Floor on Linux without XDG_CONFIG_HOME or with a relative one', () => {
    expect(defaultDataDir('linux', {}, '/home/ana')).toBe('/home/ana/.config/Floor');
    expect(defaultDataDir('linux', { XDG_CONFIG_HOME: 'relative/config' }, '/home/ana')).toBe('/home/ana/.config/Floor');
    expect(defaultDataDir('freebsd', {}, '/home/ana')).toBe('/home/ana/.config/Floor');
  });

  it('uses ~/Library/Application Support/Floor on macOS, ignoring XDG_CONFIG_HOME', () => {
    expect(defaultDataDir('darwin', { XDG_CONFIG_HOME: '/x' }, '/Users/ana')).toBe('/Users/ana/Library/Application Support/Floor');
  });

  it('uses %APPDATA%\\Floor on Windows, or the roaming profile under home without APPDATA', () => {
    expect(defaultDataDir('win32', { APPDATA: 'C:\\Users\\ana\\AppData\\Roaming' }, 'C:\\Users\\ana')).toBe('C:\\Users\\ana\\AppData\\Roaming\\Floor');
    expect(defaultDataDir('win32', {}, 'C:\\Users\\ana')).toBe('C:\\Users\\ana\\AppData\\Roaming\\Floor');
  });
});
