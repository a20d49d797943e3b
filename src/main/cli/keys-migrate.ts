import { existsSync } from 'node:fs';
import path from 'node:path';
import { Command } from 'commander';
import { messageOf, wallClock } from '../../shared';
import { DATABASE_FILE } from '../app';
import { readEndpointFile, TerminalNotRunningError } from '../host';
import { Ledger } from '../ledger';
import { KeyringCredentialStore, type CredentialStore } from '../security';
import { FileCredentialStore } from '../security';
import { keychainName, keychainProblem } from '../security';
import { loadOrCreateTerminalKey, terminalKeyAccount } from '../security';

/** What `floor keys migrate` touches outside itself (injectable for tests). */
export interface KeysMigrateDependencies {
  stdout(text: string): void;
  stderr(text: string): void;
  exit(code: number): void;
  defaultDataDir(): string;
  /** The OS keychain; KeyringCredentialStore unless a test passes its own. */
  keychain?(): CredentialStore;
  /** Whether a terminal runs on the data folder (its endpoint file names a live process). */
  terminalRunning?(dataDir: string): { pid: number } | null;
}

/** The outcome of migrateKeysToKeychain: the lines to print and the exit code. */
export interface KeysMigrateOutcome {
  readonly exitCode: 0 | 1;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Moves every secret of `<dataDir>/floor.keys.json` (the terminal signing key, and the CLI's API
 * keys) into the OS keychain, then records the move in the ledger and removes the file.
 *
 * Order, so that no crash loses a key: (1) copy each secret into the keychain and read it back;
 * (2) load the terminal key from the keychain (it must be the ledger's recorded key); (3) one ledger
 * transaction: ledger_key_store FILE -> KEYCHAIN and a signed `security.event` KEY_STORE_MIGRATED;
 * (4) delete the secrets from the file (the file goes with its last one). A crash before (3) leaves
 * the ledger on the file, which still has every key (run it again); after (3), the keychain has them.
 *
 * Refused (exit 1, nothing changed): a terminal running on the folder; no ledger, no key yet, or a
 * ledger already on the keychain (exit 0 then); a keychain that does not answer a round trip.
 */
export function migrateKeysToKeychain(dataDir: string, keychain: CredentialStore, running: { pid: number } | null): KeysMigrateOutcome {
  const refuse = (reason: string): KeysMigrateOutcome => ({ exitCode: 1, stdout: '', stderr: `floor: ${reason}\n` });
  if (running !== null) return refuse(`Floor is running on ${dataDir} (pid ${running.pid}); stop it first, then run \`floor keys migrate\` again`);
  const file = path.join(dataDir, DATABASE_FILE);
  if (!existsSync(file)) return refuse(`no ledger at ${file}: start Floor once with this data folder, or pass --data-dir`);
  const ledger = Ledger.open(file);
  try {
    const stores = ledger.keyStores;
    const recorded = stores.get();
    if (recorded === null) return refuse('this ledger has no terminal key yet; its first start puts the key in the OS keychain when one answers');
    if (recorded.store === 'KEYCHAIN') return { exitCode: 0, stdout: `the terminal key of ${dataDir} is already in ${keychainName()}; nothing to move\n`, stderr: '' };
    const problem = keychainProblem(keychain);
    if (problem !== null) return refuse(`${keychainName()} does not answer (${problem}); install and unlock one, then run \`floor keys migrate\` again`);
    const keyFile = new FileCredentialStore(dataDir);
    const identity = ledger.chain.identity();
    const terminalAccount = terminalKeyAccount(identity.ledgerId);
    const accounts = keyFile.accounts();
    if (!accounts.includes(terminalAccount)) return refuse(`the key file ${keyFile.file} holds no terminal key for this ledger (${terminalAccount}); restore it from a backup first`);
    for (const account of accounts) {
      const secret = keyFile.get(account)!;
      keychain.set(account, secret);
      if (keychain.get(account) !== secret) return refuse(`${keychainName()} did not keep the secret "${account}"; nothing was moved (the key file is unchanged)`);
    }
    const key = loadOrCreateTerminalKey(keychain, identity.ledgerId, identity.publicKeyPem, keychainName()).key;
    ledger.signWith(key);
    const at = wallClock.now();
    ledger.transaction(() => {
      stores.movedToKeychain(at);
      ledger.recordFact('security.event', { event: 'KEY_STORE_MIGRATED', details: { from: 'FILE', to: 'KEYCHAIN', keyFingerprint: key.fingerprint, secrets: accounts.length }, tsEvent: at });
    });
    for (const account of accounts) keyFile.delete(account);
    return {
      exitCode: 0,
      stdout: `moved ${accounts.length} secret(s) into ${keychainName()}, terminal key ${key.fingerprint}; removed ${keyFile.file}. The next start signs from the keychain.\n`,
      stderr: '',
    };
  } catch (error) {
    return refuse(`cannot move the keys: ${messageOf(error)}`);
  } finally {
    ledger.close();
  }
}

/** The running terminal on `dataDir`, from its endpoint file; null when none runs. */
function runningTerminal(dataDir: string): { pid: number } | null {
  try {
    return { pid: readEndpointFile(dataDir).pid };
  } catch (error) {
    if (error instanceof TerminalNotRunningError) return null;
    throw error;
  }
}

/** `floor keys migrate [--data-dir DIR]`: see migrateKeysToKeychain. */
export function createKeysCommand(deps: KeysMigrateDependencies): Command {
  const keys = new Command('keys').description("Where the terminal's signing key lives.");
  keys
    .command('migrate')
    .description('Move the signing key (and the CLI API keys) from the data folder\'s key file into the OS keychain; Floor must be stopped.')
    .option('--data-dir <dir>', `folder of the ledger (default: ${deps.defaultDataDir()})`)
    .action((flags: { dataDir?: string }) => {
      const dataDir = path.resolve(flags.dataDir ?? deps.defaultDataDir());
      const outcome = migrateKeysToKeychain(dataDir, deps.keychain?.() ?? new KeyringCredentialStore(), (deps.terminalRunning ?? runningTerminal)(dataDir));
      if (outcome.stdout !== '') deps.stdout(outcome.stdout);
      if (outcome.stderr !== '') deps.stderr(outcome.stderr);
      deps.exit(outcome.exitCode);
    });
  return keys;
}
