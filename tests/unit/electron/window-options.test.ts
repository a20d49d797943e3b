import { describe, expect, it } from 'vitest';
import { isPermissionAllowed, sameOrigin } from '../../../src/main/electron/permissions';
import { mainWindowOptions } from '../../../src/main/electron/window-options';

describe('Electron window hardening', () => {
  it('keeps the renderer isolated, sandboxed and without Node', () => {
    const prefs = mainWindowOptions('/app/preload.cjs').webPreferences!;
    expect(prefs).toMatchObject({
      preload: '/app/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });

  it('shows the Floor icon when one is given, and no icon key otherwise', () => {
    expect(mainWindowOptions('/app/preload.cjs', '/app/resources/icon.png').icon).toBe('/app/resources/icon.png');
    expect('icon' in mainWindowOptions('/app/preload.cjs')).toBe(false);
  });

  it('denies permissions that are not in the table, and any permission from a foreign origin', () => {
    const host = 'http://localhost:4567';
    expect(isPermissionAllowed('notifications', 'http://localhost:4567/', host)).toBe(true);
    expect(isPermissionAllowed('media', 'http://localhost:4567/', host)).toBe(false);
    expect(isPermissionAllowed('geolocation', 'http://localhost:4567/', host)).toBe(false);
    expect(isPermissionAllowed('notifications', 'https://evil.example/', host)).toBe(false);
  });

  it('treats only the exact host origin (scheme, host, port) as same-origin', () => {
    const host = 'http://localhost:4567';
    expect(sameOrigin('http://localhost:4567/orders', host)).toBe(true);
    expect(sameOrigin('http://localhost:4568/', host)).toBe(false);
    expect(sameOrigin('https://localhost:4567/', host)).toBe(false);
    expect(sameOrigin('not a url', host)).toBe(false);
  });
});
