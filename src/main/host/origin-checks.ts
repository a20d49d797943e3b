/**
 * Host and Origin checks for a server bound to 127.0.0.1.
 *
 * Binding to loopback keeps other machines out, but not web pages in the trader's own browser:
 * - DNS rebinding: evil.example resolves first to its own server, then to 127.0.0.1, and the page
 *   talks to us as "same origin". Its requests still carry `Host: evil.example:<port>`, so we accept
 *   only the two names we serve under.
 * - Cross-site WebSocket hijacking: browsers do not apply CORS to WebSocket upgrades, but they do
 *   send the page's Origin, so the upgrade must come from our own origin.
 */

/** The two `Host` header values a request to this host may carry: `localhost:<port>` and `127.0.0.1:<port>`. */
export function allowedHosts(port: number): readonly string[] {
  return [`localhost:${port}`, `127.0.0.1:${port}`];
}

/** The two origins the renderer can be loaded from: `http://localhost:<port>` and `http://127.0.0.1:<port>`. */
export function allowedOrigins(port: number): readonly string[] {
  return allowedHosts(port).map((host) => `http://${host}`);
}

/** True when the `Host` header is exactly `localhost:<port>` or `127.0.0.1:<port>`. A missing header fails. */
export function isAllowedHost(hostHeader: string | undefined, port: number): boolean {
  return hostHeader !== undefined && allowedHosts(port).includes(hostHeader);
}

/** True when the `Origin` header is exactly one of `allowedOrigins(port)`. A missing header (non-browser client) fails. */
export function isAllowedOrigin(originHeader: string | undefined, port: number): boolean {
  return originHeader !== undefined && allowedOrigins(port).includes(originHeader);
}
