import { useTerminal } from '../../state';

/** The tooltip of "Keys: file": what the key file protects, what it does not, and the way out. */
export const KEY_FILE_TOOLTIP =
  "This terminal's signing key is in a file in its data folder (floor.keys.json), because this machine has no OS keychain. " +
  'The file can be read only by your user account, so other users of this machine cannot sign as this terminal. ' +
  'It does not protect against anything that can read your files (malware running as you, a backup, a copied data folder, ' +
  'a stolen disk): with the file, anyone can sign a ledger as this terminal. Paper trading only: live trading needs an OS ' +
  'keychain. Install and unlock one (gnome-keyring or KWallet on Linux), stop Floor and run `floor keys migrate`.';

/**
 * "Keys: file" in the header when the terminal's signing key lives in the data folder's key file
 * rather than an OS keychain (a machine without one); nothing when it is in the keychain.
 */
export function KeyStoreBadge() {
  const keyStore = useTerminal((state) => state.status?.keyStore ?? null);
  if (keyStore !== 'FILE') return null;
  return (
    <span className="key-store-badge" data-testid="header-key-store" data-store="file" title={KEY_FILE_TOOLTIP}>
      Keys: file
    </span>
  );
}
