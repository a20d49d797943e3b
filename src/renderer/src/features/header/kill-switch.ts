import type { TradingState } from '../../../../shared';

/**
 * The kill switch hotkey: Ctrl+Shift+K on every platform (Ctrl, not Cmd, on macOS too). Three keys
 * held together are fast for a trader reaching for it and do not happen while typing a price or a
 * quantity; Chromium and Electron bind nothing to it. Key repeat is ignored so holding the chord
 * sends one request.
 */
export const KILL_SWITCH_HOTKEY = 'Ctrl+Shift+K';

/** The parts of a KeyboardEvent the hotkey test reads. */
export interface HotkeyEventLike {
  readonly key: string;
  readonly code: string;
  readonly ctrlKey: boolean;
  readonly shiftKey: boolean;
  readonly altKey: boolean;
  readonly metaKey: boolean;
  readonly repeat: boolean;
}

/**
 * True for a fresh Ctrl+Shift+K press (no Alt, no Meta). Matches the physical K key (`code`
 * "KeyK") so it works on any keyboard layout, or the produced key "K"/"k".
 */
export function isKillSwitchHotkey(event: HotkeyEventLike): boolean {
  if (!event.ctrlKey || !event.shiftKey || event.altKey || event.metaKey || event.repeat) return false;
  return event.code === 'KeyK' || event.key === 'K' || event.key === 'k';
}

/** How the header shows a trading state. */
export interface TradingStateDisplay {
  readonly label: string;
  readonly tone: 'active' | 'reducing' | 'halted';
  /** What the state means for the next order, for the badge's title. */
  readonly description: string;
}

/** The label, colour tone and meaning of each TradingState (DESIGN.md vocabulary). */
export function tradingStateDisplay(state: TradingState): TradingStateDisplay {
  switch (state) {
    case 'ACTIVE':
      return { label: 'ACTIVE', tone: 'active', description: 'Trading: orders are sized, checked and sent.' };
    case 'REDUCING':
      return { label: 'REDUCING', tone: 'reducing', description: 'Reduce only: orders that would open or grow a position are denied.' };
    case 'HALTED':
      return { label: 'HALTED', tone: 'halted', description: 'Halted: every new order is denied until you resume trading.' };
  }
}
