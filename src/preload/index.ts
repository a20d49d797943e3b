/**
 * The preload bridge: named functions only, never a generic ipcRenderer (Electron security
 * checklist item 19 "Do not expose Electron APIs to untrusted web content"). Each function maps to
 * one IPC channel whose main-process handler checks the sender and the arguments
 * (src/main/electron/ipc.ts). The contract, names and documentation are in src/shared/desktop-bridge.ts.
 *
 * Sandboxed preloads get no Node: only the `electron` module and what the bundler inlines, which is
 * why the contract file is import-free.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { DESKTOP_CHANNELS, touchIdAnswer, type FloorDesktopBridge } from '../shared/desktop-bridge';

const bridge: FloorDesktopBridge = {
  saveTextFile: (suggestedName, content) => ipcRenderer.invoke(DESKTOP_CHANNELS.saveTextFile, suggestedName, content) as Promise<boolean>,
  notify: (title, body) => ipcRenderer.invoke(DESKTOP_CHANNELS.notify, title, body) as Promise<void>,
  promptTouchID: async (reason) => touchIdAnswer(await ipcRenderer.invoke(DESKTOP_CHANNELS.promptTouchID, reason)),
};

contextBridge.exposeInMainWorld('floorDesktop', bridge);
