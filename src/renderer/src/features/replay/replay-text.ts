import { formatPrice, type BadTickSummary, type ReplayFailure, type SessionNanos } from '../../../../shared';
import { formatBpsAsPercent, formatUnixMicrosEt } from '../../format';

/** How far before the last good event the banner's "Seek back" goes: one minute of market time. */
export const SEEK_BACK_NANOS = 60_000_000_000;

/** The last path segment of a file (POSIX or Windows separators). */
export function fileName(file: string): string {
  return file.slice(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1);
}

/** Where a replay stopped, short: `name.csv:1500` (the full path goes in a tooltip); null when the error names no file. */
export function failurePlace(failure: ReplayFailure): string | null {
  return failure.file === null ? null : `${fileName(failure.file)}:${failure.line}`;
}

/**
 * The market time the banner's "Seek back" goes to: a minute before the last good event, not before
 * the session start (ns after midnight). Strictly earlier than the failure, so the seek rewinds
 * past the bad line even when it shares the last good event's time.
 */
export function seekBackTarget(failure: ReplayFailure, sessionStart: SessionNanos): SessionNanos {
  return Math.max(sessionStart, failure.marketTime - SEEK_BACK_NANOS);
}

/** "2 bad prints excluded", or null when none were. */
export function badPrintsText(summary: BadTickSummary): string | null {
  if (summary.excluded === 0) return null;
  return `${summary.excluded.toLocaleString('en-US')} bad print${summary.excluded === 1 ? '' : 's'} excluded`;
}

/** The tooltip of the bad-print count: the rule and the latest excluded print with its band. */
export function badPrintsTitle(summary: BadTickSummary): string {
  const rule = `Prints more than ${formatBpsAsPercent(summary.bandBps)}% outside the prevailing quote are kept off the breaker, the tape, the chart and P&L marks (counted since the replay last jumped).`;
  const last = summary.last;
  if (last === null) return rule;
  const quote = `bid ${last.bid === null ? '—' : formatPrice(last.bid)} / ask ${last.ask === null ? '—' : formatPrice(last.ask)}`;
  return `${rule}\nLast: ${last.size} @ ${formatPrice(last.price)}${last.hidden ? ' (hidden)' : ''} at ${formatUnixMicrosEt(last.tsEvent)} ET, outside ${formatPrice(last.low)}–${formatPrice(last.high)} (${quote}).`;
}
