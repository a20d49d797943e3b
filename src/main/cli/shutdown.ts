import { messageOf } from '../../shared';
/** Signals that stop `floor serve`: Ctrl-C in a terminal, and SIGTERM from service managers and `kill`. */
export const SHUTDOWN_SIGNALS = ['SIGINT', 'SIGTERM'] as const;
export type ShutdownSignal = (typeof SHUTDOWN_SIGNALS)[number];

/** Exit code after a forced stop: 128 + SIGINT (2), the shell convention for "killed by Ctrl-C". */
export const FORCED_EXIT_CODE = 130;

/**
 * Signals arriving this soon after the first are the same Ctrl-C delivered twice, not an impatient
 * trader: under `npm run serve` the terminal sends SIGINT to the whole process group and npm forwards
 * its own copy to the child. Without this window the duplicate would skip the clean shutdown.
 */
export const DUPLICATE_SIGNAL_WINDOW_MS = 500;

/** What the shutdown handler needs from the process; injectable for tests. */
export interface ShutdownProcess {
  onSignal(signal: ShutdownSignal, handler: () => void): void;
  exit(code: number): void;
  /** Monotonic ms clock. */
  now(): number;
  log(line: string): void;
}

/**
 * Installs the shutdown policy of `floor serve`:
 * first SIGINT/SIGTERM: `close()` (database closed, nothing half-written), then exit 0, or exit 1
 * when close fails; a second signal (after DUPLICATE_SIGNAL_WINDOW_MS) exits at once with 130.
 */
export function installShutdown(close: () => Promise<void>, proc: ShutdownProcess): void {
  let firstSignalAt: number | undefined;
  const onSignal = (signal: ShutdownSignal): void => {
    if (firstSignalAt === undefined) {
      firstSignalAt = proc.now();
      proc.log(`floor: ${signal} received, shutting down (press Ctrl-C again to force)`);
      close().then(
        () => proc.exit(0),
        (error: unknown) => {
          proc.log(`floor: shutdown failed: ${messageOf(error)}`);
          proc.exit(1);
        },
      );
      return;
    }
    if (proc.now() - firstSignalAt < DUPLICATE_SIGNAL_WINDOW_MS) return;
    proc.log(`floor: ${signal} received again, exiting without finishing shutdown`);
    proc.exit(FORCED_EXIT_CODE);
  };
  for (const signal of SHUTDOWN_SIGNALS) proc.onSignal(signal, () => onSignal(signal));
}
