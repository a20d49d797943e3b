import { writeFile } from 'node:fs/promises';
import { BrowserWindow, dialog, ipcMain, Notification, systemPreferences, type IpcMainInvokeEvent } from 'electron';
import { DESKTOP_CHANNELS, type TouchIdOutcome } from '../../shared/desktop-bridge';
import { assertTrustedSender, parseNotifyArgs, parseSaveTextFileArgs, parseTouchIdReason, touchIdSupport, type IpcSender } from './ipc-validation';
import { messageOf } from '../../shared';

/** The sending frame as ipc-validation.ts sees it; null when Electron no longer has it. */
function senderOf(event: IpcMainInvokeEvent): IpcSender | null {
  const frame = event.senderFrame;
  return frame ? { url: frame.url, isMainFrame: frame.parent === null } : null;
}

/**
 * Registers the handlers behind the preload's named functions (src/shared/desktop-bridge.ts). Each
 * refuses a sender that is not the top frame of the host origin, then checks its arguments
 * (ipc-validation.ts), and only then touches the OS. A refusal rejects the page's promise with the
 * validator's message.
 * @param hostOrigin `http://localhost:<port>`.
 */
export function registerIpcHandlers(hostOrigin: string): void {
  ipcMain.handle(DESKTOP_CHANNELS.saveTextFile, async (event, suggestedName: unknown, content: unknown) => {
    assertTrustedSender('saveTextFile', senderOf(event), hostOrigin);
    const args = parseSaveTextFileArgs(suggestedName, content);
    const window = BrowserWindow.fromWebContents(event.sender);
    const options = { defaultPath: args.suggestedName };
    const result = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
    if (result.canceled || !result.filePath) return false;
    await writeFile(result.filePath, args.content, 'utf8');
    return true;
  });

  ipcMain.handle(DESKTOP_CHANNELS.notify, (event, title: unknown, body: unknown) => {
    assertTrustedSender('notify', senderOf(event), hostOrigin);
    const args = parseNotifyArgs(title, body);
    if (!Notification.isSupported()) throw new Error('notify: this system has no notification service');
    new Notification({ title: args.title, body: args.body }).show();
  });

  // One Touch ID sheet at a time: a page calling in a loop must not stack system prompts.
  let touchIdPromptOpen = false;
  ipcMain.handle(DESKTOP_CHANNELS.promptTouchID, async (event, reason: unknown): Promise<TouchIdOutcome> => {
    assertTrustedSender('promptTouchID', senderOf(event), hostOrigin);
    const checkedReason = parseTouchIdReason(reason);
    const support = touchIdSupport(process.platform, () => systemPreferences.canPromptTouchID());
    if (!support.supported) return { outcome: 'unsupported', detail: support.detail };
    if (touchIdPromptOpen) throw new Error('promptTouchID: refused, a Touch ID prompt is already open');
    touchIdPromptOpen = true;
    try {
      // Rejects when the trader cancels, fails the fingerprint, or macOS locks Touch ID out.
      await systemPreferences.promptTouchID(checkedReason);
      return { outcome: 'verified' };
    } catch (error) {
      return { outcome: 'not-verified', detail: messageOf(error) };
    } finally {
      touchIdPromptOpen = false;
    }
  });
}
