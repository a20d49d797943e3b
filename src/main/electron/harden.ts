import { app, session, type WebContents } from 'electron';
import { navigationDecision, windowOpenDecision } from './navigation-policy';
import { permissionDecision } from './permissions';

function log(line: string): void {
  process.stderr.write(`floor: ${line}\n`);
}

/**
 * Locks Floor's session and every web contents to the host origin (Electron security checklist,
 * electronjs.org/docs/latest/tutorial/security, items 5, 11, 12, 13, 14): permission requests and
 * checks go through the deny-by-default table (permissions.ts); navigation and redirects of any
 * frame leave the host origin never; `window.open` is denied; `<webview>` cannot attach; Web
 * Bluetooth and WebHID/WebUSB/Web Serial devices are refused. Refusals the page asked for are logged
 * to stderr, so a reviewer sees what a compromised page tried.
 *
 * Must run before the first BrowserWindow is created: `web-contents-created` only reaches later ones.
 * @param hostOrigin `http://localhost:<port>`.
 */
export function hardenSessionAndContents(hostOrigin: string): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((webContents, permission, callback, details) => {
    const decision = permissionDecision(permission, details.requestingUrl || webContents.getURL(), hostOrigin);
    if (!decision.granted) log(decision.reason);
    callback(decision.granted);
  });
  // Checks are synchronous queries (e.g. navigator.permissions.query) that Chromium makes often: no log.
  ses.setPermissionCheckHandler((_webContents, permission, requestingOrigin) => permissionDecision(permission, requestingOrigin, hostOrigin).granted);
  // WebHID, WebUSB and Web Serial ask this one, not the permission handlers; WebAuthn's security keys do not go through it.
  ses.setDevicePermissionHandler(() => false);

  app.on('web-contents-created', (_event, contents: WebContents) => {
    const guard = (details: { url: string; preventDefault(): void }): void => {
      const decision = navigationDecision(details.url, hostOrigin);
      if (decision.allow) return;
      details.preventDefault();
      log(decision.reason);
    };
    // will-navigate is the main frame's; will-frame-navigate (Electron >= 25) adds iframes; will-redirect catches a server redirect away.
    contents.on('will-navigate', guard);
    contents.on('will-frame-navigate', guard);
    contents.on('will-redirect', guard);
    contents.on('will-attach-webview', (event) => {
      event.preventDefault();
      log('a <webview> was refused: Floor embeds no other page');
    });
    contents.setWindowOpenHandler(({ url }) => {
      const decision = windowOpenDecision(url);
      log(decision.reason);
      return { action: decision.action };
    });
    // Without a listener Electron picks the first Bluetooth device it finds for navigator.bluetooth.requestDevice.
    contents.on('select-bluetooth-device', (event, _devices, callback) => {
      event.preventDefault();
      callback('');
    });
  });
}
