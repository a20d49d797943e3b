import { FixedPointError, parseDollars } from '../../../shared';
import type { DailyBar } from './daily-bar';

/** The header of Yahoo Finance's daily history CSV, the only layout accepted. */
export const DAILY_BARS_CSV_HEADER = 'Date,Open,High,Low,Close,Adj Close,Volume';

/** At most this many problems are listed in one error, so a wrong file gives a readable message. */
const MAX_LISTED_PROBLEMS = 10;

/** One problem in a daily-bars CSV: 1-based line number in the file and what is wrong there. */
export interface DailyBarsCsvProblem {
  readonly line: number;
  readonly message: string;
}

/** A daily-bars CSV is malformed. `problems` lists each bad line (up to 10) with its line number. */
export class DailyBarsCsvError extends Error {
  override readonly name = 'DailyBarsCsvError';
  constructor(
    readonly problems: readonly DailyBarsCsvProblem[],
    readonly more: number,
  ) {
    super(
      `the daily bars CSV is malformed: ${problems.map((p) => `line ${p.line}: ${p.message}`).join('; ')}` +
        (more > 0 ? `; and ${more} more problem${more === 1 ? '' : 's'}` : ''),
    );
  }
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const WHOLE_NUMBER = /^\d{1,15}$/;
const PRICE_COLUMNS = ['Open', 'High', 'Low', 'Close', 'Adj Close'] as const;

/**
 * Parses Yahoo Finance's daily history CSV (`Date,Open,High,Low,Close,Adj Close,Volume`, one row per
 * trading day, prices in dollars with up to 6 decimals, see ../shared/data/README.md) into bars with
 * integer micro-dollar prices, exactly (no binary float on the way).
 *
 * Rules: the header must be exactly that line (a UTF-8 BOM and CRLF line ends are accepted); every row
 * has 7 fields; dates are real calendar dates in strictly increasing order; prices are positive decimal
 * dollars (Yahoo's "null" for a missing value is refused); volume is a whole number of shares; blank
 * lines only at the end. OHLC ordering is NOT checked: real data has rows with Open < Low (two SPY rows
 * of 2015 in the test data), and the correlation cap uses only Adj Close.
 *
 * @throws DailyBarsCsvError listing each malformed line with its 1-based line number (up to 10).
 */
export function parseDailyBarsCsv(text: string): DailyBar[] {
  const lines = (text.startsWith('\uFEFF') ? text.slice(1) : text).split(/\r?\n/);
  while (lines.length > 0 && lines[lines.length - 1]!.trim() === '') lines.pop();
  const problems: DailyBarsCsvProblem[] = [];
  let total = 0;
  const report = (line: number, message: string): void => {
    total += 1;
    if (problems.length < MAX_LISTED_PROBLEMS) problems.push({ line, message });
  };

  if (lines.length === 0) throw new DailyBarsCsvError([{ line: 1, message: `the file is empty; expected the header ${DAILY_BARS_CSV_HEADER}` }], 0);
  if (lines[0]!.trim() !== DAILY_BARS_CSV_HEADER) {
    throw new DailyBarsCsvError(
      [{ line: 1, message: `expected the header ${DAILY_BARS_CSV_HEADER}, got ${JSON.stringify(lines[0]!.slice(0, 80))}` }],
      0,
    );
  }
  if (lines.length === 1) throw new DailyBarsCsvError([{ line: 2, message: 'the file has a header but no daily rows' }], 0);

  const bars: DailyBar[] = [];
  let previousDate = '';
  for (let index = 1; index < lines.length; index += 1) {
    const lineNumber = index + 1;
    const fields = lines[index]!.split(',');
    if (fields.length !== 7) {
      report(lineNumber, `expected 7 comma-separated fields (${DAILY_BARS_CSV_HEADER}), got ${fields.length}`);
      continue;
    }
    const [date = '', ...rest] = fields.map((f) => f.trim());
    const rowProblems: string[] = [];
    if (!isCalendarDate(date)) rowProblems.push(`Date ${JSON.stringify(date)} is not a YYYY-MM-DD calendar date`);
    else if (previousDate !== '' && date <= previousDate) {
      rowProblems.push(`Date ${date} is not after the previous row's ${previousDate}; dates must strictly increase`);
    }
    const prices: number[] = [];
    PRICE_COLUMNS.forEach((column, i) => {
      const price = parsePrice(rest[i] ?? '');
      if (typeof price === 'string') rowProblems.push(`${column} ${price}`);
      else prices.push(price);
    });
    const volumeText = rest[5] ?? '';
    if (!WHOLE_NUMBER.test(volumeText)) rowProblems.push(`Volume ${JSON.stringify(volumeText)} is not a whole number of shares`);
    if (rowProblems.length > 0) {
      report(lineNumber, rowProblems.join(', '));
      if (isCalendarDate(date) && date > previousDate) previousDate = date;
      continue;
    }
    previousDate = date;
    const [open, high, low, close, adjClose] = prices as [number, number, number, number, number];
    bars.push({ date, open, high, low, close, adjClose, volume: Number(volumeText) });
  }
  if (total > 0) throw new DailyBarsCsvError(problems, total - problems.length);
  return bars;
}

/** Micro-dollars of a positive decimal dollar text, or a description of what is wrong with it. */
function parsePrice(text: string): number | string {
  if (text === '' || text.toLowerCase() === 'null') return `is missing (${JSON.stringify(text)})`;
  try {
    const micros = parseDollars(text);
    return micros > 0 ? micros : `${JSON.stringify(text)} is not above $0`;
  } catch (error) {
    if (error instanceof FixedPointError) return `${JSON.stringify(text)} is not a dollar amount with at most 6 decimals`;
    throw error;
  }
}

/** True for a real "YYYY-MM-DD" date (no 2021-02-30). */
export function isCalendarDate(text: string): boolean {
  const m = ISO_DATE.exec(text);
  if (!m) return false;
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return new Date(t).toISOString().slice(0, 10) === text;
}
