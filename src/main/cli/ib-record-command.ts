import { isIP } from 'node:net';
import { Command, InvalidArgumentError } from 'commander';
import { parsePort } from './serve-options';
import { WireRecorder } from './ib-wire-recorder';
import { messageOf } from '../../shared';

/** What `floor ib record` touches outside itself. */
export interface IbRecordDependencies {
  stdout(text: string): void;
  stderr(text: string): void;
  exit(code: number): void;
  /** Registers the stop handler (SIGINT / SIGTERM). */
  onSignal(signal: 'SIGINT' | 'SIGTERM', handler: () => void): void;
  readonly floorVersion: string;
}

/** IB Gateway's paper port, the default gateway to record. */
const DEFAULT_GATEWAY = '127.0.0.1:4002';
/** Where the recorder listens by default (add it to Settings > Gateway's paper ports to point Floor at it). */
export const DEFAULT_RECORDER_PORT = 4012;

/**
 * `--gateway HOST:PORT`: an IP address (or localhost) and a port 1..65535.
 * @throws InvalidArgumentError saying what is expected.
 */
export function parseGatewayAddress(value: string): { host: string; port: number } {
  const at = value.lastIndexOf(':');
  const host = at < 0 ? '' : value.slice(0, at).replace(/^\[|\]$/g, '');
  const port = at < 0 ? Number.NaN : Number(value.slice(at + 1));
  if ((host !== 'localhost' && isIP(host) === 0) || !Number.isInteger(port) || port < 1 || port > 65_535) {
    throw new InvalidArgumentError('expected HOST:PORT of IB Gateway or TWS, with an IP address or localhost (e.g. 127.0.0.1:4002).');
  }
  return { host, port };
}

/**
 * `floor ib record --out FILE [--gateway HOST:PORT] [--listen PORT] [--note TEXT]`: records a TWS
 * API session with a paper IB Gateway or TWS. It listens on 127.0.0.1:PORT, forwards everything to
 * the gateway unchanged, and writes both directions, timed and with account ids masked, to FILE
 * (ib-transcript.ts) until Ctrl-C. Point Floor (or any API client) at the listen port.
 */
export function createIbCommand(deps: IbRecordDependencies): Command {
  const output = { writeOut: (text: string) => deps.stdout(text), writeErr: (text: string) => deps.stderr(text) };
  const ib = new Command('ib').description('Interactive Brokers tools.').configureOutput(output);
  ib.command('record')
    .configureOutput(output)
    .description('Record a TWS API session with a paper IB Gateway / TWS (both directions, timed, account ids masked) for the gateway simulator\'s conformance tests.')
    .requiredOption('--out <file>', 'transcript file to write (JSON Lines)')
    .option('--gateway <host:port>', `the IB Gateway or TWS API socket (default ${DEFAULT_GATEWAY}, IB Gateway paper)`, parseGatewayAddress)
    .option('--listen <port>', `port on 127.0.0.1 for Floor or another client to connect to (default ${DEFAULT_RECORDER_PORT}; 0 = any free port)`, parsePort)
    .option('--note <text>', 'what the session does, written into the transcript header', '')
    .action(async (flags: { out: string; gateway?: { host: string; port: number }; listen?: number; note: string }) => {
      const gateway = flags.gateway ?? parseGatewayAddress(DEFAULT_GATEWAY);
      let recorder: WireRecorder;
      try {
        recorder = await WireRecorder.start({
          gateway,
          listenPort: flags.listen ?? DEFAULT_RECORDER_PORT,
          out: flags.out,
          floorVersion: deps.floorVersion,
          note: flags.note,
          log: (line) => deps.stderr(`floor ib record: ${line}\n`),
        });
      } catch (error) {
        deps.stderr(`floor ib record: ${messageOf(error)}\n`);
        deps.exit(1);
        return;
      }
      let stopping = false;
      const stop = (): void => {
        if (stopping) return;
        stopping = true;
        void recorder.close().then(() => {
          deps.stderr(`floor ib record: wrote ${recorder.frames} frames to ${flags.out}\n`);
          deps.exit(0);
        });
      };
      deps.onSignal('SIGINT', stop);
      deps.onSignal('SIGTERM', stop);
      deps.stdout(`Recording on 127.0.0.1:${recorder.port} -> ${gateway.host}:${gateway.port} into ${flags.out} (Ctrl-C stops)\n`);
    });
  return ib;
}
