/**
 * The TWS API v100+ handshake. The client sends "API\0" and a framed "v<min>..<max>" (or "v<n>");
 * the server answers with one frame `serverVersion, connectionTime` and the client then sends
 * START_API (71, version 2, clientId, optionalCapabilities). @stoqey/ib 1.6.x offers v100..193 and
 * disconnects with error 506 when the answer lies outside it.
 */

/** Lowest and highest server versions the simulator can speak (the client's accepted range). */
export const MIN_SIM_SERVER_VERSION = 100;
export const MAX_SIM_SERVER_VERSION = 193;

/** A client's offered version range, inclusive. */
export interface VersionRange {
  readonly min: number;
  readonly max: number;
}

/** Parses "v100..193" or "v100" (what the client sends after "API\0"); undefined when malformed. */
export function parseVersionRange(text: string): VersionRange | undefined {
  const match = /^v(\d+)(?:\.\.(\d+))?$/.exec(text.trim());
  if (!match) return undefined;
  const min = Number(match[1]);
  const max = match[2] === undefined ? min : Number(match[2]);
  return min <= max ? { min, max } : undefined;
}

/**
 * The version to announce: the configured one capped by the client's max, or undefined when the
 * client's range and ours do not meet (a real gateway then closes the socket).
 */
export function negotiateVersion(offered: VersionRange, configured: number): number | undefined {
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
