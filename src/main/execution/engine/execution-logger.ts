/** Where the order path reports venue input it ignored or could not apply, and failures it survived. */
export interface ExecutionLogger {
  warn(message: string): void;
  error(message: string, error?: unknown): void;
}

/** The console, for callers that give no logger. */
export const consoleExecutionLogger: ExecutionLogger = { warn: (m) => console.warn(m), error: (m, e) => console.error(m, e) };
