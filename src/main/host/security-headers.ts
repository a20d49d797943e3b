import { allowedHosts } from './origin-checks';

/**
 * The Content-Security-Policy of every response. The renderer is a bundled SPA with no inline
 * scripts, no remote resources and no framing, so almost everything is 'none'.
 *
 * - script-src 'self': only our bundled scripts; no inline script, no eval.
 * - style-src 'self' 'unsafe-inline': ag-grid and lightweight-charts inject <style> elements and set
 *   style attributes at run time; they do not work without it. Inline style cannot run code.
 * - img-src/font-src data:: ag-grid ships icons and fonts as data: URIs.
 * - connect-src: the RPC WebSocket under either host name we serve (CSP2 browsers do not match
 *   ws: against 'self').
 * - base-uri, form-action, frame-ancestors, object-src 'none': no base hijack, no form posts, no
 *   clickjacking, no plugins.
 */
export function contentSecurityPolicy(port: number): string {
  const sockets = allowedHosts(port).map((host) => `ws://${host}`);
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    `connect-src 'self' ${sockets.join(' ')}`,
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "object-src 'none'",
  ].join('; ');
}

/**
 * Headers that go on every HTTP response of the host, errors included:
 * CSP; nosniff (a .txt never runs as script); no Referer (launch URLs carry tokens, keep them out of
 * other sites' logs); Cross-Origin-Opener-Policy same-origin (no window.opener handle across origins).
 */
export function securityHeaders(port: number): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy(port),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
  };
}
