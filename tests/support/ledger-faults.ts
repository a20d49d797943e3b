import type Database from 'better-sqlite3';

/**
 * Fault injection for a ledger under test, without touching the code under test: a TEMP trigger
 * (it lives only on this connection) refuses inserts into `table` while armed, the way a full disk
 * or an I/O error would make the statement fail. `arm()` and `disarm()` switch it.
 */
export function insertFault(db: Database.Database, table: string, message = 'disk I/O error (injected)'): { arm(): void; disarm(): void } {
  const name = `fault_${table}`;
  db.exec(`CREATE TEMP TABLE IF NOT EXISTS ${name}_switch (armed INTEGER NOT NULL)`);
  db.exec(
    `CREATE TEMP TRIGGER IF NOT EXISTS ${name} BEFORE INSERT ON main.${table} WHEN EXISTS (SELECT 1 FROM ${name}_switch) ` +
      `BEGIN SELECT RAISE(ABORT, '${message.replace(/'/g, "''")}'); END`,
  );
  return {
    arm: () => void db.prepare(`INSERT INTO ${name}_switch (armed) VALUES (1)`).run(),
    disarm: () => void db.prepare(`DELETE FROM ${name}_switch`).run(),
  };
}
