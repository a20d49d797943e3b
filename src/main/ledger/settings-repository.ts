import type Database from 'better-sqlite3';
import type { z } from 'zod';
import type { UnixMicros } from '../../shared';
import { LedgerRowError } from './errors';

/**
 * Typed access to `settings`: key -> JSON value. Callers pass the zod schema of the value so a
 * setting written by an older Floor in another shape is reported, not silently misread.
 */
export class SettingsRepository {
  private readonly getStmt: Database.Statement;
  private readonly setStmt: Database.Statement;

  constructor(db: Database.Database) {
    this.getStmt = db.prepare('SELECT value FROM settings WHERE key = ?').pluck();
    this.setStmt = db.prepare(
      'INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?) ' +
        'ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at',
    );
  }

  /**
   * The value stored under `key`, parsed with `schema`, or undefined when absent.
   * @throws LedgerRowError naming the key when the stored value does not match `schema`.
   */
  get<T>(key: string, schema: z.ZodType<T>): T | undefined {
    const text = this.getStmt.get(key) as string | undefined;
    if (text === undefined) return undefined;
    const parsed = schema.safeParse(JSON.parse(text));
    if (!parsed.success) {
      throw new LedgerRowError(
        'settings',
        `key ${JSON.stringify(key)}`,
        parsed.error.issues.map((i) => `${i.path.join('.') || '(value)'}: ${i.message}`).join('; '),
      );
    }
    return parsed.data;
  }

  /**
   * Stores `value` (anything JSON can represent) under `key`.
   * @throws TypeError when `value` cannot be represented as JSON.
   */
  set(key: string, value: unknown, updatedAt: UnixMicros): void {
    const text = JSON.stringify(value);
    if (text === undefined) throw new TypeError(`setting ${JSON.stringify(key)} must be JSON-serializable`);
    this.setStmt.run(key, text, updatedAt);
  }
}
