import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { EventName } from '@stoqey/ib';
import { connectClient, GOOG_EXCERPT } from './fixture';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** `npm run gateway-sim` as a process: the listening line, a real client session, a stdin fault command, clean exit. */
describe('gateway simulator CLI', () => {
  it('prints its address, serves the real client, takes stdin commands and exits on SIGTERM', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'tests/ib-gateway-sim/cli.ts', '--port', '0', '--replay', GOOG_EXCERPT, '--speed', '10', '--first-order-id', '500', '--control-port', '0'], {
      cwd: repoRoot,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const port = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no listening line; stdout ${stdout}; stderr ${stderr}`)), 20_000);
      child.stdout.on('data', (d: Buffer) => {
        stdout += d.toString();
        const m = /Gateway simulator listening on 127\.0\.0\.1:(\d+)/.exec(stdout);
        if (m) {
          clearTimeout(timer);
          resolve(Number(m[1]));
        }
      });
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      const client = connectClient(port, 1);
      expect(await client.next(EventName.nextValidId)).toEqual([500]);
      child.stdin.write('notice 1100\n');
      const [message] = (await client.next(EventName.info, ([, code]) => code === 1100)) as [string];
      expect(message).toMatch(/Connectivity between IB and Trader Workstation has been lost/);
      const control = /Control endpoint on (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout)![1]!;
      const answer = await fetch(`${control}/notice`, { method: 'POST', body: '2110' });
      expect([answer.status, await answer.text()]).toEqual([200, 'ok: notice 2110 sent\n']);
      await client.next(EventName.info, ([, code]) => code === 2110);
      const bad = await fetch(`${control}/explode`, { method: 'POST' });
      expect(bad.status).toBe(400);
      child.stdin.write('drop\n');
      await client.next(EventName.disconnected);
      expect(client.decodeErrors()).toEqual([]);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    expect(stdout).toMatch(/ok: notice 1100 sent/);
  });
});
