export * from './context';
export * from './reducer';
export * from './session-sync';
export * from './store';
export * from './terminal-state';
export * from './trade-tape';
export * from './ui-bus';
