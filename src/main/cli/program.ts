import { Command } from 'commander';
import type { TerminalOptions } from '../app';
import { defaultDataDir } from '../app';
import { chooseClientKeyStore } from '../security';
import { defaultAutomationDependencies, registerAutomationCommands, type AutomationDependencies } from './automation-commands';
import { createIbCommand } from './ib-record-command';
import { createKeysCommand } from './keys-migrate';
import { createLedgerCommand } from './ledger-verify';
import { createReplayCommand } from './replay-check';
import { parseBadTickBand, parsePort, parseReplayFile, parseSpeed, parseSymbol, prepareDataDir } from './serve-options';
import { installShutdown, type ShutdownProcess } from './shutdown';
import { messageOf } from '../../shared';

/** What `floor serve` hands to the terminal (a type-only import: testing the CLI starts no terminal). */
export type ServeOptions = TerminalOptions;

/** The part of a started terminal the CLI uses. */
export interface RunningTerminal {
  readonly host: { launchUrl(): string };
  close(): Promise<void>;
}

/** Everything the CLI touches outside itself. */
export interface CliDependencies {
  /** Starts the terminal; resolves once the host accepts connections. */
  startTerminal(options: ServeOptions): Promise<RunningTerminal>;
  /** Directory of the built renderer. */
  readonly rendererDir: string;
  /** stdout: only the ready line is written here (scripts and tests parse it). */
  stdout(text: string): void;
  /** stderr: every diagnostic. */
  stderr(text: string): void;
  /** Signals, exit and clock for the shutdown policy. */
  readonly process: Omit<ShutdownProcess, 'log'>;
  /** Default for --data-dir; the OS's per-user app data folder unless a test overrides it. */
  defaultDataDir?(): string;
  /** Overrides for `floor order` / `signal` / `apikey` (keychain, endpoint file, HTTP, clock); tests only. */
  readonly automation?: Partial<Pick<AutomationDependencies, 'credentials' | 'readEndpoint' | 'post' | 'clock'>>;
}

interface ServeFlags {
  port?: number;
  dataDir?: string;
  replay?: string;
  speed?: number;
  symbol?: string;
  badTickBand?: number;
}

/**
 * The `floor` command line. `serve` validates its options (commander reports a bad value as
 * `error: option '--port <n>' argument 'x' is invalid. expected ...` and exits 1), prepares the data
 * folder, starts the terminal, prints `Floor ready: <launch URL>` and installs the shutdown policy.
 * A start-up failure prints `floor: <reason>` to stderr and exits 1.
 */
export function createProgram(deps: CliDependencies, version: string): Command {
  const log = (line: string): void => deps.stderr(`${line}\n`);
  const program = new Command('floor')
    .description('Floor: an execution terminal for Interactive Brokers traders.')
    .version(version)
    .configureOutput({ writeOut: (text) => deps.stdout(text), writeErr: (text) => deps.stderr(text) })
    .showHelpAfterError('(run `floor serve --help` for the options)');

  program
    .command('serve')
    .description('Run the terminal headless and print a one-time URL to open it in a Chromium-based browser.')
    .option('--port <n>', 'TCP port on 127.0.0.1, 0..65535 (default: any free port)', parsePort)
    .option('--data-dir <dir>', `folder for the database and settings (default: ${(deps.defaultDataDir ?? defaultDataDir)()})`)
    .option('--replay <message_csv>', 'replay a LOBSTER message file (.csv or .csv.gz) instead of the synthetic market', parseReplayFile)
    .option('--speed <x>', 'replay speed, 0.1..1000 times real time (default: 1)', parseSpeed)
    .option('--symbol <stock>', 'the US stock to trade when Settings > Gateway sets the venue to Interactive Brokers, e.g. AAPL', parseSymbol)
    .option('--bad-tick-band <pct>', 'prints further than this from the prevailing quote are excluded from the breaker, tape and chart, 0.01..100 (default: 5)', parseBadTickBand)
    .action(async (flags: ServeFlags) => {
      let terminal: RunningTerminal;
      try {
        const dataDir = prepareDataDir(flags.dataDir ?? (deps.defaultDataDir ?? defaultDataDir)());
        terminal = await deps.startTerminal({
          ...(flags.port === undefined ? {} : { port: flags.port }),
          dataDir,
          ...(flags.replay === undefined ? {} : { replay: flags.replay }),
          ...(flags.speed === undefined ? {} : { speed: flags.speed }),
          ...(flags.symbol === undefined ? {} : { symbol: flags.symbol }),
          ...(flags.badTickBand === undefined ? {} : { badTickBandBps: flags.badTickBand }),
          rendererDir: deps.rendererDir,
        });
      } catch (error) {
        log(`floor: ${messageOf(error)}`);
        deps.process.exit(1);
        return;
      }
      installShutdown(() => terminal.close(), { ...deps.process, log });
      deps.stdout(`Floor ready: ${terminal.host.launchUrl()}\n`);
    });

  /** What every subcommand writes to and exits through; those with a data folder also get its default. */
  const io = { stdout: deps.stdout, stderr: deps.stderr, exit: (code: number) => deps.process.exit(code) };
  const withDataDir = { ...io, defaultDataDir: deps.defaultDataDir ?? defaultDataDir };
  program.addCommand(createLedgerCommand(withDataDir));
  program.addCommand(createKeysCommand(withDataDir));
  program.addCommand(createIbCommand({ ...io, onSignal: (signal, handler) => deps.process.onSignal(signal, handler), floorVersion: version }));
  program.addCommand(createReplayCommand(io));

  registerAutomationCommands(program, {
    ...defaultAutomationDependencies(withDataDir, (dataDir) => chooseClientKeyStore(dataDir).store),
    ...deps.automation,
  });

  return program;
}
