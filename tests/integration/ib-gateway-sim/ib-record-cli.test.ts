import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EventName } from '@stoqey/ib';
import { parseTranscript } from '../../../src/main/cli/ib-transcript';
import { createProgram, type CliDependencies } from '../../../src/main/cli/program';
import { connectClient, startStand, type SimStand } from './fixture';

/** `floor ib record` as a command: options, the line it prints, the transcript it leaves on Ctrl-C. */
describe('floor ib record', () => {
  let stand: SimStand | undefined;
  let dir: string | undefined;
  afterEach(async () => {
    await stand?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function floor(argv: string[]) {
    const run = { stdout: '', stderr: '', exits: [] as number[], signals: new Map<string, () => void>(), error: undefined as string | undefined };
    const deps: CliDependencies = {
      startTerminal: () => Promise.reject(new Error('not used')),
      rendererDir: '/nowhere',
      stdout: (text) => void (run.stdout += text),
      stderr: (text) => void (run.stderr += text),
      process: { onSignal: (signal, handler) => run.signals.set(signal, handler), exit: (code) => run.exits.push(code), now: () => 0 },
    };
    const program = createProgram(deps, '0.1.0');
    for (const command of [program, ...program.commands, ...program.commands.flatMap((c) => c.commands)]) command.exitOverride();
    await program.parseAsync(argv, { from: 'user' }).catch((error: Error) => (run.error = error.message));
    return run;
  }

  it('records a session until Ctrl-C and says where it listens and what it wrote', async () => {
    stand = await startStand();
    dir = mkdtempSync(path.join(os.tmpdir(), 'floor-ib-record-'));
    const out = path.join(dir, 'paper.jsonl');
    const run = await floor(['ib', 'record', '--out', out, '--gateway', `127.0.0.1:${stand.sim.port}`, '--listen', '0', '--note', 'connect only']);
    const port = Number(/^Recording on 127\.0\.0\.1:(\d+) -> 127\.0\.0\.1:\d+ into .+ \(Ctrl-C stops\)\n$/.exec(run.stdout)?.[1]);
    expect(port).toBeGreaterThan(0);
    const client = connectClient(port, 9);
    await client.next(EventName.nextValidId);
    client.disconnect();
    run.signals.get('SIGINT')!();
    await new Promise<void>((resolve) => {
      const check = (): void => (run.exits.length > 0 ? resolve() : void setTimeout(check, 10));
      check();
    });
    expect(run.exits).toEqual([0]);
    expect(run.stderr).toMatch(/wrote \d+ frames to .*paper\.jsonl/);
    const transcript = parseTranscript(readFileSync(out, 'utf8'), out);
    expect(transcript.header).toMatchObject({ floorVersion: '0.1.0', note: 'connect only' });
    expect(transcript.events.some((e) => e.type === 'frame' && e.fields[0] === '15' && e.fields[2] === 'DU0000001')).toBe(true);
  });

  it('refuses a gateway that is not HOST:PORT with an IP address', async () => {
    const run = await floor(['ib', 'record', '--out', '/tmp/x.jsonl', '--gateway', 'gateway.example.com:4002']);
    expect(run.error).toMatch(/--gateway.*expected HOST:PORT of IB Gateway or TWS, with an IP address or localhost/);
  });
});
