/**
 * Floor's layers as data (DESIGN.md "Layout"; VS Code's code-import-patterns idea): each folder of
 * src/ is an element, and each lists the elements it may import. Dependencies point one way, down
 * this table; nothing imports upward. An import into another element goes through that element's
 * public surface: its index.ts, or the index.ts of one of its sub-components (e.g. ledger/chain).
 * Enforced by eslint-plugin-boundaries (eslint.config.js); tests/unit/lint/layers.test.ts proves the
 * rules reject an upward import and an import past an index.ts.
 */
export const LAYERS = {
  /** Runtime-neutral domain types, fixed-point math, the RPC contract: imports nothing of Floor. */
  shared: { pattern: 'src/shared', mayImport: [] },
  /** OrderBook, LOBSTER reader and replay, synthetic market, daily bars. */
  marketdata: { pattern: 'src/main/marketdata', mayImport: ['shared'] },
  /** SQLite schema, migrations, repositories, the signed chain, the unit of work. */
  ledger: { pattern: 'src/main/ledger', mayImport: ['shared'] },
  /** WebAuthn relying party, the interlock, signing keys, credential stores, the signed API's auth. */
  security: { pattern: 'src/main/security', mayImport: ['shared', 'ledger'] },
  /** The Venue port, the paper venue (simulated exchange), Interactive Brokers. */
  venues: { pattern: 'src/main/venues', mayImport: ['shared', 'marketdata', 'ledger'] },
  /** The typed event bus. */
  bus: { pattern: 'src/main/bus', mayImport: ['shared', 'marketdata'] },
  /** The order path: engine, order store, risk, sizing, approval, breaker, portfolio. */
  execution: { pattern: 'src/main/execution', mayImport: ['shared', 'ledger', 'venues', 'marketdata', 'bus'] },
  /** HTTP + WebSocket host, origin checks, RPC dispatch, push conflation, the signed API's routes. */
  host: { pattern: 'src/main/host', mayImport: ['shared', 'security'] },
  /** The composition root shared by `floor serve` and Electron. */
  app: { pattern: 'src/main/app', mayImport: ['shared', 'ledger', 'marketdata', 'venues', 'execution', 'bus', 'security', 'host'] },
  /** The `floor` command. */
  cli: { pattern: 'src/main/cli', mayImport: ['shared', 'app', 'host', 'ledger', 'security', 'marketdata'] },
  /** The Electron shell: the only importer of 'electron'. */
  electron: { pattern: 'src/main/electron', mayImport: ['shared', 'app'] },
  /** The preload's named bridge. */
  preload: { pattern: 'src/preload', mayImport: ['shared'] },
  /** The React app: talks to the host over RPC only. */
  renderer: { pattern: 'src/renderer', mayImport: ['shared'] },
};

/** eslint-plugin-boundaries settings and rules for LAYERS. */
export function layerSettings() {
  return {
    'boundaries/elements': Object.entries(LAYERS).map(([type, { pattern }]) => ({ type, pattern, mode: 'folder' })),
    'boundaries/include': ['src/**/*'],
    'import/resolver': { typescript: { project: './tsconfig.json' } },
  };
}

export function layerRules() {
  return {
    'boundaries/element-types': [
      'error',
      {
        default: 'disallow',
        message: '${file.type} must not import ${dependency.type} (eslint.layers.js: dependencies point one way)',
        rules: Object.entries(LAYERS).map(([type, { mayImport }]) => ({ from: type, allow: mayImport })),
      },
    ],
    'boundaries/entry-point': [
      'error',
      {
        default: 'disallow',
        message: 'import ${dependency.type} through its index.ts (or a sub-component index.ts), not ${dependency.internalPath}',
        rules: [{ target: Object.keys(LAYERS), allow: ['index.ts', '**/index.ts', 'index.tsx', '**/index.tsx'] }],
      },
    ],
  };
}
