import { describe, expect, it } from 'vitest';
import { mainWindowOptions } from '../../../src/main/electron/window-options';

// The window factory is the one place a BrowserWindow's webPreferences come from; these pin every
// setting of Electron's security checklist that lives there.
describe('Electron window factory', () => {
  it('keeps the renderer isolated, sandboxed and without Node in the page, its workers or its frames', () => {
    const prefs = mainWindowOptions('/app/preload.cjs').webPreferences!;
    expect(prefs).toMatchObject({
      preload: '/app/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
    });
  });

  it('keeps web security on: same-origin policy, no insecure content, no experimental Blink features', () => {
    const prefs = mainWindowOptions('/app/preload.cjs').webPreferences!;
    expect(prefs).toMatchObject({ webSecurity: true, allowRunningInsecureContent: false, experimentalFeatures: false });
    expect(prefs.enableBlinkFeatures).toBeUndefined();
  });

  it('refuses <webview> tags and navigation by dropping a file on the window', () => {
    const prefs = mainWindowOptions('/app/preload.cjs').webPreferences!;
    expect(prefs.webviewTag).toBe(false);
    expect(prefs.navigateOnDragDrop).toBe(false);
  });

  it('lets the trader silence a page that opens dialog after dialog', () => {
    expect(mainWindowOptions('/app/preload.cjs').webPreferences!.safeDialogs).toBe(true);
  });

  it('stays hidden until the first paint, so the trader never sees a blank window', () => {
    expect(mainWindowOptions('/app/preload.cjs').show).toBe(false);
  });

  it('shows the Floor icon when one is given, and no icon key otherwise', () => {
    expect(mainWindowOptions('/app/preload.cjs', '/app/resources/icon.png').icon).toBe('/app/resources/icon.png');
    expect('icon' in mainWindowOptions('/app/preload.cjs')).toBe(false);
  });
});
