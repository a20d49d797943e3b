import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { SessionNanos } from '../../../shared';

/** What a LOBSTER file name says about its contents. */
export interface LobsterFileInfo {
  /** Ticker symbol, e.g. "GOOG". */
  readonly ticker: string;
  /** Session date, ISO "YYYY-MM-DD" (exchange local date). */
  readonly sessionDate: string;
  /** Session window, nanoseconds after local midnight (LOBSTER names carry it in ms: 34200000 = 09:30). */
  readonly sessionStart: SessionNanos;
  readonly sessionEnd: SessionNanos;
  /** Number of book levels N the files were built for. */
  readonly levels: number;
}

/** Explicit values that replace (or stand in for) what the file name would say. */
export type LobsterFileInfoOverride = Partial<LobsterFileInfo>;

/**
 * LOBSTER's naming scheme (lobsterdata.com sample ReadMe):
 * `TICKER_YYYY-MM-DD_<startMs>_<endMs>_<message|orderbook>_<N>.csv`, optionally `.gz`-compressed,
 * optionally with a `_<tag>` before `.csv` for excerpts (e.g. `_first2000`).
 */
const NAME = /^([A-Za-z0-9.^-]+)_(\d{4})-(\d{2})-(\d{2})_(\d{1,8})_(\d{1,8})_(message|orderbook)_(\d{1,3})(_[A-Za-z0-9-]+)?\.csv(\.gz)?$/;

const EXPECTED = 'expected TICKER_YYYY-MM-DD_34200000_57600000_message_N.csv (or _orderbook_N.csv, optionally .gz)';
const NS_PER_MS = 1_000_000;
const DAY_MS = 86_400_000;

/** Thrown when a LOBSTER file name or override does not describe a usable session. */
export class LobsterFileNameError extends Error {
  override readonly name = 'LobsterFileNameError';
}

/**
 * Reads ticker, session date, session window and level count from a LOBSTER file name; fields in
 * `override` win, and when `override` gives ticker, sessionDate and levels the name is not parsed at
 * all (the session window then defaults to 09:30-16:00).
 * @throws LobsterFileNameError naming the file and the expected pattern when the name does not fit
 *   and the override does not fill the gap, or when a value is out of range.
 */
export function lobsterFileInfo(file: string, override: LobsterFileInfoOverride = {}): LobsterFileInfo {
  const base = path.basename(file);
  const match = NAME.exec(base);
  let fromName: LobsterFileInfo | undefined;
  if (match) {
    const [, ticker, y, m, d, startMs, endMs, , levels] = match as unknown as string[];
    fromName = {
      ticker: ticker!,
      sessionDate: `${y}-${m}-${d}`,
      sessionStart: Number(startMs) * NS_PER_MS,
      sessionEnd: Number(endMs) * NS_PER_MS,
      levels: Number(levels),
    };
  } else if (override.ticker === undefined || override.sessionDate === undefined || override.levels === undefined) {
    throw new LobsterFileNameError(
      `${file}: the file name ${JSON.stringify(base)} does not follow LOBSTER's naming scheme; ${EXPECTED}, or pass ticker, sessionDate and levels explicitly`,
    );
  }
  const info: LobsterFileInfo = {
    ticker: override.ticker ?? fromName!.ticker,
    sessionDate: override.sessionDate ?? fromName!.sessionDate,
    sessionStart: override.sessionStart ?? fromName?.sessionStart ?? 34_200_000 * NS_PER_MS,
    sessionEnd: override.sessionEnd ?? fromName?.sessionEnd ?? 57_600_000 * NS_PER_MS,
    levels: override.levels ?? fromName!.levels,
  };
  validate(file, info);
  return info;
}

function validate(file: string, info: LobsterFileInfo): void {
  if (!/^[A-Za-z0-9.^-]{1,16}$/.test(info.ticker)) {
    throw new LobsterFileNameError(`${file}: ticker ${JSON.stringify(info.ticker)} is not a symbol; expected 1-16 letters, digits, '.', '^' or '-'`);
  }
  const dm = /^(\d{4})-(\d{2})-(\d{2})$/.exec(info.sessionDate);
  const date = dm ? new Date(Date.UTC(Number(dm[1]), Number(dm[2]) - 1, Number(dm[3]))) : undefined;
  if (!dm || !date || date.toISOString().slice(0, 10) !== info.sessionDate) {
    throw new LobsterFileNameError(`${file}: session date ${JSON.stringify(info.sessionDate)} is not a calendar date; expected YYYY-MM-DD`);
  }
  if (!Number.isInteger(info.levels) || info.levels < 1 || info.levels > 200) {
    throw new LobsterFileNameError(`${file}: level count ${info.levels} is out of range; expected a whole number 1..200`);
  }
  const { sessionStart, sessionEnd } = info;
  if (!Number.isSafeInteger(sessionStart) || !Number.isSafeInteger(sessionEnd) || sessionStart < 0 || sessionEnd > DAY_MS * NS_PER_MS || sessionStart >= sessionEnd) {
    throw new LobsterFileNameError(
      `${file}: session window ${sessionStart}..${sessionEnd} ns after midnight is not a window within one day; expected start < end, e.g. 34200000 (09:30) and 57600000 (16:00) ms in the name`,
    );
  }
}

/**
 * The orderbook file that belongs to `messageFile`: the same name with `_message_` replaced by
 * `_orderbook_`, in the same folder, plain `.csv` or `.csv.gz` (first that exists).
 * @throws LobsterFileNameError when the name has no `_message_` part or neither file exists.
 */
export function locateOrderbookFile(messageFile: string): string {
  const dir = path.dirname(messageFile);
  const base = path.basename(messageFile);
  if (!base.includes('_message_')) {
    throw new LobsterFileNameError(`${messageFile}: cannot derive the orderbook file name because the name has no "_message_" part; pass orderbookFile explicitly`);
  }
  const stem = base.replace('_message_', '_orderbook_').replace(/\.gz$/, '');
  const candidates = [path.join(dir, stem), path.join(dir, stem + '.gz')];
  const found = candidates.find((candidate) => existsSync(candidate));
  if (!found) {
    throw new LobsterFileNameError(`${messageFile}: no orderbook file next to it; looked for ${candidates.join(' and ')}; pass orderbookFile explicitly`);
  }
  return found;
}

/** A LOBSTER message file found on disk, with what its name says. */
export interface LobsterDay {
  /** Absolute path of the `*_message_N.csv[.gz]` file. */
  readonly file: string;
  readonly info: LobsterFileInfo;
}

/**
 * The LOBSTER message files of `ticker` in the folder of `messageFile` (itself included), by name:
 * the days a replay of that stock can switch to. Files whose name does not fit LOBSTER's scheme,
 * orderbook files and other stocks are left out; sorted by session date, then name.
 * @throws Error when the folder cannot be read.
 */
export function lobsterDaysBeside(messageFile: string, ticker: string): LobsterDay[] {
  const dir = path.dirname(path.resolve(messageFile));
  const days: LobsterDay[] = [];
  for (const name of readdirSync(dir)) {
    const match = NAME.exec(name);
    if (!match || match[7] !== 'message' || match[1] !== ticker) continue;
    const file = path.join(dir, name);
    try {
      days.push({ file, info: lobsterFileInfo(file) });
    } catch (error) {
      if (!(error instanceof LobsterFileNameError)) throw error;
    }
  }
  return days.sort((a, b) => a.info.sessionDate.localeCompare(b.info.sessionDate) || a.file.localeCompare(b.file));
}
