import { formatMoney, formatPrice, formatShares, type Alert } from '../../../../shared';
import { formatBpsAsPercent, formatUnixMicrosEt } from '../../format';

/**
 * Which alerts demand the trader's attention, and how an alert's figures read.
 */

/**
 * The CRITICAL alerts not yet acknowledged, newest first (by tsEvent, Unix µs). The banner shows the
 * first and counts the rest; it stays until each is acknowledged.
 */
export function bannerAlerts(alerts: readonly Alert[], acknowledged: ReadonlySet<string>): Alert[] {
  return alerts.filter((alert) => alert.severity === 'CRITICAL' && !acknowledged.has(alert.alertId)).sort((a, b) => b.tsEvent - a.tsEvent);
}

/** Alerts the trader has not acknowledged yet (any severity): the Alerts tab's badge. */
export function unacknowledgedCount(alerts: readonly Alert[], acknowledged: ReadonlySet<string>): number {
  let count = 0;
  for (const alert of alerts) if (!acknowledged.has(alert.alertId)) count += 1;
  return count;
}

/** One figure of an alert's details, labelled and formatted for the screen. */
export interface AlertFigure {
  readonly key: string;
  readonly label: string;
  readonly text: string;
}

/** "dropBps" -> "Drop", "highPrice" -> "High price", "ordersCanceled" -> "Orders canceled". */
export function labelOfDetailKey(key: string): string {
  const base = key.replace(/(Bps|Micros|Us|Ns)$/, '');
  const words = base.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/_/g, ' ').toLowerCase().trim();
  return words === '' ? key : words.charAt(0).toUpperCase() + words.slice(1);
}

const MONEY_KEY = /(pnl|loss|limit|notional|exposure|equity|cash|capital|amount|value)$/i;
const PRICE_KEY = /(Price|High|Low|Mid)$|^(price|high|low|mid|last|open|close|bid|ask)$/;
const TIME_KEY = /(At|Time)$|^ts/;
const MICROS_KEY = /(Micros|Us)$/;
/** Above this a µs figure is a point in time (Unix µs, after 1973), not a duration. */
const UNIX_MICROS_FLOOR = 1e14;

/** A duration in µs as "850 µs", "12.4 ms", "3.2 s" or "5 min". */
export function formatDurationMicros(micros: number): string {
  const abs = Math.abs(micros);
  if (abs < 1000) return `${micros} µs`;
  if (abs < 1_000_000) return `${(micros / 1000).toFixed(1)} ms`;
  if (abs < 120_000_000) return `${(micros / 1_000_000).toFixed(1)} s`;
  return `${(micros / 60_000_000).toFixed(1)} min`;
}

/**
 * Formats one detail by the unit its key names (the alert schema says: prices micro-dollars,
 * durations µs, counts): `…Bps` basis points as %; `…Micros`/`…Us` as a duration (or, above 1e14,
 * a Unix µs time); `…Price`/`…High`/`…Low`/`…Mid` micro-dollars as a price; P&L / loss / limit /
 * notional / exposure / equity / cash micro-dollars as money; `…At`/`…Time`/`ts…` Unix µs as an ET
 * clock time; `…Seconds` as seconds; other integers as counts. Strings show as they are, booleans as
 * yes/no, null as a dash.
 */
export function formatAlertDetail(key: string, value: number | string | boolean | null): string {
  if (value === null) return '—';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'string') return value;
  if (!Number.isFinite(value)) return String(value);
  const integer = Number.isSafeInteger(value);
  if (integer && key.endsWith('Bps')) return `${formatBpsAsPercent(value)}%`;
  if (integer && MICROS_KEY.test(key)) return value > UNIX_MICROS_FLOOR ? `${formatUnixMicrosEt(value)} ET` : formatDurationMicros(value);
  if (integer && PRICE_KEY.test(key)) return formatPrice(value);
  if (integer && MONEY_KEY.test(key)) return formatMoney(value);
  if (integer && TIME_KEY.test(key) && value > UNIX_MICROS_FLOOR) return `${formatUnixMicrosEt(value)} ET`;
  if (key.endsWith('Seconds')) return `${value} s`;
  return integer ? formatShares(value) : value.toString();
}

/** The alert's details as labelled figures, in the order the host sent them. */
export function alertFigures(alert: Alert): AlertFigure[] {
  return Object.entries(alert.details).map(([key, value]) => ({ key, label: labelOfDetailKey(key), text: formatAlertDetail(key, value) }));
}
