/**
 * The signed ledger chain (issue 5, point 6; targets: >= 20,000 signed appends/s, and
 * `floor ledger verify` over 1,000,000 entries in < 10 s).
 *
 * Appends: a ledger file in a temporary folder, opened as the paper terminal opens it (WAL,
 * synchronous NORMAL, WAL checkpoints on the background thread), a fresh Ed25519 terminal key, and
 * order-event-sized payloads (an OrderFilled, about 250 bytes of canonical JSON). Prints
 * - ledger_chain_sign: raw Ed25519 signatures/s of one core on this machine (node:crypto sign with
 *   the key's KeyObject, 32-byte messages): every transaction signs its last entry and its head;
 * - ledger_chain_appends: entries/s with one transaction per entry (Ledger.transaction around one
 *   ChainWriter.append, as an order event committed on its own): two Ed25519 signatures per entry,
 *   the entry's and the head's, so it can never exceed half of ledger_chain_sign;
 * - ledger_chain_appends_batched: entries/s with 100 entries per transaction through
 *   ChainWriter.batch (the last entry and the head signed once per transaction, migration 0013),
 *   the way a halt's cancels or an import are committed.
 *
 * Verify: a genuine 1,000,000-entry chain written by ChainWriter (batches of 10,000; untimed), then
 * timed: verifyLedgerFile, exactly what `floor ledger verify --data-dir DIR` runs (open read-only,
 * stream every row, recompute every hash and link, check the signature digest and the signed head).
 * Prints ledger_verify_1m (s).
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DATABASE_FILE } from '../../src/main/app/terminal';
import { verifyLedgerFile } from '../../src/main/cli/ledger-verify';
import { Ledger } from '../../src/main/ledger';
import { ChainWriter, type ChainPayload } from '../../src/main/ledger/chain';
import { TerminalSigningKey } from '../../src/main/security/terminal-key';
import { reportValue } from './report';
import { rawDatabase } from '../../src/main/ledger/raw-database';

/** About the size of an OrderFilled event as the ledger stores it. */
function fillPayload(i: number): ChainPayload {
  return {
    type: 'OrderFilled',
    eventId: `E-${i}`,
    clientOrderId: `O-${i >> 2}`,
    venueOrderId: String(100_000 + (i >> 2)),
    tradeId: `T-${i}`,
    instrumentId: 'AAPL',
    side: i % 2 === 0 ? 'BUY' : 'SELL',
    lastQty: 100,
    lastPrice: 190_250_000 + (i % 50) * 10_000,
    commission: 1_000_000,
    tsEvent: 1_700_000_000_000_000 + i,
    tsInit: 1_700_000_000_000_000 + i,
  };
}

function openLedger(dir: string, key: TerminalSigningKey): { ledger: Ledger; writer: ChainWriter } {
  const ledger = Ledger.open(path.join(dir, DATABASE_FILE), { durability: 'NORMAL', backgroundCheckpoints: {} });
  return { ledger, writer: ChainWriter.open(rawDatabase(ledger), key) };
}

function benchSign(key: TerminalSigningKey): void {
  const message = Buffer.alloc(32, 7);
  const n = 5_000;
  const start = performance.now();
  for (let i = 0; i < n; i++) key.sign(message);
  reportValue('ledger_chain_sign', n / ((performance.now() - start) / 1000), 'signatures/s (raw Ed25519, one core, 32-byte messages)');
}

function benchAppends(dir: string, key: TerminalSigningKey): void {
  const { ledger, writer } = openLedger(dir, key);
  const perEvent = 20_000;
  let start = performance.now();
  for (let i = 0; i < perEvent; i++) ledger.transaction(() => writer.append('venue.event', fillPayload(i)));
  reportValue('ledger_chain_appends', perEvent / ((performance.now() - start) / 1000), 'entries/s (1 entry per transaction; 2 Ed25519 signatures per entry: entry + head)');

  const batches = 400;
  const perBatch = 100;
  start = performance.now();
  for (let b = 0; b < batches; b++) {
    writer.batch(() => {
      for (let i = 0; i < perBatch; i++) writer.append('venue.event', fillPayload(b * perBatch + i));
    });
  }
  reportValue(
    'ledger_chain_appends_batched',
    (batches * perBatch) / ((performance.now() - start) / 1000),
    `entries/s (${perBatch} entries per transaction via ChainWriter.batch; 2 Ed25519 signatures per transaction: its last entry + head)`,
  );
  ledger.close();
}

function benchVerify(dir: string, key: TerminalSigningKey): void {
  const { ledger, writer } = openLedger(dir, key);
  const total = 1_000_000;
  const perBatch = 10_000;
  for (let b = 0; b < total / perBatch; b++) {
    writer.batch(() => {
      for (let i = 0; i < perBatch; i++) writer.append('venue.event', fillPayload(b * perBatch + i));
    });
  }
  ledger.close();

  const start = performance.now();
  const outcome = verifyLedgerFile(path.join(dir, DATABASE_FILE));
  const seconds = (performance.now() - start) / 1000;
  if (outcome.exitCode !== 0 || !outcome.stdout.startsWith(`ledger OK: ${total} entries`)) {
    throw new Error(`the benchmark ledger did not verify: ${outcome.stdout}${outcome.stderr}`);
  }
  reportValue('ledger_verify_1m', seconds, 's');
}

export default async function ledgerChainBench(): Promise<void> {
  const root = mkdtempSync(path.join(tmpdir(), 'floor-bench-chain-'));
  try {
    const key = TerminalSigningKey.generate();
    benchSign(key);
    const appendsDir = path.join(root, 'appends');
    const verifyDir = path.join(root, 'verify');
    for (const dir of [appendsDir, verifyDir]) mkdirSync(dir);
    benchAppends(appendsDir, key);
    benchVerify(verifyDir, key);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
