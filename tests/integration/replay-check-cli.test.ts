import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { craftPair, field, withField, GOOG_PAIRS } from '../support/lobster-craft';
import { repoRoot } from '../support/serve-process';

/**
 * `floor replay check MESSAGE_FILE` (issue 17 point 4), the built command (`npm test` builds first)
 * run as a trader runs it, on the real GOOG day of ../shared/data and on crafted copies in a temp folder.
 */
const tmp = mkdtempSync(path.join(os.tmpdir(), 'floor-replay-check-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function check(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, ['bin/floor.mjs', 'replay', 'check', ...args], { cwd: repoRoot, encoding: 'utf8', timeout: 60_000 });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('floor replay check', () => {
  it('passes the GOOG level-10 day with rows, time range, events per type, halts and the book check', () => {
    const run = check(GOOG_PAIRS.day.message);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('GOOG 2012-06-21, 10 levels, session 09:30:00-16:00:00 ET');
    expect(run.stdout).toContain('rows            147,916 in each file');
    expect(run.stdout).toContain('time range      34200.015105074 (09:30:00.015 ET) to 57599.871751084 (15:59:59.871 ET)');
    // The counts ../shared/data/README.md gives for GOOG L10.
    expect(run.stdout).toContain('events          add 71,258, partial cancel 19, delete 64,961, visible execution 7,765, hidden execution 3,913, cross 0, halt 0');
    expect(run.stdout).toContain('halts           none');
    expect(run.stdout).toMatch(/book check {6}147,916 messages agree with their orderbook row \(4,984 levels taken/);
    expect(run.stdout).toContain('bad prints      0 of 11,678 prints');
    expect(run.stdout.trimEnd().split('\n').at(-1)).toBe('OK: the pair will play to its end');
  });

  it('lists halts and fails with file:line at the first bad message, saying where the replay would stop', () => {
    const pair = craftPair(tmp, {
      from: 'excerpt',
      messages: (lines) =>
        lines.flatMap((line, i) => {
          if (i === 1499) return [withField(line, 4, '9999999999')];
          if (i === 499) return [line, `${field(line, 0)},7,0,0,-1,-1`];
          if (i === 599) return [line, `${field(line, 0)},7,0,0,1,-1`];
          return [line];
        }),
      orderbook: (lines) => lines.flatMap((line, i) => (i === 499 || i === 599 ? [line, line] : [line])),
    });
    const run = check(pair.message);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('rows            1,501 read before the error');
    expect(run.stdout).toMatch(/halts {11}HALTED at 09:\d\d:\d\d\.\d{3} \(line 501\), RESUMED at 09:\d\d:\d\d\.\d{3} \(line 602\)/);
    expect(run.stdout).toContain(`FAILED at ${pair.message}:1502: price 9999999999 is LOBSTER's placeholder for an empty ask level`);
    expect(run.stdout).toMatch(/the replay would stop after message 1,501, at 09:\d\d:\d\d\.\d{3} ET \(the last good event\)/);
  });

  it('exits 1 with the reason when the orderbook file is missing', () => {
    const alone = path.join(mkdtempSync(path.join(tmp, 'alone-')), path.basename(GOOG_PAIRS.excerpt.message));
    copyFileSync(GOOG_PAIRS.excerpt.message, alone);
    const run = check(alone);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^floor: .*no orderbook file next to it/);
  });
});
