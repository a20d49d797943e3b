import { gatewayHostProblem, isIpAddress } from '../../../shared';

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

/**
 * Checks the gateway host before any connection, by the settings' own rule (src/shared/venues/
 * gateway-host.ts, gatewayHostProblem): loopback, or an IP address on the allow-list (the desktop
 * form of IB's "static IP binding"). Host names other than localhost are refused even when listed,
 * because a name can be re-pointed. Checked again here because settings can come from an older
 * ledger or a test, not only from the validated form.
 * @param allowed IP addresses from settings.
 * @returns the host, trimmed.
 * @throws GatewayHostRefusedError otherwise; TypeError for an allow-list entry that is not an IP address.
 */
export function assertGatewayHostAllowed(host: string, allowed: readonly string[] = []): string {
  for (const entry of allowed) {
    if (!isIpAddress(entry)) throw new TypeError(`allowed gateway host ${JSON.stringify(entry)} is not an IP address; list IP addresses only`);
  }
  const trimmed = host.trim();
  if (gatewayHostProblem(trimmed, allowed) !== null) throw new GatewayHostRefusedError(trimmed, allowed);
  return trimmed;
}
