/**
 * The TWS API v100+ handshake. The client sends "API\0" and a framed "v<min>..<max>" (or "v<n>");
 * the server answers with one frame `serverVersion, connectionTime` and the client then sends
 * START_API (71, version 2, clientId, optionalCapabilities). @stoqey/ib 1.6.x offers v100..193 and
 * disconnects with error 506 when the answer lies outside it.
 */

/** Lowest and highest server versions the simulator can speak (the client's accepted range). */
export const MIN_SIM_SERVER_VERSION = 100;
export const MAX_SIM_SERVER_VERSION = 193;

/** A client's offered version range, inclusive, and the connect options that follow it. */
export interface VersionRange {
  readonly min: number;
  readonly max: number;
  /** Connect options after the range, e.g. ["+PACEAPI"] (IB: the gateway paces instead of refusing with error 100). */
  readonly options: readonly string[];
}

/** The connect option asking the gateway to pace requests instead of refusing the excess. */
export const PACE_API_OPTION = '+PACEAPI';

/**
 * Parses "v100..193", "v100" or either followed by connect options ("v100..193 +PACEAPI"), what a
 * client sends after "API\0"; undefined when malformed.
 */
export function parseVersionRange(text: string): VersionRange | undefined {
  const match = /^v(\d+)(?:\.\.(\d+))?(?:\s+(.*))?$/s.exec(text.trim());
  if (!match) return undefined;
  const min = Number(match[1]);
  const max = match[2] === undefined ? min : Number(match[2]);
  const options = (match[3] ?? '').split(/\s+/).filter((o) => o !== '');
  return min <= max ? { min, max, options } : undefined;
}

/**
 * The version to announce: the configured one capped by the client's max, or undefined when the
 * client's range and ours do not meet (a real gateway then closes the socket).
 */
export function negotiateVersion(offered: Pick<VersionRange, 'min' | 'max'>, configured: number): number | undefined {
  const version = Math.min(configured, offered.max);
  return version >= offered.min && version >= MIN_SIM_SERVER_VERSION ? version : undefined;
}

/** @throws RangeError unless `version` is a whole number in MIN_SIM_SERVER_VERSION..MAX_SIM_SERVER_VERSION. */
export function checkServerVersion(version: number): number {
  if (!Number.isInteger(version) || version < MIN_SIM_SERVER_VERSION || version > MAX_SIM_SERVER_VERSION) {
    throw new RangeError(`server version must be a whole number from ${MIN_SIM_SERVER_VERSION} to ${MAX_SIM_SERVER_VERSION}, got ${version}`);
  }
  return version;
}

export { formatConnectionTime } from './time-format';
