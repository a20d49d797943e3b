/**
 * Where Floor's window may go: the host's origin and nowhere else (Electron security checklist
 * items 13 "Disable or limit navigation" and 14 "Disable or limit creation of new windows",
 * electronjs.org/docs/latest/tutorial/security). Pure functions, so they are unit-tested without
 * the Electron binary; harden.ts wires them to will-navigate, will-frame-navigate, will-redirect
 * and setWindowOpenHandler.
 */

/** A navigation verdict; `reason` is logged to stderr when a navigation is blocked. */
export type NavigationDecision = { readonly allow: true } | { readonly allow: false; readonly reason: string };

/** Longest URL quoted in a log line; a hostile page could otherwise fill the log with one navigation. */
const MAX_LOGGED_URL = 200;

/** `url` shortened for a log line (first 200 characters, then an ellipsis). */
export function urlForLog(url: string): string {
  return url.length > MAX_LOGGED_URL ? `${url.slice(0, MAX_LOGGED_URL)}…` : url;
}

/**
 * True when `url` has exactly the origin of `hostOrigin`: same scheme, host and port (RFC 6454).
 * `http://127.0.0.1:<port>` is a different origin from `http://localhost:<port>`, on purpose: the
 * window's cookie and WebAuthn's rpID are bound to `localhost`. Unparseable input is never same-origin.
 */
export function sameOrigin(url: string, hostOrigin: string): boolean {
  try {
    const origin = new URL(url).origin;
    // URL gives opaque origins (data:, file:, about:) the string "null"; two of them are not the same origin.
    return origin !== 'null' && origin === new URL(hostOrigin).origin;
  } catch {
    return false;
  }
}

/**
 * May a frame of Floor's window navigate (or be redirected) to `url`? Only within the host origin:
 * anything else (a phishing page, `file://`, `javascript:`, another localhost port) is blocked, so
 * the session cookie and the preload bridge never serve a foreign page.
 * @param url the target URL as Electron reports it.
 * @param hostOrigin `http://localhost:<port>`, the host's origin.
 */
export function navigationDecision(url: string, hostOrigin: string): NavigationDecision {
  if (sameOrigin(url, hostOrigin)) return { allow: true };
  return { allow: false, reason: `navigation to ${urlForLog(url)} blocked: Floor's window only shows ${hostOrigin}` };
}

/** The answer to a `window.open()` or `target=_blank` link, in the shape of Electron's WindowOpenHandlerResponse. */
export interface WindowOpenDecision {
  readonly action: 'deny';
  readonly reason: string;
}

/**
 * What a `window.open(url)` from the page gets: always denied, whatever the URL, the host's own
 * included. Floor is one window; a second one would be a BrowserWindow created outside the window
 * factory (window-options.ts), with options Electron derives from the opener.
 */
export function windowOpenDecision(url: string): WindowOpenDecision {
  return { action: 'deny', reason: `window.open(${urlForLog(url)}) denied: Floor opens no second window` };
}
