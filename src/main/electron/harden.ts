import { app, session, type WebContents } from 'electron';
import { isPermissionAllowed, sameOrigin } from './permissions';

/**
 * Locks every web contents to the host origin: navigation elsewhere is blocked, new windows are
 * denied, webviews cannot attach, and permission requests/checks go through the allow-list.
 */
export function hardenSessionAndContents(hostOrigin: string): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((webContents, permission, callback) => {
    callback(isPermissionAllowed(permission, webContents.getURL(), hostOrigin));
  });
  ses.setPermissionCheckHandler((_webContents, permission, requestingOrigin) =>
    isPermissionAllowed(permission, requestingOrigin, hostOrigin),
  );

  app.on('web-contents-created', (_event, contents: WebContents) => {
    contents.on('will-navigate', (event, url) => {
      if (!sameOrigin(url, hostOrigin)) event.preventDefault();
    });
    contents.on('will-redirect', (event, url) => {
      if (!sameOrigin(url, hostOrigin)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
}
