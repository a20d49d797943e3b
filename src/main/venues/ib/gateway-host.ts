import { isIP } from 'node:net';

/** The gateway host is neither loopback nor on the allow-list. */
export class GatewayHostRefusedError extends Error {
  override readonly name = 'GatewayHostRefusedError';
  constructor(host: string, allowed: readonly string[]) {
    super(
      `gateway host ${JSON.stringify(host)} refused: Floor connects only to loopback (127.0.0.1, ::1, localhost)` +
        (allowed.length > 0 ? ` or an allowed IP (${allowed.join(', ')})` : '') +
        '; add the gateway machine\'s IP address to Settings > Gateway > allowed hosts (IP addresses only, as in the gateway\'s own Trusted IPs)',
    );
  }
}

/** True for 127.0.0.0/8, ::1 (and its IPv4-mapped form) and "localhost". */
export function isLoopbackHost(host: string): boolean {
  const h = host.trim().toLowerCase().replace(/^\[|\]$/g, '');
  if (h === 'localhost' || h === '::1') return true;
  const v4 = h.startsWith('::ffff:') ? h.slice(7) : h;
  return isIP(v4) === 4 && v4.startsWith('127.');
}

/**
 * Checks the gateway host before any connection: loopback, or an IP address on the allow-list (the
 * desktop form of IB's "static IP binding": the trader pins which machine may act as the gateway).
 * Host names other than localhost are refused even when listed, because a name can be re-pointed.
 * @param allowed IP addresses from settings.
 * @returns the host, trimmed.
 * @throws GatewayHostRefusedError otherwise; TypeError for an allow-list entry that is not an IP address.
 */
export function assertGatewayHostAllowed(host: string, allowed: readonly string[] = []): string {
  for (const entry of allowed) {
    if (isIP(entry) === 0) throw new TypeError(`allowed gateway host ${JSON.stringify(entry)} is not an IP address; list IP addresses only`);
  }
  const trimmed = host.trim();
  if (isLoopbackHost(trimmed)) return trimmed;
  if (isIP(trimmed) !== 0 && allowed.includes(trimmed)) return trimmed;
  throw new GatewayHostRefusedError(trimmed, allowed);
}
