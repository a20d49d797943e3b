import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../../../src/main/app/terminal';
import { createProgram, type CliDependencies } from '../../../../src/main/cli/program';
import { closeLedgerDatabase, MIGRATIONS, openLedgerDatabase } from '../../../../src/main/ledger';
import { readChainHead } from '../../../../src/main/ledger/chain';
import { appendStory, dropChainGuards, openChainFixture } from './chain-fixture';

const tmp = mkdtempSync(path.join(tmpdir(), 'floor-ledger-verify-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

let dirs = 0;
/** A data folder holding a ledger with ORDER_STORY, closed as the terminal leaves it; returns the folder and head hash. */
function dataDirWithChain(tamper?: (db: import('better-sqlite3').Database) => void): { dir: string; headHash: string } {
  const dir = path.join(tmp, `data-${dirs++}`);
  mkdirSync(dir);
  const fx = openChainFixture(path.join(dir, DATABASE_FILE));
  appendStory(fx.writer);
  const headHash = readChainHead(fx.db).hash;
  if (tamper) {
    dropChainGuards(fx.db);
    tamper(fx.db);
  }
  fx.close();
  return { dir, headHash };
}

interface Run { stdout: string; stderr: string; exitCodes: number[] }

async function floor(argv: string[]): Promise<Run> {
  const run: Run = { stdout: '', stderr: '', exitCodes: [] };
  const deps: CliDependencies = {
    startTerminal: () => Promise.reject(new Error('ledger verify must not start the terminal')),
    rendererDir: '/nowhere',
    stdout: (t) => void (run.stdout += t),
    stderr: (t) => void (run.stderr += t),
    process: { onSignal: () => undefined, exit: (code) => void run.exitCodes.push(code), now: () => 0 },
    defaultDataDir: () => path.join(tmp, 'default'),
  };
  const program = createProgram(deps, '0.1.0');
  program.exitOverride();
  await program.parseAsync(argv, { from: 'user' });
  return run;
}

describe('floor ledger verify', () => {
  it('exits 0 on an intact ledger and prints the entry count and head', async () => {
    const { dir, headHash } = dataDirWithChain();
    const run = await floor(['ledger', 'verify', '--data-dir', dir]);
    expect(run.exitCodes).toEqual([0]);
    expect(run.stdout.split('\n')[0]).toBe(`ledger OK: 7 entries, head 7 ${headHash.slice(0, 16)}`);
    expect(run.stdout).toMatch(/signed by terminal key [0-9a-f]{16}/);
    expect(run.stderr).toBe('');
  });

  it('also passes when every signature is checked one by one', async () => {
    const { dir } = dataDirWithChain();
    const run = await floor(['ledger', 'verify', '--data-dir', dir, '--each-signature']);
    expect(run.exitCodes).toEqual([0]);
  });

  it('exits 1 naming the first bad seq and why for an edited payload', async () => {
    const { dir } = dataDirWithChain((db) => db.prepare(`UPDATE ledger_chain SET payload = '{"quantity":1}' WHERE seq = 4`).run());
    const run = await floor(['ledger', 'verify', '--data-dir', dir]);
    expect(run.exitCodes).toEqual([1]);
    expect(run.stdout).toBe('ledger FAILED at seq 4 (tampered-entry): ts, type or payload was altered: the entry no longer hashes to its signed hash\n');
  });

  it('exits 1 on a broken link, a bad signature, a missing row and a truncated tail', async () => {
    const cases: [(db: import('better-sqlite3').Database) => void, RegExp][] = [
      [(db) => db.prepare(`UPDATE ledger_chain SET prev_hash = '${'1'.repeat(64)}' WHERE seq = 2`).run(), /^ledger FAILED at seq 2 \(broken-link\)/],
      [(db) => db.prepare('UPDATE ledger_chain SET signature = (SELECT signature FROM ledger_chain WHERE seq = 1) WHERE seq = 6').run(), /^ledger FAILED at seq 6 \(bad-signature\)/],
      [(db) => db.prepare('DELETE FROM ledger_chain WHERE seq = 5').run(), /^ledger FAILED at seq 5 \(missing-row\): seq 5 is missing/],
      [(db) => db.prepare('DELETE FROM ledger_chain WHERE seq >= 6').run(), /^ledger FAILED at seq 6 \(truncated\): truncated: the signed head checkpoint records seq 7 but the chain ends at seq 5/],
    ];
    for (const [tamper, expected] of cases) {
      const { dir } = dataDirWithChain(tamper);
      const run = await floor(['ledger', 'verify', '--data-dir', dir]);
      expect(run.exitCodes).toEqual([1]);
      expect(run.stdout).toMatch(expected);
    }
  });

  it('does not modify the ledger file it checks', async () => {
    const { dir } = dataDirWithChain();
    const file = path.join(dir, DATABASE_FILE);
    const before = (await import('node:fs')).readFileSync(file);
    await floor(['ledger', 'verify', '--data-dir', dir]);
    expect((await import('node:fs')).readFileSync(file).equals(before)).toBe(true);
  });

  it('reads the default data folder when --data-dir is not given', async () => {
    const run = await floor(['ledger', 'verify']);
    expect(run.exitCodes).toEqual([1]);
    expect(run.stderr).toBe(`floor: no ledger at ${path.join(tmp, 'default', DATABASE_FILE)} (start Floor once with this data folder, or pass --data-dir)\n`);
  });

  it('explains a ledger older than the signed chain, and a file that is not a ledger', async () => {
    const old = path.join(tmp, 'old');
    mkdirSync(old);
    closeLedgerDatabase(openLedgerDatabase(path.join(old, DATABASE_FILE), { migrations: MIGRATIONS.slice(0, 4) }));
    const run = await floor(['ledger', 'verify', '--data-dir', old]);
    expect(run.exitCodes).toEqual([1]);
    expect(run.stderr).toMatch(/schema version 4; the signed chain starts at version 5/);

    const junk = path.join(tmp, 'junk');
    mkdirSync(junk);
    writeFileSync(path.join(junk, DATABASE_FILE), 'not a database at all, just text that is long enough to have a header');
    const bad = await floor(['ledger', 'verify', '--data-dir', junk]);
    expect(bad.exitCodes).toEqual([1]);
    expect(bad.stderr).toMatch(/^floor: cannot (open|verify) ledger .*not a database/);
  });

  it('accepts a new ledger whose terminal key is not recorded yet', async () => {
    const fresh = path.join(tmp, 'fresh');
    mkdirSync(fresh);
    closeLedgerDatabase(openLedgerDatabase(path.join(fresh, DATABASE_FILE)));
    const run = await floor(['ledger', 'verify', '--data-dir', fresh]);
    expect(run.exitCodes).toEqual([0]);
    expect(run.stdout).toBe(`ledger OK: 0 entries, head 0 ${'0'.repeat(16)} (no terminal key recorded yet)\n`);
  });
});
