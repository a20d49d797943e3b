/** Date formats TWS uses on the wire, all in New York time (the replayed exchange's zone). */

const NY = 'America/New_York';

function nyParts(at: Date): Record<string, string> {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: NY,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'short',
  }).formatToParts(at);
  return Object.fromEntries(parts.map((p) => [p.type, p.value]));
}

/** Handshake connection time: "yyyyMMdd HH:mm:ss <zone>", e.g. "20261202 08:20:55 EST". Clients only store it. */
export function formatConnectionTime(at: Date): string {
  const p = nyParts(at);
  return `${p.year}${p.month}${p.day} ${p.hour}:${p.minute}:${p.second} ${p.timeZoneName}`;
}

/** The zone name IB writes after execution and completion times (the gateway's configured zone; IB's US default). */
export const GATEWAY_TIME_ZONE_NAME = 'US/Eastern';

/**
 * An execution or order time as current gateways write it: "yyyyMMdd HH:mm:ss US/Eastern" (execDetails
 * time, completedOrder completedTime), New York wall time with the zone named. Older gateways wrote
 * execution times as "yyyyMMdd  HH:mm:ss" without a zone; the adapter reads both.
 */
export function formatGatewayTime(epochMs: number): string {
  const p = nyParts(new Date(epochMs));
  return `${p.year}${p.month}${p.day} ${p.hour}:${p.minute}:${p.second} ${GATEWAY_TIME_ZONE_NAME}`;
}

/** How execution times are written: 'zoned' as current gateways do, 'classic' ("yyyyMMdd  HH:mm:ss", no zone) as older ones did. */
export type ExecutionTimeForm = 'zoned' | 'classic';

/** An execution time in `form` (classic: New York wall time with two spaces and no zone). */
export function formatExecutionTime(epochMs: number, form: ExecutionTimeForm): string {
  if (form === 'zoned') return formatGatewayTime(epochMs);
  const p = nyParts(new Date(epochMs));
  return `${p.year}${p.month}${p.day}  ${p.hour}:${p.minute}:${p.second}`;
}

/**
 * Parses an ExecutionFilter time to epoch ms: "yyyyMMdd-HH:mm:ss" is UTC (IB's documented form);
 * "yyyyMMdd HH:mm:ss" is the gateway's New York time, optionally followed by a zone name, which
 * the simulator accepts only as a New York zone (US/Eastern, America/New_York, EST5EDT) or UTC/GMT.
 * Undefined when empty or unreadable.
 */
export function parseFilterTime(text: string): number | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})([- ]+)(\d{2}):(\d{2}):(\d{2})\s*(\S*)$/.exec(text.trim());
  if (!m) return undefined;
  const wall = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[5]), Number(m[6]), Number(m[7]));
  const zone = m[8]!;
  if (m[4] === '-' || zone === 'UTC' || zone === 'GMT') return wall;
  if (zone !== '' && !['US/Eastern', 'America/New_York', 'EST5EDT'].includes(zone)) return undefined;
  // New York wall time -> UTC: the zone's offset at that moment (two passes cover DST edges).
  let utc = wall - nyOffsetMs(wall);
  utc = wall - nyOffsetMs(utc);
  return utc;
}

/** New York's offset from UTC at `epochMs`, ms (negative: -4 h in summer, -5 h in winter). */
function nyOffsetMs(epochMs: number): number {
  const p = nyParts(new Date(epochMs));
  return Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second)) - Math.floor(epochMs / 1000) * 1000;
}

/** The New York calendar date of `epochMs` as "yyyyMMdd" (contract trading hours). */
export function formatNyDate(epochMs: number): string {
  const p = nyParts(new Date(epochMs));
  return `${p.year}${p.month}${p.day}`;
}
