import { existsSync } from 'node:fs';
import path from 'node:path';
import { Command } from 'commander';
import { DATABASE_FILE } from '../app';
import { publicKeyFingerprint, type ChainVerification } from '../ledger/chain';
import { MIGRATIONS, openReadOnlyLedger, type ReadOnlyLedger } from '../ledger';
import { migration0005 } from '../ledger/migrations';
import { messageOf } from '../../shared';

/** What `floor ledger verify` touches outside itself. */
export interface LedgerVerifyDependencies {
  /** The verdict line(s). */
  stdout(text: string): void;
  /** Diagnostics (a file that cannot be opened). */
  stderr(text: string): void;
  /** Ends the process with 0 (intact) or 1 (anything else). */
  exit(code: number): void;
  /** Default for --data-dir. */
  defaultDataDir(): string;
}

/** Result of verifyLedgerFile: the exit code and the lines to print. */
export interface LedgerVerifyOutcome {
  readonly exitCode: 0 | 1;
  /** Printed on stdout. */
  readonly stdout: string;
  /** Printed on stderr. */
  readonly stderr: string;
}

/** Characters of the head hash shown in the OK line: 64 bits, enough to compare two copies by eye. */
const HASH_PREFIX = 16;

/**
 * Verifies the signed chain of the ledger file `file` without the keychain (the public key is
 * recorded in the ledger) and without writing to it (opened read-only; safe while the terminal runs).
 *
 * - intact: exit 0, `ledger OK: <N> entries, head <seq> <hash prefix>` and the key's fingerprint;
 * - tampered: exit 1, `ledger FAILED at seq <k> (<kind>): <reason>`;
 * - cannot verify (no file, schema older than 5, no key recorded while entries exist): exit 1 with
 *   the reason on stderr.
 */
export function verifyLedgerFile(file: string, options: { eachSignature?: boolean } = {}): LedgerVerifyOutcome {
  if (!existsSync(file)) return cannot(`no ledger at ${file} (start Floor once with this data folder, or pass --data-dir)`);
  let ledger: ReadOnlyLedger;
  try {
    ledger = openReadOnlyLedger(file);
  } catch (error) {
    return cannot(`cannot open ledger ${file}: ${messageOf(error)}`);
  }
  try {
    const version = ledger.schemaVersion;
    if (version < migration0005.version) {
      return cannot(`ledger ${file} has schema version ${version}; the signed chain starts at version ${migration0005.version}. Start this Floor once with the data folder to migrate it.`);
    }
    if (version > MIGRATIONS.length) {
      return cannot(`ledger ${file} has schema version ${version}, newer than this Floor (${MIGRATIONS.length}); verify it with a newer Floor.`);
    }
    const identity = ledger.chain.identity();
    if (identity.publicKeyPem === null) {
      const head = ledger.chain.head();
      const entries = ledger.chain.entryCount();
      if (head.seq === 0 && entries === 0) {
        return { exitCode: 0, stdout: `ledger OK: 0 entries, head 0 ${head.hash.slice(0, HASH_PREFIX)} (no terminal key recorded yet)\n`, stderr: '' };
      }
      return { exitCode: 1, stdout: 'ledger FAILED at seq 1 (no-key): the chain has entries but the ledger records no terminal public key\n', stderr: '' };
    }
    return describe(ledger.chain.verify(identity.publicKeyPem, { signatures: options.eachSignature ? 'each' : 'digest' }), publicKeyFingerprint(identity.publicKeyPem));
  } catch (error) {
    return cannot(`cannot verify ledger ${file}: ${messageOf(error)}`);
  } finally {
    ledger.close();
  }
}

function describe(result: ChainVerification, fingerprint: string): LedgerVerifyOutcome {
  if (result.ok) {
    return {
      exitCode: 0,
      stdout: `ledger OK: ${result.entries} entries, head ${result.headSeq} ${result.headHash.slice(0, HASH_PREFIX)}\nsigned by terminal key ${fingerprint}\n`,
      stderr: '',
    };
  }
  return { exitCode: 1, stdout: `ledger FAILED at seq ${result.firstBadSeq} (${result.kind}): ${result.reason}\n`, stderr: '' };
}

function cannot(reason: string): LedgerVerifyOutcome {
  return { exitCode: 1, stdout: '', stderr: `floor: ${reason}\n` };
}

/**
 * `floor ledger verify [--data-dir DIR] [--each-signature]`: see verifyLedgerFile. Reads
 * `<data dir>/floor.sqlite` (the terminal's DATABASE_FILE).
 */
export function createLedgerCommand(deps: LedgerVerifyDependencies): Command {
  const ledger = new Command('ledger').description('Inspect the signed ledger.');
  ledger
    .command('verify')
    .description('Check every entry of the signed ledger chain and its head checkpoint; exits 0 when intact, 1 otherwise.')
    .option('--data-dir <dir>', `folder of the ledger (default: ${deps.defaultDataDir()})`)
    .option('--each-signature', 'also verify every entry signature one by one (slower; the default checks them through the signed head)')
    .action((flags: { dataDir?: string; eachSignature?: boolean }) => {
      const file = path.join(path.resolve(flags.dataDir ?? deps.defaultDataDir()), DATABASE_FILE);
      const outcome = verifyLedgerFile(file, { eachSignature: flags.eachSignature === true });
      if (outcome.stdout !== '') deps.stdout(outcome.stdout);
      if (outcome.stderr !== '') deps.stderr(outcome.stderr);
      deps.exit(outcome.exitCode);
    });
  return ledger;
}
