import { randomBytes } from 'node:crypto';
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/**
 * The discovery file: how `floor order` and other local clients find the running terminal. The
 * terminal writes `<data dir>/floor.endpoint.json` once its host listens and removes it on a clean
 * shutdown. It holds no secret (the API is authenticated by request signatures), but it is written
 * with mode 0600 so other local users do not learn where the terminal listens.
 */
export const ENDPOINT_FILE = 'floor.endpoint.json';

/** Contents of the discovery file. */
export const endpointSchema = z
  .object({
    /** TCP port on 127.0.0.1. */
    port: z.number().int().min(1).max(65_535),
    /** Process id of the terminal. */
    pid: z.number().int().positive(),
    /** `http://localhost:<port>`. */
    origin: z.string().regex(/^http:\/\/localhost:[0-9]{1,5}$/),
    /** When the terminal started, Unix epoch ms. */
    startedAt: z.number().int().nonnegative(),
  })
  .strict();
export type TerminalEndpoint = z.infer<typeof endpointSchema>;

/** No running terminal could be found through the data folder; `message` says why and what to do. */
export class TerminalNotRunningError extends Error {
  override readonly name = 'TerminalNotRunningError';
  constructor(
    readonly kind: 'NOT_RUNNING' | 'STALE' | 'UNREADABLE',
    message: string,
  ) {
    super(message);
  }
}

/**
 * Writes the discovery file atomically (a temp file renamed over it, so a reader never sees half a
 * file), mode 0600.
 * @returns a function that removes the file if it still names this terminal (same pid and port): a
 *   second terminal started on the same folder since then keeps its own file.
 */
export function writeEndpointFile(dataDir: string, endpoint: TerminalEndpoint): () => void {
  const file = path.join(dataDir, ENDPOINT_FILE);
  const temp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  writeFileSync(temp, `${JSON.stringify(endpointSchema.parse(endpoint))}\n`, { mode: 0o600 });
  renameSync(temp, file);
  return () => {
    let current: TerminalEndpoint | undefined;
    try {
      current = endpointSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
    } catch {
      return;
    }
    if (current.pid === endpoint.pid && current.port === endpoint.port) rmSync(file, { force: true });
  };
}

/** True when a process with `pid` exists (signal 0 checks without signalling; EPERM means it exists under another user). */
export function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Reads the discovery file of `dataDir` and checks that its process is alive.
 * @throws TerminalNotRunningError NOT_RUNNING (no file), UNREADABLE (not the documented JSON), or
 *   STALE (its pid is gone: the terminal crashed or was killed; the file is left for the next start to replace).
 */
export function readEndpointFile(dataDir: string, isAlive: (pid: number) => boolean = processExists): TerminalEndpoint {
  const file = path.join(dataDir, ENDPOINT_FILE);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new TerminalNotRunningError('NOT_RUNNING', `Floor is not running on ${dataDir} (no ${ENDPOINT_FILE}); start it with \`floor serve\` or the desktop app, or pass the right --data-dir`);
    }
    throw new TerminalNotRunningError('UNREADABLE', `cannot read ${file}: ${(error as Error).message}`);
  }
  let endpoint: TerminalEndpoint;
  try {
    endpoint = endpointSchema.parse(JSON.parse(text));
  } catch {
    throw new TerminalNotRunningError('UNREADABLE', `${file} is not a Floor endpoint file ({ port, pid, origin, startedAt }); restart Floor to rewrite it`);
  }
  if (!isAlive(endpoint.pid)) {
    throw new TerminalNotRunningError('STALE', `Floor is not running: ${file} names process ${endpoint.pid}, which has exited (the terminal crashed or was killed); start Floor again`);
  }
  return endpoint;
}
