import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createProgram, type CliDependencies, type RunningTerminal, type ServeOptions } from '../../../src/main/cli/program';

const tmp = mkdtempSync(path.join(tmpdir(), 'floor-cli-'));
const messageFile = path.join(tmp, 'GOOG_2012-06-21_34200000_57600000_message_10.csv');
writeFileSync(messageFile, '34200.004241176,1,16113575,18,5853300,1\n');
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

interface Run {
  started: ServeOptions[];
  stdout: string;
  stderr: string;
  exitCodes: number[];
  signals: Map<string, () => void>;
  error?: { exitCode: number; message: string };
}

async function runFloor(argv: string[], startTerminal?: (options: ServeOptions) => Promise<RunningTerminal>): Promise<Run> {
  const run: Run = { started: [], stdout: '', stderr: '', exitCodes: [], signals: new Map() };
  const deps: CliDependencies = {
    startTerminal:
      startTerminal ??
      (async (options) => {
        run.started.push(options);
        return { host: { launchUrl: () => 'http://localhost:4321/?token=abc' }, close: async () => {} };
      }),
    rendererDir: '/opt/floor/out/renderer',
    stdout: (text) => {
      run.stdout += text;
    },
    stderr: (text) => {
      run.stderr += text;
    },
    process: {
      onSignal: (signal, handler) => run.signals.set(signal, handler),
      exit: (code) => run.exitCodes.push(code),
      now: () => 0,
    },
    defaultDataDir: () => path.join(tmp, 'default-data'),
  };
  const program = createProgram(deps, '0.1.0');
  for (const command of [program, ...program.commands]) command.exitOverride();
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (error) {
    run.error = { exitCode: (error as { exitCode: number }).exitCode, message: (error as Error).message };
  }
  return run;
}

describe('floor serve options', () => {
  it('starts the terminal with the validated options and prints exactly the ready line on stdout', async () => {
    const dataDir = path.join(tmp, 'chosen');
    const run = await runFloor(['serve', '--port', '8123', '--data-dir', dataDir, '--replay', messageFile, '--speed', '2.5']);
    expect(run.error).toBeUndefined();
    expect(run.started).toEqual([{ port: 8123, dataDir, replay: messageFile, speed: 2.5, rendererDir: '/opt/floor/out/renderer' }]);
    expect(run.stdout).toBe('Floor ready: http://localhost:4321/?token=abc\n');
    expect(statSync(dataDir).isDirectory()).toBe(true);
    expect([...run.signals.keys()].sort()).toEqual(['SIGINT', 'SIGTERM']);
  });

  it('defaults to a free port, the per-user data folder, and the synthetic market', async () => {
    const run = await runFloor(['serve']);
    expect(run.started).toEqual([{ dataDir: path.join(tmp, 'default-data'), rendererDir: '/opt/floor/out/renderer' }]);
    expect(statSync(path.join(tmp, 'default-data')).isDirectory()).toBe(true);
  });

  it('accepts port 0 and the speed bounds 0.1 and 1000', async () => {
    expect((await runFloor(['serve', '--port', '0', '--speed', '0.1'])).started[0]).toMatchObject({ port: 0, speed: 0.1 });
    expect((await runFloor(['serve', '--port', '65535', '--speed', '1000'])).started[0]).toMatchObject({ port: 65535, speed: 1000 });
  });

  it('passes --bad-tick-band as basis points', async () => {
    expect((await runFloor(['serve', '--bad-tick-band', '7.5'])).started[0]).toMatchObject({ badTickBandBps: 750 });
    expect((await runFloor(['serve', '--bad-tick-band', '0.01'])).started[0]).toMatchObject({ badTickBandBps: 1 });
  });

  it('passes --symbol for the IB venue, upper-cased', async () => {
    expect((await runFloor(['serve', '--symbol', 'brk.b'])).started[0]).toMatchObject({ symbol: 'BRK.B' });
  });

  it.each([
    [['--symbol', '1AB'], /option '--symbol <stock>' argument '1AB' is invalid\. expected a US stock symbol/],
    [['--symbol', 'TOO-LONG'], /argument 'TOO-LONG' is invalid\. expected a US stock symbol/],
    [['--port', 'abc'], /option '--port <n>' argument 'abc' is invalid\. expected a TCP port: an integer 0\.\.65535/],
    [['--port', '65536'], /argument '65536' is invalid\. .*0\.\.65535/],
    [['--port', '-1'], /argument '-1' is invalid\. .*0\.\.65535/],
    [['--port', '80.5'], /argument '80\.5' is invalid\. .*0\.\.65535/],
    [['--speed', '0.05'], /option '--speed <x>' argument '0\.05' is invalid\. expected a replay speed from 0\.1 to 1000/],
    [['--speed', '1001'], /argument '1001' is invalid\. .*0\.1 to 1000/],
    [['--speed', 'fast'], /argument 'fast' is invalid\. .*0\.1 to 1000/],
    [['--bad-tick-band', '0'], /option '--bad-tick-band <pct>' argument '0' is invalid\. expected a percentage from 0\.01 to 100/],
    [['--bad-tick-band', '101'], /argument '101' is invalid\. expected a percentage/],
    [['--bad-tick-band', '5.125'], /argument '5\.125' is invalid\. expected a percentage/],
    [['--replay', '/nowhere/GOOG_message_10.csv'], /LOBSTER message file not found: \/nowhere\/GOOG_message_10\.csv/],
  ])('rejects serve %j with a clear error and exit code 1, without starting', async (args, expected) => {
    const run = await runFloor(['serve', ...args]);
    expect(run.error?.exitCode).toBe(1);
    expect(run.stderr).toMatch(expected);
    expect(run.started).toEqual([]);
    expect(run.stdout).toBe('');
  });

  it('rejects a replay path that is a folder', async () => {
    const run = await runFloor(['serve', '--replay', tmp]);
    expect(run.stderr).toContain('is not a file');
    expect(run.started).toEqual([]);
  });

  it('rejects a data folder that is a file, naming it', async () => {
    const run = await runFloor(['serve', '--data-dir', messageFile]);
    expect(run.stderr).toContain(`cannot use data folder ${messageFile}`);
    expect(run.exitCodes).toEqual([1]);
    expect(run.started).toEqual([]);
  });

  it('reports a start-up failure on stderr and exits 1 with nothing on stdout', async () => {
    const run = await runFloor(['serve'], async () => {
      throw new Error('cannot start the host: port 8123 on 127.0.0.1 is already in use');
    });
    expect(run.stderr).toBe('floor: cannot start the host: port 8123 on 127.0.0.1 is already in use\n');
    expect(run.exitCodes).toEqual([1]);
    expect(run.stdout).toBe('');
  });

  it('rejects an unknown command or option', async () => {
    expect((await runFloor(['trade'])).error?.exitCode).toBe(1);
    const run = await runFloor(['serve', '--prot', '80']);
    expect(run.error?.exitCode).toBe(1);
    expect(run.stderr).toContain("unknown option '--prot'");
  });
});
