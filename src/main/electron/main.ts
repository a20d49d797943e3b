/**
 * The Electron shell: the only code that imports 'electron'. It starts the same terminal that
 * `floor serve` runs, sets the host's session cookie on its own session (no launch token in a URL),
 * and opens one hardened window on http://localhost:<port>. The hardening (Electron's security
 * checklist) is in window-options.ts, harden.ts, permissions.ts, navigation-policy.ts, ipc.ts and
 * ipc-validation.ts; the packaged binary's fuses are in electron-builder.ts at the repo root.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, Menu, session, type MenuItemConstructorOptions } from 'electron';
import { startTerminal } from '../app';
import { PRODUCT_NAME } from '../app';
import { hardenSessionAndContents } from './harden';
import { registerIpcHandlers } from './ipc';
import { mainWindowOptions } from './window-options';

const here = path.dirname(fileURLToPath(import.meta.url));

// Electron names the profile folder after package.json's "name" (floor) when unpackaged; `floor serve`
// and the packaged app use "Floor". One folder for both, so they share one ledger; set before the
// single-instance lock, which lives in this folder. `--user-data-dir=DIR` (Chromium's switch, the
// desktop twin of `floor serve --data-dir`) picks another folder, as the Electron smoke test does.
const userDataSwitch = app.commandLine.getSwitchValue('user-data-dir');
app.setPath('userData', userDataSwitch ? path.resolve(userDataSwitch) : path.join(app.getPath('appData'), PRODUCT_NAME));
// Every renderer sandboxed, whatever options a future window is created with (checklist item 4).
app.enableSandbox();

async function launch(): Promise<void> {
  const terminal = await startTerminal({
    dataDir: app.getPath('userData'),
    rendererDir: path.join(here, '../renderer'),
  });
  const origin = terminal.host.origin;
  hardenSessionAndContents(origin);
  registerIpcHandlers(origin);

  const cookie = terminal.host.mintSessionCookie();
  await session.defaultSession.cookies.set({
    url: origin,
    name: cookie.name,
    value: cookie.value,
    httpOnly: true,
    sameSite: 'strict',
    path: '/',
  });

  const menu: MenuItemConstructorOptions[] = [{ role: 'fileMenu' }, { role: 'editMenu' }, { role: 'viewMenu' }, { role: 'windowMenu' }];
  Menu.setApplicationMenu(Menu.buildFromTemplate(process.platform === 'darwin' ? [{ role: 'appMenu' }, ...menu] : menu));

  // The packaged app ships only out/** (the OS takes the icon from the bundle); a dev run has resources/.
  const icon = path.join(here, '../../resources/icon.png');
  const window = new BrowserWindow(mainWindowOptions(path.join(here, '../preload/index.cjs'), existsSync(icon) ? icon : undefined));
  window.once('ready-to-show', () => window.show());
  await window.loadURL(origin + '/');

  let closing = false;
  app.on('before-quit', (event) => {
    if (closing) return;
    closing = true;
    event.preventDefault();
    void terminal.close().finally(() => app.exit(0));
  });
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    const [window] = BrowserWindow.getAllWindows();
    if (window) {
      if (window.isMinimized()) window.restore();
      window.focus();
    }
  });
  app.on('window-all-closed', () => app.quit());
  app.whenReady().then(launch, (error: unknown) => {
    console.error('Floor failed to start:', error);
    app.exit(1);
  });
}
