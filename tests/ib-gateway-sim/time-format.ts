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

/** Execution time as execDetails carries it: "yyyyMMdd  HH:mm:ss" (two spaces, IB's classic format), New York time. */
export function formatExecutionTime(epochMs: number): string {
  const p = nyParts(new Date(epochMs));
  return `${p.year}${p.month}${p.day}  ${p.hour}:${p.minute}:${p.second}`;
}

/**
 * Parses an ExecutionFilter time ("yyyyMMdd-HH:mm:ss" or "yyyyMMdd HH:mm:ss", optionally followed by
 * a zone, which is ignored: read as UTC as IB documents for the dash form) to epoch ms; undefined when empty or unreadable.
 */
export function parseFilterTime(text: string): number | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})[- ]+(\d{2}):(\d{2}):(\d{2})/.exec(text.trim());
  if (!m) return undefined;
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
}

/** completedOrder's completedTime: "yyyyMMdd HH:mm:ss America/New_York". */
export function formatCompletedTime(epochMs: number): string {
  const p = nyParts(new Date(epochMs));
  return `${p.year}${p.month}${p.day} ${p.hour}:${p.minute}:${p.second} ${NY}`;
}

/** The New York calendar date of `epochMs` as "yyyyMMdd" (contract trading hours). */
export function formatNyDate(epochMs: number): string {
  const p = nyParts(new Date(epochMs));
  return `${p.year}${p.month}${p.day}`;
}
