import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';
import { messageOf, Emitter, type Event } from '../../shared';
import { LEDGER_BUSY_TIMEOUT_MS } from './database';

/**
 * SQLite's own automatic checkpoint threshold, pages (https://sqlite.org/pragma.html#pragma_wal_autocheckpoint).
 * Restored on the ledger's connection whenever no background checkpointer is running.
 */
export const DEFAULT_WAL_AUTOCHECKPOINT_PAGES = 1_000;

/**
 * How often the background thread checkpoints, ms. A checkpoint with nothing new in the log costs
 * a few microseconds, so an idle terminal pays nothing. Under NORMAL durability a commit is not
 * fsynced until the next checkpoint, so this also bounds how much a power cut can take (the
 * automatic checkpoint bounded it only by 1,000 pages, which a quiet day may take hours to fill).
 */
export const DEFAULT_CHECKPOINT_INTERVAL_MS = 1_000;

/** How long `stop()` waits for a checkpoint in progress to finish before cutting the thread off, ms. */
const STOP_WAIT_MS = 5_000;

/** One background checkpoint's outcome (the row of PRAGMA wal_checkpoint). */
export interface CheckpointReport {
  /** Frames in the write-ahead log when the checkpoint ran. */
  readonly logFrames: number;
  /** Frames of it now copied into the database file. */
  readonly checkpointedFrames: number;
  /** Wall time the checkpoint took on the background thread, ms. */
  readonly ms: number;
}

/** Options of WalCheckpointer.start. */
export interface WalCheckpointerOptions {
  /** Between checkpoints, ms; default DEFAULT_CHECKPOINT_INTERVAL_MS. */
  readonly intervalMs?: number;
  /** Told when the thread fails; the ledger's connection then checkpoints by itself again. */
  readonly onError?: (error: Error) => void;
}

/** Slots of the control block shared with the thread (Int32Array indexes). */
const STOP = 0;
const CLOSED = 1;

/**
 * The thread's code. Plain CommonJS evaluated by `new Worker(..., { eval: true })`, so it needs no
 * separate bundle entry (the Electron build and the tests run the same code). It opens its own
 * connection to the ledger file, checkpoints PASSIVE every interval (never waiting for, and never
 * blocking, the terminal's connection), sleeps on the control block between checkpoints so `stop()`
 * wakes it at once, and acknowledges its close through the block.
 */
const WORKER_SOURCE = `
const { workerData, parentPort } = require('node:worker_threads');
const Database = require(workerData.driver);
const control = new Int32Array(workerData.control);
let db;
try {
  db = new Database(workerData.file, { fileMustExist: true });
  db.pragma('busy_timeout = ' + workerData.busyTimeoutMs);
  parentPort.postMessage({ kind: 'ready' });
  let last = { log: 0, checkpointed: 0 };
  while (Atomics.load(control, ${STOP}) === 0) {
    Atomics.wait(control, ${STOP}, 0, workerData.intervalMs);
    if (Atomics.load(control, ${STOP}) !== 0) break;
    const started = performance.now();
    const row = db.pragma('wal_checkpoint(PASSIVE)')[0];
    // Report progress only: an idle log answers the same numbers every interval.
    if (row.log > 0 && (row.log !== last.log || row.checkpointed !== last.checkpointed)) {
      parentPort.postMessage({ kind: 'checkpoint', logFrames: row.log, checkpointedFrames: row.checkpointed, ms: performance.now() - started });
    }
    last = row;
  }
} catch (error) {
  parentPort.postMessage({ kind: 'error', message: error && error.message ? error.message : String(error) });
} finally {
  try { if (db) db.close(); } finally {
    Atomics.store(control, ${CLOSED}, 1);
    Atomics.notify(control, ${CLOSED});
  }
}
`;

type WorkerMessage =
  | { readonly kind: 'ready' }
  | ({ readonly kind: 'checkpoint' } & CheckpointReport)
  | { readonly kind: 'error'; readonly message: string };

/**
 * Checkpoints the ledger's write-ahead log on a background thread, so the terminal's thread never
 * stalls in one. SQLite checkpoints automatically inside the commit that pushes the log past 1,000
 * pages: that commit then copies the log into the database and fsyncs both files, 3 to 8 ms on the
 * reference VM's disk, every ~60 orders (one order writes ~17 pages). That was the p99 of the ticket
 * RPC. SQLite's documented remedy is to turn the automatic checkpoint off and checkpoint from a
 * separate thread (https://sqlite.org/wal.html#application_initiated_checkpoints); a PASSIVE
 * checkpoint runs beside the writer without blocking it (https://sqlite.org/c3ref/wal_checkpoint_v2.html).
 *
 * Nothing about durability or atomicity changes: commits still go through the same log with the same
 * `synchronous` setting, and the log is fsynced before it is copied, as with the automatic
 * checkpoint. The automatic checkpoint stays on until the thread reports it is ready, and comes back
 * if the thread fails, so the log never grows without bound.
 *
 * Only for a database file (an in-memory database has no write-ahead log).
 */
export class WalCheckpointer {
  private readonly reportEmitter = new Emitter<CheckpointReport>();
  /** After each background checkpoint that found frames in the log. */
  readonly onDidCheckpoint: Event<CheckpointReport> = this.reportEmitter.event;
  private readonly control = new Int32Array(new SharedArrayBuffer(2 * Int32Array.BYTES_PER_ELEMENT));
  /** Undefined when the thread could not even be created (the connection then checkpoints by itself). */
  private readonly worker: Worker | undefined;
  private stopped = false;
  private exited = false;

  private constructor(
    private readonly db: Database.Database,
    options: WalCheckpointerOptions,
  ) {
    const intervalMs = options.intervalMs ?? DEFAULT_CHECKPOINT_INTERVAL_MS;
    if (!Number.isInteger(intervalMs) || intervalMs < 1) {
      throw new RangeError(`checkpoint interval must be a whole number of ms >= 1, got ${String(options.intervalMs)}`);
    }
    const onError = options.onError ?? ((error: Error) => console.error(error));
    let failed = false;
    const fail = (error: Error): void => {
      this.restoreAutomaticCheckpoints();
      // A thread that reported an error then exits: one report is enough.
      if (!this.stopped && !failed) onError(error);
      failed = true;
    };
    let worker: Worker;
    try {
      worker = new Worker(WORKER_SOURCE, {
        eval: true,
        workerData: {
          // Resolved here, where module resolution knows where the terminal's better-sqlite3 lives.
          driver: createRequire(import.meta.url).resolve('better-sqlite3'),
          file: db.name,
          control: this.control.buffer,
          intervalMs,
          busyTimeoutMs: LEDGER_BUSY_TIMEOUT_MS,
        },
      });
    } catch (error) {
      // Checkpoints are an optimisation of where the work runs, never a reason not to trade.
      this.worker = undefined;
      this.exited = true;
      fail(new Error(`the ledger's checkpoint thread could not start: ${messageOf(error)}`, { cause: error }));
      return;
    }
    this.worker = worker;
    // A background checkpointer must never keep the process alive on its own.
    worker.unref();
    worker.on('message', (message: WorkerMessage) => {
      if (message.kind === 'ready') {
        if (!this.stopped) db.pragma('wal_autocheckpoint = 0');
      } else if (message.kind === 'checkpoint') {
        this.reportEmitter.fire({ logFrames: message.logFrames, checkpointedFrames: message.checkpointedFrames, ms: message.ms });
      } else {
        fail(new Error(`the ledger's background checkpoint failed: ${message.message}`));
      }
    });
    worker.on('error', (error) => fail(new Error(`the ledger's checkpoint thread crashed: ${error.message}`, { cause: error })));
    worker.on('exit', (code) => {
      this.exited = true;
      if (!this.stopped) fail(new Error(`the ledger's checkpoint thread exited unexpectedly (code ${code})`));
    });
  }

  /**
   * Starts checkpointing `db`'s file on a background thread. A thread that cannot start or fails
   * later is reported to `options.onError`, and the connection checkpoints by itself again.
   * @throws TypeError for an in-memory or read-only database; RangeError for a bad interval.
   */
  static start(db: Database.Database, options: WalCheckpointerOptions = {}): WalCheckpointer {
    if (db.memory || db.readonly) {
      throw new TypeError('background checkpoints need a writable database file (an in-memory database has no write-ahead log)');
    }
    return new WalCheckpointer(db, options);
  }

  /**
   * Stops the thread (waiting up to 5 s for a checkpoint in progress, so the caller's own final
   * checkpoint does not find the log busy) and gives checkpoints back to the connection. Idempotent.
   */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    Atomics.store(this.control, STOP, 1);
    Atomics.notify(this.control, STOP);
    // Blocking is fine here: only shutdown calls this, and the thread answers within one checkpoint.
    if (!this.exited && Atomics.wait(this.control, CLOSED, 0, STOP_WAIT_MS) === 'timed-out') void this.worker?.terminate();
    this.reportEmitter.dispose();
    this.restoreAutomaticCheckpoints();
  }

  private restoreAutomaticCheckpoints(): void {
    if (this.db.open) this.db.pragma(`wal_autocheckpoint = ${DEFAULT_WAL_AUTOCHECKPOINT_PAGES}`);
  }
}
