import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DESKTOP_BRIDGE_FUNCTIONS, DESKTOP_CHANNELS, type FloorDesktopBridge } from '../../../src/shared/desktop-bridge';

// The thin files that import 'electron' (harden.ts, ipc.ts, the preload), run against a fake
// 'electron' module: the Electron binary is not installed on build machines, and what matters here
// is that the wiring hands every event to the policy and acts on its answer.

type Listener = (...args: never[]) => unknown;

const fake = vi.hoisted(() => {
  const appListeners = new Map<string, (...args: unknown[]) => void>();
  const handlers = new Map<string, (event: unknown, ...args: unknown[]) => unknown>();
  const session = {
    requestHandler: undefined as undefined | ((...args: unknown[]) => void),
    checkHandler: undefined as undefined | ((...args: unknown[]) => boolean),
    deviceHandler: undefined as undefined | ((...args: unknown[]) => boolean),
  };
  const exposed = new Map<string, unknown>();
  return {
    appListeners,
    handlers,
    session,
    exposed,
    showSaveDialog: vi.fn(),
    notificationShown: vi.fn(),
    notificationSupported: vi.fn(() => true),
    canPromptTouchID: vi.fn(() => true),
    promptTouchID: vi.fn(),
    invoke: vi.fn(),
  };
});

vi.mock('electron', () => ({
  app: { on: (event: string, listener: (...args: unknown[]) => void) => fake.appListeners.set(event, listener) },
  session: {
    defaultSession: {
      setPermissionRequestHandler: (handler: (...args: unknown[]) => void) => (fake.session.requestHandler = handler),
      setPermissionCheckHandler: (handler: (...args: unknown[]) => boolean) => (fake.session.checkHandler = handler),
      setDevicePermissionHandler: (handler: (...args: unknown[]) => boolean) => (fake.session.deviceHandler = handler),
    },
  },
  ipcMain: { handle: (channel: string, handler: (event: unknown, ...args: unknown[]) => unknown) => fake.handlers.set(channel, handler) },
  BrowserWindow: { fromWebContents: () => null },
  dialog: { showSaveDialog: fake.showSaveDialog },
  Notification: class {
    static isSupported = fake.notificationSupported;
    constructor(readonly options: { title: string; body: string }) {}
    show(): void {
      fake.notificationShown(this.options);
    }
  },
  systemPreferences: { canPromptTouchID: fake.canPromptTouchID, promptTouchID: fake.promptTouchID },
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => fake.exposed.set(key, api) },
  ipcRenderer: { invoke: fake.invoke },
}));

const HOST = 'http://localhost:4567';
const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
afterAll(() => stderr.mockRestore());
beforeEach(() => stderr.mockClear());

/** A fake WebContents that records its listeners and window-open handler. */
function fakeContents() {
  const listeners = new Map<string, Listener>();
  let openHandler: ((details: { url: string }) => { action: string }) | undefined;
  return {
    on: (event: string, listener: Listener) => listeners.set(event, listener),
    setWindowOpenHandler: (handler: typeof openHandler) => (openHandler = handler),
    emit: (event: string, ...args: unknown[]) => (listeners.get(event) as (...a: unknown[]) => unknown)(...args),
    has: (event: string) => listeners.has(event),
    open: (url: string) => openHandler!({ url }),
  };
}

function navigationEvent(url: string) {
  return { url, preventDefault: vi.fn() };
}

describe('harden.ts wiring', async () => {
  const { hardenSessionAndContents } = await import('../../../src/main/electron/harden');
  hardenSessionAndContents(HOST);
  const contents = fakeContents();
  fake.appListeners.get('web-contents-created')!({}, contents);

  it('answers permission requests from the table: the Floor page asking for the camera is refused and logged', () => {
    const callback = vi.fn();
    fake.session.requestHandler!({ getURL: () => `${HOST}/` }, 'media', callback, { requestingUrl: `${HOST}/` });
    expect(callback).toHaveBeenCalledWith(false);
    expect(String(stderr.mock.calls[0]?.[0])).toBe("floor: permission 'media' denied: camera and microphone are not used by Floor\n");
  });

  it('answers permission checks and device requests with a refusal', () => {
    expect(fake.session.checkHandler!(null, 'notifications', HOST, {})).toBe(false);
    expect(fake.session.deviceHandler!({ deviceType: 'hid', origin: HOST })).toBe(false);
  });

  it('blocks navigation and redirects of any frame to a foreign origin, and lets the host origin through', () => {
    for (const event of ['will-navigate', 'will-frame-navigate', 'will-redirect']) {
      const away = navigationEvent('https://evil.example/');
      contents.emit(event, away);
      expect(away.preventDefault, event).toHaveBeenCalledOnce();
      const home = navigationEvent(`${HOST}/orders`);
      contents.emit(event, home);
      expect(home.preventDefault, event).not.toHaveBeenCalled();
    }
  });

  it('denies window.open and refuses webviews', () => {
    expect(contents.open('https://evil.example/')).toEqual({ action: 'deny' });
    expect(contents.open(`${HOST}/`)).toEqual({ action: 'deny' });
    const attach = { preventDefault: vi.fn() };
    contents.emit('will-attach-webview', attach);
    expect(attach.preventDefault).toHaveBeenCalledOnce();
  });

  it('cancels Web Bluetooth device selection instead of letting Electron pick the first device', () => {
    const event = { preventDefault: vi.fn() };
    const callback = vi.fn();
    contents.emit('select-bluetooth-device', event, [{ deviceId: 'x', deviceName: 'Keyboard' }], callback);
    expect(event.preventDefault).toHaveBeenCalledOnce();
    expect(callback).toHaveBeenCalledWith('');
  });
});

describe('ipc.ts handlers', async () => {
  const { registerIpcHandlers } = await import('../../../src/main/electron/ipc');
  registerIpcHandlers(HOST);
  const fromHost = { senderFrame: { url: `${HOST}/`, parent: null }, sender: {} };
  const fromEvil = { senderFrame: { url: 'https://evil.example/', parent: null }, sender: {} };
  // Like ipcMain.handle: a handler that throws synchronously rejects the page's promise.
  const call = (channel: string, event: unknown, ...args: unknown[]) => new Promise((resolve) => resolve(fake.handlers.get(channel)!(event, ...args)));
  const dir = mkdtempSync(path.join(os.tmpdir(), 'floor-ipc-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const realPlatform = process.platform;
  const setPlatform = (platform: NodeJS.Platform) => Object.defineProperty(process, 'platform', { value: platform });
  afterEach(() => {
    setPlatform(realPlatform);
    fake.showSaveDialog.mockReset();
    fake.promptTouchID.mockReset();
  });

  it('registers exactly one handler per bridge channel', () => {
    expect([...fake.handlers.keys()].sort()).toEqual(Object.values(DESKTOP_CHANNELS).sort());
  });

  it('refuses a foreign sender before any dialog opens or file is written', async () => {
    await expect(call(DESKTOP_CHANNELS.saveTextFile, fromEvil, 'fills.csv', 'a,b')).rejects.toThrow(/not the Floor page/);
    await expect(call(DESKTOP_CHANNELS.saveTextFile, { ...fromHost, senderFrame: { url: `${HOST}/`, parent: {} } }, 'fills.csv', 'a,b')).rejects.toThrow(/subframe/);
    expect(fake.showSaveDialog).not.toHaveBeenCalled();
  });

  it('writes the text where the trader chose, and reports a cancelled dialog as false', async () => {
    const target = path.join(dir, 'fills.csv');
    fake.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: target });
    await expect(call(DESKTOP_CHANNELS.saveTextFile, fromHost, 'fills.csv', 'side,qty\nBUY,100\n')).resolves.toBe(true);
    expect(fake.showSaveDialog).toHaveBeenCalledWith({ defaultPath: 'fills.csv' });
    expect(readFileSync(target, 'utf8')).toBe('side,qty\nBUY,100\n');
    fake.showSaveDialog.mockResolvedValueOnce({ canceled: true, filePath: '' });
    await expect(call(DESKTOP_CHANNELS.saveTextFile, fromHost, 'fills.csv', 'x')).resolves.toBe(false);
  });

  it('refuses a path as the suggested name without opening the dialog', async () => {
    await expect(call(DESKTOP_CHANNELS.saveTextFile, fromHost, '../../.bashrc', 'x')).rejects.toThrow(/plain file name/);
    expect(fake.showSaveDialog).not.toHaveBeenCalled();
  });

  it('shows a checked notification, and refuses when the OS has no notification service', async () => {
    await call(DESKTOP_CHANNELS.notify, fromHost, 'Filled', 'BUY 100 SIM @ 100.01');
    expect(fake.notificationShown).toHaveBeenCalledWith({ title: 'Filled', body: 'BUY 100 SIM @ 100.01' });
    fake.notificationSupported.mockReturnValueOnce(false);
    await expect(call(DESKTOP_CHANNELS.notify, fromHost, 'Filled', 'x')).rejects.toThrow('notify: this system has no notification service');
    await expect(call(DESKTOP_CHANNELS.notify, fromEvil, 'Filled', 'x')).rejects.toThrow(/refused/);
  });

  it('reports Touch ID as unsupported off macOS without touching systemPreferences', async () => {
    setPlatform('linux');
    await expect(call(DESKTOP_CHANNELS.promptTouchID, fromHost, 'approve orders')).resolves.toEqual({
      outcome: 'unsupported',
      detail: 'Touch ID exists only on macOS; this is linux. Use Windows Hello or a security key.',
    });
    expect(fake.promptTouchID).not.toHaveBeenCalled();
  });

  it('on macOS asks Touch ID with the trimmed reason and maps success and cancellation', async () => {
    setPlatform('darwin');
    fake.promptTouchID.mockResolvedValueOnce(undefined);
    await expect(call(DESKTOP_CHANNELS.promptTouchID, fromHost, ' approve orders ')).resolves.toEqual({ outcome: 'verified' });
    expect(fake.promptTouchID).toHaveBeenCalledWith('approve orders');
    fake.promptTouchID.mockRejectedValueOnce(new Error('User canceled'));
    await expect(call(DESKTOP_CHANNELS.promptTouchID, fromHost, 'approve orders')).resolves.toEqual({ outcome: 'not-verified', detail: 'User canceled' });
  });

  it('refuses a second Touch ID prompt while one is open, and a bad reason before any prompt', async () => {
    setPlatform('darwin');
    let finish: () => void = () => undefined;
    fake.promptTouchID.mockReturnValueOnce(new Promise<void>((resolve) => (finish = resolve)));
    const first = call(DESKTOP_CHANNELS.promptTouchID, fromHost, 'approve orders');
    await expect(call(DESKTOP_CHANNELS.promptTouchID, fromHost, 'approve orders')).rejects.toThrow('promptTouchID: refused, a Touch ID prompt is already open');
    finish();
    await expect(first).resolves.toEqual({ outcome: 'verified' });
    await expect(call(DESKTOP_CHANNELS.promptTouchID, fromHost, '')).rejects.toThrow(/reason must be/);
    expect(fake.promptTouchID).toHaveBeenCalledOnce();
  });
});

describe('preload bridge', async () => {
  await import('../../../src/preload/index');
  const bridge = fake.exposed.get('floorDesktop') as FloorDesktopBridge;

  it('exposes exactly the named functions as window.floorDesktop, and nothing else', () => {
    expect([...fake.exposed.keys()]).toEqual(['floorDesktop']);
    expect(Object.keys(bridge).sort()).toEqual([...DESKTOP_BRIDGE_FUNCTIONS]);
    for (const name of DESKTOP_BRIDGE_FUNCTIONS) expect(typeof bridge[name]).toBe('function');
  });

  it('sends each function on its own channel with the arguments as given', async () => {
    fake.invoke.mockResolvedValueOnce(true);
    await expect(bridge.saveTextFile('fills.csv', 'x')).resolves.toBe(true);
    expect(fake.invoke).toHaveBeenLastCalledWith(DESKTOP_CHANNELS.saveTextFile, 'fills.csv', 'x');
    fake.invoke.mockResolvedValueOnce(undefined);
    await bridge.notify('Filled', 'body');
    expect(fake.invoke).toHaveBeenLastCalledWith(DESKTOP_CHANNELS.notify, 'Filled', 'body');
  });

  it('turns the Touch ID outcome into a boolean, or a "Touch ID unsupported" rejection', async () => {
    fake.invoke.mockResolvedValueOnce({ outcome: 'verified' });
    await expect(bridge.promptTouchID('approve orders')).resolves.toBe(true);
    expect(fake.invoke).toHaveBeenLastCalledWith(DESKTOP_CHANNELS.promptTouchID, 'approve orders');
    fake.invoke.mockResolvedValueOnce({ outcome: 'not-verified', detail: 'User canceled' });
    await expect(bridge.promptTouchID('approve orders')).resolves.toBe(false);
    fake.invoke.mockResolvedValueOnce({ outcome: 'unsupported', detail: 'Touch ID exists only on macOS; this is linux.' });
    await expect(bridge.promptTouchID('approve orders')).rejects.toThrow('Touch ID unsupported: Touch ID exists only on macOS; this is linux.');
  });
});
