/**
 * The checks every IPC handler behind `window.floorDesktop` runs before it acts (Electron security
 * checklist item 17 "Validate the sender of all IPC messages"): who sent the message, and whether
 * each argument has the expected type and bounds. The renderer is treated as untrusted input: a
 * script injected into it could call the bridge with anything. Pure, so it is unit-tested without
 * the Electron binary; ipc.ts calls these first and Electron's APIs after.
 */
import { sameOrigin, urlForLog } from './navigation-policy';

/** An IPC argument or sender that failed a check; the message names the function, what was wrong and what was expected. */
export class IpcValidationError extends Error {
  override readonly name = 'IpcValidationError';
}

/** What ipc.ts knows about the frame that sent a message (from `event.senderFrame`). */
export interface IpcSender {
  /** The sending frame's URL; empty when the frame is gone. */
  readonly url: string;
  /** True for the window's top frame; subframes never get to call the bridge. */
  readonly isMainFrame: boolean;
}

/**
 * Refuses a message unless it comes from the top frame of a page on the host origin. A frame that
 * navigated away (blocked, but checked again here) or an iframe, even a same-origin one, is refused.
 * @param fn the bridge function's name, for the error message.
 * @param sender the sending frame, or null when Electron no longer knows it (destroyed frame).
 * @throws IpcValidationError naming the function and the sender.
 */
export function assertTrustedSender(fn: string, sender: IpcSender | null, hostOrigin: string): void {
  if (sender === null) throw new IpcValidationError(`${fn}: refused, the sending frame no longer exists`);
  if (!sameOrigin(sender.url, hostOrigin)) {
    throw new IpcValidationError(`${fn}: refused, the sender ${urlForLog(sender.url) || '(no URL)'} is not the Floor page at ${hostOrigin}`);
  }
  if (!sender.isMainFrame) throw new IpcValidationError(`${fn}: refused, the sender is a subframe, not Floor's top-level page`);
}

// C0 controls and DEL: invisible in a dialog, and NUL truncates paths in native code.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;
// The same, minus tab, line feed and carriage return, which a notification body may use for layout.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS_EXCEPT_WHITESPACE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/** Longest file name most file systems accept (ext4, APFS, NTFS: 255). */
export const MAX_FILE_NAME_CHARS = 255;
/** Largest text a page may save in one call: 64 MiB, far above a year of fills as CSV, and bounded so a page cannot exhaust the disk in one call. */
export const MAX_SAVED_TEXT_BYTES = 64 * 1024 * 1024;
/** Notification bounds: what the OS shows in a banner, with room to spare. */
export const MAX_NOTIFICATION_TITLE_CHARS = 200;
export const MAX_NOTIFICATION_BODY_CHARS = 2_000;
/** Touch ID reason bound: macOS shows it in one line of the system sheet ("Floor is trying to <reason>"). */
export const MAX_TOUCH_ID_REASON_CHARS = 150;

/** Arguments of `saveTextFile`, checked. */
export interface SaveTextFileArgs {
  readonly suggestedName: string;
  readonly content: string;
}

/**
 * Checks `saveTextFile(suggestedName, content)`. The name only pre-fills the native dialog (the
 * trader picks the folder), but a name with a separator or `..` would pre-select another folder.
 * @throws IpcValidationError naming the argument and the expected shape.
 */
export function parseSaveTextFileArgs(suggestedName: unknown, content: unknown): SaveTextFileArgs {
  if (typeof suggestedName !== 'string' || suggestedName.length === 0 || suggestedName.length > MAX_FILE_NAME_CHARS) {
    throw new IpcValidationError(`saveTextFile: suggestedName must be a file name of 1..${MAX_FILE_NAME_CHARS} characters, got ${describe(suggestedName)}`);
  }
  if (/[\\/]/.test(suggestedName) || suggestedName === '.' || suggestedName === '..' || CONTROL_CHARACTERS.test(suggestedName)) {
    throw new IpcValidationError('saveTextFile: suggestedName must be a plain file name (no / or \\, not . or .., no control characters)');
  }
  if (typeof content !== 'string') throw new IpcValidationError(`saveTextFile: content must be text, got ${describe(content)}`);
  if (Buffer.byteLength(content, 'utf8') > MAX_SAVED_TEXT_BYTES) {
    throw new IpcValidationError('saveTextFile: content must be at most 64 MiB of UTF-8 text');
  }
  return { suggestedName, content };
}

/** Arguments of `notify`, checked. */
export interface NotifyArgs {
  readonly title: string;
  readonly body: string;
}

/**
 * Checks `notify(title, body)`.
 * @throws IpcValidationError naming the argument and the expected shape.
 */
export function parseNotifyArgs(title: unknown, body: unknown): NotifyArgs {
  if (typeof title !== 'string' || title.trim().length === 0 || title.length > MAX_NOTIFICATION_TITLE_CHARS || CONTROL_CHARACTERS.test(title)) {
    throw new IpcValidationError(`notify: title must be 1..${MAX_NOTIFICATION_TITLE_CHARS} characters of text without control characters, got ${describe(title)}`);
  }
  if (typeof body !== 'string' || body.length > MAX_NOTIFICATION_BODY_CHARS || CONTROL_CHARACTERS_EXCEPT_WHITESPACE.test(body)) {
    throw new IpcValidationError(`notify: body must be at most ${MAX_NOTIFICATION_BODY_CHARS} characters of text (line breaks allowed, no other control characters), got ${describe(body)}`);
  }
  return { title, body };
}

/**
 * Checks `promptTouchID(reason)`: macOS puts the reason in its own system sheet, so a page must not
 * be able to make that sheet blank or lie about who asks by overflowing it.
 * @returns the reason, trimmed.
 * @throws IpcValidationError naming the expected shape.
 */
export function parseTouchIdReason(reason: unknown): string {
  const trimmed = typeof reason === 'string' ? reason.trim() : '';
  if (typeof reason !== 'string' || trimmed.length === 0 || trimmed.length > MAX_TOUCH_ID_REASON_CHARS || CONTROL_CHARACTERS.test(reason)) {
    throw new IpcValidationError(
      `promptTouchID: reason must be 1..${MAX_TOUCH_ID_REASON_CHARS} characters of text without control characters (macOS shows "Floor is trying to <reason>"), got ${describe(reason)}`,
    );
  }
  return trimmed;
}

/** Whether Touch ID can be asked here, and if not, why (the text the renderer shows). */
export type TouchIdSupport = { readonly supported: true } | { readonly supported: false; readonly detail: string };

/**
 * Can `systemPreferences.promptTouchID` be used? Only on macOS with a Touch ID sensor and an
 * enrolled finger (`systemPreferences.canPromptTouchID()`). Elsewhere the WebAuthn interlock uses
 * Windows Hello (Windows) or a security key (every platform).
 * @param platform `process.platform`.
 * @param canPromptTouchID `systemPreferences.canPromptTouchID()` on macOS; ignored elsewhere.
 */
export function touchIdSupport(platform: NodeJS.Platform, canPromptTouchID: () => boolean): TouchIdSupport {
  if (platform !== 'darwin') {
    return { supported: false, detail: `Touch ID exists only on macOS; this is ${platform}. Use Windows Hello or a security key.` };
  }
  if (!canPromptTouchID()) {
    return { supported: false, detail: 'this Mac has no Touch ID sensor, or no finger is enrolled (System Settings > Touch ID & Password). Use a security key.' };
  }
  return { supported: true };
}

/** A value's type and, for short strings and numbers, the value itself: enough to debug, never a 64 MiB string in a message. */
function describe(value: unknown): string {
  if (typeof value === 'string') return value.length > 40 ? `a string of ${value.length} characters` : JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === null || value === undefined) return String(value);
  return Array.isArray(value) ? 'an array' : `a value of type ${typeof value}`;
}
