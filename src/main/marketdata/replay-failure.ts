import { formatSessionNanos, type ReplayFailure, type SessionNanos } from '../../shared';
import { LobsterFormatError } from './lobster/format-error';

/**
 * What the trader is told about an error that stopped a replay: the file and line of LOBSTER data
 * errors (LobsterFormatError carries them), the message alone for anything else, and the market
 * time of the last good event (where book and clock stand).
 */
export function replayFailure(error: Error, marketTime: SessionNanos): ReplayFailure {
  if (error instanceof LobsterFormatError) return { file: error.file, line: error.line, reason: error.reason, marketTime };
  return { file: null, line: null, reason: error.message, marketTime };
}

/**
 * Thrown by a replay that stopped on bad data when asked to play past it (resume, start, or a seek
 * that runs into the bad line again). `code` CONFLICT: the request is fine, the replay's state
 * refuses it; the RPC layer passes the sentence on to the trader.
 */
export class ReplayFailedError extends Error {
  override readonly name = 'ReplayFailedError';
  readonly code = 'CONFLICT';

  constructor(readonly failure: ReplayFailure) {
    const where = failure.file === null ? '' : `${failure.file}:${failure.line}: `;
    super(
      `the replay stopped at ${where}${failure.reason}. Book and clock stand at the last good event, ${formatSessionNanos(failure.marketTime)} ET; ` +
        'seek to a time before it, or open another file',
    );
  }
}
