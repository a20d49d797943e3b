import { describe, expect, it } from 'vitest';
import { DESKTOP_BRIDGE_FUNCTIONS, DESKTOP_CHANNELS, touchIdAnswer, TOUCH_ID_UNSUPPORTED_PREFIX } from '../../../src/shared/desktop-bridge';

describe('desktop bridge contract', () => {
  it('has one distinct floor: channel per bridge function', () => {
    expect(Object.keys(DESKTOP_CHANNELS).sort()).toEqual([...DESKTOP_BRIDGE_FUNCTIONS]);
    const channels = Object.values(DESKTOP_CHANNELS);
    expect(new Set(channels).size).toBe(channels.length);
    for (const channel of channels) expect(channel).toMatch(/^floor:[a-z-]+$/);
  });
});

describe('promptTouchID answer', () => {
  it('is true when the trader passed Touch ID and false when they cancelled or failed', () => {
    expect(touchIdAnswer({ outcome: 'verified' })).toBe(true);
    expect(touchIdAnswer({ outcome: 'not-verified', detail: 'User canceled' })).toBe(false);
  });

  it('rejects with a recognisable "Touch ID unsupported:" error where Touch ID cannot be used', () => {
    expect(() => touchIdAnswer({ outcome: 'unsupported', detail: 'Touch ID exists only on macOS; this is linux.' })).toThrow(
      `${TOUCH_ID_UNSUPPORTED_PREFIX}Touch ID exists only on macOS; this is linux.`,
    );
  });

  it('refuses an answer that is not one of the three outcomes instead of guessing', () => {
    expect(() => touchIdAnswer(true)).toThrow(/unexpected answer from the main process true/);
    expect(() => touchIdAnswer(null)).toThrow(/unexpected answer/);
    expect(() => touchIdAnswer({ outcome: 'VERIFIED' })).toThrow(/unexpected answer/);
  });
});
