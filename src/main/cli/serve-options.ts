import { mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { InvalidArgumentError } from 'commander';

/** Replay speed bounds, the same as the `replay.control` RPC (src/shared/rpc/contract.ts): 0.1x..1000x real time. */
export const MIN_SPEED = 0.1;
export const MAX_SPEED = 1000;

/**
 * `--port N`: an integer 0..65535 (0 = any free port).
 * @throws InvalidArgumentError naming the expected range (commander prefixes the option and the value).
 */
export function parsePort(value: string): number {
  const port = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isInteger(port) || port > 65_535) {
    throw new InvalidArgumentError('expected a TCP port: an integer 0..65535 (0 = any free port).');
  }
  return port;
}

/**
 * `--speed X`: a replay speed multiple of real time, MIN_SPEED..MAX_SPEED (e.g. 1, 10, 0.5).
 * @throws InvalidArgumentError naming the expected range (commander prefixes the option and the value).
 */
export function parseSpeed(value: string): number {
  const speed = /^\d+(\.\d+)?$|^\.\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isFinite(speed) || speed < MIN_SPEED || speed > MAX_SPEED) {
    throw new InvalidArgumentError(`expected a replay speed from ${MIN_SPEED} to ${MAX_SPEED} times real time.`);
  }
  return speed;
}

/**
 * `--bad-tick-band PCT`: the bad-tick guard's band around the prevailing quote, a percentage 0.01..100
 * with at most two decimals (5 = 5%).
 * @returns basis points (5 -> 500).
 * @throws InvalidArgumentError naming what is expected.
 */
export function parseBadTickBand(value: string): number {
  const match = /^(\d{1,3})(?:\.(\d{1,2}))?$/.exec(value.trim());
  const bps = match ? Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0')) : Number.NaN;
  if (!(bps >= 1 && bps <= 10_000)) throw new InvalidArgumentError('expected a percentage from 0.01 to 100 with at most two decimals (e.g. 5 for 5%).');
  return bps;
}

/**
 * `--symbol STOCK`: a US stock symbol, 1..12 capital letters, digits or dots (AAPL, BRK.B); lower
 * case is taken as upper case.
 * @throws InvalidArgumentError naming what is expected.
 */
export function parseSymbol(value: string): string {
  const symbol = value.trim().toUpperCase();
  if (!/^[A-Z][A-Z0-9.]{0,11}$/.test(symbol)) throw new InvalidArgumentError('expected a US stock symbol: 1 to 12 letters, digits or dots, starting with a letter (e.g. AAPL, BRK.B).');
  return symbol;
}

/**
 * `--replay MESSAGE_CSV`: a LOBSTER message file (.csv or .csv.gz) that must exist.
 * @returns the absolute path.
 * @throws InvalidArgumentError when it does not exist or is not a file.
 */
export function parseReplayFile(value: string): string {
  const file = path.resolve(value);
  let isFile = false;
  try {
    isFile = statSync(file).isFile();
  } catch {
    throw new InvalidArgumentError(`LOBSTER message file not found: ${file}`);
  }
  if (!isFile) throw new InvalidArgumentError(`expected a LOBSTER message file, but ${file} is not a file.`);
  return file;
}

/**
 * Makes sure the data folder exists (creating parents as needed) and is a folder.
 * @returns the absolute path.
 * @throws Error naming the folder and the reason when it cannot be created.
 */
export function prepareDataDir(value: string): string {
  const dir = path.resolve(value);
  try {
    mkdirSync(dir, { recursive: true });
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'EEXIST' ? 'a file with that name exists' : (error as Error).message;
    throw new Error(`cannot use data folder ${dir}: ${reason}`);
  }
  if (!statSync(dir).isDirectory()) throw new Error(`cannot use data folder ${dir}: it is not a folder`);
  return dir;
}
