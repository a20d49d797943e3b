export * from './contract';
export * from './schemas';
export * from './interlock';
export * from './api-keys';
export * from './ledger-health';
export * from './trading-mode';
