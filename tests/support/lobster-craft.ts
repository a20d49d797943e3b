import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

/**
 * Bad LOBSTER days for tests, crafted from the real GOOG 2012-06-21 files in ../shared/data/lobster
 * (read by relative path; the crafted copies go to a temp folder the test owns and removes, never into
 * the repository). Each craft gets its own sub-folder so the LOBSTER file names stay as they are.
 */

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const LOBSTER = path.resolve(repoRoot, '../shared/data/lobster');

/** The GOOG level-10 pairs: the 2,000-row excerpt (plain orderbook) and the full day (orderbook gzipped). */
export const GOOG_PAIRS = {
  excerpt: {
    message: path.join(LOBSTER, 'excerpts/GOOG_2012-06-21_34200000_57600000_message_10_first2000.csv'),
    orderbook: path.join(LOBSTER, 'excerpts/GOOG_2012-06-21_34200000_57600000_orderbook_10_first2000.csv'),
  },
  day: {
    message: path.join(LOBSTER, 'GOOG_2012-06-21_34200000_57600000_message_10.csv'),
    orderbook: path.join(LOBSTER, 'GOOG_2012-06-21_34200000_57600000_orderbook_10.csv.gz'),
  },
} as const;

/** Rows of a LOBSTER file without the trailing newline; index i is line i + 1. */
export type Lines = string[];

/** How to change the pair: edit the lines of either file, or the orderbook file's raw bytes (e.g. a flipped gzip byte). */
export interface Craft {
  readonly from: keyof typeof GOOG_PAIRS;
  readonly messages?: (lines: Lines) => Lines;
  readonly orderbook?: (lines: Lines) => Lines;
  /** Applied to the orderbook file's bytes as stored (gzip for the day), instead of `orderbook`. */
  readonly orderbookBytes?: (bytes: Buffer) => Buffer;
  /** Write the message file without its final newline (a file cut mid-line). */
  readonly noFinalNewline?: boolean;
}

/** Paths of a crafted pair, named as LOBSTER names them. */
export interface CraftedPair {
  readonly message: string;
  readonly orderbook: string;
}

/** Reads a LOBSTER file (gunzipping .gz) into lines. */
export function readLines(file: string): Lines {
  const bytes = readFileSync(file);
  const text = (file.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('latin1');
  return text.replace(/\n$/, '').split('\n');
}

/**
 * Writes a crafted copy of a GOOG pair into a new folder under `dir`. The orderbook file keeps its
 * form: the day's stays gzipped (copied byte for byte unless `orderbookBytes` changes it; `orderbook`
 * line edits on the day write a plain `.csv` beside the message file instead).
 */
export function craftPair(dir: string, craft: Craft): CraftedPair {
  const source = GOOG_PAIRS[craft.from];
  const folder = mkdtempSync(path.join(dir, `${craft.from}-`));
  const message = path.join(folder, path.basename(source.message));
  const messageLines = craft.messages ? craft.messages(readLines(source.message)) : undefined;
  if (messageLines) writeFileSync(message, messageLines.join('\n') + (craft.noFinalNewline || messageLines.length === 0 ? '' : '\n'));
  else copyFileSync(source.message, message);

  let orderbook = path.join(folder, path.basename(source.orderbook));
  if (craft.orderbook) {
    orderbook = orderbook.replace(/\.gz$/, '');
    writeFileSync(orderbook, craft.orderbook(readLines(source.orderbook)).join('\n') + '\n');
  } else if (craft.orderbookBytes) {
    writeFileSync(orderbook, craft.orderbookBytes(readFileSync(source.orderbook)));
  } else {
    copyFileSync(source.orderbook, orderbook);
  }
  return { message, orderbook };
}

/** LOBSTER time text ("34200.015105074") as nanoseconds after midnight, exactly (9 decimals at most). */
export function lobsterNanos(text: string): number {
  const [whole, fraction = ''] = text.split('.');
  return Number(whole) * 1_000_000_000 + Number(fraction.padEnd(9, '0').slice(0, 9));
}

/** Field `k` (0-based) of a LOBSTER line. */
export function field(line: string, k: number): string {
  return line.split(',')[k]!;
}

/** The line with field `k` replaced. */
export function withField(line: string, k: number, value: string): string {
  const fields = line.split(',');
  fields[k] = value;
  return fields.join(',');
}
