import type { Migration } from './migration';

/**
 * Schema version 4: `alerts`, the record of everything the terminal told the trader it must see
 * (circuit-breaker trips, daily-loss breaches, the kill switch, resumes).
 *
 * - `seq`: recording order (AUTOINCREMENT: never reused), so "newest first" does not depend on the
 *   market clock, which a replay seek can move backwards.
 * - `id`: the alert's id as pushed to the renderer (unique).
 * - `ts`: Unix epoch µs of the triggering event (market time on a replay).
 * - `severity`, `code`, `message`, `instrument_id` (NULL for account-wide alerts).
 * - `details`: JSON object of the figures behind the alert (prices micro-dollars, durations µs, counts).
 * Like `order_events`, the table is append-only (triggers refuse UPDATE and DELETE): an alert is a
 * fact about what happened, kept for review.
 */
export const migration0004: Migration = {
  version: 4,
  description: 'alerts: breaker trips, daily-loss breaches, kill switch and resumes',
  up: `
CREATE TABLE alerts (
  seq           INTEGER PRIMARY KEY AUTOINCREMENT,
  id            TEXT NOT NULL UNIQUE CHECK (length(id) BETWEEN 1 AND 64),
  ts            INTEGER NOT NULL CHECK (ts >= 0),
  severity      TEXT NOT NULL CHECK (severity IN ('INFO', 'WARNING', 'CRITICAL')),
  code          TEXT NOT NULL CHECK (length(code) BETWEEN 1 AND 64),
  message       TEXT NOT NULL CHECK (length(message) >= 1),
  instrument_id TEXT CHECK (instrument_id IS NULL OR length(instrument_id) BETWEEN 1 AND 12),
  details       TEXT NOT NULL CHECK (json_valid(details) AND json_type(details) = 'object')
) STRICT;

CREATE TRIGGER alerts_no_update BEFORE UPDATE ON alerts
BEGIN
  SELECT RAISE(ABORT, 'alerts is append-only: rows cannot be updated');
END;

CREATE TRIGGER alerts_no_delete BEFORE DELETE ON alerts
BEGIN
  SELECT RAISE(ABORT, 'alerts is append-only: rows cannot be deleted');
END;
`,
};
