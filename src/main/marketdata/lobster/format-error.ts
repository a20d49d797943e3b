/**
 * Thrown for LOBSTER data that cannot be replayed: a malformed line, a row that contradicts the
 * messages, corrupt gzip data, files of different lengths. The message reads
 * `<file>:<line>: <what was wrong>; expected <what>`, and the parts are kept apart for the UI.
 */
export class LobsterFormatError extends Error {
  override readonly name: string = 'LobsterFormatError';

  /**
   * @param file the file the problem is in (absolute or as given).
   * @param line its 1-based line number.
   * @param reason what was wrong and what was expected, without the file:line prefix.
   */
  constructor(
    readonly file: string,
    readonly line: number,
    readonly reason: string,
  ) {
    super(`${file}:${line}: ${reason}`);
  }
}
