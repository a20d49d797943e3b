import type { BrowserWindowConstructorOptions } from 'electron';

/**
 * The one set of BrowserWindow options Floor uses (Electron security checklist,
 * electronjs.org/docs/latest/tutorial/security): isolated context, OS sandbox, no Node in the page,
 * web security on, no insecure content, no webview tag. `iconPath` is the window icon (Linux and
 * Windows; macOS takes the bundle's). Pure, so it is unit-tested without Electron.
 */
export function mainWindowOptions(preloadPath: string, iconPath?: string): BrowserWindowConstructorOptions {
  return {
    ...(iconPath === undefined ? {} : { icon: iconPath }),
    width: 1600,
    height: 1000,
    minWidth: 1100,
    minHeight: 700,
    backgroundColor: '#0d1117',
    title: 'Floor',
    show: false,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    },
  };
}
