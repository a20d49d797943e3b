import { rpcMethods, type RpcResult } from '../../../../shared';

/**
 * The daily-bars import for the correlation cap: a CSV in the Yahoo Finance layout
 * (`Date,Open,High,Low,Close,Adj Close,Volume`) sent with `bars.import` for one instrument.
 */

/** The host's size limit for one CSV (contract: bars.import), in characters. */
export const MAX_BARS_CSV_CHARS = 5_000_000;

/** The header line the host expects. */
export const BARS_CSV_HEADER = 'Date,Open,High,Low,Close,Adj Close,Volume';

const TICKER = /^[A-Z][A-Z0-9.]{0,11}$/;

/**
 * Guesses the instrument from a file name: the leading ticker before "_", "-", "." or a space
 * ("GOOG_daily.csv" -> "GOOG", "spy-2024.csv" -> "SPY"); null when the name does not start with one.
 */
export function instrumentFromFileName(fileName: string): string | null {
  const match = /^([A-Za-z][A-Za-z0-9]{0,11})(?:[_\-. ]|$)/.exec(fileName.trim());
  if (!match?.[1]) return null;
  const ticker = match[1].toUpperCase();
  return TICKER.test(ticker) ? ticker : null;
}

/** What is wrong with the import before it is sent, per input; empty when it can be sent. */
export interface BarsImportProblems {
  readonly instrument?: string;
  readonly file?: string;
}

/**
 * Checks the instrument text and the chosen file (name, size in bytes) against the contract's limits.
 * The CSV's rows are checked by the host, which answers with the first bad line.
 */
export function checkBarsImport(instrument: string, file: { readonly name: string; readonly size: number } | null): BarsImportProblems {
  const problems: { instrument?: string; file?: string } = {};
  const ticker = instrument.trim().toUpperCase();
  if (ticker === '') problems.instrument = 'Enter the instrument the bars belong to, e.g. GOOG.';
  else if (!TICKER.test(ticker)) problems.instrument = `"${instrument.trim()}" is not a ticker like GOOG (capital letters, digits, dot; at most 12).`;
  if (file === null) problems.file = `Choose a CSV file with the header ${BARS_CSV_HEADER}.`;
  else if (file.size === 0) problems.file = `${file.name} is empty.`;
  else if (file.size > MAX_BARS_CSV_CHARS) problems.file = `${file.name} is ${(file.size / 1_000_000).toFixed(1)} MB; the limit is 5 MB.`;
  return problems;
}

/**
 * The `bars.import` request for a CSV's text, validated against the contract's request schema.
 * @throws Error naming the problem when the text is empty, too large, or the instrument is invalid.
 */
export function barsImportRequest(instrument: string, csv: string): { instrumentId: string; csv: string } {
  const request = { instrumentId: instrument.trim().toUpperCase(), csv };
  const parsed = rpcMethods['bars.import'].request.safeParse(request);
  if (!parsed.success) throw new Error(parsed.error.issues.map((issue) => issue.message).join('; '));
  return parsed.data;
}

/** "Imported 2,345 days of GOOG, 2004-08-19 to 2013-12-31." */
export function describeBarsImport(result: RpcResult<'bars.import'>): string {
  return `Imported ${result.days.toLocaleString('en-US')} days of ${result.instrumentId}, ${result.firstDate} to ${result.lastDate}.`;
}
