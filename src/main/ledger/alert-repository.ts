import type Database from 'better-sqlite3';
import { z } from 'zod';
import { alertSchema, type Alert } from '../../shared';
import { LedgerRowError } from './errors';
import { parseRow } from './row-validation';

const alertRowSchema = z
  .object({
    seq: z.number().int().positive(),
    id: z.string().min(1),
    ts: z.number().int().nonnegative(),
    severity: z.string(),
    code: z.string(),
    message: z.string(),
    instrument_id: z.string().nullable(),
    details: z.string(),
  })
  .strict();

/** Most alerts `list` returns when no limit is given. */
export const DEFAULT_ALERT_LIST_LIMIT = 500;

/**
 * Typed access to `alerts` (migration 0004): append and list, newest first. The table is
 * append-only; this class offers no update or delete.
 */
export class AlertRepository {
  private readonly insertStmt: Database.Statement;
  private readonly listStmt: Database.Statement;

  constructor(db: Database.Database) {
    this.insertStmt = db.prepare(
      'INSERT INTO alerts (id, ts, severity, code, message, instrument_id, details) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    this.listStmt = db.prepare(
      'SELECT seq, id, ts, severity, code, message, instrument_id, details FROM alerts ORDER BY seq DESC LIMIT ?',
    );
  }

  /**
   * Records `alert` (validated against the shared alertSchema first).
   * @throws TypeError naming each bad field when `alert` does not match alertSchema.
   * @throws SqliteError when the alertId was recorded before.
   */
  append(alert: Alert): void {
    const parsed = alertSchema.safeParse(alert);
    if (!parsed.success) {
      throw new TypeError(`alert is malformed: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(alert)'}: ${i.message}`).join('; ')}`);
    }
    const a = parsed.data;
    this.insertStmt.run(a.alertId, a.tsEvent, a.severity, a.code, a.message, a.instrumentId, JSON.stringify(a.details));
  }

  /**
   * Up to `limit` alerts (1..10,000, default 500), newest recorded first.
   * @throws RangeError for a bad limit; LedgerRowError naming the seq of a malformed row.
   */
  list(limit = DEFAULT_ALERT_LIST_LIMIT): Alert[] {
    if (!Number.isSafeInteger(limit) || limit < 1 || limit > 10_000) {
      throw new RangeError(`alert list limit must be a whole number from 1 to 10000, got ${limit}`);
    }
    return this.listStmt.all(limit).map((row) => toAlert(row));
  }
}

function toAlert(raw: unknown): Alert {
  const key = `seq ${String((raw as { seq?: unknown }).seq)}`;
  const row = parseRow(alertRowSchema, raw, 'alerts', key);
  let details: unknown;
  try {
    details = JSON.parse(row.details);
  } catch {
    throw new LedgerRowError('alerts', key, 'details is not JSON');
  }
  return parseRow(
    alertSchema,
    {
      alertId: row.id,
      severity: row.severity,
      code: row.code,
      message: row.message,
      instrumentId: row.instrument_id,
      tsEvent: row.ts,
      details,
    },
    'alerts',
    key,
  );
}
