/**
 * The preload bridge: a few named functions, never a generic ipcRenderer (Electron security
 * checklist, "Do not expose Electron APIs to untrusted web content"). Each maps to one IPC channel
 * whose main-process handler validates the sender and the arguments.
 */
import { contextBridge, ipcRenderer } from 'electron';

const bridge = {
  /** Opens the native save dialog for `suggestedName` and writes `content` (UTF-8). Resolves true when saved. */
  saveTextFile: (suggestedName: string, content: string): Promise<boolean> =>
    ipcRenderer.invoke('floor:save-text-file', suggestedName, content) as Promise<boolean>,
  /** Shows an OS notification. */
  notify: (title: string, body: string): Promise<void> => ipcRenderer.invoke('floor:notify', title, body) as Promise<void>,
};

export type FloorBridge = typeof bridge;

contextBridge.exposeInMainWorld('floorDesktop', bridge);
