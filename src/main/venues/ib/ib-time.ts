import type { UnixMicros } from '../../../shared';

/**
 * The date-time forms TWS / IB Gateway write, read into Unix time:
 * - "yyyyMMdd HH:mm:ss <zone>": current gateways' execution and completion times, e.g.
 *   "20240315 10:31:05 US/Eastern"; the zone an IANA name (US/Eastern, America/New_York,
 *   Europe/London, ...) as the gateway's time zone setting names it;
 * - "yyyyMMdd  HH:mm:ss" (two spaces, or one) without a zone: older gateways' execution times, in
 *   the gateway's own time zone, which the caller supplies as its offset from UTC (see
 *   gatewayUtcOffsetMinutes);
 * - "yyyyMMdd-HH:mm:ss" (optionally with a trailing "Z"): UTC, IB's form for request filters and
 *   some answers;
 * - a whole number of seconds since the epoch (historical data with formatDate 2).
 * Source: IB's TWS API documentation of Execution.time and ExecutionFilter.time, and the handshake's
 * connection time ("yyyyMMdd HH:mm:ss <zone abbreviation>").
 */

/** Text that is not one of IB's date-time forms, or names a zone that cannot be resolved. */
export class IbTimeFormatError extends Error {
  override readonly name = 'IbTimeFormatError';
}

const WALL = /^(\d{4})(\d{2})(\d{2})( {1,2}|-)(\d{2}):(\d{2}):(\d{2})(?:\s+(\S+)|(Z))?$/;
const MINUTE_MS = 60_000;
const formatters = new Map<string, Intl.DateTimeFormat | null>();

/** Intl's formatter for an IANA zone name, or null when the runtime does not know it (e.g. "EDT"). */
function zoneFormatter(zone: string): Intl.DateTimeFormat | null {
  if (!formatters.has(zone)) {
    let formatter: Intl.DateTimeFormat | null = null;
    try {
      formatter = new Intl.DateTimeFormat('en-US', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
    } catch {
      formatter = null;
    }
    formatters.set(zone, formatter);
  }
  return formatters.get(zone)!;
}

/** The zone's offset from UTC at `utcMs`, ms. */
function offsetAt(formatter: Intl.DateTimeFormat, utcMs: number): number {
  const p = Object.fromEntries(formatter.formatToParts(new Date(utcMs)).map((part) => [part.type, part.value]));
  const asUtc = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
  return asUtc - Math.floor(utcMs / 1000) * 1000;
}

/** A wall time read as if it were UTC, ms; checks the calendar fields. */
function wallAsUtc(m: RegExpExecArray, text: string): number {
  const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[5], m[6], m[7]].map(Number) as [number, number, number, number, number, number];
  const ms = Date.UTC(year, month - 1, day, hour, minute, second);
  const d = new Date(ms);
  if (d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59) {
    throw new IbTimeFormatError(`IB time ${JSON.stringify(text)} is not a valid date and time`);
  }
  return ms;
}

/**
 * Reads an IB date-time (the forms listed above) as Unix µs.
 * @param gatewayUtcOffsetMinutes the gateway's offset from UTC, minutes (New York in winter: -300),
 *   for times without a zone or with a zone name the runtime does not know; undefined when unknown.
 * @throws IbTimeFormatError for text in none of the forms, an impossible date, or a time whose zone
 *   cannot be resolved (no zone and no offset given, or an unknown zone name and no offset).
 */
export function parseIbTime(text: string, gatewayUtcOffsetMinutes: number | undefined): UnixMicros {
  const trimmed = text.trim();
  if (/^\d{9,11}$/.test(trimmed)) return Number(trimmed) * 1_000_000;
  const m = WALL.exec(trimmed);
  if (!m) throw new IbTimeFormatError(`IB time ${JSON.stringify(text)} is in none of IB's forms ("yyyyMMdd HH:mm:ss <zone>", "yyyyMMdd  HH:mm:ss", "yyyyMMdd-HH:mm:ss", epoch seconds)`);
  const wall = wallAsUtc(m, text);
  if (m[4] === '-' || m[9] === 'Z' || m[8] === 'UTC' || m[8] === 'GMT') return wall * 1000;
  const zone = m[8];
  const formatter = zone === undefined ? null : zoneFormatter(zone);
  if (formatter !== null) {
    // Wall time -> UTC: subtract the zone's offset, taken again at the result to get DST edges right.
    let utc = wall - offsetAt(formatter, wall);
    utc = wall - offsetAt(formatter, utc);
    return utc * 1000;
  }
  if (gatewayUtcOffsetMinutes === undefined) {
    throw new IbTimeFormatError(
      zone === undefined
        ? `IB time ${JSON.stringify(text)} has no time zone and the gateway's is not known`
        : `IB time ${JSON.stringify(text)} names the zone ${JSON.stringify(zone)}, which is not an IANA zone, and the gateway's offset is not known`,
    );
  }
  return (wall - gatewayUtcOffsetMinutes * MINUTE_MS) * 1000;
}

/**
 * The gateway's offset from UTC, minutes, from the handshake's connection time (its wall clock,
 * "yyyyMMdd HH:mm:ss <zone abbreviation>", e.g. "20240315 10:00:00 EST") and when it arrived:
 * the difference rounded to the quarter hour (every UTC offset in use is a multiple of 15 minutes),
 * so it needs no table of zone abbreviations and tolerates a clock a few minutes off.
 * @param receivedAtMs Floor's clock when the handshake answer arrived, epoch ms.
 * @returns undefined when the text is not a wall time or the offset is beyond ±14 h.
 */
export function gatewayUtcOffsetMinutes(connectionTime: string, receivedAtMs: number): number | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})( {1,2})(\d{2}):(\d{2}):(\d{2})/.exec(connectionTime.trim());
  if (!m) return undefined;
  let wall: number;
  try {
    wall = wallAsUtc(m, connectionTime);
  } catch {
    return undefined;
  }
  const quarters = Math.round((wall - receivedAtMs) / (15 * MINUTE_MS));
  const minutes = quarters * 15 || 0; // never -0
  return Math.abs(minutes) <= 14 * 60 ? minutes : undefined;
}

/**
 * An execution's time (execDetails `time`) as Unix µs, or undefined, logged, when it cannot be read
 * (the fill is then booked at Floor's time).
 * @param gatewayUtcOffsetMinutes as for parseIbTime.
 */
export function executionTime(execution: { readonly execId?: string; readonly time?: string }, gatewayUtcOffsetMinutes: number | undefined, log: (line: string) => void): UnixMicros | undefined {
  try {
    return parseIbTime(execution.time ?? '', gatewayUtcOffsetMinutes);
  } catch (error) {
    if (!(error instanceof IbTimeFormatError)) throw error;
    log(`execution ${execution.execId ?? '?'}: ${error.message}; booked at Floor's time`);
    return undefined;
  }
}
