import { describe, expect, it } from 'vitest';
import {
  assertTrustedSender,
  IpcValidationError,
  MAX_SAVED_TEXT_BYTES,
  parseNotifyArgs,
  parseSaveTextFileArgs,
  parseTouchIdReason,
  touchIdSupport,
} from '../../../src/main/electron/ipc-validation';

const HOST = 'http://localhost:4567';

describe('IPC sender check', () => {
  it('accepts the top frame of the Floor page', () => {
    expect(() => assertTrustedSender('notify', { url: `${HOST}/`, isMainFrame: true }, HOST)).not.toThrow();
  });

  it('refuses a page from another origin, naming the function and the sender', () => {
    expect(() => assertTrustedSender('saveTextFile', { url: 'https://evil.example/x', isMainFrame: true }, HOST)).toThrow(
      new IpcValidationError('saveTextFile: refused, the sender https://evil.example/x is not the Floor page at http://localhost:4567'),
    );
  });

  it('refuses an iframe even when it is on the host origin', () => {
    expect(() => assertTrustedSender('notify', { url: `${HOST}/embedded`, isMainFrame: false }, HOST)).toThrow(/subframe/);
  });

  it('refuses a sender whose frame is gone or has no URL', () => {
    expect(() => assertTrustedSender('notify', null, HOST)).toThrow(/no longer exists/);
    expect(() => assertTrustedSender('notify', { url: '', isMainFrame: true }, HOST)).toThrow(/\(no URL\)/);
  });
});

describe('saveTextFile arguments', () => {
  it('accepts a plain file name and text, unicode included', () => {
    expect(parseSaveTextFileArgs('fills 2026-05-01 €.csv', 'a,b\n1,2\n')).toEqual({ suggestedName: 'fills 2026-05-01 €.csv', content: 'a,b\n1,2\n' });
  });

  it('refuses names that would point the dialog at another folder', () => {
    for (const name of ['../secrets.csv', 'a/b.csv', 'C:\\Windows\\x.csv', '.', '..']) {
      expect(() => parseSaveTextFileArgs(name, 'x'), name).toThrow(/plain file name/);
    }
  });

  it('refuses names with control characters, empty names and names over 255 characters', () => {
    expect(() => parseSaveTextFileArgs('a\u0000.csv', 'x')).toThrow(/control characters/);
    expect(() => parseSaveTextFileArgs('a\n.csv', 'x')).toThrow(/control characters/);
    expect(() => parseSaveTextFileArgs('', 'x')).toThrow('saveTextFile: suggestedName must be a file name of 1..255 characters, got ""');
    expect(() => parseSaveTextFileArgs('a'.repeat(256), 'x')).toThrow('got a string of 256 characters');
  });

  it('refuses a name or content that is not a string, naming its type', () => {
    expect(() => parseSaveTextFileArgs(42, 'x')).toThrow('got 42');
    expect(() => parseSaveTextFileArgs({ toString: () => 'a.csv' }, 'x')).toThrow('got a value of type object');
    expect(() => parseSaveTextFileArgs('a.csv', ['x'])).toThrow('saveTextFile: content must be text, got an array');
    expect(() => parseSaveTextFileArgs('a.csv', undefined)).toThrow('got undefined');
  });

  it('counts the 64 MiB limit in UTF-8 bytes, not characters', () => {
    // 22 Mi three-byte characters: 22 Mi UTF-16 units, 66 MiB of UTF-8.
    const threeByteText = '€'.repeat(22 * 1024 * 1024);
    expect(() => parseSaveTextFileArgs('a.csv', threeByteText)).toThrow('at most 64 MiB');
    expect(parseSaveTextFileArgs('a.csv', 'x'.repeat(MAX_SAVED_TEXT_BYTES)).content).toHaveLength(MAX_SAVED_TEXT_BYTES);
  });
});

describe('notify arguments', () => {
  it('accepts a title and a multi-line body', () => {
    expect(parseNotifyArgs('Filled', 'BUY 100 AAPL @ 190.25\nPosition 300')).toEqual({ title: 'Filled', body: 'BUY 100 AAPL @ 190.25\nPosition 300' });
    expect(parseNotifyArgs('Halted', '')).toEqual({ title: 'Halted', body: '' });
  });

  it('refuses a blank, oversized or control-character title', () => {
    expect(() => parseNotifyArgs('   ', 'b')).toThrow(/title must be 1..200/);
    expect(() => parseNotifyArgs('t'.repeat(201), 'b')).toThrow(/title must be 1..200/);
    expect(() => parseNotifyArgs('a\nb', 'b')).toThrow(/title/);
  });

  it('refuses an oversized body, a NUL in it, or a non-string', () => {
    expect(() => parseNotifyArgs('t', 'b'.repeat(2_001))).toThrow(/body must be at most 2000/);
    expect(() => parseNotifyArgs('t', 'a\u0000b')).toThrow(/body/);
    expect(() => parseNotifyArgs('t', 5)).toThrow('got 5');
  });
});

describe('promptTouchID reason', () => {
  it('accepts a short sentence and trims it', () => {
    expect(parseTouchIdReason('  approve sending orders  ')).toBe('approve sending orders');
  });

  it('refuses a blank, oversized, control-character or non-string reason, saying what macOS shows', () => {
    expect(() => parseTouchIdReason('')).toThrow('promptTouchID: reason must be 1..150 characters of text without control characters (macOS shows "Floor is trying to <reason>"), got ""');
    expect(() => parseTouchIdReason(' \t ')).toThrow(/reason must be/);
    expect(() => parseTouchIdReason('r'.repeat(151))).toThrow(/got a string of 151 characters/);
    expect(() => parseTouchIdReason('approve\u0007')).toThrow(/control characters/);
    expect(() => parseTouchIdReason(null)).toThrow('got null');
    expect(() => parseTouchIdReason(Number.NaN)).toThrow('got NaN');
  });
});

describe('Touch ID support', () => {
  it('is supported on a Mac that can prompt Touch ID', () => {
    expect(touchIdSupport('darwin', () => true)).toEqual({ supported: true });
  });

  it('is unsupported on a Mac without a sensor or enrolled finger, pointing to a security key', () => {
    const support = touchIdSupport('darwin', () => false);
    expect(support.supported).toBe(false);
    expect(!support.supported && support.detail).toMatch(/no Touch ID sensor.*security key/);
  });

  it('is unsupported on Windows and Linux without asking macOS, naming the platform', () => {
    const neverAsked = (): boolean => {
      throw new Error('canPromptTouchID must not be called off macOS');
    };
    expect(touchIdSupport('win32', neverAsked)).toEqual({ supported: false, detail: 'Touch ID exists only on macOS; this is win32. Use Windows Hello or a security key.' });
    expect(touchIdSupport('linux', neverAsked).supported).toBe(false);
  });
});
