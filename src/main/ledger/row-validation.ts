import type { z } from 'zod';
import { LedgerRowError } from './errors';

/**
 * Parses a row read back from SQLite with `schema`.
 * @throws LedgerRowError naming `table`, the row `key` and every field that is wrong.
 */
export function parseRow<T>(schema: z.ZodType<T>, row: unknown, table: string, key: string): T {
  const result = schema.safeParse(row);
  if (!result.success) {
    const detail = result.error.issues
      .map((issue) => `${issue.path.join('.') || '(row)'}: ${issue.message}`)
      .join('; ');
    throw new LedgerRowError(table, key, `unexpected content (${detail})`);
  }
  return result.data;
}

