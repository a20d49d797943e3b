/**
 * Which web permissions the renderer may use: deny by default; one commented entry per allowed
 * permission (Signal Desktop style). Floor's page needs none of camera, microphone, geolocation,
 * MIDI, USB, HID, serial or clipboard-read; WebAuthn does not go through this handler.
 */
const ALLOWED_PERMISSIONS: ReadonlyMap<string, string> = new Map([
  // Order fills and circuit-breaker alerts raise OS notifications from the page.
  ['notifications', 'fill and risk alerts'],
  // Copying an order id or a ledger hash to the clipboard.
  ['clipboard-sanitized-write', 'copy ids and hashes'],
]);

/** True when `permission` is in the allow-list and the request comes from the host's origin. */
export function isPermissionAllowed(permission: string, requestingOrigin: string, hostOrigin: string): boolean {
  return ALLOWED_PERMISSIONS.has(permission) && sameOrigin(requestingOrigin, hostOrigin);
}

/** True when `url` has exactly the origin `hostOrigin` (scheme, host and port). */
export function sameOrigin(url: string, hostOrigin: string): boolean {
  try {
    return new URL(url).origin === new URL(hostOrigin).origin;
  } catch {
    return false;
  }
}
