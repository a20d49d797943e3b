import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { DEFAULT_WAL_AUTOCHECKPOINT_PAGES, Ledger, WalCheckpointer, openLedgerDatabase, type CheckpointReport } from '../../../src/main/ledger';
import { rawDatabase } from '../../../src/main/ledger/raw-database';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function ledgerFile(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'floor-checkpointer-'));
  dirs.push(dir);
  return path.join(dir, 'floor.sqlite');
}

const autocheckpoint = (ledger: Ledger): number => rawDatabase(ledger).pragma('wal_autocheckpoint', { simple: true }) as number;

/** One settings write per transaction: each commit appends frames to the write-ahead log. */
function writeCommits(ledger: Ledger, count: number): void {
  for (let i = 0; i < count; i++) ledger.transaction(() => ledger.settings.set(`test.key.${i % 50}`, { i }, i));
}

describe('background checkpoints of the ledger', () => {
  it('takes checkpoints off the connection: the thread copies the log into the database while commits go on', async () => {
    const ledger = Ledger.open(ledgerFile(), { durability: 'NORMAL', backgroundCheckpoints: { intervalMs: 10 } });
    try {
      const reports: CheckpointReport[] = [];
      ledger.checkpointer!.onDidCheckpoint((report) => reports.push(report));
      // Until the thread is up the connection still checkpoints by itself; then it stops.
      await vi.waitFor(() => expect(autocheckpoint(ledger)).toBe(0), { timeout: 5_000 });
      writeCommits(ledger, 200);
      await vi.waitFor(() => expect(reports.some((r) => r.logFrames > 0 && r.checkpointedFrames === r.logFrames)).toBe(true), { timeout: 5_000 });
      // Nothing is lost on the way: the newest value of each key reads back.
      expect(ledger.settings.get('test.key.7', z.object({ i: z.number().int() }))).toEqual({ i: 157 });
    } finally {
      ledger.close();
    }
  });

  it('gives checkpoints back to the connection when stopped, and closes cleanly with the log folded in', async () => {
    const file = ledgerFile();
    const ledger = Ledger.open(file, { durability: 'NORMAL', backgroundCheckpoints: { intervalMs: 10 } });
    await vi.waitFor(() => expect(autocheckpoint(ledger)).toBe(0), { timeout: 5_000 });
    writeCommits(ledger, 50);
    ledger.checkpointer!.stop();
    expect(autocheckpoint(ledger)).toBe(DEFAULT_WAL_AUTOCHECKPOINT_PAGES);
    ledger.close();
    // The close checkpoint (TRUNCATE) found the log free: nothing is left in it.
    expect(fs.existsSync(`${file}-wal`) ? fs.statSync(`${file}-wal`).size : 0).toBe(0);
    const reopened = Ledger.open(file);
    expect(rawDatabase(reopened).prepare("SELECT count(*) FROM settings WHERE key LIKE 'test.key.%'").pluck().get()).toBe(50);
    reopened.close();
  });

  it('is off unless asked for, and never starts for an in-memory ledger', () => {
    const plain = Ledger.open(ledgerFile());
    expect(plain.checkpointer).toBeUndefined();
    expect(autocheckpoint(plain)).toBe(DEFAULT_WAL_AUTOCHECKPOINT_PAGES);
    plain.close();
    const memory = Ledger.open(':memory:', { backgroundCheckpoints: {} });
    expect(memory.checkpointer).toBeUndefined();
    memory.close();
    const db = openLedgerDatabase(':memory:');
    expect(() => WalCheckpointer.start(db)).toThrow(/writable database file/);
    db.close();
  });

  it('reports a thread that cannot work and leaves checkpoints with the connection', async () => {
    const file = ledgerFile();
    const db = openLedgerDatabase(file);
    // The connection keeps its open file; the thread, opening it by name, finds nothing there.
    fs.rmSync(file);
    const errors: Error[] = [];
    const checkpointer = WalCheckpointer.start(db, { intervalMs: 10, onError: (error) => errors.push(error) });
    await vi.waitFor(() => expect(errors.map((e) => e.message)).toEqual([expect.stringMatching(/the ledger's background checkpoint failed/)]), { timeout: 5_000 });
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(DEFAULT_WAL_AUTOCHECKPOINT_PAGES);
    checkpointer.stop();
    db.close();
  });

  it('refuses an interval that is not a whole number of milliseconds', () => {
    const db = openLedgerDatabase(ledgerFile());
    expect(() => WalCheckpointer.start(db, { intervalMs: 0 })).toThrow(/whole number of ms >= 1/);
    expect(() => WalCheckpointer.start(db, { intervalMs: 2.5 })).toThrow(/whole number of ms >= 1/);
    db.close();
  });
});

