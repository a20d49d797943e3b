/**
 * The contract of `window.floorDesktop`, the Electron preload's bridge: a few named functions, each
 * backed by one IPC channel whose main-process handler checks the sender and the arguments
 * (src/main/electron/ipc.ts). In a plain browser (`floor serve`) `window.floorDesktop` is undefined,
 * so the renderer must treat every function as optional.
 *
 * Runtime-neutral on purpose: the preload (sandboxed, no Node), the main process and the renderer
 * all read the same names from here.
 */

/** One IPC channel per bridge function; the `floor:` prefix keeps them apart from Electron's own. */
export const DESKTOP_CHANNELS = {
  saveTextFile: 'floor:save-text-file',
  notify: 'floor:notify',
  promptTouchID: 'floor:prompt-touch-id',
} as const;

/** Names of the functions on `window.floorDesktop`, sorted; the Electron smoke test checks the page sees exactly these. */
export const DESKTOP_BRIDGE_FUNCTIONS = ['notify', 'promptTouchID', 'saveTextFile'] as const;

/** What the preload exposes as `window.floorDesktop` (Electron only). */
export interface FloorDesktopBridge {
  /**
   * Opens the native save dialog with `suggestedName` (a plain file name, 1..255 characters, no path
   * separators or control characters) and writes `content` (UTF-8, at most 64 MiB) where the trader
   * chose. Resolves true when written, false when the trader cancelled.
   * @throws (rejects) when an argument is out of bounds, naming it.
   */
  saveTextFile(suggestedName: string, content: string): Promise<boolean>;
  /**
   * Shows an OS notification (title 1..200 characters, body at most 2000).
   * @throws (rejects) when an argument is out of bounds or the OS has no notification service.
   */
  notify(title: string, body: string): Promise<void>;
  /**
   * macOS only: shows the system Touch ID sheet, which reads "Floor is trying to <reason>".
   * `reason` is 1..150 characters without control characters. Resolves true when the trader passed
   * Touch ID, false when they cancelled or failed it.
   *
   * A user-presence check for the UI, not an authorisation: the answer passes through the renderer,
   * so the host must never accept a renderer's "Touch ID passed" as an interlock session.
   * @throws (rejects) with a message starting `Touch ID unsupported:` on Windows and Linux and on a
   *   Mac without a Touch ID sensor or enrolled finger; with a `promptTouchID:` message for a bad
   *   reason or while another Touch ID sheet is open.
   */
  promptTouchID(reason: string): Promise<boolean>;
}

/** The main process's answer on {@link DESKTOP_CHANNELS.promptTouchID}; the preload turns it into a boolean or an error. */
export type TouchIdOutcome =
  | { readonly outcome: 'verified' }
  | { readonly outcome: 'not-verified'; readonly detail: string }
  | { readonly outcome: 'unsupported'; readonly detail: string };

/** Start of the error message `promptTouchID` rejects with when Touch ID cannot be used here. */
export const TOUCH_ID_UNSUPPORTED_PREFIX = 'Touch ID unsupported: ';

/**
 * Maps the main process's {@link TouchIdOutcome} to `promptTouchID`'s boolean.
 * @throws Error `Touch ID unsupported: <why>` for an `unsupported` outcome, and an error naming the
 *   value for anything that is not a TouchIdOutcome (a main process from another version).
 */
export function touchIdAnswer(value: unknown): boolean {
  const outcome = (value as { outcome?: unknown } | null)?.outcome;
  if (outcome === 'verified') return true;
  if (outcome === 'not-verified') return false;
  if (outcome === 'unsupported') {
    const detail = (value as { detail?: unknown }).detail;
    throw new Error(TOUCH_ID_UNSUPPORTED_PREFIX + (typeof detail === 'string' ? detail : 'no reason given'));
  }
  throw new Error(`promptTouchID: unexpected answer from the main process ${JSON.stringify(value)}; expected {outcome: 'verified' | 'not-verified' | 'unsupported'}`);
}
