import path from 'node:path';
import { lobsterFileInfo, locateOrderbookFile } from './file-name';
import type { LobsterFileInfoOverride } from './file-name';
import { LobsterPairedReader } from './reader';

/** One LOBSTER pair, opened and checked by name: its reader, its files and the file-name override it was opened with. */
export interface OpenedPair {
  readonly messageFile: string;
  readonly orderbookFile: string;
  readonly override: LobsterFileInfoOverride;
  readonly reader: LobsterPairedReader;
}

/**
 * Opens the pair of `messageFile` (the orderbook file next to it unless given).
 * @throws LobsterFileNameError for a bad name or a missing orderbook file; Error for an unreadable file.
 */
export function openPair(messageFile: string, orderbookFile: string | undefined, override: LobsterFileInfoOverride): OpenedPair {
  const message = path.resolve(messageFile);
  // The name is checked first: a wrong name is the likelier mistake than a missing orderbook file.
  lobsterFileInfo(message, override);
  const orderbook = orderbookFile !== undefined ? path.resolve(orderbookFile) : locateOrderbookFile(message);
  return { messageFile: message, orderbookFile: orderbook, override, reader: new LobsterPairedReader(message, orderbook, override) };
}
