import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, readFileSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { assertCredentialAccount, CredentialStoreUnavailableError, type CredentialStore } from './credential-store';
import { messageOf } from '../../shared';

/** Name of the key file inside the data folder. */
export const KEY_FILE = 'floor.keys.json';

const keyFileSchema = z
  .object({
    /** Format version of the file. */
    version: z.literal(1),
    /** account -> secret (for the terminal key: its PKCS#8 PEM). */
    secrets: z.record(z.string().min(1).max(256), z.string().min(1)),
  })
  .strict();
type KeyFile = z.infer<typeof keyFileSchema>;

/** How the file is restricted to its owner on this platform (injectable for tests). */
export interface FilePermissions {
  /** Makes `file` readable and writable by the current user only. */
  restrict(file: string): void;
  /**
   * Throws (with the fix) when `file` can be read by anyone but its owner, or is not owned by the
   * current user; the way ssh refuses a private key "with permissions too open".
   */
  assertPrivate(file: string): void;
}

/**
 * POSIX: mode 0600 and the current uid as owner. Windows: the user-only ACL (inheritance removed,
 * full control granted to the current user alone, through icacls); Windows file modes mean nothing.
 */
export function platformFilePermissions(platform: NodeJS.Platform = process.platform): FilePermissions {
  if (platform === 'win32') {
    return {
      restrict: (file) => {
        const user = process.env.USERNAME;
        if (user === undefined || user.length === 0) throw new Error('cannot restrict the key file to the current user: USERNAME is not set');
        execFileSync('icacls', [file, '/inheritance:r', '/grant:r', `${user}:F`], { stdio: 'ignore', windowsHide: true });
      },
      // The ACL was set by restrict() when the file was written; Windows has no cheap mode check.
      assertPrivate: () => undefined,
    };
  }
  return {
    restrict: () => undefined, // the file is created with mode 0600 (see writeKeyFile)
    assertPrivate: (file) => {
      const stat = statSync(file);
      const uid = process.getuid?.();
      if (uid !== undefined && stat.uid !== uid) {
        throw new Error(`the key file ${file} belongs to uid ${stat.uid}, not to this user (uid ${uid}); Floor will not use a key file another user controls`);
      }
      if ((stat.mode & 0o077) !== 0) {
        throw new Error(
          `the key file ${file} can be read by other users (mode ${(stat.mode & 0o777).toString(8).padStart(3, '0')}); ` +
            `restrict it with \`chmod 600 ${file}\` and start Floor again`,
        );
      }
    },
  };
}

/**
 * A CredentialStore in one JSON file of the data folder (`floor.keys.json`), for machines without an
 * OS keychain (a headless Linux server, a container, a fresh VM): paper trading must start there.
 *
 * What it protects: the file is private to the user (mode 0600 on POSIX, a user-only ACL on Windows),
 * so other accounts of the machine cannot read the terminal's signing key. What it does not: anyone
 * or anything that can read this user's files (malware running as the user, a backup, a copied data
 * folder, a stolen unencrypted disk) gets the key and can sign a ledger as this terminal. An OS
 * keychain keeps the key encrypted at rest and out of the data folder; live trading needs one.
 *
 * Writes are atomic and durable: the whole file is written to a temporary file (created 0600),
 * fsynced, renamed over the old one and the folder fsynced, so a crash leaves the old or the new file,
 * never half of one. Errors are CredentialStoreUnavailableError naming the file and the fix.
 */
export class FileCredentialStore implements CredentialStore {
  /** Absolute path of the key file. */
  readonly file: string;

  /**
   * @param dataDir the terminal's data folder (must exist).
   * @param permissions how the file is kept private (the platform's rule unless a test passes its own).
   */
  constructor(
    dataDir: string,
    private readonly permissions: FilePermissions = platformFilePermissions(),
  ) {
    this.file = path.join(path.resolve(dataDir), KEY_FILE);
  }

  /** @throws CredentialStoreUnavailableError when the file is unreadable, malformed or not private. */
  get(account: string): string | null {
    assertCredentialAccount(account);
    return this.guard('get', account, () => this.read().secrets[account] ?? null);
  }

  /** @throws TypeError on an empty secret; CredentialStoreUnavailableError when the file cannot be written. */
  set(account: string, secret: string): void {
    assertCredentialAccount(account);
    if (typeof secret !== 'string' || secret.length === 0) throw new TypeError(`secret for account ${JSON.stringify(account)} must be a non-empty string`);
    this.guard('set', account, () => {
      const current = this.read();
      this.write({ version: 1, secrets: { ...current.secrets, [account]: secret } });
    });
  }

  /** Removes `account`; the file itself is removed with its last secret. */
  delete(account: string): boolean {
    assertCredentialAccount(account);
    return this.guard('delete', account, () => {
      const current = this.read();
      if (!(account in current.secrets)) return false;
      const { [account]: _removed, ...rest } = current.secrets;
      if (Object.keys(rest).length === 0) rmSync(this.file, { force: true });
      else this.write({ version: 1, secrets: rest });
      return true;
    });
  }

  /** Every account in the file (for `floor keys migrate`). */
  accounts(): string[] {
    return this.guard('get', '*', () => Object.keys(this.read().secrets));
  }

  /** True when the key file exists. */
  exists(): boolean {
    try {
      return statSync(this.file).isFile();
    } catch {
      return false;
    }
  }

  private read(): KeyFile {
    if (!this.exists()) return { version: 1, secrets: {} };
    this.permissions.assertPrivate(this.file);
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(this.file, 'utf8'));
    } catch (error) {
      throw new Error(`the key file ${this.file} is not valid JSON (${messageOf(error)})`);
    }
    const result = keyFileSchema.safeParse(parsed);
    if (!result.success) {
      const issue = result.error.issues[0];
      throw new Error(`the key file ${this.file} is not a Floor key file: ${issue?.path.join('.') || 'file'}: ${issue?.message ?? 'malformed'}`);
    }
    return result.data;
  }

  private write(contents: KeyFile): void {
    const temp = `${this.file}.${randomBytes(6).toString('hex')}.tmp`;
    const fd = openSync(temp, 'wx', 0o600);
    try {
      writeSync(fd, `${JSON.stringify(contents, null, 2)}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    try {
      this.permissions.restrict(temp);
      renameSync(temp, this.file);
    } catch (error) {
      rmSync(temp, { force: true });
      throw error;
    }
    syncFolder(path.dirname(this.file));
  }

  private guard<T>(operation: 'get' | 'set' | 'delete', account: string, work: () => T): T {
    try {
      return work();
    } catch (cause) {
      const detail = messageOf(cause);
      throw new CredentialStoreUnavailableError(operation, account, `cannot ${operation} the secret "${account}" in the key file: ${detail}`, { cause });
    }
  }
}

/** fsync of a folder makes a rename in it durable (POSIX); Windows cannot open folders for it, and NTFS journals renames. */
function syncFolder(folder: string): void {
  if (process.platform === 'win32') return;
  const fd = openSync(folder, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
