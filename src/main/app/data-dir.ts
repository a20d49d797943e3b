import { homedir } from 'node:os';
import path from 'node:path';

/** Product name; Electron's `app.getPath('userData')` is `<appData>/<productName>`. */
export const PRODUCT_NAME = 'Floor';

/**
 * The per-user folder that holds Floor's SQLite database and settings: the same folder Electron's
 * `app.getPath('userData')` returns for productName "Floor", so the desktop app and `floor serve`
 * share one ledger.
 *
 * - Linux and other Unixes: `$XDG_CONFIG_HOME/Floor`, or `~/.config/Floor` when XDG_CONFIG_HOME is
 *   unset or not absolute (XDG Base Directory spec: relative values are invalid and ignored).
 * - macOS: `~/Library/Application Support/Floor`.
 * - Windows: `%APPDATA%\Floor`, or `<home>\AppData\Roaming\Floor` when APPDATA is unset.
 * (Electron docs, app.getPath: "appData" per platform.)
 *
 * @param platform `process.platform` value; injectable for tests.
 * @param env environment variables; injectable for tests.
 * @param home the user's home directory; injectable for tests.
 * @returns an absolute path in the platform's own syntax. The folder may not exist yet.
 */
export function defaultDataDir(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
  home: string = homedir(),
): string {
  if (platform === 'win32') {
    const appData = env.APPDATA !== undefined && path.win32.isAbsolute(env.APPDATA) ? env.APPDATA : path.win32.join(home, 'AppData', 'Roaming');
    return path.win32.join(appData, PRODUCT_NAME);
  }
  if (platform === 'darwin') return path.posix.join(home, 'Library', 'Application Support', PRODUCT_NAME);
  const xdg = env.XDG_CONFIG_HOME;
  const configHome = xdg !== undefined && path.posix.isAbsolute(xdg) ? xdg : path.posix.join(home, '.config');
  return path.posix.join(configHome, PRODUCT_NAME);
}
