import type { BrowserWindowConstructorOptions } from 'electron';

/**
 * The one set of BrowserWindow options Floor uses: the window factory (Electron security checklist,
 * electronjs.org/docs/latest/tutorial/security, items 2, 3, 4, 6, 8, 9, 10): isolated context, OS
 * sandbox, no Node in the page or its workers and frames, web security on, no insecure content, no
 * experimental Blink features, no webview tag, no navigation by dropping a file on the window.
 * `iconPath` is the window icon (Linux and Windows; macOS takes the bundle's). Pure, so it is
 * unit-tested without Electron.
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
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      // Lets the trader stop a page that opens alert() after alert(), which would block the window.
      safeDialogs: true,
      spellcheck: false,
    },
  };
}
