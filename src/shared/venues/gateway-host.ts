import { z } from 'zod';

/**
 * Which gateway hosts Floor may connect to, as a pure rule the settings schema and the renderer share:
 * loopback, or an IP address the trader listed in allowed hosts (the desktop form of IB's "Trusted
 * IPs"). Host names other than localhost are refused even when they resolve to an allowed address,
 * because a name can be re-pointed. The connection manager checks the same rule again before it
 * connects (src/main/venues/ib/gateway-host.ts).
 */

const ipv4 = z.ipv4();
const ipv6 = z.ipv6();

/** True when `text` is an IPv4 or IPv6 address, without brackets or port. */
export function isIpAddress(text: string): boolean {
  return ipv4.safeParse(text).success || ipv6.safeParse(text).success;
}

/** True for 127.0.0.0/8, ::1 (and the IPv4-mapped ::ffff:127.x.x.x), brackets allowed, and "localhost"; case-insensitive, trimmed. */
export function isLoopbackHost(host: string): boolean {
  const h = host.trim().toLowerCase().replace(/^\[|\]$/g, '');
  if (h === 'localhost' || h === '::1') return true;
  const v4 = h.startsWith('::ffff:') ? h.slice('::ffff:'.length) : h;
  return ipv4.safeParse(v4).success && v4.startsWith('127.');
}

/**
 * Why Floor may not connect to the gateway at `host`, or null when it may.
 * @param host the gateway host as entered (trimmed here).
 * @param allowedHosts IP addresses the trader allowed besides loopback, compared as written.
 * @returns one sentence saying what is wrong and what to do.
 */
export function gatewayHostProblem(host: string, allowedHosts: readonly string[]): string | null {
  const trimmed = host.trim();
  if (isLoopbackHost(trimmed)) return null;
  if (!isIpAddress(trimmed)) {
    return `gateway host ${trimmed} is a host name; Floor connects by name only to localhost: enter the gateway's IP address and add it to allowed hosts`;
  }
  if (allowedHosts.includes(trimmed)) return null;
  return `gateway host ${trimmed} is not loopback and not in allowed hosts; add its IP address to allowed hosts`;
}
