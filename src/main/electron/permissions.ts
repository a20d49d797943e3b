/**
 * Which web permissions Floor's page gets: deny by default, from one table with a comment per
 * entry (Signal Desktop's style; Electron security checklist item 5 "Handle session permission
 * requests from remote content"). Pure, so it is unit-tested without the Electron binary; harden.ts
 * wires it to both `setPermissionRequestHandler` and `setPermissionCheckHandler`, because Electron
 * asks the check handler for some APIs and the request handler for others.
 *
 * Floor's page needs none of these today: OS notifications and file saving go through the preload's
 * named functions (main process, not the web permission), copying works through the Edit menu and
 * Ctrl+C (no async Clipboard API), and WebAuthn (security keys, Windows Hello) is driven by
 * Chromium's own authenticator stack, which no entry below gates. So every entry is `never`, and the
 * table is the record of why; a permission missing from it (a newer Electron's) is denied as well.
 * To grant one, change its entry to `host-origin` with the feature that needs it.
 */
import { sameOrigin } from './navigation-policy';

/** `never`: refused to everyone. `host-origin`: granted to the host's origin only, never to another one. */
export type PermissionGrant = 'never' | 'host-origin';

/** One row of the permission table: the grant and why. */
export interface PermissionRule {
  readonly grant: PermissionGrant;
  readonly why: string;
}

/** Floor's permission table; keys are Electron 40's permission names (request and check handlers). */
export const PERMISSION_TABLE: ReadonlyMap<string, PermissionRule> = new Map<string, PermissionRule>([
  // A trading terminal never records its trader; a compromised page must not be able to.
  ['media', { grant: 'never', why: 'camera and microphone are not used by Floor' }],
  // Screen capture would leak positions and orders.
  ['display-capture', { grant: 'never', why: 'screen capture is not used by Floor' }],
  // Location says nothing about an order.
  ['geolocation', { grant: 'never', why: 'location is not used by Floor' }],
  // OS notifications are raised by the main process through floorDesktop.notify, which checks its sender.
  ['notifications', { grant: 'never', why: 'notifications go through floorDesktop.notify, not the web permission' }],
  // Reading the clipboard could lift whatever the trader copied elsewhere (passwords, keys).
  ['clipboard-read', { grant: 'never', why: 'reading the clipboard is not used by Floor' }],
  ['deprecated-sync-clipboard-read', { grant: 'never', why: 'reading the clipboard is not used by Floor' }],
  // Copy works through the Edit menu and Ctrl+C, which do not need the async Clipboard API.
  ['clipboard-sanitized-write', { grant: 'never', why: 'the async Clipboard API is not used by Floor; Ctrl+C and the Edit menu copy without it' }],
  // Exports are written by the main process after a native save dialog (floorDesktop.saveTextFile).
  ['fileSystem', { grant: 'never', why: 'files are saved through floorDesktop.saveTextFile, not the File System Access API' }],
  // Opening other applications (mailto:, custom schemes) from the page would be a way out of the sandbox.
  ['openExternal', { grant: 'never', why: 'the page opens no external application' }],
  // Device APIs: WebAuthn reaches security keys through Chromium's own FIDO stack, not WebHID/WebUSB/Web Serial.
  ['hid', { grant: 'never', why: 'WebHID is not used; security keys are reached by Chromium\'s WebAuthn stack' }],
  ['usb', { grant: 'never', why: 'WebUSB is not used; security keys are reached by Chromium\'s WebAuthn stack' }],
  ['serial', { grant: 'never', why: 'Web Serial is not used by Floor' }],
  ['midi', { grant: 'never', why: 'MIDI is not used by Floor' }],
  ['midiSysex', { grant: 'never', why: 'MIDI is not used by Floor' }],
  // Encrypted-media keys are for DRM video.
  ['mediaKeySystem', { grant: 'never', why: 'DRM media is not used by Floor' }],
  // Fullscreen is the window's (View menu), not an element's; keyboard and pointer lock could trap the trader's input.
  ['fullscreen', { grant: 'never', why: 'element fullscreen is not used; the View menu makes the window fullscreen' }],
  ['keyboardLock', { grant: 'never', why: 'keyboard lock could swallow the OS shortcuts a trader relies on' }],
  ['pointerLock', { grant: 'never', why: 'pointer lock is not used by Floor' }],
  // Idle detection reveals when the trader is away; the interlock expires by time instead.
  ['idle-detection', { grant: 'never', why: 'idle detection is not used; the interlock session expires by time' }],
  // One origin, first party: no third-party storage to unlock.
  ['storage-access', { grant: 'never', why: 'Floor is a single first-party origin' }],
  ['top-level-storage-access', { grant: 'never', why: 'Floor is a single first-party origin' }],
  // Window placement across screens and audio output choice are not features of Floor.
  ['window-management', { grant: 'never', why: 'multi-screen window placement is not used by Floor' }],
  ['speaker-selection', { grant: 'never', why: 'audio output selection is not used by Floor' }],
  // What Electron cannot name is refused rather than guessed at.
  ['unknown', { grant: 'never', why: 'Electron could not name the permission' }],
]);

/** A permission verdict; `reason` is logged when the page asked and was refused. */
export interface PermissionDecision {
  readonly granted: boolean;
  readonly reason: string;
}

/**
 * Should Floor's page get `permission`?
 * @param permission Electron's permission name (`media`, `notifications`, ...).
 * @param requestingOrigin the URL or origin of the asking frame (Electron passes either).
 * @param hostOrigin `http://localhost:<port>`, the host's origin.
 * @param table the rules; Floor's {@link PERMISSION_TABLE} unless a test passes its own.
 * @returns granted only for a `host-origin` entry asked from the host origin; otherwise refused with why.
 */
export function permissionDecision(
  permission: string,
  requestingOrigin: string,
  hostOrigin: string,
  table: ReadonlyMap<string, PermissionRule> = PERMISSION_TABLE,
): PermissionDecision {
  const rule = table.get(permission);
  if (rule === undefined) return { granted: false, reason: `permission '${permission}' is not in Floor's permission table, so it is denied by default` };
  if (rule.grant === 'never') return { granted: false, reason: `permission '${permission}' denied: ${rule.why}` };
  if (!sameOrigin(requestingOrigin, hostOrigin)) {
    return { granted: false, reason: `permission '${permission}' denied: asked by ${requestingOrigin || 'an unknown origin'}, not by ${hostOrigin}` };
  }
  return { granted: true, reason: `permission '${permission}' granted to ${hostOrigin}: ${rule.why}` };
}
