import { writeFile } from 'node:fs/promises';
import { BrowserWindow, dialog, ipcMain, Notification, type IpcMainInvokeEvent } from 'electron';
import { sameOrigin } from './permissions';

const MAX_TEXT_FILE_BYTES = 64 * 1024 * 1024;

/** Registers the handlers behind the preload's named functions; each checks the sender's origin and its arguments. */
export function registerIpcHandlers(hostOrigin: string): void {
  const fromHost = (event: IpcMainInvokeEvent): boolean => sameOrigin(event.senderFrame?.url ?? '', hostOrigin);

  ipcMain.handle('floor:save-text-file', async (event, suggestedName: unknown, content: unknown) => {
    if (!fromHost(event)) throw new Error('save-text-file: refused, the sender is not the Floor page');
    if (typeof suggestedName !== 'string' || suggestedName.length > 255 || /[\\/]/.test(suggestedName)) {
      throw new Error('save-text-file: expected a plain file name (no path separators, at most 255 characters)');
    }
    if (typeof content !== 'string' || Buffer.byteLength(content) > MAX_TEXT_FILE_BYTES) {
      throw new Error('save-text-file: expected text content of at most 64 MiB');
    }
    const window = BrowserWindow.fromWebContents(event.sender);
    const options = { defaultPath: suggestedName };
    const result = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
    if (result.canceled || !result.filePath) return false;
    await writeFile(result.filePath, content, 'utf8');
    return true;
  });

  ipcMain.handle('floor:notify', (event, title: unknown, body: unknown) => {
    if (!fromHost(event)) throw new Error('notify: refused, the sender is not the Floor page');
    if (typeof title !== 'string' || typeof body !== 'string' || title.length > 200 || body.length > 2000) {
      throw new Error('notify: expected a title (<= 200 chars) and a body (<= 2000 chars)');
    }
    new Notification({ title, body }).show();
  });
}
