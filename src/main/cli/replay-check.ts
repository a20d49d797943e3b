import { Command } from 'commander';
import { messageOf, formatSessionNanos, type SessionNanos } from '../../shared';
import { checkLobsterPair, type LobsterPairReport } from '../marketdata';
import { parseBadTickBand } from './serve-options';

/** What `floor replay check` touches outside itself. */
export interface ReplayCheckDependencies {
  /** The report. */
  stdout(text: string): void;
  /** A file that cannot be checked at all (bad name, missing orderbook file, unreadable). */
  stderr(text: string): void;
  /** 0 for a clean pair, 1 otherwise. */
  exit(code: number): void;
}

const KIND_NAMES = [
  ['ADD', 'add'],
  ['PARTIAL_CANCEL', 'partial cancel'],
  ['DELETE', 'delete'],
  ['EXECUTE_VISIBLE', 'visible execution'],
  ['EXECUTE_HIDDEN', 'hidden execution'],
  ['CROSS', 'cross'],
  ['HALT', 'halt'],
] as const;
/** Halt rows listed one by one; more are counted. */
const HALTS_LISTED = 10;

const count = (n: number): string => n.toLocaleString('en-US');

/** LOBSTER's own time text (seconds after midnight, 9 decimals) and the Eastern clock. */
function time(nanos: SessionNanos): string {
  return `${Math.floor(nanos / 1e9)}.${String(nanos % 1e9).padStart(9, '0')} (${formatSessionNanos(nanos)} ET)`;
}

/**
 * The report as the trader reads it: one line per fact, then `OK: ...` or `FAILED at <file>:<line>: ...`
 * with where the replay would stop.
 */
export function formatPairReport(report: LobsterPairReport): string {
  const { info } = report;
  const lines = [
    `${info.ticker} ${info.sessionDate}, ${info.levels} levels, session ${formatSessionNanos(info.sessionStart).slice(0, 8)}-${formatSessionNanos(info.sessionEnd).slice(0, 8)} ET`,
    `  message file    ${report.messageFile}`,
    `  orderbook file  ${report.orderbookFile}`,
    `  rows            ${count(report.rows)}${report.error === null ? ' in each file' : ' read before the error'}`,
    `  time range      ${report.firstTime === null || report.lastTime === null ? 'none' : `${time(report.firstTime)} to ${time(report.lastTime)}`}`,
    `  events          ${KIND_NAMES.map(([kind, name]) => `${name} ${count(report.counts[kind])}`).join(', ')}`,
    `  halts           ${report.halts.length === 0 ? 'none' : report.halts.slice(0, HALTS_LISTED).map((h) => `${h.phase} at ${formatSessionNanos(h.time)} (line ${h.line})`).join(', ')}${report.halts.length > HALTS_LISTED ? `, and ${report.halts.length - HALTS_LISTED} more` : ''}`,
    `  book check      ${count(report.rows)} messages agree with their orderbook row (${count(report.refills)} levels taken from the orderbook file as they came into view from beyond depth ${info.levels}, ${count(report.prunes)} removed out of view)`,
    `  bad prints      ${count(report.badPrints)} of ${count(report.prints)} prints lie more than ${report.bandBps / 100}% outside the quote (the replay keeps them off the breaker, tape and chart)`,
  ];
  if (report.error === null) {
    lines.push('OK: the pair will play to its end');
  } else {
    lines.push(`FAILED at ${report.error.message}`);
    lines.push(
      report.lastTime === null
        ? '  the replay cannot start'
        : `  the replay would stop after message ${count(report.rows)}, at ${formatSessionNanos(report.lastTime)} ET (the last good event)`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/**
 * `floor replay check MESSAGE_FILE [--orderbook FILE] [--bad-tick-band PCT]`: validates a LOBSTER pair
 * without starting the terminal (checkLobsterPair) and prints the report; exits 0 only on a clean pair.
 */
export function createReplayCommand(deps: ReplayCheckDependencies): Command {
  const replay = new Command('replay').description('Work with LOBSTER replay files.');
  replay
    .command('check')
    .description('Check a LOBSTER message file and its orderbook file the way the replay reads them; exits 0 only when the pair will play to its end.')
    .argument('<message_file>', 'a LOBSTER *_message_N.csv[.gz] file; its *_orderbook_N file is looked for beside it')
    .option('--orderbook <file>', 'the orderbook file, when it is not beside the message file under LOBSTER\'s name')
    .option('--bad-tick-band <pct>', 'the bad-tick band to judge prints by, 0.01..100 (default: 5, as floor serve)', parseBadTickBand)
    .action(async (messageFile: string, flags: { orderbook?: string; badTickBand?: number }) => {
      let report: LobsterPairReport;
      try {
        report = await checkLobsterPair(messageFile, flags.orderbook, flags.badTickBand);
      } catch (error) {
        deps.stderr(`floor: ${messageOf(error)}\n`);
        deps.exit(1);
        return;
      }
      deps.stdout(formatPairReport(report));
      deps.exit(report.error === null ? 0 : 1);
    });
  return replay;
}
