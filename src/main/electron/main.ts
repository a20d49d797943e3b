/**
 * The Electron shell: the only code that imports 'electron'. It starts the same terminal that
 * `floor serve` runs, sets the host's session cookie on its own session (no launch token in a URL),
 * and opens one hardened window on http://localhost:<port>.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, Menu, session, type MenuItemConstructorOptions } from 'electron';
import { startTerminal } from '../app';
import { hardenSessionAndContents } from './harden';
import { registerIpcHandlers } from './ipc';
import { mainWindowOptions } from './window-options';

const here = path.dirname(fileURLToPath(import.meta.url));

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

  const window = new BrowserWindow(mainWindowOptions(path.join(here, '../preload/index.cjs'), path.join(here, '../../resources/icon.png')));
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
