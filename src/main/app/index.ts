/** The composition root: wires ledger, market data, venue, engine and host into one running terminal. */
export { startTerminal, COMMISSION_SETTING, DATABASE_FILE, type RunningTerminal, type TerminalOptions } from './terminal';
export { defaultDataDir, PRODUCT_NAME } from './data-dir';
